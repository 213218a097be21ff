// The one worker pool: `size` workers of one kind (start.ts), a FIFO queue of
// tasks, each result matched to its task. A task that throws in its worker
// rejects that task only; a worker that dies (error or exit) fails the pool:
// its task, every queued task and every later run() reject with the cause.
//
// A task may name a context (an object sent once to each worker that needs it,
// before its first task of that context: a raster job's open files, say); a
// worker keeps the last context it got until release(context) or another one.
// Idle workers are unref'd, so a pool kept for later never holds the process open.
//
// The worker side calls serve() with its handlers.
import {parentPort, type Transferable, type Worker, type WorkerOptions} from "node:worker_threads";
import {startWorker, type WorkerKind} from "./start.js";

type ToWorker = {id: number; task: unknown} | {context: unknown} | {release: true};
type FromWorker = {id: number; result: unknown} | {id: number; error: string};

export interface Pool<Task, Result, Context extends object = object> {
  readonly size: number;
  /** Queue a task; `context`, if given, is sent first to a worker that does not hold it yet. */
  run(task: Task, options?: {context?: Context; transfer?: readonly Transferable[]}): Promise<Result>;
  /** Workers holding `context` drop it (their handler's close runs). */
  release(context: Context): void;
  /** Rejects unfinished tasks and terminates the workers. */
  close(): Promise<void>;
}

export interface PoolOptions {
  size: number;
  /** workerData for every worker (an object) */
  data?: object;
  worker?: Omit<WorkerOptions, "workerData">;
}

interface Pending {
  task: unknown;
  context?: object;
  transfer?: readonly Transferable[];
  resolve: (r: never) => void;
  reject: (e: Error) => void;
}

interface Slot {
  worker: Worker;
  current: Pending | null;
  context: object | undefined;
}

export function createPool<Task, Result, Context extends object = object>(
  kind: WorkerKind,
  opts: PoolOptions
): Pool<Task, Result, Context> {
  const queue: Pending[] = [];
  const tasks = new Map<number, Pending>();
  let nextId = 0;
  let failure: Error | null = null;
  let closed = false;

  const fail = (error: Error) => {
    if (failure) return;
    failure = error;
    for (const p of [...tasks.values(), ...queue.splice(0)]) p.reject(error);
    tasks.clear();
    for (const s of slots) void s.worker.terminate();
  };

  const dispatch = () => {
    for (const s of slots) {
      if (s.current || !queue.length) continue;
      const p = queue.shift()!;
      const id = ++nextId;
      s.current = p;
      tasks.set(id, p);
      if (p.context && p.context !== s.context) {
        s.context = p.context;
        s.worker.postMessage({context: p.context} satisfies ToWorker);
      }
      s.worker.ref();
      s.worker.postMessage({id, task: p.task} satisfies ToWorker, p.transfer);
    }
  };

  const slots: Slot[] = Array.from({length: Math.max(1, opts.size)}, (_, i) => {
    const worker = startWorker(kind, opts.data ?? {}, opts.worker);
    worker.unref();
    const slot: Slot = {worker, current: null, context: undefined};
    worker.on("message", (m: FromWorker) => {
      const p = tasks.get(m.id);
      if (!p) return;
      tasks.delete(m.id);
      slot.current = null;
      worker.unref();
      if ("error" in m) p.reject(new Error(m.error));
      else p.resolve(m.result as never);
      dispatch();
    });
    worker.on("error", (e) => fail(e));
    worker.on("exit", (code) => {
      if (!closed) fail(new Error(`${kind} worker ${i} exited with code ${code}`));
    });
    return slot;
  });

  return {
    size: slots.length,
    run(task, options = {}) {
      return new Promise<Result>((resolve, reject) => {
        if (failure) return reject(failure);
        if (closed) return reject(new Error(`${kind} pool: closed`));
        queue.push({task, context: options.context, transfer: options.transfer, resolve, reject});
        dispatch();
      });
    },
    release(context) {
      for (const s of slots) {
        if (s.context !== context) continue;
        s.context = undefined;
        s.worker.postMessage({release: true} satisfies ToWorker);
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      const error = new Error(`${kind} pool: closed`);
      for (const p of [...tasks.values(), ...queue.splice(0)]) p.reject(error);
      tasks.clear();
      await Promise.all(slots.map((s) => s.worker.terminate()));
    }
  };
}

export interface Handlers<Task, Result, Context, State> {
  task(task: Task, state: State): Result | Promise<Result>;
  /** Opens a context (once per context per worker); its value is the task's `state`. */
  open?(context: Context): State | Promise<State>;
  close?(state: State): void;
  /** Buffers of a result to transfer rather than copy. */
  transfer?(result: Result): Transferable[];
}

/**
 * The worker side: handles the pool's messages strictly in order (opening a
 * context may be asynchronous) and replies to each task.
 */
export function serve<Task, Result, Context = never, State = undefined>(handlers: Handlers<Task, Result, Context, State>): void {
  const port = parentPort!;
  let state: {value: State} | {error: string} | null = null;
  const drop = () => {
    if (state && "value" in state) handlers.close?.(state.value);
    state = null;
  };
  const handle = async (m: ToWorker) => {
    if ("context" in m) {
      drop();
      try {
        state = {value: await handlers.open!(m.context as Context)};
      } catch (e) {
        state = {error: (e as Error).message};
      }
    } else if ("release" in m) drop();
    else {
      try {
        if (state && "error" in state) throw new Error(state.error);
        const result = await handlers.task(m.task as Task, (state?.value ?? undefined) as State);
        port.postMessage({id: m.id, result} satisfies FromWorker, handlers.transfer?.(result));
      } catch (e) {
        port.postMessage({id: m.id, error: (e as Error).message} satisfies FromWorker);
      }
    }
  };
  let chain: Promise<void> = Promise.resolve();
  port.on("message", (m: ToWorker) => {
    chain = chain.then(() => handle(m));
  });
}
