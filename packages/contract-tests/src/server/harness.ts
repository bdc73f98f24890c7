// The chain the server-side suite talks through:
//   client → Prism proxy (--errors | reporting) → mutation proxy → server
// Prism validates both directions against the spec; the mutation proxy is a pass-through until a
// check tells it to break or fake answers (mutation and fault checks reuse the same chain).
import { type MutationProxy, startMutationProxy } from "../mutation/proxy.js";
import { startPrism } from "../prism/process.js";

export interface Harness {
  strictUrl: string;
  observeUrl: string;
  directUrl: string;
  proxy: MutationProxy;
  stop(): Promise<void>;
}

export async function startHarness(options: { specPath: string; serverUrl: string }): Promise<Harness> {
  const proxy = await startMutationProxy(options.serverUrl);
  const started: Array<{ stop(): Promise<void> }> = [{ stop: () => proxy.close() }];
  try {
    // Two Prism processes start in parallel: their start-up dominates the harness's cost.
    const results = await Promise.allSettled([
      startPrism({ mode: "proxy", specPath: options.specPath, upstream: proxy.url, errors: true }),
      startPrism({ mode: "proxy", specPath: options.specPath, upstream: proxy.url, errors: false }),
    ]);
    for (const r of results) if (r.status === "fulfilled") started.push(r.value);
    const failed = results.find((r) => r.status === "rejected");
    if (failed) throw failed.reason;
    const [strict, observe] = results.map((r) => (r as PromiseFulfilledResult<{ url: string }>).value) as [
      { url: string },
      { url: string },
    ];
    return {
      strictUrl: strict.url,
      observeUrl: observe.url,
      directUrl: options.serverUrl,
      proxy,
      async stop() {
        await Promise.all(started.map((s) => s.stop()));
      },
    };
  } catch (error) {
    await Promise.allSettled(started.map((s) => s.stop()));
    throw error;
  }
}
