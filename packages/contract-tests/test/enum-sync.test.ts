// Enum sync: every enum of the spec equals the client's generated zod enum and metadata, and the
// server runtime's generated metadata and accepted values — read from the generated artifacts,
// never typed here. A drift fails.
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { operations as clientOperations } from "@aurous/client";
import { operations as stubOperations, componentSchemas as stubSchemas } from "@aurous/server-stubs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compareEnums, describeDrift, specEnums } from "../src/enums.js";
import { expectInit } from "../src/fuzz/expect-valid.js";
import { send } from "../src/http/exchange.js";
import { req, UNKNOWN_CHARACTER } from "../src/server/requests.js";
import { loadSpec } from "../src/spec/bundle.js";
import { startTestSandbox, type TestSandbox } from "./support/sandbox.js";

const doc = loadSpec();
const spec = specEnums(doc);

interface ZodEnumLike {
  options?: unknown[];
  safeParse(v: unknown): { success: boolean };
}

/** The client's generated zod module. @aurous/client does not export it (only its runtime API),
 * so it is loaded from the package's generated source next to its package.json. */
async function clientZod(): Promise<Record<string, unknown>> {
  const pkg = createRequire(import.meta.url).resolve("@aurous/client/package.json");
  return (await import(pathToFileURL(join(dirname(pkg), "src/generated/zod.gen.ts")).href)) as Record<string, unknown>;
}

describe("enum sync: spec ↔ client", () => {
  it("every component enum equals the client's generated zod enum (z<Name>.options), which accepts exactly those values", async () => {
    const zod = await clientZod();
    const artifact: Record<string, unknown> = {};
    for (const name of Object.keys(spec.components)) {
      const schema = zod[`z${name}`] as ZodEnumLike | undefined;
      artifact[name] = schema?.options;
      for (const value of spec.components[name] ?? [])
        expect(schema?.safeParse(value).success, `z${name} accepts ${value}`).toBe(true);
      expect(schema?.safeParse("not-a-member").success, `z${name} rejects a non-member`).toBe(false);
    }
    expect(Object.keys(spec.components).length).toBeGreaterThanOrEqual(7);
    expect(describeDrift(compareEnums("client zod", spec.components, artifact))).toEqual([]);
  });

  it("every operation's documented error codes and type per status equal the client's generated metadata", () => {
    const codes: Record<string, unknown> = {};
    const types: Record<string, unknown> = {};
    for (const [opId, meta] of Object.entries(
      clientOperations as Record<string, { errors: Record<string, { type: string; codes: readonly string[] }> }>,
    )) {
      for (const [status, e] of Object.entries(meta.errors)) {
        codes[`${opId} ${status}`] = [...e.codes];
        types[`${opId} ${status}`] = e.type;
      }
    }
    expect(
      describeDrift([
        ...compareEnums("client meta codes", spec.errorCodes, codes),
        ...compareEnums("client meta types", spec.errorTypes, types),
      ]),
    ).toEqual([]);
  });
});

describe("enum sync: spec ↔ server runtime", () => {
  it("every component enum equals the server stubs' generated component schemas", () => {
    const artifact: Record<string, unknown> = {};
    for (const name of Object.keys(spec.components))
      artifact[name] = (stubSchemas[name] as { enum?: unknown } | undefined)?.enum;
    expect(describeDrift(compareEnums("server-stubs componentSchemas", spec.components, artifact))).toEqual([]);
  });

  it("every operation's documented error codes and type per status equal the server stubs' generated metadata", () => {
    const codes: Record<string, unknown> = {};
    const types: Record<string, unknown> = {};
    for (const [opId, meta] of Object.entries(stubOperations)) {
      for (const [status, r] of Object.entries(meta.responses)) {
        if (r.kind !== "error") continue;
        codes[`${opId} ${status}`] = r.codes;
        types[`${opId} ${status}`] = r.errorType;
      }
    }
    expect(
      describeDrift([
        ...compareEnums("server-stubs codes", spec.errorCodes, codes),
        ...compareEnums("server-stubs types", spec.errorTypes, types),
      ]),
    ).toEqual([]);
  });

  describe("the running server accepts exactly the spec's request enum values", () => {
    let sandbox: TestSandbox;
    beforeAll(async () => {
      sandbox = await startTestSandbox();
    });
    afterAll(async () => {
      await sandbox?.close();
    });
    const auth = () => ({ key: sandbox.keys.fuzz });

    it("Pose: every value passes validation on regenerate (404 for an unknown id), anything else is refused", async () => {
      for (const pose of spec.components.Pose ?? []) {
        const x = await send(
          sandbox.origin,
          req.regenerate({ ...auth(), idempotencyKey: crypto.randomUUID() }, UNKNOWN_CHARACTER, { pose }),
        );
        expect(x.status, pose).toBe(404);
      }
      const bad = await send(
        sandbox.origin,
        req.regenerate({ ...auth(), idempotencyKey: crypto.randomUUID() }, UNKNOWN_CHARACTER, { pose: "hat" }),
      );
      expect(bad.status).toBe(400);
    });

    it("CharacterStatusFilter: every value lists, anything else (including `deleted`) is refused", async () => {
      for (const status of spec.components.CharacterStatusFilter ?? []) {
        expect((await send(sandbox.origin, req.list(auth(), `?status=${status}`))).status, status).toBe(200);
      }
      for (const status of ["deleted", "bogus"])
        expect((await send(sandbox.origin, req.list(auth(), `?status=${status}`))).status, status).toBe(400);
    });

    it("UploadExtension × UploadContentType: every pair passes validation (201, or 400 parameter_invalid_combination when they disagree), anything else is refused", async () => {
      for (const extension of spec.components.UploadExtension ?? []) {
        for (const content_type of spec.components.UploadContentType ?? []) {
          const x = await send(sandbox.origin, req.init(auth(), { filename: "a", extension, content_type }));
          const expected = expectInit({ extension, content_type });
          expect(
            [x.status, (x.json as { error?: { code?: string } }).error?.code],
            `${extension} ${content_type}`,
          ).toEqual([expected.status, expected.codes[0]]);
        }
      }
      const bad = await send(
        sandbox.origin,
        req.init(auth(), { filename: "a", extension: "gif", content_type: "image/gif" }),
      );
      expect([bad.status, (bad.json as { error?: { code?: string } }).error?.code]).toEqual([400, "invalid_format"]);
    });
  });
});

describe("enum sync: drift detection itself", () => {
  it("reports a value added on one side, a value removed, and a reordering", () => {
    const drift = describeDrift(
      compareEnums(
        "x",
        { Pose: ["front", "side"], Status: ["a", "b"], Order: ["a", "b"] },
        { Pose: ["front", "side", "top"], Status: ["a"], Order: ["b", "a"] },
      ),
    );
    expect(drift).toEqual([
      'x: Pose: spec ["front","side"] ≠ artifact ["front","side","top"]',
      'x: Status: spec ["a","b"] ≠ artifact ["a"]',
      'x: Order: spec ["a","b"] ≠ artifact ["b","a"]',
    ]);
  });
});
