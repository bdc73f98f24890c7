import { describe, expect, it } from "vitest";
import { Scheduler } from "../../src/synthesis/scheduler.js";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("Scheduler", () => {
  it("runs a job after its delay, once", async () => {
    const scheduler = new Scheduler();
    let runs = 0;
    scheduler.schedule("a", 10, () => void runs++);
    expect(scheduler.isPending("a")).toBe(true);
    await sleep(40);
    expect(runs).toBe(1);
    expect(scheduler.pendingCount).toBe(0);
  });

  it("cancels, replaces and reports errors", async () => {
    const errors: unknown[] = [];
    const scheduler = new Scheduler((_key, error) => errors.push(error));
    const ran: string[] = [];
    scheduler.schedule("a", 10, () => void ran.push("first"));
    scheduler.schedule("a", 10, () => void ran.push("second")); // replaces the first
    scheduler.schedule("b", 10, () => void ran.push("b"));
    expect(scheduler.cancel("b")).toBe(true);
    expect(scheduler.cancel("b")).toBe(false);
    scheduler.schedule("c", 5, () => {
      throw new Error("boom");
    });
    await sleep(40);
    expect(ran).toEqual(["second"]);
    expect(errors).toHaveLength(1);
  });

  it("idle() waits for running jobs only", async () => {
    const scheduler = new Scheduler();
    let finished = false;
    scheduler.schedule("slow", 1, async () => {
      await sleep(30);
      finished = true;
    });
    scheduler.schedule("later", 10_000, () => {});
    await sleep(10);
    await scheduler.idle();
    expect(finished).toBe(true);
    expect(scheduler.isPending("later")).toBe(true);
    await scheduler.close();
  });

  it("close() clears pending timers, waits for running jobs and refuses new ones", async () => {
    const scheduler = new Scheduler();
    let finished = false;
    let neverRan = true;
    scheduler.schedule("slow", 1, async () => {
      await sleep(30);
      finished = true;
    });
    scheduler.schedule("later", 50, () => void (neverRan = false));
    await sleep(10); // "slow" is running now
    await scheduler.close();
    expect(finished).toBe(true);
    expect(scheduler.pendingCount).toBe(0);
    scheduler.schedule("after-close", 1, () => void (neverRan = false));
    await sleep(60);
    expect(neverRan).toBe(true);
  });
});
