export interface RateLimit {
  limit: number;
  remaining: number;
  /** Unix time (seconds) at which the bucket would be full again. */
  reset: number;
}

/** What every call resolves to: the typed body plus what the response headers say about it. */
export interface ApiResult<T> {
  data: T;
  /** `Aurous-Request-Id`; quote it to support. */
  requestId: string | null;
  /** The `Aurous-Version` the server applied. */
  version: string | null;
  /** True when `Aurous-Idempotent-Replayed: true`: the stored answer to an earlier request with the key. */
  replayed: boolean;
  /** `X-RateLimit-*`, absent when the request did not draw from a bucket. */
  rateLimit: RateLimit | null;
  response: Response;
}

export function toResult<T>(data: T, response: Response): ApiResult<T> {
  const headers = response.headers;
  const limit = headers.get("x-ratelimit-limit");
  return {
    data,
    requestId: headers.get("aurous-request-id"),
    version: headers.get("aurous-version"),
    replayed: headers.get("aurous-idempotent-replayed") === "true",
    rateLimit:
      limit === null
        ? null
        : {
            limit: Number(limit),
            remaining: Number(headers.get("x-ratelimit-remaining")),
            reset: Number(headers.get("x-ratelimit-reset")),
          },
    response,
  };
}
