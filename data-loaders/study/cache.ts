// The pipeline's own cache, keyed by content. Framework re-runs a data loader
// only when the loader file changes (not when code it imports changes), so
// correctness cannot rest on Framework's cache: each step stores its result
// under a key made of the hashes of its inputs, parameters and code.
//
// Nothing read back is trusted: an entry carries the sha256 of its payload
// (JSON whose long number arrays are packed as float64s, packed-json.ts; or a
// served file's bytes) and of every file it refers to (display PNGs), and an
// entry that is damaged, edited, truncated or refers to a changed file is
// reported on stderr, recomputed and overwritten.
import {randomUUID} from "node:crypto";
import {existsSync, linkSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, unlinkSync, writeFileSync} from "node:fs";
import {hostname} from "node:os";
import {join, resolve, sep} from "node:path";
import {REPO_ROOT, sha256, canonicalJson} from "./hash.js";
import {packNumbers, unpackNumbers} from "./packed-json.js";

export const CACHE_DIR = resolve(process.env.ATLAS_CACHE_DIR ?? join(REPO_ROOT, ".cache", "pipeline"));

export function cacheKey(step: string, parts: unknown): string {
  return `${step}-${sha256(canonicalJson(parts)).slice(0, 24)}`;
}

/** Writes atomically (temp file + rename) so that a killed run never leaves a half-written entry. */
export function writeAtomic(path: string, data: string | Uint8Array): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, data);
  renameSync(tmp, path);
}

interface EntryHeader {
  /** sha256 of the payload (the bytes after the header line) */
  sha256: string;
  /** files the value refers to → their sha256 when the entry was written */
  files: Record<string, string>;
  /** when the value's long number arrays are packed (packed-json.ts): the payload's bytes of JSON, raw float64s after them */
  json?: number;
}

const warn = (m: string) => process.stderr.write(`atlas: ${m}\n`);

/** The entry's value if it is intact and every file it names is unchanged; otherwise why not. */
function readEntry<T>(path: string): {value: T} | {problem: string} {
  const data = readFileSync(path);
  const nl = data.indexOf(10);
  let header: EntryHeader;
  try {
    if (nl < 0) throw new Error("no header line");
    header = JSON.parse(data.subarray(0, nl).toString("utf8")) as EntryHeader;
    if (typeof header?.sha256 !== "string") throw new Error("no sha256");
  } catch {
    return {problem: "it has no valid header line (damaged, or written by an older version)"};
  }
  const payload = data.subarray(nl + 1);
  if (sha256(payload) !== header.sha256) return {problem: "its content does not match its sha256 (edited, truncated or damaged)"};
  for (const [file, hash] of Object.entries(header.files ?? {})) {
    if (!existsSync(file)) return {problem: `the file it refers to, ${file}, is missing`};
    if (sha256(readFileSync(file)) !== hash) return {problem: `the file it refers to, ${file}, has changed`};
  }
  try {
    if (header.json === undefined) return {value: JSON.parse(payload.toString("utf8")) as T};
    const packed = payload.subarray(header.json);
    if (!Number.isInteger(header.json) || header.json < 0 || packed.length % 8 !== 0)
      throw new Error(`its packed numbers are not whole float64s after ${header.json} bytes of JSON`);
    // a copy: the float64s must start on a multiple of 8 bytes
    const numbers = new Float64Array(new Uint8Array(packed).buffer);
    return {value: unpackNumbers(payload.subarray(0, header.json).toString("utf8"), numbers) as T};
  } catch (error) {
    return {problem: `its JSON does not parse (${(error as Error).message})`};
  }
}

/**
 * Files inside the cache that a step result refers to (e.g. display PNGs): its
 * top-level string values, or strings in top-level arrays, that name a file
 * under CACHE_DIR. Their hashes are stored with the entry and checked on read.
 */
function filesOf(value: unknown): string[] {
  if (!value || typeof value !== "object") return [];
  const inCache = (v: unknown): v is string => typeof v === "string" && v.startsWith(CACHE_DIR + sep) && existsSync(v);
  return Object.values(value).flatMap((v) => (Array.isArray(v) ? v.filter(inCache) : inCache(v) ? [v] : []));
}

/** A JSON-serialisable step result, computed once per key. */
export async function cachedJson<T>(step: string, parts: unknown, compute: () => Promise<T>): Promise<T> {
  mkdirSync(CACHE_DIR, {recursive: true});
  const path = join(CACHE_DIR, `${cacheKey(step, parts)}.json`);
  if (existsSync(path)) {
    const got = readEntry<T>(path);
    if ("value" in got) return got.value;
    warn(`cache entry ${path} is not usable: ${got.problem}; recomputing the ${step} step and overwriting it`);
  }
  const value = await compute();
  const packed = packNumbers(value);
  const json = Buffer.from(packed ? packed.json : JSON.stringify(value), "utf8");
  const payload = packed ? Buffer.concat([json, new Uint8Array(packed.numbers.buffer)]) : json;
  const header: EntryHeader = {
    sha256: sha256(payload),
    files: Object.fromEntries(filesOf(value).map((f) => [f, sha256(readFileSync(f))])),
    ...(packed && {json: json.length})
  };
  writeAtomic(path, Buffer.concat([Buffer.from(JSON.stringify(header) + "\n"), payload]));
  return value;
}

