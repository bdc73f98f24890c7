// Used by .ci/run while `npm start` comes up: exits 0 when every URL given answers 200 with the
// content it should (the rendered docs page, the bundled spec), 1 otherwise. Silent while the
// sandbox is still starting (connection refused).
const checks = {
  "/docs": (body) => /<html/i.test(body),
  "/openapi.json": (body) => typeof JSON.parse(body).openapi === "string",
};

async function answers(url) {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
    const body = await response.text();
    const check = checks[new URL(url).pathname] ?? (() => true);
    return response.status === 200 && check(body);
  } catch {
    return false;
  }
}

const results = await Promise.all(process.argv.slice(2).map(answers));
process.exit(results.length > 0 && results.every(Boolean) ? 0 : 1);
