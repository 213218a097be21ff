// What the thin Framework loaders in src/data/ call: run (or read from the
// cache) the study named by ATLAS_STUDY (default: the embedded study) and
// print one output (outputs.ts) on stdout.
import {parseArgs} from "node:util";
import {DEFAULT_STUDY, runStudy} from "./run-study.js";
import {OUTPUTS} from "./outputs.js";
import {manifest} from "./manifest.js";

/** The value of a parameterized loader's `--name value` argument. */
export function param(name: string): string {
  const {values} = parseArgs({options: {[name]: {type: "string"}}, strict: false});
  const v = values[name];
  if (typeof v !== "string" || !v) throw new Error(`loader: missing --${name}`);
  return v;
}

/** The study file the site is built from. */
export const studyFile = (): string => process.env.ATLAS_STUDY || DEFAULT_STUDY;

export async function printOutput(name: string): Promise<void> {
  const make = OUTPUTS[name];
  if (!make) throw new Error(`loader: unknown output "${name}"; expected one of ${Object.keys(OUTPUTS).join(", ")}`);
  process.stdout.write(make(await runStudy(studyFile())));
}

export async function printTable(name: string): Promise<void> {
  await printOutput(`${name}.arrow`);
}

export async function printManifest(): Promise<void> {
  process.stdout.write(JSON.stringify(manifest(await runStudy(studyFile())), null, 1));
}
