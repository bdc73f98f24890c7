// Human-readable output of the breaking check: rule, operation, location, before → after, and what
// to do about it.

function finding(f) {
  const ids = f.operationIds.length ? ` (${f.operationIds.join(" → ")})` : "";
  return [
    `  ${f.rule}  ${f.operation}${ids}`,
    `      at      ${f.location}`,
    `      change  ${f.before} → ${f.after}`,
  ].join("\n");
}

function advice(t) {
  const ops = [...new Set(t.violations.flatMap((f) => f.operationIds))].join(", ");
  if (!t.entry) {
    return [
      `These break clients pinned to ${t.fromVersion}. Make the change additive, or declare a new date version`,
      `(openapi/README.md, "Declaring a new date version"): add an x-aurous-versions entry newer than`,
      `${t.fromVersion} with breaking: true and a "changed" or "removed" change whose operations list`,
      `[${ops}], set info.version to it, then run \`pnpm release:freeze\`.`,
    ].join("\n");
  }
  if (!t.entry.breaking) return `${t.toVersion} declares these changes only if it is marked breaking: true.`;
  return `List [${ops}] in the operations of a "changed" or "removed" change of ${t.toVersion}, with a description clients can migrate by.`;
}

export function formatReport(result) {
  const out = [];
  for (const p of result.problems) out.push(`✖ ${p}`);
  for (const t of result.transitions) {
    const head = `${t.toLabel} (${t.toVersion}) against ${t.fromLabel}`;
    if (t.declared.length > 0) {
      out.push(
        `ℹ ${head}: ${t.declared.length} breaking change(s) declared in ${t.toVersion}:`,
        ...t.declared.map(finding),
      );
    }
    if (t.violations.length === 0) {
      out.push(`✔ ${head}: no undeclared breaking change.`);
    } else {
      out.push(`✖ ${head}: ${t.violations.length} breaking change(s) not declared in a new date version:`, "");
      out.push(...t.violations.map((f) => `${finding(f)}\n`), advice(t));
    }
  }
  return `${out.join("\n")}\n`;
}
