// Bench: bivariate LISA (999 conditional permutations) on seeded synthetic
// grids of 300×300 and 1000×1000 cells, through the worker wrapper the CLI
// uses. Wall time covers standardisation, lags, the permutation kernel (and
// worker start-up) and classification, not building the weights (timed apart).
// Run alone: node --import tsx bench/moran.ts
import {availableParallelism} from "node:os";
import {pathToFileURL} from "node:url";
import {gridContiguity} from "../src/lib/weights.js";
import {bivariateMoran} from "../src/lib/moran.js";
import {rng} from "../src/lib/rng.js";
import {bivariateMoranParallel} from "../data-loaders/spatial/lisa-parallel.js";

const PERMS = 999;

/** Smooth negatively related surfaces plus noise, like carbon intensity × ESV intensity. */
export function syntheticGrid(side: number, seed: number) {
  const n = side * side,
    g = rng(seed);
  const row = new Int32Array(n),
    col = new Int32Array(n),
    x = new Float64Array(n),
    y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const r = (row[i] = Math.floor(i / side)),
      c = (col[i] = i % side);
    const s = Math.sin((r / side) * 9) + Math.cos((c / side) * 7);
    x[i] = s + g.next();
    y[i] = -s + 2 * g.next();
  }
  return {row, col, x, y};
}

const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
const seconds = (t0: number) => (performance.now() - t0) / 1000;
const round = (v: number) => Math.round(v * 1000) / 1000;

async function benchCase(side: number, runs: number, target: number) {
  const {row, col, x, y} = syntheticGrid(side, side);
  let t0 = performance.now();
  const w = gridContiguity(row, col, "queen");
  const weightsS = seconds(t0);
  const parallel: number[] = [],
    single: number[] = [];
  let workerShare = 0;
  for (let r = 0; r < runs; r++) {
    const stats = {chunks: [] as number[]};
    t0 = performance.now();
    await bivariateMoranParallel(x, y, w, {perms: PERMS, seed: r + 1, global: false, stats});
    parallel.push(seconds(t0));
    workerShare = stats.chunks.slice(1).reduce((a, b) => a + b, 0) / stats.chunks.reduce((a, b) => a + b, 0);
    t0 = performance.now();
    bivariateMoran(x, y, w, {perms: PERMS, seed: r + 1, global: false});
    single.push(seconds(t0));
  }
  return {
    cells: side * side,
    grid: `${side}x${side}`,
    perms: PERMS,
    runs,
    median_s: round(median(parallel)),
    runs_s: parallel.map(round),
    single_thread_median_s: round(median(single)),
    worker_share_of_chunks: round(workerShare),
    weights_build_s: round(weightsS),
    target_s: target,
    pass: median(parallel) < target,
    peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024)
  };
}

/** Global inference (both nulls, 999 permutations each) on 90,000 cells, for reference; no target. */
async function benchGlobal() {
  const {row, col, x, y} = syntheticGrid(300, 300);
  const w = gridContiguity(row, col, "queen");
  const t0 = performance.now();
  await bivariateMoranParallel(x, y, w, {perms: PERMS, seed: 1});
  return {cells: 90000, perms: PERMS, what: "local + global under both nulls", wall_s: round(seconds(t0))};
}

export async function benchMoran(): Promise<object> {
  const small = await benchCase(300, 3, 2);
  const large = await benchCase(1000, 3, 30);
  const global = await benchGlobal();
  return {
    bench: "bivariate LISA, conditional permutation",
    node: process.version,
    threads: availableParallelism(),
    cases: [small, large],
    global_90k: global,
    peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024)
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  benchMoran().then((r) => process.stdout.write(JSON.stringify(r, null, 2) + "\n"));
}
