// What the release check reads out of a package manifest: which subpaths to load, in which module
// systems, which bins to run, and which attw profile applies.

/** Whether an `exports` target (a string, a conditions object or an array of them) has `condition`. */
function hasCondition(target, condition) {
  if (Array.isArray(target)) return target.some((t) => hasCondition(t, condition));
  if (target === null || typeof target !== "object") return false;
  return Object.entries(target).some(([key, value]) => key === condition || hasCondition(value, condition));
}

/** The `exports` map as { subpath: target } (a bare string or conditions object means "."). */
function exportsMap(manifest) {
  const { exports } = manifest;
  if (exports === undefined) return { ".": manifest.main ?? "./index.js" };
  if (typeof exports === "string" || Array.isArray(exports)) return { ".": exports };
  return Object.keys(exports).every((k) => k.startsWith(".")) ? exports : { ".": exports };
}

/**
 * The specifiers a consumer can load, split by module system. ./package.json is data, not code,
 * and pattern subpaths (`./*`) name no single file, so neither is loaded.
 */
export function entryPoints(manifest) {
  const esm = [];
  const cjs = [];
  for (const [subpath, target] of Object.entries(exportsMap(manifest))) {
    if (subpath === "./package.json" || subpath.includes("*") || target === null) continue;
    const specifier = subpath === "." ? manifest.name : `${manifest.name}/${subpath.slice(2)}`;
    esm.push(specifier);
    // Without a `require` condition a subpath is ESM-only on purpose (or CJS only by the package
    // type); either way CommonJS consumers are only promised what `require` names.
    const requirable = hasCondition(target, "require") || (typeof target === "string" && manifest.type !== "module");
    if (requirable) cjs.push(specifier);
  }
  return { esm, cjs };
}

/**
 * The attw profile: dual packages must resolve under node16 (from CJS and from ESM) and bundlers;
 * ESM-only packages under node16-from-ESM and bundlers. node10 resolution (`moduleResolution:
 * node`) is not required: TypeScript 6 deprecates it (TS5107) and removes it in 7.
 */
export function attwProfile(manifest) {
  return entryPoints(manifest).cjs.length > 0 ? "node16" : "esm-only";
}

/** The package's executables, as bin names. */
export function binNames(manifest) {
  if (!manifest.bin) return [];
  if (typeof manifest.bin === "string") return [manifest.name.split("/").pop()];
  return Object.keys(manifest.bin);
}

/** Dependency ranges still using pnpm's workspace: protocol, which npm cannot install. */
export function workspaceRanges(manifest) {
  const fields = ["dependencies", "peerDependencies", "optionalDependencies"];
  return fields.flatMap((field) =>
    Object.entries(manifest[field] ?? {})
      .filter(([, range]) => String(range).startsWith("workspace:"))
      .map(([name, range]) => `${field}.${name}: ${range}`),
  );
}

/**
 * Why a packed file list does not carry the package's licence: a `license` field is required, and a
 * LICENSE file at the tarball's root (npm users and licence scanners look there, not at the field).
 */
export function licenseProblems(manifest, packedFiles) {
  const problems = [];
  if (!manifest.license) problems.push("package.json has no license field");
  const file = packedFiles.find((f) => /^licen[cs]e(\.(md|txt))?$/i.test(f));
  if (!file)
    problems.push(`the tarball has no LICENSE file (files: ${packedFiles.filter((f) => !f.includes("/")).join(", ")})`);
  return problems;
}
