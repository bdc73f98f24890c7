// The contract matrix on both sides, in one run so the report has both columns:
// - client side: each entry forced from Prism's mock and called through @aurous/client;
// - server side: each entry provoked on the sandbox through Prism's validating proxy;
// - mutation check: the server-side suite must fail, naming the problem, against broken servers;
// then the markdown matrix and JUnit XML are written to reports/.
import { existsSync, readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SpecValidator } from "../src/conformance/validator.js";
import type { Mutation } from "../src/mutation/proxy.js";
import { type PrismHandle, startPrism } from "../src/prism/process.js";
import type { ContractReport, SideResult } from "../src/report/types.js";
import { writeReport } from "../src/report/write.js";
import { type Harness, startHarness } from "../src/server/harness.js";
import { runServerSuite, type ScenarioGroup, type ServerSuiteResult } from "../src/server/suite.js";
import { defaultSpecPath, loadSpec } from "../src/spec/bundle.js";
import { buildMatrix } from "../src/spec/matrix.js";
import { runClientSuite } from "./support/client-suite.js";
import { startTestSandbox, type TestSandbox } from "./support/sandbox.js";

const specPath = defaultSpecPath();
const doc = loadSpec(specPath);
const matrix = buildMatrix(doc);
const validator = new SpecValidator(doc);
let sandbox: TestSandbox;
let harness: Harness;
let mock: PrismHandle;
let server: ServerSuiteResult;
let client: Map<string, SideResult>;

function serverRun(groups?: readonly ScenarioGroup[]) {
  return runServerSuite({
    doc,
    validator,
    harness,
    keys: {
      full: sandbox.keys.full,
      secondTeam: sandbox.keys.secondTeam,
      lowCredit: sandbox.keys.lowCredit,
      readOnly: sandbox.keys.readOnly,
      revoked: sandbox.keys.revoked,
    },
    hooks: { advanceClock: (ms) => sandbox.clock.advance(ms), failingPrompt: "[sandbox:fail]" },
    ...(groups ? { groups } : {}),
    log: process.env.CONTRACT_VERBOSE ? (l) => console.log(l) : undefined,
  });
}

beforeAll(async () => {
  sandbox = await startTestSandbox();
  // Started side by side; whichever succeeded is kept for afterAll even if the other failed.
  const [h, m] = await Promise.allSettled([
    startHarness({ specPath, serverUrl: sandbox.origin }),
    startPrism({ mode: "mock", specPath }),
  ]);
  if (h.status === "fulfilled") harness = h.value;
  if (m.status === "fulfilled") mock = m.value;
  if (h.status === "rejected") throw h.reason;
  if (m.status === "rejected") throw m.reason;
  client = await runClientSuite(mock.url, matrix);
  server = await serverRun();
}, 240_000);

afterAll(async () => {
  await Promise.allSettled([harness?.stop(), mock?.stop()]);
  await sandbox?.close();
});

const notPassing = (results: Map<string, SideResult>, allowed: SideResult["outcome"][]) =>
  matrix
    .filter((e) => !allowed.includes(results.get(e.id)?.outcome ?? "not-exercised"))
    .map((e) => `${e.id}: ${results.get(e.id)?.outcome} — ${results.get(e.id)?.detail}`);

describe("client side: every entry forced from Prism's mock, through @aurous/client", () => {
  it("returns the typed result or throws the typed error with the entry's status and code, validation passing", () => {
    expect(client.size).toBe(matrix.length);
    expect(notPassing(client, ["pass"])).toEqual([]);
  });
});

describe("server side: every entry provoked on the sandbox, through Prism's validating proxy", () => {
  it("produces every documented entry as documented, or shows it by fault injection with a stated reason", () => {
    expect(notPassing(server.results, ["pass", "not-provokable"])).toEqual([]);
  });

  it("lists exactly the entries a healthy server cannot produce, each with its reason and evidence", () => {
    const np = matrix.filter((e) => server.results.get(e.id)?.outcome === "not-provokable");
    // One 500 internal_error per operation; everything else is provoked (the clock is movable here).
    expect(np.filter((e) => e.status === 500)).toHaveLength(matrix.filter((e) => e.status === 500).length);
    expect(np.filter((e) => e.status !== 500).map((e) => e.id)).toEqual([]);
    for (const e of np) {
      expect(server.results.get(e.id)?.detail?.length, e.id).toBeGreaterThan(60);
      expect(server.results.get(e.id)?.evidence, e.id).toMatch(/fault proxy/);
    }
  });

  it("saw nothing undocumented in any response, and every scenario group ran to the end", () => {
    expect(server.extras.filter((e) => e.outcome === "fail").map((e) => e.detail ?? e.name)).toEqual([]);
    expect(server.calls).toBeGreaterThan(400);
  });
});

