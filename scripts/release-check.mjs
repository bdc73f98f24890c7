#!/usr/bin/env node
// `npm run release:check` / `pnpm release:check`: proves that every publishable package works the
// way npm users will get it, before anything is published.
//
//  0. reads every pending changeset (`changeset status`): a file whose front matter a formatter
//     rewrote, or that names an unknown package, would otherwise only fail at release time;
//  1. builds the publishable packages and the sandbox (turbo, so unchanged builds are cached);
//  2. packs each with `pnpm pack` (which rewrites workspace: ranges, unlike npm pack);
//  3. checks each tarball carries a LICENSE file agreeing with its `license` field, and lints it
//     with publint --strict and @arethetypeswrong/cli;
//  4. installs the tarballs with npm into a fresh app in the OS temp dir, outside the workspace,
//     so nothing resolves through the monorepo's node_modules;
//  5. type-checks a consumer there under module nodenext and under module preserve + bundler;
//  6. starts the sandbox on 127.0.0.1 (free port, demo keys) and runs real calls through the
//     installed client from an ES module and from a CommonJS module, and loads every export subpath
//     of every package in both module systems; runs every bin's --help.
//
// Prints one line per check and `release-check: N passed, N failed`; exits non-zero on any failure.
// The temp dir and the sandbox are removed/stopped on success, failure and Ctrl-C. `--keep` keeps
// the temp dir for debugging; `--only NAME` (repeatable) checks only those packages while iterating
// on one (a release needs the full run).
import { existsSync } from "node:fs";
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { cleanNpmEnv, exec, stopRunning } from "./release-check/exec.mjs";
import { attwProfile, binNames, entryPoints, licenseProblems, workspaceRanges } from "./release-check/manifest.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const fixtures = join(root, "scripts", "release-check", "consumer");
// What the consumer app installs next to the tarballs: the TypeScript the workspace builds with and
// the types of the oldest supported Node.
const CONSUMER_TOOLS = ["typescript@6.0.3", "@types/node@20"];
const SANDBOX_PACKAGE = "@aurous/sandbox";

const { values: flags } = parseArgs({
  options: { keep: { type: "boolean", default: false }, only: { type: "string", multiple: true, default: [] } },
});
const env = {
  ...process.env,
  REDOCLY_TELEMETRY: "off",
  TURBO_TELEMETRY_DISABLED: "1",
  SCARF_ANALYTICS: "false",
  DO_NOT_TRACK: "1",
};

/** A check that failed, with the output that explains why. */
class CheckFailed extends Error {
  constructor(message, output = "") {
    super(message);
    this.output = output;
  }
}
/** Thrown after a failed check the later ones depend on (nothing to install without tarballs…). */
class Stop extends Error {}

const results = { passed: 0, failed: 0 };
const seconds = (since) => `${((performance.now() - since) / 1000).toFixed(1)}s`;
const indent = (text) => text.trimEnd().replace(/^/gm, "    ");

/** Runs one check, prints its verdict; a failure of a `critical` check stops the run. */
async function check(title, fn, { critical = false } = {}) {
  const started = performance.now();
  console.log(`… ${title}`);
  try {
    const detail = await fn();
    results.passed += 1;
    console.log(`✔ ${title} (${seconds(started)})${detail ? `\n${indent(detail)}` : ""}`);
    return true;
  } catch (error) {
    results.failed += 1;
    console.log(`✖ ${title} (${seconds(started)}): ${error.message}`);
    if (error.output) console.log(indent(error.output));
    else if (!(error instanceof CheckFailed)) console.log(indent(error.stack ?? String(error)));
    if (critical) throw new Stop();
    return false;
  }
}

/** Runs a command; a non-zero exit is a CheckFailed carrying its output. */
async function run(command, args, options = {}) {
  const result = await exec(command, args, { env, ...options });
  if (result.code !== 0)
    throw new CheckFailed(`${[command, ...args].join(" ")} exited with ${result.code}`, result.output);
  return result;
}

