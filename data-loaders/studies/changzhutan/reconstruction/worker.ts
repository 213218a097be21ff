// Worker thread of the reconstruction generator: fills bands of landscape rows into
// shared memory, and writes finished epoch maps as GeoTIFFs.
import {workerData} from "node:worker_threads";
import {serve} from "../../../workers/pool.js";
import {fillLandscapeRows, type LandscapeArrays, type LandscapeContext} from "./landscape.js";
import {writeMap} from "./write-map.js";

export type WorkerRequest = {kind: "rows"; r0: number; r1: number} | {kind: "write"; path: string; map: Uint8Array};

const {ctx, out} = workerData as {ctx: LandscapeContext; out: LandscapeArrays};

serve<WorkerRequest, void>({
  task: async (req) => {
    if (req.kind === "rows") fillLandscapeRows(ctx, req.r0, req.r1, out);
    else await writeMap(req.path, ctx, req.map);
  }
});
