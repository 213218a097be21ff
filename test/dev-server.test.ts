// `npm run dev` as a newcomer meets it, in Debian's Chromium: on a fresh copy of
// the repository (no .cache/, no dist/, no Framework cache), it computes the
// default study with its progress on the page and serves the Overview; a
// second start with nothing changed re-runs no loader; stopping it by a signal
// to npm or to any of its processes leaves nothing running; and on a study
// whose inputs live outside its folder, a change to the study file or to an
// input reaches the page on reload (Framework alone re-runs a loader only when
// the loader file changes; scripts/dev.ts touches the loaders), and so does a
// story written or edited while it runs, without running the pipeline again.
import {afterAll, afterEach, beforeAll, describe, expect, it} from "vitest";
import {execFileSync, spawn, type ChildProcess} from "node:child_process";
import {cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import type {Browser, Page} from "playwright-core";
import {chromiumMissing, launch} from "./browser/chromium.js";
import {freshCopy, processesIn} from "./fresh-copy.js";

const ROOT = join(import.meta.dirname, "..");
const missing = chromiumMissing();
if (missing && process.env.CI === "true") throw new Error(missing);

/** How long a page may take to be served: Framework renders it on request, slowly on a busy machine. */
const GOTO = 180_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `probe` until it returns a value, or fails after `timeoutMs` saying what it waited for. */
async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number, log: () => string): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe().catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`${what}: not within ${timeoutMs / 1000} s\ndev server log:\n${log()}`);
    await sleep(500);
  }
}

