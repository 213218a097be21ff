// Runs the permutation kernels of src/lib/moran.ts on all cores with
// worker_threads. Node only. Same bits as the single-thread bivariateMoran():
// the kernels draw their randomness from (seed, block or permutation index),
// never from which thread runs them, so the split cannot change the output.
//
// Work is cut into chunks (blocks of cells, groups of permutations) claimed
// through an Atomics counter in shared memory. The calling thread starts
// claiming at once; the pool's workers (workers/pool.ts), one task each, join
// when they have booted (tsx takes a moment), so small inputs finish on the
// main thread before a worker is needed.
import {availableParallelism} from "node:os";
import {createPool, serve} from "../workers/pool.js";
import {
  LOCAL_BLOCK,
  assembleBV,
  checkWork,
  globalPermutationSims,
  interleavePairs,
  localPermutationCounts,
  prepareBV,
  resolveOptions,
  type BivariateMoranOptions,
  type BivariateMoranResult
} from "../../src/lib/moran.js";
import type {GridWeights} from "../../src/lib/weights.js";

const CELLS_PER_CHUNK = 8 * LOCAL_BLOCK;
const PERMS_PER_CHUNK = 8;

interface Job {
  zx: Float64Array;
  zy: Float64Array;
  lag: Float64Array;
  offsets: Int32Array;
  neighbours: Int32Array;
  maxK: number;
  perms: number;
  seed: number;
  den: number;
  counts: Int32Array;
  ties: Int32Array;
  /** interleavePairs(zx, zy), built once for every global chunk */
  pairs: Float64Array | null;
  simsY: Float64Array | null;
  simsPairs: Float64Array | null;
  /** [next chunk to claim, chunks finished] */
  control: Int32Array;
  /** chunks run by each thread (index 0: the calling one) */
  ran: Int32Array;
  localChunks: number;
  globalChunks: number;
}

function runChunks(job: Job, thread: number): void {
  const n = job.zx.length,
    total = job.localChunks + job.globalChunks;
  const local = {zx: job.zx, zy: job.zy, lag: job.lag, offsets: job.offsets, maxK: job.maxK, perms: job.perms, seed: job.seed};
  for (;;) {
    const t = Atomics.add(job.control, 0, 1);
    if (t >= total) return;
    if (t < job.localChunks) {
      localPermutationCounts(local, t * CELLS_PER_CHUNK, Math.min(n, (t + 1) * CELLS_PER_CHUNK), job.counts, job.ties);
    } else {
      const g = t - job.localChunks,
        r0 = g * PERMS_PER_CHUNK,
        r1 = Math.min(job.perms, r0 + PERMS_PER_CHUNK);
      globalPermutationSims(job.zx, job.zy, job, job.den, job.seed, r0, r1, job.simsY!, job.simsPairs!, job.pairs!);
    }
    Atomics.add(job.ran, thread, 1);
    Atomics.add(job.control, 1, 1);
  }
}

/** A worker's task: the job and the thread it counts its chunks under. */
interface Task {
  job: Job;
  thread: number;
}

/** The worker side (data-loaders/workers/entry.ts calls it): each task claims chunks until none is left. */
export function lisaWorkerMain(): void {
  serve<Task, null>({task: ({job, thread}) => (runChunks(job, thread), null)});
}

function shared<T extends Float64Array | Int32Array>(a: T): T {
  const Ctor = a.constructor as {new (b: SharedArrayBuffer): T};
  const s = new Ctor(new SharedArrayBuffer(a.byteLength));
  s.set(a as never);
  return s;
}

/**
 * A worker costs about 0.25 s to boot (tsx compiles its modules), so by
 * default one is started only when the main thread alone would need longer
 * than that: roughly 1.7 µs per cell for the local kernel and 6 ns per
 * neighbour link per global permutation, as measured on the bench machine.
 */
function autoThreads(n: number, links: number, globalPerms: number): number {
  const estimate = n * 1.7e-6 + links * globalPerms * 6e-9;
  return estimate > 0.5 ? availableParallelism() : 1;
}

export interface ParallelOptions extends BivariateMoranOptions {
  /** threads in all, the calling one included; default: os.availableParallelism() when the job is big enough to repay a worker's start-up, else 1 */
  threads?: number;
  /** false: the calling thread only waits and the workers run every chunk (tests use it to exercise workers for sure) */
  mainJoins?: boolean;
  /** filled with the chunks each thread ran (index 0: the calling thread), for tests and the bench */
  stats?: {chunks: number[]};
}

/** bivariateMoran() of src/lib/moran.ts, its kernels spread over threads. Identical output. */
export async function bivariateMoranParallel(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  w: GridWeights,
  opts: ParallelOptions = {}
): Promise<BivariateMoranResult> {
  const o = resolveOptions(opts);
  checkWork(w.n, o.perms);
  const prep = prepareBV(x, y, w, opts.names);
  const n = prep.n;
  const localChunks = Math.ceil(n / CELLS_PER_CHUNK),
    globalChunks = o.global ? Math.ceil(o.perms / PERMS_PER_CHUNK) : 0,
    total = localChunks + globalChunks;
  let threads = Math.max(1, Math.min(opts.threads ?? autoThreads(n, w.neighbours.length, o.global ? o.perms : 0), total));
  if (opts.mainJoins === false) threads = Math.max(threads, 2);
  const job: Job = {
    zx: shared(prep.zx),
    zy: shared(prep.zy),
    lag: shared(prep.lag),
    offsets: shared(w.offsets),
    neighbours: shared(w.neighbours),
    maxK: w.maxK,
    perms: o.perms,
    seed: o.seed,
    den: prep.den,
    counts: shared(new Int32Array(n)),
    ties: shared(new Int32Array(n)),
    pairs: o.global ? interleavePairs(prep.zx, prep.zy, new Float64Array(new SharedArrayBuffer(16 * n))) : null,
    simsY: o.global ? shared(new Float64Array(o.perms)) : null,
    simsPairs: o.global ? shared(new Float64Array(o.perms)) : null,
    control: shared(new Int32Array(2)),
    ran: shared(new Int32Array(threads)),
    localChunks,
    globalChunks
  };
  if (threads > 1) {
    const pool = createPool<Task, null>("lisa", {size: threads - 1});
    const workers = Promise.all(Array.from({length: threads - 1}, (_, t) => pool.run({job, thread: t + 1})));
    workers.catch(() => undefined); // awaited below unless the calling thread ran every chunk
    try {
      if (opts.mainJoins ?? true) runChunks(job, 0);
      // Chunks claimed by workers may still be running: wait for them to report.
      if (Atomics.load(job.control, 1) < total) await workers;
    } finally {
      await pool.close();
    }
  } else runChunks(job, 0);
  if (opts.stats) opts.stats.chunks = Array.from(job.ran);
  return assembleBV(prep, w, o, job.counts.slice(), job.simsY?.slice() ?? null, job.simsPairs?.slice() ?? null, job.ties.slice());
}
