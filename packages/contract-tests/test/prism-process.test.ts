// Prism process management: a free 127.0.0.1 port, ready only when Prism says it listens, and
// nothing left behind after stop() — the process and its port are gone.
import { createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { startPrism } from "../src/prism/process.js";
import { defaultSpecPath } from "../src/spec/bundle.js";

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe("startPrism / stop", () => {
  it("serves the spec's examples on 127.0.0.1, then leaves no process and no open port", async () => {
    const prism = await startPrism({ mode: "mock", specPath: defaultSpecPath() });
    try {
      expect(prism.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const res = await fetch(`${prism.url}/v1/characters/char_01HXMQ7Z3K8Y2NABCDEFGHJKMR`, {
        headers: { "X-Api-Key": `al_live_${"0".repeat(64)}`, Prefer: "code=404, example=resource_not_found" },
      });
      expect(res.status).toBe(404);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("resource_not_found");
      expect(alive(prism.pid)).toBe(true);
    } finally {
      await prism.stop();
    }
    expect(alive(prism.pid)).toBe(false);
    // The port is free again: we can bind it ourselves.
    await new Promise<void>((resolve, reject) => {
      const probe = createServer()
        .once("error", reject)
        .listen(prism.port, "127.0.0.1", () => probe.close(() => resolve()));
    });
  });

  it("reports Prism's own output when it cannot start (here: a spec that does not exist)", async () => {
    await expect(
      startPrism({ mode: "mock", specPath: "/nonexistent/openapi.json", readyTimeoutMs: 30_000 }),
    ).rejects.toThrow(/Prism (exited|did not start)/);
  });
});
