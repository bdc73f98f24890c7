// Client side vs Prism's mock: every matrix entry forced with `Prefer: code=…, example=…` and
// called through @aurous/client. A success must come back typed and validated (the client's
// response validation is on); an error must be the client's typed AurousApiError with exactly the
// entry's status and code — never its "undocumented response" or "validation failed" errors.
import {
  type ApiResult,
  Aurous,
  AurousApiError,
  AurousConnectionError,
  AurousResponseValidationError,
  AurousUndocumentedResponseError,
} from "@aurous/client";
import type { SideResult } from "../../src/report/types.js";
import type { MatrixEntry } from "../../src/spec/matrix.js";
import { callOperation } from "./client-calls.js";

/** The mock is stateless, so a call that never got an answer (a pooled socket Prism closed as it
 * was reused, under load) is simply sent again; every answer is judged. */
async function callWithReconnect(call: () => Promise<ApiResult<unknown>>): Promise<ApiResult<unknown>> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (!(error instanceof AurousConnectionError) || attempt >= 2) throw error;
    }
  }
}

export async function runClientSuite(mockUrl: string, matrix: MatrixEntry[]): Promise<Map<string, SideResult>> {
  const aurous = new Aurous({
    apiKey: `al_live_${"0".repeat(64)}`,
    baseUrl: mockUrl,
    maxRetries: 0,
    validateResponses: true,
  });
  const results = new Map<string, SideResult>();
  for (const entry of matrix) {
    const prefer = `code=${entry.status}${entry.example ? `, example=${entry.example}` : ""}`;
    try {
      const result = await callWithReconnect(() =>
        callOperation(aurous, mockUrl, entry.operationId, { Prefer: prefer }),
      );
      const status = result.response.status;
      if (entry.code !== null)
        results.set(entry.id, {
          outcome: "fail",
          detail: `expected the client to throw ${entry.status} ${entry.code}, got a ${status} result`,
        });
      else if (status !== entry.status)
        results.set(entry.id, { outcome: "fail", detail: `expected status ${entry.status}, got ${status}` });
      else
        results.set(entry.id, {
          outcome: "pass",
          detail: `typed ${status} result, body validated by the client${result.requestId ? ` (request ${result.requestId})` : ""}`,
        });
    } catch (error) {
      if (error instanceof AurousUndocumentedResponseError || error instanceof AurousResponseValidationError) {
        results.set(entry.id, { outcome: "fail", detail: `${error.name}: ${error.message}` });
      } else if (error instanceof AurousApiError) {
        const ok = entry.code !== null && error.status === entry.status && error.code === entry.code;
        results.set(
          entry.id,
          ok
            ? { outcome: "pass", detail: `${error.name} status ${error.status} code ${error.code}` }
            : {
                outcome: "fail",
                detail: `expected ${entry.status} ${entry.code ?? "(success)"}, the client threw ${error.name} ${error.status} ${error.code}`,
              },
        );
      } else {
        results.set(entry.id, {
          outcome: "fail",
          detail: `unexpected ${(error as Error).name}: ${(error as Error).message}`,
        });
      }
    }
  }
  return results;
}
