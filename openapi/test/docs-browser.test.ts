// The rendered docs in a real browser (Debian's chromium, headless, a fresh profile), served from
// 127.0.0.1: the page loads with no console error and no request leaving 127.0.0.1; every
// operation renders with its Limits and both code samples (curl and @aurous/client); search finds
// an operation and its snippets keep words apart.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { operations } from "./bundle.js";
import { CHROMIUM, CHROMIUM_ARGS, chromiumAvailable, requireChromiumInCi } from "./support-chromium.js";

requireChromiumInCi();

const html = readFileSync(fileURLToPath(new URL("../dist/docs/index.html", import.meta.url)));
const docs = JSON.parse(
  readFileSync(fileURLToPath(new URL("../dist/docs/openapi.docs.json", import.meta.url)), "utf8"),
);
// Redoc's slug for a tag: lower case, spaces as hyphens ("Character uploads" → character-uploads).
const tagSlug = (tag: string) => tag.toLowerCase().replace(/\s+/g, "-");

let server: Server;
let origin: string;
let profile: string;
let context: BrowserContext;
let page: Page;
const outside: string[] = [];
const consoleErrors: string[] = [];

beforeAll(async () => {
  if (!chromiumAvailable()) return;
  server = createServer((_req, res) => res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(html));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  profile = mkdtempSync(join(tmpdir(), "docs-chromium-"));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    // A desktop window: the sidebar footer (with Redoc's logo) only renders when there is room.
    viewport: { width: 1600, height: 1000 },
  });
  // Anything not served from our origin (or inline) is recorded and never reaches the network.
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(`${origin}/`) || url.startsWith("data:")) return route.continue();
    outside.push(url);
    return route.abort();
  });
  page = context.pages()[0] ?? (await context.newPage());
  page.on("console", (m) => {
    if (m.type() === "error") consoleErrors.push(m.text());
  });
  page.on("pageerror", (e) => consoleErrors.push(`uncaught: ${e.message}`));
  await page.goto(`${origin}/`, { waitUntil: "networkidle" });
}, 60_000);

afterAll(async () => {
  await context?.close();
  if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  if (profile) rmSync(profile, { recursive: true, force: true });
});

/**
 * Marks the section of the operation whose heading is `summary` (the page also renders its
 * neighbours): the nearest ancestor of the heading that holds a code sample.
 */
async function markSection(summary: string): Promise<void> {
  await page.evaluate((title) => {
    for (const old of document.querySelectorAll("[data-test-operation]")) old.removeAttribute("data-test-operation");
    const heading = [...document.querySelectorAll("main h1, main h2")].find((h) => h.textContent?.trim() === title);
    let node = heading?.parentElement ?? null;
    while (node && !node.querySelector('pre[data-testid="source-code"]')) node = node.parentElement;
    node?.setAttribute("data-test-operation", title);
  }, summary);
}

/** Picks a code sample in the marked operation's request panel and returns the code it shows. */
async function showSample(label: string): Promise<string> {
  const section = page.locator("[data-test-operation]");
  await section
    .locator("button:visible", { hasText: /^(curl|@aurous\/client)$/ })
    .first()
    .click();
  await page.locator("[role=menuitem]:visible", { hasText: label }).first().click();
  return section.locator('pre[data-testid="source-code"]:visible').first().innerText();
}

describe.skipIf(!chromiumAvailable())("the docs page in chromium", () => {
  it("loads with no console error and no request leaving 127.0.0.1", async () => {
    await expect(page.getByText("Aurous Labs V1 API — Characters").first()).toBeTruthy();
    expect(await page.title()).toContain("Aurous Labs V1 API");
    // Redoc's logo is the image it used to fetch from its CDN: wait until it has loaded or failed.
    const logo = page.locator('img[alt="redocly logo"]').first();
    await logo.waitFor({ state: "attached", timeout: 10_000 });
    await logo.evaluate((img: HTMLImageElement) =>
      img.complete
        ? undefined
        : new Promise<void>((done) => {
            img.addEventListener("load", () => done(), { once: true });
            img.addEventListener("error", () => done(), { once: true });
          }),
    );
    expect(await logo.getAttribute("src")).toMatch(/^data:image\/svg\+xml,/);
    expect(outside).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });

  const ops = operations(docs);
  it.each(ops.map((o) => [o.operation.operationId, o.operation] as const))(
    "renders %s with its Limits and both code samples",
    async (operationId, op) => {
      await page.goto(`${origin}/#/${tagSlug(op.tags[0])}/${operationId.toLowerCase()}`, {
        waitUntil: "networkidle",
      });
      await page.getByRole("heading", { name: op.summary }).first().waitFor();
      await markSection(op.summary);
      expect(await page.locator("[data-test-operation]").count()).toBe(1);
      const main = await page.locator("[data-test-operation]").innerText();
      expect(main).toMatch(/\nLimits\n/);
      const limit = op["x-aurous-rate-limit"];
      expect(main).toContain(
        limit
          ? `Rate limit: bucket ${limit.bucket}, ${limit.sustained_per_minute} requests a minute sustained, bursts of ${limit.burst}`
          : op["x-aurous-scope"]
            ? "Rate limit: none; this operation draws from no bucket." // an API operation without one
            : "Rate limit: none of the API's buckets", // the storage host's signed PUT
      );
      expect(main).toContain("Scope:");
      const samples = op["x-codeSamples"] as Array<{ label: string; source: string }>;
      const [curl, ts] = [samples[0]!, samples[1]!];
      expect(await showSample("curl")).toContain(
        curl.source
          .split("\n")
          .find((l) => l.startsWith("curl "))!
          .trim(),
      );
      const shown = await showSample("@aurous/client");
      expect(shown).toContain("import { Aurous } from '@aurous/client';");
      expect(shown).toContain(
        ts.source
          .split("\n")
          .find((l) => l.includes("await aurous."))!
          .trim(),
      );
      expect(outside).toEqual([]);
      expect(consoleErrors).toEqual([]);
    },
    30_000,
  );

  it("search finds an operation, with snippets whose words stay apart", async () => {
    await page.goto(`${origin}/`, { waitUntil: "networkidle" });
    await page.locator('[data-testid="search-trigger"]').click();
    await page.locator('input[placeholder="Search docs..."]').fill("resynthesize every ref pose");
    const hit = page
      .locator('[data-component-name="Search/SearchItem"]', { hasText: "/v1/characters/{id}/resynthesize" })
      .first();
    await hit.waitFor();
    expect(await hit.innerText()).toContain("Resynthesize every ref pose");
    // "is\nwrong" in a YAML description used to come out as "iswrong".
    await page.locator('input[placeholder="Search docs..."]').fill("wrong");
    const items = page.locator('[data-component-name="Search/SearchItem"]');
    await items.first().waitFor();
    const snippets = (await items.allInnerTexts()).join("\n");
    expect(snippets).toContain("wrong");
    expect(snippets).not.toMatch(/[a-z]wrong|iswrong|cannotbe/);
    expect(outside).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
});
