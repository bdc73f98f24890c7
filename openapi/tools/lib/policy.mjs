// When is a breaking difference allowed? Only in a new date version that declares it: the working
// spec's newest registry entry is newer than the newest frozen release, info.version equals it, it is
// marked `breaking: true`, and a `changed` or `removed` change lists an operationId the difference
// affects. Consecutive frozen releases are held to the same rule, so freezing a version in the same
// commit that declares it cannot skip the check.
import { diffSpecs } from "./operation-diff.mjs";
import { readRegistry } from "./registry.mjs";

function declares(entry, finding) {
  if (!entry?.breaking) return false;
  return entry.changes.some(
    (c) =>
      (c.type === "changed" || c.type === "removed") && c.operations?.some((id) => finding.operationIds.includes(id)),
  );
}

function transition(from, toVersion, toLabel, beforeDoc, afterDoc, entry) {
  const findings = diffSpecs(beforeDoc, afterDoc);
  return {
    fromVersion: from.version,
    fromLabel: `releases/${from.file}`,
    toVersion,
    toLabel,
    entry,
    declared: findings.filter((f) => declares(entry, f)),
    violations: findings.filter((f) => !declares(entry, f)),
  };
}

function registryOf(doc, label, problems) {
  try {
    return readRegistry(doc);
  } catch (error) {
    problems.push(...(error.problems ?? [error.message]).map((p) => `${label}: ${p}`));
    return undefined;
  }
}

/**
 * working: the bundled working spec. releases: listReleases() (oldest first).
 * Returns { ok, problems: string[], transitions: [{ fromVersion, toVersion, declared, violations, ... }] }.
 */
export function evaluate(working, releases) {
  const problems = [];
  const entries = registryOf(working, "working spec", problems);
  if (!entries) return { ok: false, problems, transitions: [] };
  if (releases.length === 0) {
    problems.push("releases/ holds no frozen release: run `pnpm release:freeze` to freeze the current version");
    return { ok: false, problems, transitions: [] };
  }
  const known = new Set(entries.map((e) => e.version));
  const frozen = new Set(releases.map((r) => r.version));
  for (const r of releases) {
    if (!known.has(r.version)) problems.push(`releases/${r.file} is not a version in x-aurous-versions`);
    if (r.doc?.info?.version !== r.version)
      problems.push(`releases/${r.file} has info.version ${r.doc?.info?.version}`);
  }
  for (const e of entries.slice(1)) {
    if (!frozen.has(e.version))
      problems.push(
        `${e.version} is a released version in x-aurous-versions but releases/${e.version}.json is missing`,
      );
  }
  const newest = releases.at(-1);
  const version = working.info.version;
  if (version < newest.version)
    problems.push(`info.version ${version} is older than the newest frozen release ${newest.version}`);
  if (problems.length > 0) return { ok: false, problems, transitions: [] };

  const transitions = [];
  for (let i = 1; i < releases.length; i++) {
    const [from, to] = [releases[i - 1], releases[i]];
    const entry = registryOf(to.doc, `releases/${to.file}`, problems)?.[0];
    transitions.push(transition(from, to.version, `releases/${to.file}`, from.doc, to.doc, entry));
  }
  // Under an already released version only additive changes may follow: nothing can declare them.
  const declaring = version > newest.version ? entries[0] : undefined;
  transitions.push(transition(newest, version, "the working spec", newest.doc, working, declaring));
  const ok = problems.length === 0 && transitions.every((t) => t.violations.length === 0);
  return { ok, problems, transitions };
}
