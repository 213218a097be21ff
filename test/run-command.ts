// Commands that tests run in a child process (the `atlas` CLI, a build, a loader).
// They run without blocking the test worker: a worker stuck in a synchronous
// spawn for more than a minute misses vitest's own messages and fails the run
// ("Timeout calling onTaskUpdate"), which is what kept the suite to one worker.
import {execFile, type ExecFileOptions} from "node:child_process";
import {join} from "node:path";

export interface Ran {
  /** exit code; null when the process was ended by a signal */
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  /** stdout as bytes, for output that is not text (an Arrow table) */
  bytes: Buffer;
  stderr: string;
}

/** Runs `cmd args` to its end and resolves with its exit status and output (never rejects on a non-zero exit). */
export function run(cmd: string, args: string[], options: ExecFileOptions = {}): Promise<Ran> {
  return new Promise((done, fail) => {
    execFile(cmd, args, {maxBuffer: 1 << 28, ...options, encoding: "buffer"}, (error, stdout, stderr) => {
      const code = (error as {code?: unknown} | null)?.code;
      // a command that could not start at all (ENOENT) is an error of the test, not an exit status
      if (typeof code === "string") return fail(error);
      const signal = ((error as {signal?: NodeJS.Signals} | null)?.signal ?? null) as NodeJS.Signals | null;
      const status = error ? (signal ? null : Number(code ?? 1)) : 0;
      done({status, signal, stdout: stdout.toString("utf8"), bytes: stdout, stderr: stderr.toString("utf8")});
    });
  });
}

const ROOT = join(import.meta.dirname, "..");

/** `atlas ARGS` from the sources (as `npm run atlas` does), in the repository's root unless options say otherwise. */
export function atlas(args: string[], options: ExecFileOptions = {}): Promise<Ran> {
  return run(process.execPath, ["--import", "tsx", "data-loaders/cli.ts", ...args], {cwd: ROOT, ...options});
}
