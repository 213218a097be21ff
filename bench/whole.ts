// Whole commands as a user runs them (issue 12): each figure is the wall time
// of a whole process, `npm run --silent atlas -- …` included, median of RUNS,
// run alternately with its reference in the same bench run so that load from
// other work on the machine hits both alike:
//   - start-up: `node -e 1`, `atlas --help` through npm and through node, and
//     what one worker thread adds (moran on a 15×15 grid, --threads 2 vs 1);
//   - `atlas transitions` on the 16000² DEFLATE pair, beside GDAL + numpy
//     (bench/reference/transitions_gdal_numpy.py, python3-gdal + numpy);
//   - `atlas moran`, 999 permutations, on 90,000 and 1,000,000 cells, beside
//     R spdep (bench/reference/moran_spdep.R) with only 99 permutations, run
//     once (it takes minutes): the ratio is a lower bound;
//   - peak memory of `atlas transitions` on 8000², 16000² and 32000² pairs;
//   - the whole default study (`atlas study`, empty cache) and `npm run build`
//     (empty caches), cold, each in a scratch copy of the working tree.
// A missing reference is skipped loudly. With --baseline DIR (a checkout of
// older code with its own node_modules link) every atlas, study and build
// figure is also measured there, alternating, and the ratio reported.
// Run alone: node --import tsx bench/whole.ts [--runs N] [--baseline DIR] [--skip study,build,memory,spdep,moran1m]
import {spawnSync} from "node:child_process";
import {cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync} from "node:fs";
import {availableParallelism, loadavg, tmpdir} from "node:os";
import {dirname, join, resolve} from "node:path";
import {fileURLToPath} from "node:url";
import {parseArgs} from "node:util";
import {ensurePair} from "./raster.js";
import {syntheticGrid} from "./moran.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const DATA = join(ROOT, ".cache", "bench");
const {values: opts} = parseArgs({
  options: {runs: {type: "string", default: "3"}, baseline: {type: "string"}, skip: {type: "string", default: ""}},
  strict: true
});
const RUNS = Math.max(1, Number(opts.runs));
const SKIP = new Set(opts.skip!.split(",").filter(Boolean));
const BASELINE = opts.baseline ? resolve(opts.baseline) : null;
const TIME = existsSync("/usr/bin/time") ? "/usr/bin/time" : null;
const PYTHON = ["/usr/bin/python3", "python3"].find((p) => spawnSync(p, ["-c", "import numpy; from osgeo import gdal"]).status === 0);
const RSCRIPT = spawnSync("Rscript", ["-e", "suppressMessages(library(spdep)); suppressMessages(library(jsonlite))"]).status === 0;

const log = (m: string) => process.stderr.write(`bench whole: ${m}\n`);
const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
const r3 = (v: number) => Math.round(v * 1000) / 1000;

interface Run {
  s: number;
  rssMB: number | null;
  stdout: string;
}

/** One whole process: wall time (s) and, with GNU time, peak resident memory of its largest process. */
function run(cmd: string[], cwd = ROOT, env: NodeJS.ProcessEnv = {}): Run {
  const out = join(tmpdir(), `bench-time-${process.pid}`);
  const argv = TIME ? [TIME, "-f", "%M", "-o", out, ...cmd] : cmd;
  const t0 = performance.now();
  const r = spawnSync(argv[0], argv.slice(1), {cwd, env: {...process.env, ...env}, encoding: "utf8", maxBuffer: 1 << 30});
  const s = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`${cmd.join(" ")} (in ${cwd}) failed with exit ${r.status}: ${r.stderr.slice(-2000)}`);
  const rssMB = TIME ? Math.round(Number(readFileSync(out, "utf8").trim().split("\n").pop()) / 1024) : null;
  return {s, rssMB, stdout: r.stdout};
}

/** Median seconds of each command, the commands run alternately RUNS times. */
function alternate(
  cmds: Record<string, (() => Run) | null>,
  runs = RUNS
): Record<string, {median_s: number; runs_s: number[]; peak_rss_MB: number | null}> {
  const times: Record<string, Run[]> = {};
  for (let i = 0; i < runs; i++)
    for (const [name, f] of Object.entries(cmds)) {
      if (!f) continue;
      (times[name] ??= []).push(f());
    }
  return Object.fromEntries(
    Object.entries(times).map(([name, rs]) => [
      name,
      {
        median_s: r3(median(rs.map((r) => r.s))),
        runs_s: rs.map((r) => r3(r.s)),
        peak_rss_MB: rs[0].rssMB === null ? null : Math.max(...rs.map((r) => r.rssMB!))
      }
    ])
  );
}

const atlas =
  (cwd: string, ...args: string[]) =>
  () =>
    run(["npm", "run", "--silent", "atlas", "--", ...args], cwd);