describe.skipIf(!!missing)("npm run dev", () => {
  const tmp = mkdtempSync(join(tmpdir(), "atlas-dev-"));
  /** a fresh copy of the repository as git sees it (tracked and new files, nothing ignored), node_modules linked */
  const clone = join(tmp, "clone");
  let browser: Browser;

  beforeAll(async () => {
    freshCopy(ROOT, clone);
    for (const generated of [".cache", "dist", "src/.observablehq"]) expect(existsSync(join(clone, generated)), generated).toBe(false);
    browser = await launch();
  }, 120_000);
  // A test that failed before stopping its server stops it here (npm passes SIGTERM on), before the next test starts.
  afterEach(async () => {
    for (const dev of running.splice(0))
      if (dev.npm.exitCode === null) {
        const exited = new Promise((r) => dev.npm.once("exit", r));
        dev.npm.kill("SIGTERM");
        await exited;
        await sleep(4000);
      }
  }, 30_000);
  afterAll(async () => {
    await browser?.close();
    for (const p of processesIn(clone)) process.kill(+p.split(" ")[0], "SIGKILL");
    rmSync(tmp, {recursive: true, force: true});
  });

  interface Dev {
    npm: ChildProcess;
    origin: string;
    log: () => string;
  }
  const running: Dev[] = [];

  /** `npm run dev` in the fresh copy; resolves once it prints its address. */
  async function start(env: Record<string, string> = {}): Promise<Dev> {
    // No --port: a fixed port can collide with another test's; Framework finds a free port and prints it.
    const npm = spawn("npm", ["run", "dev", "--", "--no-open"], {
      cwd: clone,
      env: {...process.env, ...env},
      stdio: ["ignore", "pipe", "pipe"]
    });
    let text = "";
    npm.stdout!.on("data", (d) => (text += d));
    npm.stderr!.on("data", (d) => (text += d));
    const log = () => text;
    running.push({npm, origin: "", log});
    const origin = await until("the dev server's address", async () => /http:\/\/127\.0\.0\.1:\d+/.exec(text)?.[0], 180_000, log);
    return {npm, origin, log};
  }

  /** Stops the dev server by `signal` to one of its processes, and checks that nothing it started is left. */
  async function stop(dev: Dev, signal: NodeJS.Signals, target: (dev: Dev) => number): Promise<void> {
    const exited = new Promise((r) => (dev.npm.exitCode === null ? dev.npm.once("exit", r) : r(null)));
    process.kill(target(dev), signal);
    await exited;
    let left: string[] = [];
    for (let i = 0; i < 40 && (left = processesIn(clone)).length; i++) await sleep(250);
    expect(left, `left running after ${signal}:\n${left.join("\n")}\n${dev.log()}`).toEqual([]);
    await expect(fetch(dev.origin), "the port still answers").rejects.toThrow();
  }
  /** The supervisor's and the server's PIDs (children of npm, then of the supervisor). */
  const child = (pid: number) =>
    +execFileSync("pgrep", ["-P", String(pid)], {encoding: "utf8"})
      .trim()
      .split("\n")[0];

  async function overviewChart(dev: Dev, timeoutMs: number): Promise<Page> {
    const page = await browser.newPage();
    // The generated overview: the home page of a study without a story, /overview beside the default study's story.
    await page.goto(dev.origin + "/overview", {waitUntil: "commit", timeout: GOTO});
    await page
      .locator("#observablehq-main svg g[aria-label] :is(rect,path,circle,line,image,polygon)")
      .first()
      .waitFor({state: "attached", timeout: timeoutMs})
      .catch((e: Error) => {
        throw new Error(`${e.message}\ndev server log:\n${dev.log()}`);
      });
    return page;
  }

  it("computes the default study on a fresh copy, showing its progress, and serves the Overview; stops on SIGTERM to npm", async () => {
    const dev = await start();
    const page = await browser.newPage();
    await page.goto(dev.origin + "/", {waitUntil: "commit", timeout: GOTO});
    // While the pipeline runs the page says what it computes; the reconstruction alone takes many seconds.
    const banner = page.locator(".atlas-dev-progress");
    await banner.waitFor({state: "visible", timeout: 60_000});
    expect(await banner.textContent()).toMatch(/^Computing the study: \S/);
    await page.close();
    (await overviewChart(dev, 600_000)).close();
    expect(existsSync(join(clone, ".cache", "dev", "loaders.json")), "the loaders' key is recorded").toBe(true);
    await stop(dev, "SIGTERM", (d) => d.npm.pid!);
  }, 900_000);

  it("starts again without re-running any loader when nothing changed; stops on SIGTERM to the server", async () => {
    const dev = await start();
    expect(dev.log()).toContain("nothing changed since the loaders last ran");
    expect(dev.log()).not.toMatch(/atlas: (land use|display|grid|generating)/);
    (await overviewChart(dev, 120_000)).close();
    await stop(dev, "SIGTERM", (d) => child(child(d.npm.pid!)));
  }, 300_000);

  it("shows a change to the study file and to an input outside its folder after a reload; stops on SIGINT to npm", async () => {
    // The study file in one folder, every input in another: both must be watched.
    const studyDir = join(tmp, "study");
    const inputs = join(tmp, "inputs");
    cpSync(join(ROOT, "test", "fixtures", "second-study"), inputs, {recursive: true});
    mkdirSync(studyDir);
    const s = JSON.parse(readFileSync(join(inputs, "study.json"), "utf8"));
    const outside = (p: string) => `../inputs/${p}`;
    s.inputs.landCover = Object.fromEntries(Object.entries(s.inputs.landCover as Record<string, string>).map(([y, p]) => [y, outside(p)]));
    s.inputs.boundary = outside(s.inputs.boundary);
    s.inputs.energy = outside(s.inputs.energy);
    s.inputs.river.file = outside(s.inputs.river.file);
    rmSync(join(inputs, "study.json"));
    const study = join(studyDir, "study.json");
    writeFileSync(study, JSON.stringify(s, null, 2));

    const dev = await start({ATLAS_STUDY: study});
    const page = await browser.newPage();
    /** The text of a table row on a page, once the page has drawn it. */
    const row = async (path: string, table: string, hasText: string) => {
      await page.goto(dev.origin + path, {waitUntil: "commit", timeout: GOTO});
      const r = page.locator(`table[aria-label^="${table}"] tr`, {hasText}).first();
      await r.waitFor({timeout: 120_000});
      return (await r.textContent()) ?? "";
    };
    const forest = () => row("/methods", "Carbon coefficients of the land-use classes", "Forest land");
    const net2003 = () => row("/carbon", "Net carbon emissions per epoch", "2003");

    expect(await forest(), dev.log()).toContain("−0.644");
    s.carbon.landUse.forest.value = -3.25;
    writeFileSync(study, JSON.stringify(s, null, 2));
    // the watcher's debounce and the loaders' re-run: wait for the page to change, not for a fixed time
    const after = await until(
      "the changed coefficient on the Methods page",
      async () => {
        const t = await forest();
        return t.includes("−0.644") ? undefined : t;
      },
      180_000,
      dev.log
    );
    expect(after).toContain("−3.25");

    const before = await net2003();
    const energy = join(inputs, "energy.csv");
    writeFileSync(energy, readFileSync(energy, "utf8").replace(/^raw_coal,(.*?),2\.1,/m, "raw_coal,$1,42,"));
    await until(
      "the changed energy input on the Carbon page",
      async () => ((await net2003()) !== before ? true : undefined),
      180_000,
      dev.log
    );

    // A story written while the server runs becomes the home page; an edit to it shows on reload without re-running the pipeline.
    const storyDir = join(studyDir, "story");
    mkdirSync(storyDir);
    const storyPage = join(storyDir, "01-home.md");
    writeFileSync(storyPage, "---\ntitle: Home\n---\n\n# The valley's story\n\nIt has {{value epochs}} epochs.\n");
    const h1 = async () => {
      await page.goto(dev.origin + "/", {waitUntil: "domcontentloaded", timeout: GOTO});
      return (await page.locator("#observablehq-main h1").first().textContent({timeout: 30_000})) ?? "";
    };
    await until(
      "the new story as the home page",
      async () => ((await h1()).includes("The valley's story") ? true : undefined),
      180_000,
      dev.log
    );
    const logged = dev.log().length;
    writeFileSync(storyPage, readFileSync(storyPage, "utf8").replace("The valley's story", "The valley, retold"));
    await until("the edited story page", async () => ((await h1()).includes("retold") ? true : undefined), 60_000, dev.log);
    expect(dev.log().slice(logged), "the pipeline ran again for a story edit").not.toMatch(/atlas: (land use|display|grid|generating)/);
    expect(await page.locator("#observablehq-main .atlas-value").first().textContent()).toBe("4");

    await page.close();
    await stop(dev, "SIGINT", (d) => d.npm.pid!);
  }, 600_000);
});
