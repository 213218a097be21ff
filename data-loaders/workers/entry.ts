// The single entry point of every worker thread; workerData.workerKind says
// which side it serves (see start.ts). Each side is loaded only when needed.
import {workerData} from "node:worker_threads";
import type {WorkerKind} from "./start.js";

const {workerKind: kind, module} = workerData as {workerKind?: WorkerKind; module?: string};
if (kind === "raster") await import("../raster/chunk-worker.js");
else if (kind === "lisa") (await import("../spatial/lisa-parallel.js")).lisaWorkerMain();
else if (kind === "module" && module) await import(module);
else throw new Error(`worker: unknown kind ${String(kind)}`);
