// `npm run bench dev [--runs N]`: how long a newcomer waits for the default
// study's home page to draw its first chart after `npm run dev`, on a fresh
// copy of the repository (issue "the first five minutes"). Each run copies the
// files git tracks into a scratch folder (node_modules linked), runs the install
// step (`npm run prepare`, what `npm install` runs after installing packages)
// and then times, in Debian's Chromium, from the start of `npm run dev`:
//   cold: the first start, with no .cache/ from the pipeline;
//   warm: a second start, nothing changed.
// Each start is stopped with SIGTERM to npm, and the run fails if any process
// is left in the copy. Prints JSON: each time per run and their medians.
import {execFileSync, spawn} from "node:child_process";
import {mkdtempSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {dirname, join} from "node:path";
import {parseArgs} from "node:util";
import {launch} from "../test/browser/chromium.js";
import {FIRST_MARK_PROBE} from "../test/browser/inspect-page.js";
import {freshCopy, processesIn} from "../test/fresh-copy.js";

const ROOT = join(import.meta.dirname, "..");
// --dir DIR: one start in an existing copy, its whole output printed with times (to see where the time goes)
const {values} = parseArgs({options: {runs: {type: "string", default: "3"}, dir: {type: "string"}}, strict: false});
const runs = Math.max(1, Number(values.runs) || 3);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return (s[(s.length - 1) >> 1] + s[s.length >> 1]) / 2;
};

/** A fresh copy of the repository in a scratch folder. */
function scratchCopy(): string {
  const dir = join(mkdtempSync(join(tmpdir(), "atlas-bench-dev-")), "clone");
  freshCopy(ROOT, dir);
  return dir;
}

const browser = await launch();

/** Seconds from `npm run dev` to the home page's first data mark (the page updates itself when the pipeline ends); fails if a process is left after SIGTERM to npm. */
async function start(dir: string): Promise<number> {
  const seconds = await firstChart(dir);
  const left = processesIn(dir);
  if (left.length) throw new Error(`left running after SIGTERM to npm:\n${left.join("\n")}`);
  return seconds;
}

/** Starts `npm run dev` in `dir`, waits for the first chart, stops it with SIGTERM to npm. */
async function firstChart(dir: string): Promise<number> {
  const t0 = performance.now();
  const npm = spawn("npm", ["run", "dev", "--", "--no-open"], {cwd: dir, stdio: ["ignore", "pipe", "pipe"]});
  // each line of the server's output with the seconds since the start, to say where the time goes
  let log = "";
  const stamp = (d: Buffer) => {
    const s = ((performance.now() - t0) / 1000).toFixed(1);
    log += String(d).replace(/^(?=.)/gm, `[${s} s] `);
  };
  npm.stdout!.on("data", stamp);
  npm.stderr!.on("data", stamp);
  const context = await browser.newContext({viewport: {width: 1280, height: 900}});
  try {
    let origin: string | undefined;
    while (!(origin = /http:\/\/127\.0\.0\.1:\d+/.exec(log)?.[0])) {
      if (npm.exitCode !== null) throw new Error(`npm run dev exited:\n${log}`);
      if (performance.now() - t0 > 600_000) throw new Error(`no address within 600 s:\n${log}`);
      await sleep(50);
    }
    const page = await context.newPage();
    await page.addInitScript(FIRST_MARK_PROBE);
    await page.goto(origin + "/", {timeout: 600_000});
    for (;;) {
      // A reader scrolls to the first figure: figures are drawn when scrolled into view.
      const drawn = await page
        .evaluate(() => {
          document.querySelector("#observablehq-main figure, #observablehq-main .card")?.scrollIntoView();
          return (window as unknown as {__firstMark: number | null}).__firstMark !== null;
        })
        .catch(() => false);
      if (drawn) {
        if (values.dir) process.stderr.write(log);
        return (performance.now() - t0) / 1000;
      }
      if (performance.now() - t0 > 600_000) throw new Error(`no chart within 600 s:\n${log}`);
      await sleep(50);
    }
  } finally {
    await context.close();
    const exited = new Promise((r) => npm.once("exit", r));
    if (npm.exitCode === null) npm.kill("SIGTERM");
    await exited;
    await sleep(4000); // the supervisor kills what ignores SIGTERM after 3 s
  }
}

if (values.dir) {
  // (in a copy the caller may be working in: its shell is no leftover, so no check of what is left)
  process.stderr.write(`first chart after ${(await firstChart(String(values.dir))).toFixed(1)} s\n`);
  await browser.close();
  process.exit(0);
}

const cold: number[] = [];
const warm: number[] = [];
const install: number[] = [];
try {
  for (let i = 0; i < runs; i++) {
    const dir = scratchCopy();
    try {
      const t = performance.now();
      execFileSync("npm", ["run", "--silent", "prepare"], {cwd: dir, stdio: "ignore"});
      install.push((performance.now() - t) / 1000);
      cold.push(await start(dir));
      warm.push(await start(dir));
      process.stderr.write(
        `bench dev: run ${i + 1}: install step ${install.at(-1)!.toFixed(1)} s, cold ${cold.at(-1)!.toFixed(1)} s, warm ${warm.at(-1)!.toFixed(1)} s\n`
      );
    } finally {
      rmSync(dirname(dir), {recursive: true, force: true});
    }
  }
} finally {
  await browser.close();
}
const r1 = (x: number) => Math.round(x * 10) / 10;
process.stdout.write(
  JSON.stringify({
    bench: "npm run dev on a fresh copy: seconds to the home page's first chart (medians)",
    install_step_s: {median: r1(median(install)), runs: install.map(r1)},
    cold_s: {median: r1(median(cold)), runs: cold.map(r1), target: 15},
    warm_s: {median: r1(median(warm)), runs: warm.map(r1), target: 3}
  }) + "\n"
);
