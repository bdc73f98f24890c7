// Before anything starts: does anything answer at the target? Without this a wrong URL or a server
// that is down costs a full run of 502s from our own proxies instead of one clear line.

/** Why a fetch failed, in the words a user can act on (ECONNREFUSED, ENOTFOUND, a timeout…). */
function reason(error: unknown, timeoutMs: number): string {
  if ((error as Error).name === "TimeoutError") return `no answer within ${timeoutMs / 1000} s`;
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message;
}

/**
 * Null when the target answers HTTP at all (any status: an unauthenticated list is a 401 and draws
 * from no bucket), else the message to print.
 */
export async function unreachable(baseUrl: string, timeoutMs = 10_000): Promise<string | null> {
  try {
    const response = await fetch(`${baseUrl}/v1/characters`, {
      signal: AbortSignal.timeout(timeoutMs),
      redirect: "manual",
    });
    await response.body?.cancel();
    return null;
  } catch (error) {
    return `nothing answers at ${baseUrl} (${reason(error, timeoutMs)}): check --base-url and that the server is running`;
  }
}