/** pnpm as the packageManager field pins it: on PATH if that version, else through npx (CI has only npm). */
async function pnpmCommand() {
  const { packageManager } = JSON.parse(await readFile(join(root, "package.json"), "utf8"));
  const probe = await exec("pnpm", ["--version"], { env });
  if (probe.code === 0 && `pnpm@${probe.stdout.trim()}` === packageManager) return ["pnpm"];
  return ["npx", "--yes", packageManager];
}

/** The workspace's non-private packages, with their directories and manifests. */
async function publishablePackages(pnpm) {
  const { stdout } = await run(pnpm[0], [...pnpm.slice(1), "ls", "-r", "--depth", "-1", "--json"], { cwd: root });
  const publishable = JSON.parse(stdout)
    .filter((p) => p.private === false && p.path !== root)
    .filter((p) => flags.only.length === 0 || flags.only.includes(p.name));
  return Promise.all(
    publishable.map(async (p) => ({
      name: p.name,
      dir: p.path,
      manifest: JSON.parse(await readFile(join(p.path, "package.json"), "utf8")),
    })),
  );
}

/** A tool pinned as a devDependency of the packages (publint, attw): the package's own copy first. */
function toolBin(name, pkg, packages) {
  for (const dir of [pkg.dir, ...packages.map((p) => p.dir), root]) {
    const bin = join(dir, "node_modules", ".bin", name);
    if (existsSync(bin)) return bin;
  }
  throw new CheckFailed(
    `${name} is not installed in the workspace (it is a devDependency of the publishable packages)`,
  );
}

async function build(packages) {
  const filters = [...packages.map((p) => p.name), SANDBOX_PACKAGE].map((name) => `--filter=${name}`);
  const { output } = await run(
    join(root, "node_modules", ".bin", "turbo"),
    ["run", "build", ...filters, "--output-logs=errors-only"],
    {
      cwd: root,
      timeoutMs: 10 * 60_000,
    },
  );
  return output.match(/Cached:.*$/m)?.[0].trim();
}

async function pack(pnpm, pkg, destination) {
  const { stdout } = await run(pnpm[0], [...pnpm.slice(1), "pack", "--pack-destination", destination, "--json"], {
    cwd: pkg.dir,
  });
  const { filename, files } = JSON.parse(stdout);
  pkg.tarball = filename;
  pkg.packedFiles = files.map((f) => f.path);
  return `${basename(filename)}, ${files.length} files`;
}

/**
 * Writes the consumer app from the fixtures. `<package>.usage.*` files type-check one package's API
 * and are only copied when that package is checked (so `--only` works).
 */
async function writeConsumerApp(app, packages) {
  await mkdir(app, { recursive: true });
  await writeFile(
    join(app, "package.json"),
    `${JSON.stringify({ name: "release-check-consumer", private: true, type: "module" }, null, 2)}\n`,
  );
  const checked = new Set(packages.map((p) => p.name.split("/").pop()));
  for (const file of await readdir(fixtures)) {
    const usageOf = file.match(/^(.+)\.usage\.[cm]ts$/)?.[1];
    if (usageOf === undefined || checked.has(usageOf)) await copyFile(join(fixtures, file), join(app, file));
  }
}

/** One generated file per module system importing every export subpath, so that every published
 * declaration file is type-checked, not only those the usage files happen to touch. */
async function writeEntryImports(app, entries) {
  const esm = entries.esm.map((s, i) => `export * as entry${i} from ${JSON.stringify(s)};`);
  const cjs = entries.cjs.map((s, i) => `export import entry${i} = require(${JSON.stringify(s)});`);
  await writeFile(
    join(app, "entries.mts"),
    `// Generated by scripts/release-check.mjs.\n${esm.join("\n")}\nexport {};\n`,
  );
  await writeFile(
    join(app, "entries.cts"),
    `// Generated by scripts/release-check.mjs.\n${cjs.join("\n")}\nexport {};\n`,
  );
}

