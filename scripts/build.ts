// `npm run build`: Framework's npm cache filled from node_modules, its loader
// cache cleared (scripts/prepare-offline.ts --fresh), then `observable build`.
// One build at a time per checkout: two builds share Framework's caches under
// src/.observablehq/, and the second would clear or rewrite them under the
// first (Framework then fails with "file conflict", or a site is built with
// the other study's data). A second build waits for the first on the
// pipeline's lock (data-loaders/study/cache.ts), which a dead build does not hold.
import {spawnSync} from "node:child_process";
import {existsSync} from "node:fs";
import {join} from "node:path";
import {CACHE_DIR, withLock} from "../data-loaders/study/cache.js";

const ROOT = join(import.meta.dirname, "..");

function run(cmd: string, args: string[]): void {
  const r = spawnSync(cmd, args, {cwd: ROOT, stdio: "inherit", env: {...process.env, OBSERVABLE_TELEMETRY_DISABLE: "true"}});
  if (r.status !== 0) throw Object.assign(new Error(`${cmd} ${args.join(" ")} failed`), {status: r.status ?? 1});
}

if (existsSync(join(CACHE_DIR, "build.lck")))
  process.stderr.write("atlas build: another build is running in this checkout; waiting for it to finish\n");
try {
  await withLock("build", async () => {
    run(process.execPath, ["--import", "tsx", join(ROOT, "scripts", "prepare-offline.ts"), "--fresh"]);
    run(join(ROOT, "node_modules", ".bin", "observable"), ["build"]);
  });
} catch (error) {
  process.exitCode = (error as {status?: number}).status ?? 1;
  if (!("status" in (error as object))) throw error;
}