const skipped = (what: string, why: string) => {
  log(`SKIPPED ${what}: ${why}`);
  return {skipped: why};
};

function moranCsv(side: number): string {
  const path = join(DATA, `moran-${side}.csv`);
  if (!existsSync(path)) {
    const {row, col, x, y} = syntheticGrid(side, side);
    const lines = ["id,row,col,x,y"];
    for (let i = 0; i < row.length; i++) lines.push(`${i},${row[i]},${col[i]},${x[i]},${y[i]}`);
    writeFileSync(path, lines.join("\n") + "\n");
  }
  return path;
}

/** A scratch copy of the working tree (tracked and untracked, not ignored files) with node_modules linked. */
function scratchCopy(from: string): string {
  const dir = mkdtempSync(join(tmpdir(), "atlas-bench-"));
  const files = spawnSync("git", ["ls-files", "-co", "--exclude-standard", "-z"], {cwd: from, encoding: "utf8"});
  if (files.status !== 0)
    cpSync(from, dir, {recursive: true, filter: (p) => !/\/(node_modules|\.cache|dist|\.git|\.observablehq)(\/|$)/.test(p)});
  else
    for (const f of files.stdout.split("\0").filter(Boolean))
      if (existsSync(join(from, f))) cpSync(join(from, f), join(dir, f), {recursive: true});
  symlinkSync(join(from, "node_modules"), join(dir, "node_modules"));
  return dir;
}

const clean = (dir: string) => () => {
  for (const d of [".cache", "dist", "src/.observablehq/cache"]) rmSync(join(dir, d), {recursive: true, force: true});
};

