// atlas study [--study FILE] --json: runs the whole study and prints its headline numbers.
import {DEFAULT_STUDY, runStudy} from "../study/run-study.js";
import {studySummary} from "../study/summary.js";

export async function run(argv: string[]): Promise<unknown> {
  let file = DEFAULT_STUDY;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--study") file = argv[++i] ?? "";
    else if (argv[i] === "--json") continue;
    else throw new Error(`atlas study: unknown argument "${argv[i]}"; usage: atlas study [--study FILE] --json`);
  }
  if (!file) throw new Error("atlas study: --study needs a file");
  return studySummary(await runStudy(file));
}
