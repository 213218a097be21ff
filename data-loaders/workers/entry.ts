// The single entry point of every worker thread; workerData.workerKind says
// which side it serves (see start.ts). Each side is loaded only when needed.
import {workerData} from "node:worker_threads";
import type {WorkerKind} from "./start.js";

const kind = (workerData as {workerKind?: WorkerKind}).workerKind;
if (kind === "raster") await import("../raster/chunk-worker.js");
else if (kind === "lisa") (await import("../spatial/lisa-parallel.js")).lisaWorkerMain();
else if (kind === "demo") await import("../demo/demo-worker.js");
else throw new Error(`worker: unknown kind ${String(kind)}`);
