// atlas manifest [--study FILE] --json: input hashes, parameter hash, code version and the sha256 of every output.
import {DEFAULT_STUDY} from "../study/run-study.js";
import {manifest} from "../study/manifest.js";
import {servedFiles} from "../study/served.js";
import {studyFileArg} from "./_args.js";

export async function run(argv: string[]): Promise<unknown> {
  return manifest(await servedFiles(studyFileArg(argv, "manifest", DEFAULT_STUDY)));
}
