// Raster engine benchmark: million pixel pairs per second for transitions and
// for 1 km grid aggregation on a 16000 × 16000 DEFLATE-tiled pair, median of
// three runs, with the process's peak resident memory (workers included).
// The pair is generated once, deterministically, into .cache/bench/.
// Run alone: node --import tsx bench/raster.ts
import {existsSync, mkdirSync, renameSync, statSync} from "node:fs";
import {availableParallelism} from "node:os";
import {join} from "node:path";
import {fileURLToPath} from "node:url";
import {CLCD_TO_CLASS} from "../src/lib/legends.js";
import {openEpochs, gridComposition, tabulate} from "../data-loaders/raster/engine.js";
import {hash, writeSquareRaster} from "./synthetic.js";

const SIZE = 16000;
const DIR = join(fileURLToPath(new URL("..", import.meta.url)), ".cache", "bench");
const CODES = [1, 1, 1, 2, 2, 2, 2, 3, 4, 5, 5, 8, 8, 9, 7, 1];

/** Land-cover-like pixel: wiggly 24-pixel patches, 1/64 speckle, NoData outside a disc; epoch 1 urbanises some cropland. */
function pixel(x: number, y: number, epoch: number, size: number): number {
  const dx = x - size / 2,
    dy = y - size / 2;
  if (dx * dx + dy * dy > (size * 0.49) ** 2) return 0;
  const bx = ((x + (hash(y >> 3, 7, 1) & 15)) / 24) | 0;
  const by = ((y + (hash(x >> 3, 9, 2) & 15)) / 24) | 0;
  let code = CODES[hash(bx, by, 3) & 15];
  const s = hash(x, y, 4 + epoch);
  if ((s & 63) === 0) code = CODES[(s >>> 8) & 15];
  if (epoch === 1 && code === 1 && (hash(bx, by, 5) & 7) < 2) code = 8;
  return code;
}

export async function ensurePair(size: number): Promise<[string, string]> {
  mkdirSync(DIR, {recursive: true});
  const paths = [0, 1].map((e) => join(DIR, `bench-${size}-epoch${e}.tif`)) as [string, string];
  for (const [e, path] of paths.entries()) {
    if (existsSync(path)) continue;
    process.stderr.write(`bench: writing ${path} …\n`);
    const tmp = `${path}.tmp`;
    await writeSquareRaster(tmp, size, 0.00025, (x, y) => pixel(x, y, e, size));
    renameSync(tmp, path);
  }
  return paths;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const peakRssMB = () => Math.round(process.resourceUsage().maxRSS / 1024);

export async function benchRaster(): Promise<object> {
  const table = new Map(Object.entries(CLCD_TO_CLASS).map(([k, v]) => [Number(k), v as string]));
  const time = async (f: () => Promise<unknown>) => {
    const t0 = performance.now();
    await f();
    return (performance.now() - t0) / 1000;
  };
  const run = async (size: number, reps: number) => {
    const paths = await ensurePair(size);
    const e = await openEpochs(paths);
    const transitions: number[] = [];
    const grid: number[] = [];
    for (let i = 0; i < reps; i++) transitions.push(await time(() => tabulate(e, {pairs: [[0, 1]]})));
    for (let i = 0; i < reps; i++) grid.push(await time(() => gridComposition(e, {cellKm: [1], table})));
    return {transitions, grid, ratio: (size * size) / statSync(paths[0]).size};
  };
  // A quarter-size pair first: the process's peak memory after it and after the
  // full-size pair shows whether memory grows with the raster.
  await run(SIZE / 2, 1);
  const rssHalf = peakRssMB();
  const {transitions, grid, ratio} = await run(SIZE, 3);
  const rate = (s: number) => +((SIZE * SIZE) / s / 1e6).toFixed(1);
  return {
    raster: `${SIZE}×${SIZE} uint8 pair, DEFLATE, 256×256 tiles, EPSG:4326, compressed ${ratio.toFixed(1)}×`,
    threads: availableParallelism(),
    transitions_M_pairs_per_s: rate(median(transitions)),
    transitions_seconds: transitions.map((s) => +s.toFixed(3)),
    grid_1km_M_pairs_per_s: rate(median(grid)),
    grid_1km_seconds: grid.map((s) => +s.toFixed(3)),
    [`peak_rss_MB_after_${SIZE / 2}x${SIZE / 2}`]: rssHalf,
    [`peak_rss_MB_after_${SIZE}x${SIZE}`]: peakRssMB()
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  benchRaster().then(
    (r) => process.stdout.write(JSON.stringify(r, null, 2) + "\n"),
    (error: unknown) => {
      process.stderr.write(`bench: ${(error as Error).message}\n`);
      process.exit(1);
    }
  );
}
