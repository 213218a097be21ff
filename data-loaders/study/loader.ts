// What the thin Framework loaders in src/data/ call: print one file the site
// serves (outputs.ts) for the study named by ATLAS_STUDY (default: the
// embedded study), read from the cache or made by running the study (served.ts).
import {parseArgs} from "node:util";
import {DEFAULT_STUDY} from "./run-study.js";
import {manifest} from "./manifest.js";
import {servedFiles} from "./served.js";
import {placeholderWarning, readStudy} from "./read-study.js";
import {printEachWarningOnce} from "../warnings.js";

printEachWarningOnce();

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
  const served = await servedFiles(studyFile());
  // Said once per build, by the loader every page reads.
  if (name === "study.json") {
    const warning = placeholderWarning(readStudy(studyFile()));
    if (warning) process.stderr.write(`warning: ${warning}\n`);
  }
  process.stdout.write(await served.bytes(name));
}

export async function printTable(name: string): Promise<void> {
  await printOutput(`${name}.arrow`);
}

export async function printManifest(): Promise<void> {
  process.stdout.write(JSON.stringify(await manifest(await servedFiles(studyFile())), null, 1));
}
