// Independent reference tools (GDAL, R spdep, libpysal, Chromium) that some
// tests compare against. Where one is missing a test may skip, loudly; with
// CI=true (.ci/run installs them all) a missing tool fails the run instead, so
// a comparison never silently stops being made.
import {spawnSync} from "node:child_process";

/** True when `cmd args` exits 0; otherwise warns (or, under CI=true, throws) naming what to install. */
export function referenceTool(what: string, cmd: string, args: string[], install: string): boolean {
  if (spawnSync(cmd, args, {stdio: "ignore"}).status === 0) return true;
  const message = `${what} not found (${cmd} ${args.join(" ")} failed): the tests that compare against it did not run (${install})`;
  if (process.env.CI === "true") throw new Error(`${message}; it is required when CI=true`);
  console.warn(`SKIPPED: ${message}`);
  return false;
}
