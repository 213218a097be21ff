// `npm run dev` stays in step with the study: a coefficient changed in the
// study file reaches the page on reload (Framework alone re-runs a loader only
// when the loader file changes; scripts/dev.ts touches the loaders). Runs the
// dev server on a copy of the second fixture study, in Debian's Chromium.
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {spawn, type ChildProcess} from "node:child_process";
import {cpSync, mkdtempSync, readFileSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import type {Browser} from "playwright-core";
import {chromiumMissing, launch} from "./browser/chromium.js";

const ROOT = join(import.meta.dirname, "..");
const missing = chromiumMissing();
if (missing && process.env.CI === "true") throw new Error(missing);

describe.skipIf(!!missing)("npm run dev", () => {
  const dir = mkdtempSync(join(tmpdir(), "atlas-dev-"));
  const study = join(dir, "study.json");
  let origin = "";
  let server: ChildProcess;
  let browser: Browser;
  let log = "";

  beforeAll(async () => {
    cpSync(join(ROOT, "test", "fixtures", "second-study"), dir, {recursive: true});
    // No --port: a fixed port can collide with another test's ephemeral one; Framework finds a free port and prints it.
    server = spawn("node", ["--import", "tsx", "scripts/dev.ts", "--no-open"], {
      cwd: ROOT,
      env: {...process.env, ATLAS_STUDY: study},
      stdio: ["ignore", "pipe", "pipe"]
    });
    server.stdout!.on("data", (d) => (log += d));
    server.stderr!.on("data", (d) => (log += d));
    for (let i = 0; i < 250 && !origin && server.exitCode === null; i++) {
      await new Promise((r) => setTimeout(r, 200));
      origin = /http:\/\/127\.0\.0\.1:\d+/.exec(log)?.[0] ?? "";
    }
    if (!origin) throw new Error(`the dev server printed no address (exit code ${server.exitCode}):\n${log}`);
    browser = await launch();
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    if (server && server.exitCode === null) {
      const exited = new Promise((r) => server.once("exit", r));
      server.kill("SIGTERM");
      await exited;
    }
  });

  /** The forest coefficient as the Methods page prints it in its parameter table. */
  async function forestOnPage(): Promise<string> {
    const page = await browser.newPage();
    try {
      await page.goto(`${origin}/methods`, {waitUntil: "networkidle"}).catch((e: Error) => {
        throw new Error(`${e.message}\ndev server log:\n${log}`);
      });
      const row = page.locator(`table[aria-label^="Carbon coefficients of the land-use classes"] tr`, {hasText: "Forest land"}).first();
      await row.waitFor({timeout: 60_000});
      return (await row.textContent()) ?? "";
    } finally {
      await page.close();
    }
  }

  it("shows a coefficient changed in the study file after a reload", async () => {
    expect(await forestOnPage(), log).toContain("−0.644");
    const s = JSON.parse(readFileSync(study, "utf8"));
    s.carbon.landUse.forest.value = -3.25;
    writeFileSync(study, JSON.stringify(s, null, 2));
    await new Promise((r) => setTimeout(r, 1500)); // the watcher's debounce
    const after = await forestOnPage();
    expect(after, log).toContain("−3.25");
    expect(after).not.toContain("−0.644");
  }, 180_000);
});
