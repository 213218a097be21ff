// The explorer's web worker (a module worker; the Review page
// creates it from import.meta.resolve("./components/explorer-worker.js"),
// which Framework transpiles and copies into the build with the src/lib
// modules it imports). It holds the region's data and the grids sent to it
// and answers each "compute" with the regional totals, the global Moran of
// every epoch and the per-cell values of one epoch, computed by
// src/lib/explorer/ with the pipeline's own formulas.
import {checkState, studyWithState, type ExplorerState} from "../lib/explorer/state.js";
import {gridRecompute, regionTotals} from "../lib/explorer/recompute.js";
import type {WorkerReply, WorkerRequest} from "./explorer-client.js";
import type {GridData, RegionData} from "../lib/explorer/adapters.js";
import type {Study} from "../lib/params.js";

interface WorkerScope {
  onmessage: ((event: MessageEvent<WorkerRequest>) => void) | null;
  postMessage(message: WorkerReply, transfer?: Transferable[]): void;
}
const scope = self as unknown as WorkerScope;

let study: Study | null = null;
let region: RegionData | null = null;
const grids = new Map<number, GridData>();

function compute(id: number, state: ExplorerState): void {
  if (!study || !region) throw new Error("the worker has no study data yet");
  const grid = grids.get(state.cellKm);
  if (!grid) throw new Error(`the worker has no ${state.cellKm} km grid`);
  checkState(state);
  const t0 = performance.now();
  const s = studyWithState(study, state);
  const totals = regionTotals(s, region);
  const moran = gridRecompute(s, region, grid, {perms: state.perms, cells: [state.epoch]});
  const ms = performance.now() - t0;
  const transfer: Transferable[] = [];
  for (const m of moran)
    if (m.cells) for (const a of [m.cells.id, m.cells.carbon, m.cells.esv, m.cells.cluster, m.cells.p]) transfer.push(a.buffer);
  scope.postMessage({type: "result", id, state, ms, cells: grid.epochs[0]?.grid.id.length ?? 0, totals, moran}, transfer);
}

scope.onmessage = (event) => {
  const msg = event.data;
  try {
    if (msg.type === "init") {
      study = msg.study;
      region = msg.region;
    } else if (msg.type === "grid") {
      grids.set(msg.grid.cellKm, msg.grid);
    } else if (msg.type === "compute") {
      compute(msg.id, msg.state);
    }
  } catch (error) {
    scope.postMessage({
      type: "error",
      id: msg.type === "compute" ? msg.id : -1,
      message: error instanceof Error ? error.message : String(error)
    });
  }
};
