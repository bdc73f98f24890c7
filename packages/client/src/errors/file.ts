import { AurousError } from "./base.js";

/** `uploadFile` could not read the file (missing, a directory, no permission…); `cause` is the fs error. */
export class AurousFileError extends AurousError {
  override name = "AurousFileError";
  declare readonly path: string;

  constructor(path: string, cause: unknown) {
    const reason =
      (cause as { code?: string } | null)?.code ?? (cause instanceof Error ? cause.message : String(cause));
    super(`cannot read ${path} (${reason})`, { cause });
    this.path = path;
  }
}
