// The generator's work on the shared worker pool (workers/pool.ts), or inline.
// Work is handed out in order and every task writes to its own rows or file,
// so the output does not depend on which worker ran what or when: determinism
// survives parallelism.
import {createPool} from "../../../workers/pool.js";
import type {WorkerRequest} from "./worker.js";
import {fillLandscapeRows, type LandscapeArrays, type LandscapeContext} from "./landscape.js";
import {writeMap} from "./write-map.js";

export interface GeneratorPool {
  run(req: WorkerRequest): Promise<void>;
  close(): Promise<void>;
}

/** threads ≤ 1: everything runs in this thread (same results). */
export function generatorPool(threads: number, ctx: LandscapeContext, out: LandscapeArrays): GeneratorPool {
  if (threads <= 1) {
    return {
      run: async (req) => (req.kind === "rows" ? fillLandscapeRows(ctx, req.r0, req.r1, out) : writeMap(req.path, ctx, req.map)),
      close: async () => {}
    };
  }
  const pool = createPool<WorkerRequest, void>("module", {
    size: threads,
    data: {module: new URL("./worker.ts", import.meta.url).href, ctx, out}
  });
  return {run: (req) => pool.run(req), close: () => pool.close()};
}

/** Fill all landscape rows through the pool, in bands of about `band` rows. */
export async function fillAllRows(pool: GeneratorPool, height: number, band = 128): Promise<void> {
  const jobs: Promise<void>[] = [];
  for (let r0 = 0; r0 < height; r0 += band) jobs.push(pool.run({kind: "rows", r0, r1: Math.min(height, r0 + band)}));
  await Promise.all(jobs);
}
