// Starts a throwaway redis-server on 127.0.0.1 (free port, no persistence) for the Redis store
// tests. Without redis-server on PATH the tests fail under CI=true and are skipped locally.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Redis } from "ioredis";

export const INSTALL_HINT = "apt-get update && apt-get install -y redis-server";

export function redisServerAvailable(): boolean {
  return spawnSync("redis-server", ["--version"], { stdio: "ignore" }).status === 0;
}

/** In CI a missing redis-server is an error, never a silent skip. */
export function requireRedisInCi(): void {
  if (!redisServerAvailable() && process.env.CI === "true") {
    throw new Error(`redis-server is not on PATH; the Redis store tests need it (${INSTALL_HINT}).`);
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

export interface RunningRedis {
  port: number;
  client(): Redis;
  /** SIGKILL: no shutdown, no final save (what a crash looks like). */
  kill(): Promise<void>;
  /** Starts it again on the same port (and, with `persist`, the same data). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export interface RedisStartOptions {
  /** Append-only file fsynced on every write, in a temp dir: a killed server keeps what it acknowledged. */
  persist?: boolean;
}

async function waitUntilUp(port: number, child: ChildProcess): Promise<void> {
  const probe = new Redis({ host: "127.0.0.1", port, lazyConnect: true, retryStrategy: () => null });
  probe.on("error", () => {}); // refused connections while the server starts are expected
  const deadline = Date.now() + 10_000;
  try {
    for (;;) {
      try {
        await probe.connect();
        await probe.ping();
        return;
      } catch (error) {
        if (Date.now() > deadline) {
          child.kill("SIGKILL");
          throw new Error(`redis-server did not start on port ${port}: ${String(error)}`);
        }
        probe.disconnect();
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  } finally {
    probe.disconnect();
  }
}

export async function startRedis(options: RedisStartOptions = {}): Promise<RunningRedis> {
  const port = await freePort();
  const dir = options.persist ? mkdtempSync(join(tmpdir(), "aurous-redis-")) : undefined;
  const args = ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--protected-mode", "yes"];
  args.push(...(dir ? ["--dir", dir, "--appendonly", "yes", "--appendfsync", "always"] : ["--appendonly", "no"]));
  let child: ChildProcess = spawn("redis-server", args, { stdio: "ignore" });
  await waitUntilUp(port, child);
  const clients: Redis[] = [];
  const client = () => {
    const c = new Redis({ host: "127.0.0.1", port, lazyConnect: false, maxRetriesPerRequest: 2 });
    clients.push(c);
    return c;
  };
  const exit = async (signal: NodeJS.Signals) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once("exit", r));
    child.kill(signal);
    await exited;
  };
  return {
    port,
    client,
    kill: () => exit("SIGKILL"),
    async restart() {
      await exit("SIGKILL");
      child = spawn("redis-server", args, { stdio: "ignore" });
      await waitUntilUp(port, child);
    },
    async stop() {
      await Promise.all(clients.map((c) => c.quit().catch(() => c.disconnect())));
      await exit("SIGTERM");
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
