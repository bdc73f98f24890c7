// Refusals the runtime makes itself outside schema validation (a signed URL that fails, a body in
// the wrong media type or over the limit), and the codes that answer them. Which code is the
// operation's choice: the first candidate it documents at the refusal's status. Nothing here names an
// operation, so any operation the spec gives the same codes is served the same way.
import { codesAt, type OperationMeta } from "../contract/meta.js";

export const REFUSALS = {
  /** The signed URL's credential (its query) is missing or malformed, or a URL token does not verify. */
  badSignature: { status: 401, codes: ["signature_invalid"] },
  /** A signed URL whose path names nothing usable, or that is used too often. */
  unusableUrl: { status: 400, codes: ["upload_invalid"] },
  /** Raw bytes in a media type the operation does not take. */
  wrongMediaType: { status: 400, codes: ["content_type_mismatch"] },
  /** A body over the size limit (JSON or raw bytes). */
  tooLarge: { status: 413, codes: ["request_too_large", "upload_too_large"] },
} as const satisfies Record<string, { status: number; codes: readonly string[] }>;

export type Refusal = keyof typeof REFUSALS;

/** The code `meta` documents for `refusal`, or undefined when it documents none of the candidates. */
export function refusalCode(meta: OperationMeta, refusal: Refusal): string | undefined {
  const codes = codesAt(meta, REFUSALS[refusal].status);
  return REFUSALS[refusal].codes.find((c) => codes.includes(c));
}

/** The refusals the runtime may make on `meta`, from what the model says of it. */
function refusalsOf(meta: OperationMeta): Refusal[] {
  const out: Refusal[] = [];
  if (meta.credential === "signed-url") out.push("badSignature", "unusableUrl");
  else if (meta.urlToken) out.push("badSignature");
  if (meta.requestBody?.binary) out.push("wrongMediaType");
  if (meta.requestBody) out.push("tooLarge");
  return out;
}

/** Startup check: every refusal the runtime may make on an operation has a documented code there. */
export function assertRefusable(metas: readonly OperationMeta[]): void {
  const gaps = metas.flatMap((meta) =>
    refusalsOf(meta)
      .filter((r) => refusalCode(meta, r) === undefined)
      .map(
        (r) => `${meta.operationId} documents none of ${REFUSALS[r].codes.join(", ")} at ${REFUSALS[r].status} (${r})`,
      ),
  );
  if (gaps.length)
    throw new Error(`createAurousServer: the spec leaves runtime refusals without a code: ${gaps.join("; ")}`);
}