describe("mutation check: the server-side suite fails against deliberately broken servers", () => {
  async function against(mutations: Mutation[]): Promise<ServerSuiteResult> {
    harness.proxy.setMutations(mutations);
    try {
      return await serverRun(["uploads", "characters"]);
    } finally {
      harness.proxy.setMutations([]);
    }
  }

  it("(a) a renamed error code is named, with the codes the spec documents", async () => {
    const r = await against([{ kind: "rename-code", from: "invalid_request", to: "malformed_input" }]);
    expect(r.failures.join("\n")).toMatch(
      /undocumented error code "malformed_input" \(documented for updateCharacter 400: unknown_version, invalid_request\)/,
    );
    expect(r.results.get("updateCharacter 400 invalid_request")?.outcome).toBe("fail");
  }, 60_000);

  // The spec lets the real API add fields (additive changes); our checks still flag any field the
  // spec does not list, since finding where a deployment and the spec differ is their job.
  it("(d) an undocumented field in a success body is named", async () => {
    const r = await against([
      {
        kind: "add-field",
        field: "nickname",
        value: "Rory",
        match: { method: "GET", path: /^\/v1\/characters\/char_/ },
      },
    ]);
    expect(r.failures.join("\n")).toMatch(/getCharacter 200: body \/ must NOT have unevaluated properties/);
    expect(r.results.get("getCharacter 200")?.outcome).toBe("fail");
  }, 60_000);

  it("(b) a required field dropped from a success body is named", async () => {
    const r = await against([
      { kind: "drop-field", field: "status", match: { method: "GET", path: /^\/v1\/characters\/char_/ } },
    ]);
    expect(r.failures.join("\n")).toMatch(
      /getCharacter \(response refused by Prism\): Prism flagged the response at response.body: Response body must have required property 'status'/,
    );
    expect(r.results.get("getCharacter 200")?.outcome).toBe("fail");
  }, 60_000);

  it("(c) an undocumented status is named", async () => {
    const r = await against([{ kind: "status", status: 418, match: { method: "DELETE" } }]);
    const text = r.failures.join("\n");
    // Prism passes an unknown status through, flagged in sl-violations; our checker names it too.
    expect(text).toMatch(
      /deleteCharacter 418: undocumented status 418 \(documented: 200, 400, 401, 403, 404, 413, 429, 500\)/,
    );
    expect(text).toMatch(
      /deleteCharacter 418: Prism flagged the response at response: Unable to match the returned status code/,
    );
    expect(r.results.get("deleteCharacter 200")?.outcome).toBe("fail");
  }, 60_000);
});

describe("report", () => {
  it("writes the markdown matrix (entry × client/server) and JUnit XML", () => {
    const report: ContractReport = {
      title: "Aurous Labs V1 Characters API — contract matrix",
      generatedAt: new Date().toISOString(),
      target: `sandbox ${sandbox.origin} (server) and Prism mock (client)`,
      sides: ["client", "server"],
      rows: matrix.map((entry) => ({ entry, client: client.get(entry.id), server: server.results.get(entry.id) })),
      extras: server.extras,
    };
    const { markdown, junit } = writeReport(report, "reports");
    expect(existsSync(markdown) && existsSync(junit)).toBe(true);
    const md = readFileSync(markdown, "utf8");
    expect(md).toContain("| operation | status | code | client | server |");
    expect(md).toContain("**Verdict: conforming**");
    expect(md).toContain("| regenerateCharacterRef | 429 | rate_limit_exceeded | ✅ pass | ✅ pass |");
    const xml = readFileSync(junit, "utf8");
    expect(xml).toContain(`<testsuite name="contract matrix: server" tests="${matrix.length}" failures="0"`);
  });
});
