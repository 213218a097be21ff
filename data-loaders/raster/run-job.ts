// Run a job's chunks on worker threads (or inline for small rasters) and merge
// the results in chunk order, so sums are identical whatever the thread count.
import {availableParallelism} from "node:os";
import {createPool, type Pool} from "../workers/pool.js";
import {ChunkKernel, chunkCount, majorityRow, type ChunkResult, type JobSpec} from "./chunk-kernel.js";

export interface MergedHistogram {
  pixels: Float64Array;
  m2: Float64Array;
}

export interface JobOutput {
  singles: MergedHistogram[];
  pairs: MergedHistogram[];
  /** per grid task and fishnet row: nCols × stride area sums (m²), stride = rasters × slotsPerRaster; undefined if untouched */
  grids: (Float64Array | undefined)[][];
  /** with a zone task: per raster, part and slot, km² summed row by row in row order (pixels × the row's pixel area) */
  zones?: Float64Array[][];
  /** with a display task: per raster, the majority image (width × display rows; 0 = none, k + 1 = slot k) */
  display?: Uint8Array[];
  /** threads that ran the job (1 = inline) */
  threads: number;
}

export interface RunOptions {
  /** worker threads; default: all cores for rasters over 4 million pixels, else 1 (inline) */
  threads?: number;
  progress?: (done: number, total: number) => void;
}

export async function runJob(job: JobSpec, opts: RunOptions = {}): Promise<JobOutput> {
  const total = chunkCount(job);
  const pixels = job.rasters[0].width * job.rasters[0].height;
  const threads = Math.max(1, Math.min(opts.threads ?? (pixels > 4e6 ? availableParallelism() : 1), total, 16));
  const merger = new Merger(job, total, opts.progress);
  if (threads === 1) {
    const kernel = await ChunkKernel.open(job);
    try {
      for (let c = 0; c < total; c++) merger.add(kernel.run(c));
    } finally {
      kernel.close();
    }
  } else {
    await runOnWorkers(job, threads, total, (r) => merger.add(r));
  }
  return {...merger.output, threads};
}

// Workers outlive a job: starting one costs milliseconds precompiled, about a
// quarter of a second through tsx, which a pipeline of many passes should pay
// once. The pool's idle workers never keep the process alive.
let pool: Pool<number, ChunkResult, JobSpec> | null = null;
let queue: Promise<unknown> = Promise.resolve();

function runOnWorkers(job: JobSpec, threads: number, total: number, onResult: (r: ChunkResult) => void): Promise<void> {
  // One job at a time on the pool.
  const run = queue.then(() => runOnPool(job, threads, total, onResult));
  queue = run.catch(() => undefined);
  return run;
}

async function runOnPool(job: JobSpec, threads: number, total: number, onResult: (r: ChunkResult) => void): Promise<void> {
  if (pool?.size !== threads) {
    void pool?.close();
    // A small young generation: decoded blocks are short-lived, and scavenging
    // them often keeps resident memory down.
    pool = createPool("raster", {size: threads, worker: {resourceLimits: {maxYoungGenerationSizeMb: 8}}});
  }
  const p = pool;
  try {
    await Promise.all(Array.from({length: total}, (_, c) => p.run(c, {context: job}).then(onResult)));
  } catch (error) {
    // The job's other chunks are not wanted, and the workers' state is unknown now.
    if (pool === p) pool = null;
    await p.close();
    throw error;
  }
  p.release(job);
}

class Merger {
  readonly output: Omit<JobOutput, "threads">;
  private readonly pending = new Map<number, ChunkResult>();
  private next = 0;

  private readonly rowSizes: number[];
  /** display rows shared by two chunks, until their last source row is merged */
  private readonly displayPending = new Map<number, Float64Array>();

