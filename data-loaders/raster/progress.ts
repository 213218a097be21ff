// Progress of the raster commands of the atlas CLI and of a study's pass over
// its rasters, on stderr; and the size a study may have on one machine.
import type {FishnetPlan} from "./fishnet.js";
import type {RasterInfo} from "./open-raster.js";

/** Progress on stderr for large rasters only, so small runs stay quiet. */
export function stderrProgress(pixels: number, label: string): ((done: number, total: number) => void) | undefined {
  if (pixels < 5e7) return undefined;
  let last = -1;
  return (done, total) => {
    const pct = Math.floor((100 * done) / total / 10) * 10;
    if (pct !== last) {
      last = pct;
      process.stderr.write(`${label}: ${pct}%\n`);
    }
  };
}

const mega = (n: number) => `${(n / 1e6).toFixed(0)} M`;
const duration = (s: number) => (s >= 3600 ? `${(s / 3600).toFixed(1)} h` : s >= 60 ? `${Math.round(s / 60)} min` : `${Math.ceil(s)} s`);

/**
 * Progress of a study's pass (chunks done of total) as pixels of every epoch:
 * on a terminal, one line redrawn as a bar with the pixels done and the time
 * left; otherwise (a log, Framework's loaders) a plain line every tenth.
 * Studies under 5 × 10⁷ pixels in all take seconds and print nothing.
 */
export function studyProgress(
  infos: RasterInfo[],
  stream: NodeJS.WriteStream = process.stderr
): ((done: number, total: number) => void) | undefined {
  const pixels = infos[0].width * infos[0].height * infos.length;
  if (pixels < 5e7) return undefined;
  const t0 = performance.now();
  const step = `one pass over ${infos.length} epoch${infos.length === 1 ? "" : "s"}`;
  let last = -1;
  return (done, total) => {
    const px = (pixels * done) / total;
    const s = (performance.now() - t0) / 1000;
    const left = done > 0 ? (s * (total - done)) / done : NaN;
    const eta = done === total ? `done in ${duration(s)}` : Number.isFinite(left) ? `${duration(left)} left` : "";
    if (stream.isTTY) {
      const width = 30;
      const filled = Math.round((width * done) / total);
      stream.write(`\ratlas: ${step} [${"#".repeat(filled)}${"-".repeat(width - filled)}] ${mega(px)} / ${mega(pixels)} px, ${eta}\x1b[K`);
      if (done === total) stream.write("\n");
      return;
    }
    const tenth = Math.floor((10 * done) / total);
    if (tenth === last) return;
    last = tenth;
    stream.write(`atlas: ${step}: ${tenth * 10} %, ${mega(px)} of ${mega(pixels)} px, ${eta}\n`);
  };
}

/** Pixels of all epochs together that one machine is asked to count in one study; beyond, tiles (docs/architecture.md, "Scale"). */
export const MAX_STUDY_PIXELS = 1e11;
/** The pass's rate on the two-core machine the bench runs on (npm run bench, study_8000), pixels of all epochs per second. */
const PASS_PIXELS_PER_S = 7e7;

/**
 * Refuse, before any pass, a study larger than one machine should take,
 * saying what it would cost: time at the measured rate, and memory (the
 * grids' dense accumulators and their results, besides a fixed base).
 */
export function checkStudySize(infos: RasterInfo[], chunkRows: number, plans: FishnetPlan[], cellSizesKm: number[]): void {
  const {width, height, name} = infos[0];
  const pixels = width * height * infos.length;
  if (pixels <= MAX_STUDY_PIXELS) return;
  const slots = 8 * infos.length; // per cell: classes, unmapped and NoData slots of every epoch
  const gridBytes = plans.reduce((n, p) => n + p.nRows * p.nCols * slots * 8, 0);
  const workerBytes = 4 * chunkRows * width;
  const memory = 300e6 + 3 * gridBytes + 2 * workerBytes;
  throw new Error(
    `${name}: ${infos.length} epoch${infos.length === 1 ? "" : "s"} of ${width} × ${height} px is ${pixels.toExponential(2)} pixels in all, ` +
      `more than one machine should count in one study (${MAX_STUDY_PIXELS.toExponential(0)}): it would take about ${duration(pixels / PASS_PIXELS_PER_S)} ` +
      `and ${(memory / 1e9).toFixed(1)} GB with cells of ${cellSizesKm.join(", ")} km. ` +
      `Expected a smaller study: split the region into tiles, each a study of its own, and reduce their partial counts (docs/architecture.md, "Scale")`
  );
}
