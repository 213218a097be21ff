// Shared by the raster tests: fixture paths, expected values (computed by
// GDAL + numpy in test/fixtures/raster/make-fixtures.py) and a CLI runner.
import {execFile} from "node:child_process";
import {readFileSync} from "node:fs";
import {join} from "node:path";
import {fileURLToPath} from "node:url";

export const ROOT = fileURLToPath(new URL("..", import.meta.url));
export const FIX = join(ROOT, "test", "fixtures", "raster");
export const fx = (name: string) => join(FIX, name);

export interface ExpectedArea {
  code: number;
  pixels: number;
  km2: number;
}
export interface ExpectedTransition {
  from: number;
  to: number;
  pixels: number;
  km2: number;
}
export interface Expected {
  files: Record<string, {layout: string; encoding: string}>;
  fishnet: string;
  areas: Record<string, ExpectedArea[]>;
  areas_masked: Record<string, ExpectedArea[]>;
  transitions: Record<string, ExpectedTransition[]>;
  transitions_masked: Record<string, ExpectedTransition[]>;
  grid: Record<string, {ix: number; iy: number; km2: Record<string, number>}[]>;
  row_areas_m2: Record<string, number[]>;
}

export const expected: Expected = JSON.parse(readFileSync(fx("expected.json"), "utf8"));

export const relErr = (a: number, b: number) => (a === b ? 0 : Math.abs(a - b) / Math.abs(b));

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run `atlas <args>` as a user would (node + tsx), capturing exit code and streams. */
export function atlas(...args: string[]): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, ["--import", "tsx", join(ROOT, "data-loaders", "cli.ts"), ...args], {cwd: ROOT}, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
      resolve({code, stdout, stderr});
    });
  });
}
