// Worker thread: receives a job (the rasters are opened once per job), then
// computes the chunks the main thread sends, one message each, and posts
// their results back. Workers live in a pool and serve job after job.
// Messages are handled strictly in order (opening a job is asynchronous), and
// every reply carries its job's id so the main thread can drop stale ones.
import {parentPort} from "node:worker_threads";
import {ChunkKernel, type ChunkResult, type JobSpec} from "./chunk-kernel.js";

const port = parentPort!;
let kernel: ChunkKernel | null = null;
let jobId = -1;

type Message = {id: number; job: JobSpec} | {id: number; chunk: number} | {id: number; done: true};

async function handle(msg: Message): Promise<void> {
  try {
    if ("job" in msg) {
      kernel?.close();
      kernel = null;
      jobId = msg.id;
      kernel = await ChunkKernel.open(msg.job);
      port.postMessage({id: msg.id, ready: true});
    } else if ("chunk" in msg) {
      if (!kernel || msg.id !== jobId) throw new Error(`internal: chunk for job ${msg.id} but job ${jobId} is open`);
      const result: ChunkResult = kernel.run(msg.chunk);
      const transfer = [...result.singles, ...result.pairs].flatMap((h) => [h.index.buffer, h.pixels.buffer, h.m2.buffer]);
      for (const g of result.grids) transfer.push(g.m2.buffer);
      port.postMessage({id: msg.id, result}, transfer as ArrayBuffer[]);
    } else if (msg.id === jobId) {
      kernel?.close();
      kernel = null;
    }
  } catch (error) {
    port.postMessage({id: msg.id, error: (error as Error).message});
  }
}

let queue: Promise<void> = Promise.resolve();
port.on("message", (msg: Message) => {
  queue = queue.then(() => handle(msg));
});
