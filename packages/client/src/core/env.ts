// Runtime probes that must not assume Node: the core runs in any runtime with fetch, so `process`
// and `Deno` are read off globalThis and guarded (Deno throws without --allow-env).
import { VERSION } from './version.js';

interface RuntimeGlobals {
  process?: { env?: Record<string, string | undefined>; versions?: { node?: string }; platform?: string; arch?: string };
  Deno?: { env?: { get(name: string): string | undefined }; version?: { deno?: string } };
  Bun?: { version?: string };
  navigator?: { userAgent?: string };
  document?: unknown;
  EdgeRuntime?: unknown;
}

const globals = globalThis as RuntimeGlobals;

/** An environment variable, trimmed; undefined when unset, empty or unreadable in this runtime. */
export function readEnv(name: string): string | undefined {
  try {
    const value = globals.process?.env?.[name] ?? globals.Deno?.env?.get(name);
    return value?.trim() || undefined;
  } catch {
    return undefined;
  }
}

/**
 * `name/version` of a server-side runtime, or undefined in a browser (or anything unknown), where
 * a `User-Agent` header is forbidden or would trigger a CORS preflight.
 */
export function runtimeName(): string | undefined {
  // Deno and Bun also expose `process`, so they are asked first.
  if (typeof globals.Deno?.version?.deno === 'string') return `deno/${globals.Deno.version.deno}`;
  if (typeof globals.Bun?.version === 'string') return `bun/${globals.Bun.version}`;
  if (globals.navigator?.userAgent === 'Cloudflare-Workers') return 'workerd';
  if (typeof globals.EdgeRuntime === 'string') return 'edge-runtime';
  const node = globals.process?.versions?.node;
  if (typeof node === 'string' && globals.document === undefined) return `node/${node}`;
  return undefined;
}

/** The client's `User-Agent`, or undefined where the runtime does not let a script set one. */
export function defaultUserAgent(runtime = runtimeName()): string | undefined {
  if (!runtime) return undefined;
  const { platform, arch } = globals.process ?? {};
  const os = runtime.startsWith('node/') && platform && arch ? ` (${platform}; ${arch})` : '';
  return `@aurous/client/${VERSION} ${runtime}${os}`;
}