async function install(app, packages) {
  const args = [
    "install",
    "--no-audit",
    "--no-fund",
    "--prefer-offline",
    "--loglevel=error",
    ...packages.map((p) => p.tarball),
    ...CONSUMER_TOOLS,
  ];
  await run("npm", args, { cwd: app, env: cleanNpmEnv(env), timeoutMs: 8 * 60_000 });
  // What npm installed is what the registry will serve: read the manifests back from there.
  const problems = [];
  for (const pkg of packages) {
    pkg.installed = JSON.parse(await readFile(join(app, "node_modules", pkg.name, "package.json"), "utf8"));
    problems.push(...workspaceRanges(pkg.installed).map((r) => `${pkg.name} ${r}`));
  }
  if (problems.length) throw new CheckFailed("workspace: ranges survived packing", problems.join("\n"));
  return `${packages.map((p) => basename(p.tarball)).join(", ")} + ${CONSUMER_TOOLS.join(", ")}`;
}

/** Starts the sandbox from the workspace build, in this process, on a free port of 127.0.0.1. */
async function startSandbox() {
  const entry = join(root, "packages", "sandbox", "dist", "index.js");
  if (!existsSync(entry)) throw new CheckFailed(`${entry} is missing: the sandbox did not build`);
  const { createSandbox, loadConfig, DEMO_KEYS } = await import(pathToFileURL(entry).href);
  // An empty env: the caller's PORT or AUROUS_SANDBOX_CONFIG must not change what is tested.
  const config = loadConfig({ port: 0, env: {} });
  if (config.host !== "127.0.0.1") throw new CheckFailed(`the demo config listens on ${config.host}, not 127.0.0.1`);
  const errors = [];
  const sandbox = createSandbox({
    config,
    onError: (message, error) => errors.push(`${message}: ${error?.stack ?? error}`),
  });
  const origin = await sandbox.listen();
  return { sandbox, origin, errors, keys: { full: DEMO_KEYS.acmeFull, revoked: DEMO_KEYS.acmeRevoked } };
}

/** Build, pack, and lint every tarball. Returns the packages, each with its `tarball`. */
/** `changeset status` parses every pending changeset; it exits non-zero on one it cannot read. */
async function changesets() {
  const { code, output } = await exec(join(root, "node_modules", ".bin", "changeset"), ["status"], { cwd: root, env });
  if (code !== 0) throw new CheckFailed("changeset status cannot read the pending changesets", output);
  const bumps = output.match(/Packages to be bumped[\s\S]*/)?.[0] ?? "nothing to release";
  return bumps.replace(/^🦋\s+(info\s+)?/gm, "").trim();
}

async function checkTarballs(pnpm, tarballs) {
  await check("read the pending changesets", changesets);
  let packages = [];
  await check(
    "find the publishable packages",
    async () => {
      packages = await publishablePackages(pnpm);
      if (!packages.length) throw new CheckFailed("no publishable package in the workspace");
      return packages.map((p) => `${p.name}@${p.manifest.version}`).join(", ");
    },
    { critical: true },
  );
  await check(`build the publishable packages and ${SANDBOX_PACKAGE} (turbo)`, () => build(packages), {
    critical: true,
  });

  await mkdir(tarballs);
  for (const pkg of packages) await check(`pack ${pkg.name}`, () => pack(pnpm, pkg, tarballs), { critical: true });
  // Lint failures do not stop the run: the consumer checks below still say what else is broken.
  for (const pkg of packages) {
    await check(`${pkg.name} ships its LICENSE`, () => {
      const problems = licenseProblems(pkg.manifest, pkg.packedFiles);
      if (problems.length) throw new CheckFailed(problems.join("; "));
      return "";
    });
    await check(`publint --strict ${pkg.name}`, () =>
      run(toolBin("publint", pkg, packages), ["run", pkg.tarball, "--strict"]).then(() => ""),
    );
    const profile = attwProfile(pkg.manifest);
    await check(`attw --profile ${profile} ${pkg.name}`, () =>
      run(toolBin("attw", pkg, packages), [pkg.tarball, "--profile", profile, "--format", "table-flipped"]).then(
        () => "",
      ),
    );
  }
  return packages;
}

