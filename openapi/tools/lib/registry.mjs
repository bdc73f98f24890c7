// The version registry: `x-aurous-versions` at the root of the spec, newest first. Other packages
// read it from the bundle, so its shape is validated here, in one place, and strictly (an unknown
// key is an error, so a typo such as `operation:` cannot silently drop a declaration).

export const REGISTRY_KEY = "x-aurous-versions";
export const CHANGE_TYPES = ["added", "changed", "removed"];

const ENTRY_KEYS = new Set(["version", "summary", "breaking", "changes"]);
const CHANGE_KEYS = new Set(["type", "description", "operations"]);

/** True for a real calendar date written `YYYY-MM-DD`. */
export function isDateVersion(value) {
  if (typeof value !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

export class RegistryError extends Error {
  constructor(problems) {
    super(`${REGISTRY_KEY} is invalid:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.problems = problems;
  }
}

const nonEmptyString = (v) => typeof v === "string" && v.trim().length > 0;

function entryProblems(entry, at) {
  const problems = [];
  if (!entry || typeof entry !== "object" || Array.isArray(entry)) return [`${at} must be an object`];
  for (const key of Object.keys(entry)) if (!ENTRY_KEYS.has(key)) problems.push(`${at} has unknown key "${key}"`);
  if (!isDateVersion(entry.version))
    problems.push(`${at}.version must be a YYYY-MM-DD date, got ${JSON.stringify(entry.version)}`);
  if (!nonEmptyString(entry.summary)) problems.push(`${at}.summary must be a non-empty string`);
  if (typeof entry.breaking !== "boolean") problems.push(`${at}.breaking must be true or false`);
  if (!Array.isArray(entry.changes)) return [...problems, `${at}.changes must be an array`];
  entry.changes.forEach((change, j) => {
    const cat = `${at}.changes[${j}]`;
    if (!change || typeof change !== "object" || Array.isArray(change)) {
      problems.push(`${cat} must be an object`);
      return;
    }
    for (const key of Object.keys(change)) if (!CHANGE_KEYS.has(key)) problems.push(`${cat} has unknown key "${key}"`);
    if (!CHANGE_TYPES.includes(change.type)) problems.push(`${cat}.type must be one of ${CHANGE_TYPES.join(", ")}`);
    if (!nonEmptyString(change.description)) problems.push(`${cat}.description must be a non-empty string`);
    if (change.operations !== undefined) {
      const ops = change.operations;
      if (!Array.isArray(ops) || ops.length === 0 || !ops.every(nonEmptyString) || new Set(ops).size !== ops.length) {
        problems.push(`${cat}.operations must be a non-empty list of distinct operationIds`);
      }
    }
  });
  // A breaking version has to say what broke: that text is what pinned clients read to migrate.
  if (entry.breaking === true && !entry.changes.some((c) => c?.type === "changed" || c?.type === "removed")) {
    problems.push(`${at} is breaking but lists no "changed" or "removed" change`);
  }
  return problems;
}

/**
 * Returns the registry entries (newest first) of a spec, or throws RegistryError listing every
 * problem: shape, strictly descending dates, info.version equal to the newest entry, and a first
 * version that cannot be breaking (there is nothing before it to break).
 */
export function readRegistry(spec) {
  const entries = spec?.[REGISTRY_KEY];
  if (!Array.isArray(entries) || entries.length === 0)
    throw new RegistryError([`${REGISTRY_KEY} must be a non-empty array`]);
  const problems = entries.flatMap((entry, i) => entryProblems(entry, `${REGISTRY_KEY}[${i}]`));
  for (let i = 1; i < entries.length; i++) {
    const newer = entries[i - 1]?.version;
    const older = entries[i]?.version;
    if (isDateVersion(newer) && isDateVersion(older) && !(newer > older)) {
      problems.push(`${REGISTRY_KEY} must be in strictly descending date order: ${newer} is listed before ${older}`);
    }
  }
  if (spec?.info?.version !== entries[0]?.version) {
    problems.push(
      `info.version (${spec?.info?.version}) must equal the newest ${REGISTRY_KEY} entry (${entries[0]?.version})`,
    );
  }
  if (entries.at(-1)?.breaking === true)
    problems.push(`the first version ${entries.at(-1).version} cannot be breaking`);
  if (problems.length > 0) throw new RegistryError(problems);
  return entries;
}
