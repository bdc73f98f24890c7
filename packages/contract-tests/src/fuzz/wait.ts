// Waiting out a 429 when the caller cannot move the server's clock: Retry-After, capped at a minute.
export function sleepSeconds(seconds: number): Promise<void> {
  return new Promise<void>((resolve) => setTimeout(resolve, Math.min(seconds, 60) * 1000));
}