/** Install the tarballs in a fresh app and type-check a consumer. Returns the entry points to load. */
async function checkInstallAndTypes(app, packages) {
  await writeConsumerApp(app, packages);
  await check("npm install the tarballs into a fresh app", () => install(app, packages), { critical: true });
  const entries = {
    esm: packages.flatMap((p) => entryPoints(p.installed).esm),
    cjs: packages.flatMap((p) => entryPoints(p.installed).cjs),
  };
  await writeEntryImports(app, entries);
  const tsc = join(app, "node_modules", ".bin", "tsc");
  await check("tsc: module nodenext (.mts and .cts consumers)", () =>
    run(tsc, ["-p", "tsconfig.nodenext.json"], { cwd: app }).then(() => ""),
  );
  await check("tsc: module preserve + moduleResolution bundler", () =>
    run(tsc, ["-p", "tsconfig.bundler.json"], { cwd: app }).then(() => ""),
  );
  return entries;
}

/** Run the ESM and CommonJS consumers against the sandbox, and every bin. */
async function checkRuntime(app, packages, entries, server) {
  const runConsumer = async (file, list) => {
    const consumerEnv = {
      ...env,
      AUROUS_BASE_URL: server.origin,
      AUROUS_API_KEY: server.keys.full,
      AUROUS_REVOKED_KEY: server.keys.revoked,
      RELEASE_CHECK_ENTRIES: JSON.stringify(list),
      RELEASE_CHECK_PACKAGES: JSON.stringify(packages.map((p) => p.name)),
    };
    const { output } = await run(process.execPath, [file], { cwd: app, env: consumerEnv, timeoutMs: 60_000 });
    // A 500 the client happened to accept would still be a broken release of something.
    if (server.errors.length) throw new CheckFailed("the sandbox reported errors", server.errors.splice(0).join("\n"));
    return output;
  };
  await check("ESM consumer (import) against the sandbox", () => runConsumer("esm.mjs", entries.esm));
  await check("CommonJS consumer (require) against the sandbox", () => runConsumer("cjs.cjs", entries.cjs));
  for (const bin of packages.flatMap((p) => binNames(p.installed))) {
    await check(`bin ${bin} --help`, () =>
      run(join(app, "node_modules", ".bin", bin), ["--help"], { cwd: app, timeoutMs: 60_000 }).then(() => ""),
    );
  }
}

async function main() {
  const started = performance.now();
  const temp = await mkdtemp(join(tmpdir(), "aurous-release-check-"));
  console.log(`release-check: working in ${temp}`);
  let server;
  const cleanup = async () => {
    stopRunning();
    await server?.sandbox.close().catch((error) => console.error(`stopping the sandbox failed: ${error}`));
    server = undefined;
    if (flags.keep) console.log(`kept ${temp}`);
    else await rm(temp, { recursive: true, force: true });
  };
  for (const signal of ["SIGINT", "SIGTERM"]) {
    process.once(signal, () => {
      console.log(`\nrelease-check: ${signal}, cleaning up`);
      cleanup().finally(() => process.exit(signal === "SIGINT" ? 130 : 143));
    });
  }

  try {
    const app = join(temp, "app");
    const packages = await checkTarballs(await pnpmCommand(), join(temp, "tarballs"));
    const entries = await checkInstallAndTypes(app, packages);
    await check(
      "start the sandbox on 127.0.0.1",
      async () => {
        server = await startSandbox();
        return server.origin;
      },
      { critical: true },
    );
    await checkRuntime(app, packages, entries, server);
  } catch (error) {
    if (error instanceof Stop) console.log("stopped: the remaining checks depend on the one that failed");
    else {
      results.failed += 1;
      console.log(`✖ unexpected error: ${error.stack ?? error}`);
    }
  } finally {
    await cleanup();
  }
  console.log(`release-check: ${results.passed} passed, ${results.failed} failed (${seconds(started)})`);
  process.exitCode = results.failed > 0 ? 1 : 0;
}

await main();
