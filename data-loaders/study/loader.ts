// What the thin Framework loaders in src/data/ call: run (or read from the
// cache) the default study and print one output on stdout.
import {parseArgs} from "node:util";
import {readFileSync} from "node:fs";
import {DEFAULT_STUDY, runStudy} from "./run-study.js";
import {buildTable, gridCellsGeoJson} from "./tables.js";
import {toIPC} from "./arrow.js";
import {studyMeta} from "./meta.js";
import {manifest} from "./manifest.js";

/** The value of a parameterized loader's `--name value` argument. */
export function param(name: string): string {
  const {values} = parseArgs({options: {[name]: {type: "string"}}, strict: false});
  const v = values[name];
  if (typeof v !== "string" || !v) throw new Error(`loader: missing --${name}`);
  return v;
}

const studyFile = process.env.ATLAS_STUDY ?? DEFAULT_STUDY;

export async function printTable(name: string): Promise<void> {
  process.stdout.write(toIPC(buildTable(await runStudy(studyFile), name)));
}

export async function printGridCells(cellKm: number): Promise<void> {
  process.stdout.write(JSON.stringify(gridCellsGeoJson(await runStudy(studyFile), cellKm)));
}

export async function printLandCover(epoch: number): Promise<void> {
  const run = await runStudy(studyFile);
  const i = run.loaded.params.study.epochs.indexOf(epoch);
  if (i < 0) throw new Error(`no epoch ${epoch}; the study has ${run.loaded.params.study.epochs.join(", ")}`);
  process.stdout.write(readFileSync(run.display.files[i]));
}

export async function printMeta(): Promise<void> {
  process.stdout.write(JSON.stringify(studyMeta(await runStudy(studyFile))));
}

export async function printManifest(): Promise<void> {
  process.stdout.write(JSON.stringify(manifest(await runStudy(studyFile)), null, 1));
}
