import { AurousError } from "./base.js";

/**
 * `uploadFile` could not read the file, or `downloadFile` could not write it (missing directory, no
 * permission…); `cause` is the fs error.
 */
export class AurousFileError extends AurousError {
  override name = "AurousFileError";
  declare readonly path: string;

  constructor(path: string, cause: unknown, action: "read" | "write" = "read") {
    const reason =
      (cause as { code?: string } | null)?.code ?? (cause instanceof Error ? cause.message : String(cause));
    super(`cannot ${action} ${path} (${reason})`, { cause });
    this.path = path;
  }
}
