// Content hashes for the pipeline's cache keys and provenance records.
import {createHash} from "node:crypto";
import {createReadStream, readdirSync, readFileSync, statSync} from "node:fs";
import {basename, isAbsolute, join, relative} from "node:path";
import {fileURLToPath} from "node:url";

export const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));

export function sha256(data: string | Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}

export async function fileSha256(path: string): Promise<string> {
  const h = createHash("sha256");
  for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
  return h.digest("hex");
}

/** JSON with sorted keys, so that equal objects hash equally. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1))) : v
  );
}

function listFiles(path: string): string[] {
  const s = statSync(path);
  if (s.isFile()) return [path];
  return readdirSync(path)
    .sort()
    .flatMap((e) => listFiles(join(path, e)));
}

const codeHashes = new Map<string, string>();

/**
 * Hash of the source files (paths relative to the repository root) that a
 * pipeline step runs: changing any of them re-runs that step and the steps
 * after it, and nothing else.
 */
export function codeHash(paths: string[]): string {
  const key = paths.join("\n");
  let h = codeHashes.get(key);
  if (!h) {
    const hash = createHash("sha256");
    for (const p of paths)
      for (const f of listFiles(join(REPO_ROOT, p)))
        if (/\.(ts|js|json)$/.test(f)) hash.update(relative(REPO_ROOT, f)).update("\0").update(readFileSync(f)).update("\0");
    codeHashes.set(key, (h = hash.digest("hex")));
  }
  return h;
}

/**
 * How provenance and messages name an input file without the machine's
 * directories: relative to the repository when inside it, else relative to
 * the study file's folder when inside that, else by its name alone.
 */
export function publicPath(file: string, studyDir: string): string {
  const inside = (dir: string) => {
    const r = relative(dir, file);
    return r && !r.startsWith("..") && !isAbsolute(r) ? r : null;
  };
  return inside(REPO_ROOT) ?? inside(studyDir) ?? basename(file);
}