async function main() {
  const load0 = loadavg();
  const result: Record<string, unknown> = {
    bench: "whole commands (wall time of the process, median of alternating runs)",
    runs: RUNS,
    threads: availableParallelism(),
    node: process.version,
    baseline: BASELINE
  };
  // Compile the CLI first, so that no figure below includes it.
  run(["node", join(ROOT, "data-loaders/bin/bundle.mjs")]);

  log("start-up");
  const fixture = join(ROOT, "test/fixtures/moran/grid-15x15.csv");
  const startup = alternate(
    {
      "node -e 1": () => run(["node", "-e", "1"]),
      "npm run --silent atlas -- --help": atlas(ROOT, "--help"),
      "node data-loaders/bin/atlas.mjs --help": () => run(["node", "data-loaders/bin/atlas.mjs", "--help"]),
      "moran 15x15 --threads 1": () =>
        run(["node", "data-loaders/bin/atlas.mjs", "moran", fixture, "--x", "carbon", "--y", "esv", "--threads", "1"]),
      "moran 15x15 --threads 2": () =>
        run(["node", "data-loaders/bin/atlas.mjs", "moran", fixture, "--x", "carbon", "--y", "esv", "--threads", "2"]),
      "baseline: npm run --silent atlas -- --help": BASELINE ? atlas(BASELINE, "--help") : null
    },
    Math.max(5, RUNS)
  );
  const help = startup["npm run --silent atlas -- --help"].median_s;
  result.startup = {
    ...startup,
    worker_start_s: r3(startup["moran 15x15 --threads 2"].median_s - startup["moran 15x15 --threads 1"].median_s),
    target_help_s: 0.25,
    pass: help <= 0.25
  };

  log("transitions 16000² (generating the pair on first use)");
  const [a, b] = await ensurePair(16000);
  const pairs = 16000 * 16000;
  const tr = alternate({
    atlas: atlas(ROOT, "transitions", a, b, "--json"),
    "GDAL + numpy": PYTHON ? () => run([PYTHON, join(ROOT, "bench/reference/transitions_gdal_numpy.py"), a, b]) : null,
    baseline: BASELINE ? atlas(BASELINE, "transitions", a, b, "--json") : null
  });
  const rate = (s: number) => +(pairs / s / 1e6).toFixed(1);
  result.transitions_16000 = {
    ...tr,
    atlas_M_pairs_per_s: rate(tr.atlas.median_s),
    "GDAL + numpy": tr["GDAL + numpy"] ?? skipped("GDAL + numpy", "python3 with osgeo (python3-gdal) and numpy not found"),
    gdal_numpy_M_pairs_per_s: tr["GDAL + numpy"] ? rate(tr["GDAL + numpy"].median_s) : null,
    speedup_vs_gdal_numpy: tr["GDAL + numpy"] ? r3(tr["GDAL + numpy"].median_s / tr.atlas.median_s) : null,
    speedup_vs_baseline: tr.baseline ? r3(tr.baseline.median_s / tr.atlas.median_s) : null,
    targets: {M_pairs_per_s: 300, vs_gdal_numpy: 4},
    pass: rate(tr.atlas.median_s) >= 300 && (!tr["GDAL + numpy"] || tr["GDAL + numpy"].median_s / tr.atlas.median_s >= 4)
  };

  log("moran 90,000 cells × 999 permutations");
  const m90 = moranCsv(300);
  const moranArgs = (f: string) => ["moran", f, "--x", "x", "--y", "y", "--json"];
  const mo = alternate({atlas: atlas(ROOT, ...moranArgs(m90)), baseline: BASELINE ? atlas(BASELINE, ...moranArgs(m90)) : null});
  let spdep: unknown;
  if (SKIP.has("spdep")) spdep = skipped("R spdep", "--skip spdep");
  else if (!RSCRIPT) spdep = skipped("R spdep", "Rscript with spdep and jsonlite not found (apt-get install r-cran-spdep r-cran-jsonlite)");
  else {
    log("R spdep, 90,000 cells × 99 permutations (one run)");
    const s = run(["Rscript", join(ROOT, "bench/reference/moran_spdep.R"), m90, "99"]).s;
    spdep = {permutations: 99, s: r3(s), note: "one run; spdep does 99 permutations where atlas does 999, so the ratio is a lower bound"};
  }
  const spdep99 = (spdep as {s?: number}).s;
  result.moran_90k = {
    ...mo,
    what: "global I under both nulls (the study's among them) + every LISA, 999 permutations, JSON out",
    "R spdep": spdep,
    speedup_vs_spdep_at_least: spdep99 ? r3(spdep99 / mo.atlas.median_s) : null,
    speedup_vs_baseline: mo.baseline ? r3(mo.baseline.median_s / mo.atlas.median_s) : null,
    targets: {study_null_and_lisa_s: 0.5, both_nulls_s: 1},
    pass: mo.atlas.median_s <= 0.5
  };
  if (!SKIP.has("moran1m")) {
    log("moran 1,000,000 cells × 999 permutations");
    const m1m = moranCsv(1000);
    const big = alternate({atlas: atlas(ROOT, ...moranArgs(m1m)), baseline: BASELINE ? atlas(BASELINE, ...moranArgs(m1m)) : null});
    result.moran_1m = {
      ...big,
      speedup_vs_baseline: big.baseline ? r3(big.baseline.median_s / big.atlas.median_s) : null,
      target_s: 5,
      pass: big.atlas.median_s <= 5
    };
  }

  if (!SKIP.has("memory")) {
    log("peak memory of transitions, 8000² → 32000² (the 32000² pair is written on first use, ~1 min)");
    const mem: Record<string, number | null> = {};
    for (const size of [8000, 16000, 32000]) {
      const [p, q] = await ensurePair(size);
      const r = run(["node", "data-loaders/bin/atlas.mjs", "transitions", p, q, "--json"]);
      mem[`${size}x${size}`] = r.rssMB;
      mem[`${size}x${size}_s`] = r3(r.s);
    }
    result.transitions_peak_rss_MB = {
      ...mem,
      target_32000_MB: 1024,
      pass: (mem["32000x32000"] ?? 0) < 1024,
      measured_with: TIME ?? "unavailable"
    };
  }

  for (const [name, cmd] of [
    ["study_cold", ["npm", "run", "--silent", "atlas", "--", "study", "--json"]],
    ["build_cold", ["npm", "run", "build"]]
  ] as const) {
    if (SKIP.has(name.replace("_cold", ""))) continue;
    log(`${name.replace("_", " ")} in a scratch copy`);
    const here = scratchCopy(ROOT);
    const there = BASELINE ? scratchCopy(BASELINE) : null;
    const cold = (dir: string) => () => {
      clean(dir)();
      return run([...cmd], dir, {OBSERVABLE_TELEMETRY_DISABLE: "true"});
    };
    try {
      const r = alternate({atlas: cold(here), baseline: there ? cold(there) : null});
      result[name] = {...r, speedup_vs_baseline: r.baseline ? r3(r.baseline.median_s / r.atlas.median_s) : null};
    } catch (error) {
      // The working tree may be mid-edit; report it rather than lose the other figures.
      log(`FAILED ${name}: ${(error as Error).message.slice(0, 500)}`);
      result[name] = {failed: (error as Error).message.slice(0, 2000)};
    } finally {
      for (const d of [here, there]) if (d) rmSync(d, {recursive: true, force: true});
    }
  }
  result.load_average = {start: load0.map(r3), end: loadavg().map(r3)};
  return result;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().then(
    (r) => process.stdout.write(JSON.stringify(r, null, 2) + "\n"),
    (error: unknown) => {
      process.stderr.write(`bench whole: ${(error as Error).message}\n`);
      process.exit(1);
    }
  );
}