  constructor(
    private readonly job: JobSpec,
    private readonly total: number,
    private readonly progress?: (done: number, total: number) => void
  ) {
    this.rowSizes = job.grids.map((g) => g.plan.nCols * g.slotsPerRaster * job.rasters.length);
    const {display} = job;
    this.output = {
      singles: job.singles.map(() => ({pixels: new Float64Array(256), m2: new Float64Array(256)})),
      pairs: job.pairs.map(() => ({pixels: new Float64Array(65536), m2: new Float64Array(65536)})),
      grids: job.grids.map((g) => new Array<Float64Array | undefined>(g.plan.nRows)),
      ...(job.zones && {
        zones: job.rasters.map(() => job.zones!.masks.map(() => new Float64Array(job.zones!.slotsPerRaster)))
      }),
      ...(display && {
        display: job.rasters.map(() => new Uint8Array(display.width * Math.ceil(job.rasters[0].height / display.factor)))
      })
    };
  }

  add(result: ChunkResult): void {
    this.pending.set(result.chunk, result);
    for (let r = this.pending.get(this.next); r; r = this.pending.get(this.next)) {
      this.pending.delete(this.next++);
      this.merge(r);
      this.progress?.(this.next, this.total);
    }
  }

  private merge(r: ChunkResult): void {
    const hist = (into: MergedHistogram, h: ChunkResult["singles"][number]) => {
      h.index.forEach((i, k) => {
        into.pixels[i] += h.pixels[k];
        into.m2[i] += h.m2[k];
      });
    };
    r.singles.forEach((h, i) => hist(this.output.singles[i], h));
    r.pairs.forEach((h, i) => hist(this.output.pairs[i], h));
    r.grids.forEach((g, gi) => {
      const rows = this.output.grids[gi];
      const perRow = this.rowSizes[gi];
      for (let k = 0; k * perRow < g.m2.length; k++) {
        const band = g.m2.subarray(k * perRow, (k + 1) * perRow);
        let row = rows[g.rowBase + k];
        if (!row) {
          if (band.every((v) => v === 0)) continue;
          row = rows[g.rowBase + k] = new Float64Array(perRow);
        }
        for (let i = 0; i < perRow; i++) row[i] += band[i];
      }
    });
    if (r.zones) this.mergeZones(r.chunk, r.zones.counts);
    if (r.display) this.mergeDisplay(r.chunk, r.display);
  }

  /** Pixels × the row's pixel area, added row by row in row order, as a single pass over the rows would. */
  private mergeZones(chunk: number, counts: Float64Array): void {
    const {job} = this;
    const {masks, slotsPerRaster: spr} = job.zones!;
    const nR = job.rasters.length;
    const stride = spr * nR;
    const r0 = chunk * job.chunkRows;
    const r1 = Math.min(r0 + job.chunkRows, job.rasters[0].height);
    const out = this.output.zones!;
    for (let i = 0; i < nR; i++)
      for (let r = r0; r < r1; r++) {
        const km2 = job.rowAreaM2[r] / 1e6;
        for (let z = 0; z < masks.length; z++) {
          const o = ((r - r0) * masks.length + z) * stride + i * spr;
          const sums = out[i][z];
          for (let k = 0; k < spr; k++) sums[k] += counts[o + k] * km2;
        }
      }
  }

  private mergeDisplay(chunk: number, d: NonNullable<ChunkResult["display"]>): void {
    const {job} = this;
    const task = job.display!;
    const nR = job.rasters.length;
    const w = task.width;
    const images = this.output.display!;
    for (const {row, majority} of d.complete) for (let i = 0; i < nR; i++) images[i].set(majority.subarray(i * w, (i + 1) * w), row * w);
    const r1 = Math.min((chunk + 1) * job.chunkRows, job.rasters[0].height);
    for (const {row, counts} of d.partial) {
      const sum = this.displayPending.get(row);
      if (sum) for (let k = 0; k < counts.length; k++) sum[k] += counts[k];
      else this.displayPending.set(row, counts);
      if (Math.min(job.rasters[0].height, (row + 1) * task.factor) <= r1) {
        const all = this.displayPending.get(row)!;
        majorityRow(all, 0, task, images, row * w);
        this.displayPending.delete(row);
      }
    }
  }
}
