// The pipeline's own cache, keyed by content. Framework re-runs a data loader
// only when the loader file changes (not when code it imports changes), so
// correctness cannot rest on Framework's cache: each step stores its result
// under a key made of the hashes of its inputs, parameters and code.
import {existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync, statSync} from "node:fs";
import {join} from "node:path";
import {REPO_ROOT, sha256, canonicalJson} from "./hash.js";

export const CACHE_DIR = process.env.ATLAS_CACHE_DIR ?? join(REPO_ROOT, ".cache", "pipeline");

export function cacheKey(step: string, parts: unknown): string {
  return `${step}-${sha256(canonicalJson(parts)).slice(0, 24)}`;
}

/** Writes atomically (temp file + rename) so that a killed run never leaves a half-written entry. */
export function writeAtomic(path: string, data: string | Uint8Array): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, data);
  renameSync(tmp, path);
}

/** A JSON-serialisable step result, computed once per key. */
export async function cachedJson<T>(step: string, parts: unknown, compute: () => Promise<T>): Promise<T> {
  mkdirSync(CACHE_DIR, {recursive: true});
  const path = join(CACHE_DIR, `${cacheKey(step, parts)}.json`);
  if (existsSync(path)) return JSON.parse(readFileSync(path, "utf8")) as T;
  const value = await compute();
  writeAtomic(path, JSON.stringify(value));
  return value;
}

/**
 * Runs `fn` while holding a lock directory, so that Framework's loaders,
 * started in parallel, compute the study once and read it many times.
 * A lock older than `staleMs` whose owner is gone is taken over.
 */
export async function withLock<T>(name: string, fn: () => Promise<T>, staleMs = 15 * 60_000): Promise<T> {
  mkdirSync(CACHE_DIR, {recursive: true});
  const lock = join(CACHE_DIR, `${name}.lock`);
  for (let waited = 0; ; waited += 200) {
    try {
      mkdirSync(lock);
      writeFileSync(join(lock, "pid"), String(process.pid));
      break;
    } catch {
      let owner = NaN;
      try {
        owner = Number(readFileSync(join(lock, "pid"), "utf8"));
      } catch {
        /* the owner has not written its pid yet */
      }
      const age = Date.now() - (existsSync(lock) ? statSync(lock).mtimeMs : 0);
      if ((Number.isFinite(owner) && !alive(owner)) || age > staleMs) rmSync(lock, {recursive: true, force: true});
      else {
        if (waited % 10_000 === 0 && waited > 0) process.stderr.write(`waiting for another pipeline run (${lock})…\n`);
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(lock, {recursive: true, force: true});
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
