// Runtime probes that must not assume Node: the core runs in any runtime with fetch, so `process`
// and `Deno` are read off globalThis and guarded (Deno throws without --allow-env).
import { VERSION } from "./version.js";

interface RuntimeGlobals {
  process?: {
    env?: Record<string, string | undefined>;
    versions?: { node?: string };
    platform?: string;
    arch?: string;
  };
  Deno?: { env?: { get(name: string): string | undefined }; version?: { deno?: string } };
  Bun?: { version?: string };
  navigator?: { userAgent?: string };
  document?: unknown;
}

const globals = globalThis as RuntimeGlobals;

/** An environment variable, trimmed; undefined when unset, empty or unreadable in this runtime. */
export function readEnv(name: string): string | undefined {
  try {
    return (globals.process?.env?.[name] ?? globals.Deno?.env?.get(name))?.trim() || undefined;
  } catch {
    return undefined;
  }
}

/**
 * `name/version` of a server-side runtime, or undefined in a browser (or anything unknown), where
 * a `User-Agent` header is forbidden or would trigger a CORS preflight.
 */
export function runtimeName(): string | undefined {
  const { Deno, Bun, navigator, process, document } = globals;
  // Deno and Bun also expose `process`, so they are asked first.
  if (Deno?.version?.deno) return `deno/${Deno.version.deno}`;
  if (Bun?.version) return `bun/${Bun.version}`;
  if (navigator?.userAgent === "Cloudflare-Workers") return "workerd";
  const node = process?.versions?.node;
  return node && document === undefined ? `node/${node} (${process!.platform}; ${process!.arch})` : undefined;
}

/** The client's `User-Agent`, or undefined where the runtime does not let a script set one. */
export function defaultUserAgent(runtime = runtimeName()): string | undefined {
  return runtime && `@aurous/client/${VERSION} ${runtime}`;
}
