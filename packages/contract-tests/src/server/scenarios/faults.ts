// Entries a conforming server cannot be made to produce on demand. Each is listed with the reason
// and shown by another means: the mutation proxy answers in the server's place with the documented
// example, and that answer must pass Prism's validating proxy and our checks like any other.
import type { MutationProxy } from "../../mutation/proxy.js";
import { entryId } from "../../spec/matrix.js";
import type { OperationModel } from "../../spec/operations.js";
import { png } from "../png.js";
import { fillPath, req, specRequest } from "../requests.js";
import type { World } from "../world.js";

export interface NotProvokable {
  entry: string;
  reason: string;
}

export const INTERNAL_ERROR_REASON =
  "a 500 internal_error means the server failed unexpectedly; a conforming, healthy server has no request that fails it on purpose";

export const EXPIRY_REASON =
  "the upload URL expires 15 minutes after minting; without control of the server's clock the suite cannot make one expire on demand";

export const OUTPUT_EXPIRY_REASON =
  "a generation's outputs are kept 24 hours; without control of the server's clock the suite cannot make one expire on demand";

/** Codes only the passing of time produces, with why the suite cannot wait for them on an arbitrary server. */
const CLOCK_CODES: Record<string, string> = {
  upload_url_expired: EXPIRY_REASON,
  output_expired: OUTPUT_EXPIRY_REASON,
};

/** Entries not provokable on this target, with the reason (depends on what the target lets us control). */
export function notProvokable(operations: OperationModel[], canMoveClock: boolean): NotProvokable[] {
  const out: NotProvokable[] = [];
  for (const op of operations) {
    for (const r of op.responses) {
      if (r.status === 500)
        for (const code of r.codes)
          out.push({ entry: entryId(op.operationId, 500, code), reason: INTERNAL_ERROR_REASON });
    }
  }
  if (!canMoveClock) {
    for (const op of operations)
      for (const r of op.errors)
        for (const code of r.codes)
          if (CLOCK_CODES[code])
            out.push({ entry: entryId(op.operationId, r.status, code), reason: CLOCK_CODES[code] });
  }
  return out;
}

/** A valid request to the operation, from the spec's examples: the proxy answers it, the server never sees it. */
function requestFor(w: World, op: OperationModel, auth: { key: string }) {
  if (op.credential === "signed-url") {
    // Signed by a ticket, not a key: a made-up ticket URL (req.put keeps only its path and query).
    const url = new URL(`http://storage.invalid${fillPath(w.rec.doc, op)}`);
    url.searchParams.set("expires", "1778235300");
    url.searchParams.set("signature", "0".repeat(64));
    return req.put(url.href, "image/png", png(8, 8));
  }
  return specRequest(w.rec.doc, op, auth);
}

/** Injects each not-provokable entry's documented example; returns evidence per entry id. */
export async function faultScenarios(
  w: World,
  proxy: MutationProxy,
  entries: NotProvokable[],
): Promise<Map<string, string>> {
  const evidence = new Map<string, string>();
  // An injected answer proves something only about a target that answers: when nothing did, the
  // proxy's fake would be the only response of the run, and must not count as a pass.
  if (proxy.upstream.answered === 0) {
    for (const { entry } of entries) {
      const [opId, statusText, code] = entry.split(" ") as [string, string, string];
      w.rec.fail(opId, Number(statusText), code, "not injected: the target never answered a request of this run");
    }
    return evidence;
  }
  const requestId = "req_01JCN8ZK5W3T6Q9RVX2YBHMDEA";
  for (const { entry } of entries) {
    const [opId, statusText, code] = entry.split(" ") as [string, string, string];
    const op = w.rec.op(opId);
    const status = Number(statusText);
    const response = op.responses.find((r) => r.status === status);
    const example = response?.examples[code];
    if (!response || !example) {
      w.rec.fail(opId, status, code, "no documented example to inject");
      continue;
    }
    const headers: Record<string, string> = { "content-type": "application/json", "aurous-request-id": requestId };
    if ("Aurous-Version" in response.headers) headers["aurous-version"] = w.rec.target.apiVersion;
    if ("Retry-After" in response.headers) headers["retry-after"] = "1";
    proxy.setMutations([{ kind: "respond", status, headers, body: JSON.stringify(example) }]);
    try {
      const result = await w.rec.expect(
        opId,
        status,
        code,
        requestFor(w, op, { key: w.main.key as string }),
        "strict",
        "documented example injected by the fault proxy",
      );
      if (result.ok && (proxy.hits[0] ?? 0) > 0) {
        evidence.set(
          entry,
          "the fault proxy answered in the server's place with the documented example; it passed Prism's validating proxy (--errors) and the response checks",
        );
      }
    } finally {
      proxy.setMutations([]);
    }
  }
  return evidence;
}
