// The Review page's side of the explorer's worker: sends the study's data
// once and each grid when first needed, then one "compute" at a time. When
// the reader changes parameters faster than the worker answers, only the
// latest state is computed next (latest wins), so the page stays responsive
// and results never arrive out of order.
import type {ExplorerState} from "../lib/explorer/state.js";
import type {GridData, RegionData} from "../lib/explorer/adapters.js";
import type {GridEpochRecompute, RegionTotals} from "../lib/explorer/recompute.js";
import type {Study} from "../lib/params.js";

export type WorkerRequest =
  {type: "init"; study: Study; region: RegionData} | {type: "grid"; grid: GridData} | {type: "compute"; id: number; state: ExplorerState};

export type WorkerReply =
  | {
      type: "result";
      id: number;
      state: ExplorerState;
      /** time the worker spent computing, ms */
      ms: number;
      /** cells of the grid (one epoch) */
      cells: number;
      totals: RegionTotals[];
      moran: GridEpochRecompute[];
    }
  | {type: "error"; id: number; message: string};

export type ExplorerResult = Extract<WorkerReply, {type: "result"}> & {
  /** from the request to the answer, grid loading included, ms */
  roundTripMs: number;
};

export type ExplorerUpdate =
  | {status: "computing"; state: ExplorerState}
  | ({status: "done"} & ExplorerResult)
  | {status: "error"; state: ExplorerState; message: string};

/** What the page passes: a module worker (new Worker(url, {type: "module"})) or a stand-in with the same methods. */
export interface WorkerLike {
  postMessage(message: WorkerRequest): void;
  addEventListener(type: "message", listener: (event: MessageEvent<WorkerReply>) => void): void;
  addEventListener(type: "error", listener: (event: ErrorEvent) => void): void;
  terminate(): void;
}

export class ExplorerClient {
  private readonly sentGrids = new Map<number, Promise<void>>();
  private readonly listeners = new Set<(u: ExplorerUpdate) => void>();
  private pending: ExplorerState | null = null;
  private busy = false;
  private nextId = 1;
  private waiting: {id: number; state: ExplorerState; t0: number; resolve: () => void} | null = null;
  last: ExplorerUpdate | null = null;

  constructor(
    private readonly worker: WorkerLike,
    study: Study,
    region: RegionData,
    private readonly loadGrid: (cellKm: number) => Promise<GridData>
  ) {
    worker.addEventListener("message", (event) => this.receive(event.data));
    worker.addEventListener("error", (event) => {
      const state = this.waiting?.state ?? this.pending;
      if (state) this.emit({status: "error", state, message: `the worker failed: ${event.message || "unknown error"}`});
      this.waiting?.resolve();
    });
    worker.postMessage({type: "init", study, region});
  }

  /** Ask for a recomputation; supersedes any request not yet started. */
  request(state: ExplorerState): void {
    this.pending = structuredClone(state);
    void this.pump();
  }

  /** Called with every update (and at once with the latest); returns the unsubscribe function. */
  subscribe(listener: (u: ExplorerUpdate) => void): () => void {
    this.listeners.add(listener);
    if (this.last) listener(this.last);
    return () => this.listeners.delete(listener);
  }

  terminate(): void {
    this.worker.terminate();
    this.listeners.clear();
  }

  private emit(u: ExplorerUpdate): void {
    this.last = u;
    for (const l of this.listeners) l(u);
  }

  private ensureGrid(cellKm: number): Promise<void> {
    let p = this.sentGrids.get(cellKm);
    if (!p) {
      p = this.loadGrid(cellKm).then((grid) => this.worker.postMessage({type: "grid", grid}));
      p.catch(() => this.sentGrids.delete(cellKm));
      this.sentGrids.set(cellKm, p);
    }
    return p;
  }

  private async pump(): Promise<void> {
    if (this.busy || !this.pending) return;
    this.busy = true;
    const state = this.pending;
    this.pending = null;
    const t0 = performance.now();
    this.emit({status: "computing", state});
    try {
      await this.ensureGrid(state.cellKm);
      const id = this.nextId++;
      await new Promise<void>((resolve) => {
        this.waiting = {id, state, t0, resolve};
        this.worker.postMessage({type: "compute", id, state});
      });
    } catch (error) {
      this.emit({status: "error", state, message: error instanceof Error ? error.message : String(error)});
    } finally {
      this.waiting = null;
      this.busy = false;
    }
    void this.pump();
  }

  private receive(reply: WorkerReply): void {
    const w = this.waiting;
    if (!w || reply.id !== w.id) return;
    if (reply.type === "result") this.emit({status: "done", ...reply, roundTripMs: performance.now() - w.t0});
    else this.emit({status: "error", state: w.state, message: reply.message});
    w.resolve();
  }
}
