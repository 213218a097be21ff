// The one way the pipeline starts a worker thread (raster engine, reconstruction
// generator, LISA kernel). In the precompiled CLI (data-loaders/bin/) the
// worker runs the bundled entry beside this module's own chunk and starts in
// milliseconds; from the TypeScript sources (tests, bench, Framework's loaders
// through tsx) it registers tsx first, since a Node 20 worker does not inherit
// its parent's loader hooks.
import {Worker, type WorkerOptions} from "node:worker_threads";

declare const __ATLAS_BUNDLED__: boolean | undefined;

/** "module": a worker of a study's own code, whose file URL is in workerData.module (runs under tsx only). */
export type WorkerKind = "raster" | "lisa" | "module";

/** Whether this code runs from the precompiled bundle (esbuild defines the constant). */
export const BUNDLED = typeof __ATLAS_BUNDLED__ !== "undefined" && __ATLAS_BUNDLED__;

/**
 * A worker running the `kind` side of data-loaders/workers/entry.ts with
 * `data` as its workerData (an object: geotiff's web-worker shim reads
 * workerData.mod in any worker thread and throws when workerData is undefined).
 */
export function startWorker(kind: WorkerKind, data: object, options: Omit<WorkerOptions, "workerData"> = {}): Worker {
  const url = BUNDLED ? new URL("./worker.mjs", import.meta.url) : new URL("./entry-tsx.mjs", import.meta.url);
  // execArgv: the entry registers tsx itself when it needs it; do not inherit the parent's loaders twice.
  return new Worker(url, {execArgv: [], ...options, workerData: {...data, workerKind: kind}});
}
