// Worker thread of the raster engine, in the shared pool (workers/pool.ts):
// a job is its context (the rasters are opened once per job and worker), each
// task one chunk, whose result's buffers are transferred back.
import {serve} from "../workers/pool.js";
import {ChunkKernel, type ChunkResult, type JobSpec} from "./chunk-kernel.js";

serve<number, ChunkResult, JobSpec, ChunkKernel>({
  open: (job) => ChunkKernel.open(job),
  close: (kernel) => kernel.close(),
  task: (chunk, kernel) => {
    if (!kernel) throw new Error("internal: a chunk before its job");
    return kernel.run(chunk);
  },
  transfer: (result) => {
    const transfer = [...result.singles, ...result.pairs].flatMap((h) => [h.index.buffer, h.pixels.buffer, h.m2.buffer]);
    for (const g of result.grids) transfer.push(g.m2.buffer);
    if (result.zones) transfer.push(result.zones.counts.buffer);
    for (const d of result.display?.complete ?? []) transfer.push(d.majority.buffer);
    for (const d of result.display?.partial ?? []) transfer.push(d.counts.buffer);
    return transfer as ArrayBuffer[];
  }
});