/** A served file's bytes: the entry is a header line {"sha256"} and then the bytes as they are. */
function readBytesEntry(path: string): {value: Uint8Array} | {problem: string} {
  const data = readFileSync(path);
  const nl = data.indexOf(10);
  let header: {sha256?: unknown};
  try {
    if (nl < 0) throw new Error("no header line");
    header = JSON.parse(data.subarray(0, nl).toString("utf8")) as {sha256?: unknown};
    if (typeof header?.sha256 !== "string") throw new Error("no sha256");
  } catch {
    return {problem: "it has no valid header line (damaged, or written by an older version)"};
  }
  const payload = data.subarray(nl + 1);
  if (sha256(payload) !== header.sha256) return {problem: "its content does not match its sha256 (edited, truncated or damaged)"};
  return {value: payload};
}

/** Bytes computed once per key, like cachedJson but stored as they are (a served file: Arrow, PNG, JSON text). */
export async function cachedBytes(step: string, parts: unknown, compute: () => Promise<Uint8Array | string>): Promise<Uint8Array> {
  mkdirSync(CACHE_DIR, {recursive: true});
  const path = join(CACHE_DIR, `${cacheKey(step, parts)}.bin`);
  if (existsSync(path)) {
    const got = readBytesEntry(path);
    if ("value" in got) return got.value;
    warn(`cache entry ${path} is not usable: ${got.problem}; recomputing it and overwriting it`);
  }
  const made = await compute();
  const bytes = typeof made === "string" ? Buffer.from(made, "utf8") : made;
  writeAtomic(path, Buffer.concat([Buffer.from(JSON.stringify({sha256: sha256(bytes)}) + "\n"), bytes]));
  return bytes;
}

// ---- Locks ---------------------------------------------------------------

interface Owner {
  host: string;
  /** boot id: a PID is only meaningful within one boot */
  boot: string;
  pid: number;
  /** the process's start time (clock ticks since boot, /proc/PID/stat field 22): PIDs are reused */
  start: string;
}

function bootId(): string {
  try {
    return readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim();
  } catch {
    return "";
  }
}

/** A process's start time, or "" where /proc is not available; null if there is no such process. */
function startTime(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // the command name (field 2) may hold spaces and parentheses: count from the last ")"
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19] ?? "";
  } catch {
    if (!existsSync("/proc/self/stat")) return alive(pid) ? "" : null;
    return null;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

const me = (): Owner => ({host: hostname(), boot: bootId(), pid: process.pid, start: startTime(process.pid) ?? ""});

/**
 * Whether the lock's owner is certainly gone: on this host and boot, its PID
 * is dead or now belongs to a process started at another time (PID reuse).
 * An owner on another host (a shared disk) can only be judged by the lock's
 * age; a lock file that does not parse (it is linked in whole, so never
 * half-written) is damaged and taken over at once.
 */
function ownerGone(o: Owner | null, ageMs: number, staleMs: number): boolean {
  if (!o) return true;
  if (o.host !== hostname()) return ageMs > staleMs;
  if (o.boot !== bootId()) return true;
  const start = startTime(o.pid);
  return start === null || (o.start !== "" && start !== "" && start !== o.start);
}

/**
 * Runs `fn` while holding a lock file, so that Framework's loaders, started
 * in parallel, compute the study once and read it many times, and two runs
 * on one checkout wait for each other. The lock is created whole and
 * atomically (a complete temp file hard-linked to the lock's name), names
 * its owner (host, boot, PID, process start time), and is taken over at once
 * when that owner is gone.
 */
export async function withLock<T>(name: string, fn: () => Promise<T>, staleMs = 15 * 60_000): Promise<T> {
  mkdirSync(CACHE_DIR, {recursive: true});
  const lock = join(CACHE_DIR, `${name}.lck`);
  const mine = JSON.stringify(me());
  const tmp = `${lock}.${process.pid}.${randomUUID()}.tmp`;
  writeFileSync(tmp, mine);
  try {
    for (let waited = 0; ;) {
      try {
        linkSync(tmp, lock);
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      }
      let text: string, ageMs: number;
      try {
        text = readFileSync(lock, "utf8");
        ageMs = Date.now() - statSync(lock).mtimeMs;
      } catch {
        continue; // released meanwhile: try again at once
      }
      let owner: Owner | null = null;
      try {
        owner = JSON.parse(text) as Owner;
        if (typeof owner?.pid !== "number") owner = null;
      } catch {
        owner = null;
      }
      if (ownerGone(owner, ageMs, staleMs)) {
        warn(`taking over the stale lock ${lock} (${owner ? `PID ${owner.pid} on ${owner.host} is gone` : "unreadable"})`);
        takeOver(lock, text);
        continue;
      }
      if (waited > 0 && waited % 10_000 === 0) warn(`waiting for another pipeline run (PID ${owner?.pid}, lock ${lock})…`);
      await new Promise((r) => setTimeout(r, 100));
      waited += 100;
    }
  } finally {
    rmSync(tmp, {force: true});
  }
  try {
    return await fn();
  } finally {
    // release only our own lock (never one that another run took over)
    try {
      if (readFileSync(lock, "utf8") === mine) unlinkSync(lock);
    } catch {
      /* already gone */
    }
  }
}

/** Removes a stale lock, unless another run replaced it since it was judged stale (then it is put back). */
function takeOver(lock: string, judged: string): void {
  const aside = `${lock}.${process.pid}.${randomUUID()}.stale`;
  try {
    renameSync(lock, aside);
  } catch {
    return; // someone else removed it first
  }
  try {
    if (readFileSync(aside, "utf8") !== judged) linkSync(aside, lock);
  } catch {
    /* a new lock exists already: it wins */
  } finally {
    rmSync(aside, {force: true});
  }
}
