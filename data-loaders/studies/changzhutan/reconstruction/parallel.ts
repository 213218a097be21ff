// A small pool of worker threads for the generator. Work is handed out in
// order and every task writes to its own rows or file, so the output does not
// depend on which worker ran what or when: determinism survives parallelism.
import type {Worker} from "node:worker_threads";
import {startWorker} from "../../../workers/start.js";
import type {WorkerRequest} from "./demo-worker.js";
import {fillLandscapeRows, type LandscapeArrays, type LandscapeContext} from "./landscape.js";
import {writeMap} from "./write-map.js";

export interface Pool {
  run(req: WorkerRequest): Promise<void>;
  close(): Promise<void>;
}

/** threads ≤ 1: everything runs in this thread (same results). */
export function createPool(threads: number, ctx: LandscapeContext, out: LandscapeArrays): Pool {
  if (threads <= 1) {
    return {
      run: async (req) => (req.kind === "rows" ? fillLandscapeRows(ctx, req.r0, req.r1, out) : writeMap(req.path, ctx, req.map)),
      close: async () => {}
    };
  }
  const queue: {req: WorkerRequest; resolve: () => void; reject: (e: Error) => void}[] = [];
  const idle: Worker[] = [];
  const busy = new Map<Worker, {resolve: () => void; reject: (e: Error) => void}>();
  const dispatch = () => {
    while (idle.length && queue.length) {
      const w = idle.shift()!;
      const job = queue.shift()!;
      busy.set(w, job);
      w.postMessage(job.req);
    }
  };
  const workers = Array.from({length: threads}, () => {
    const w = startWorker("module", {module: new URL("./demo-worker.ts", import.meta.url).href, ctx, out});
    w.on("message", (m: {ok: boolean; error?: string}) => {
      const job = busy.get(w)!;
      busy.delete(w);
      idle.push(w);
      if (m.ok) job.resolve();
      else job.reject(new Error(m.error));
      dispatch();
    });
    w.on("error", (e) => {
      for (const job of busy.values()) job.reject(e);
      busy.clear();
    });
    idle.push(w);
    return w;
  });
  return {
    run: (req) =>
      new Promise<void>((resolve, reject) => {
        queue.push({req, resolve, reject});
        dispatch();
      }),
    close: async () => {
      await Promise.all(workers.map((w) => w.terminate()));
    }
  };
}

/** Fill all landscape rows through the pool, in bands of about `band` rows. */
export async function fillAllRows(pool: Pool, height: number, band = 128): Promise<void> {
  const jobs: Promise<void>[] = [];
  for (let r0 = 0; r0 < height; r0 += band) jobs.push(pool.run({kind: "rows", r0, r1: Math.min(height, r0 + band)}));
  await Promise.all(jobs);
}
