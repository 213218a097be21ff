// atlas manifest [--study FILE] --json: input hashes, parameter hash, code version and the sha256 of every output.
import {DEFAULT_STUDY, runStudy} from "../study/run-study.js";
import {manifest} from "../study/manifest.js";

export async function run(argv: string[]): Promise<unknown> {
  let file = DEFAULT_STUDY;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--study") file = argv[++i] ?? "";
    else if (argv[i] !== "--json") throw new Error(`atlas manifest: unknown argument "${argv[i]}"; usage: atlas manifest [--study FILE] --json`);
  }
  return manifest(await runStudy(file));
}
