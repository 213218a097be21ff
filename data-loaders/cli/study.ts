// atlas study [--study FILE] --json: runs the whole study and prints its headline numbers.
import {runStudy} from "../study/run-study.js";
import {studySummary} from "../study/summary.js";
import {studyFileArg} from "./_study-arg.js";

export async function run(argv: string[]): Promise<unknown> {
  return studySummary(await runStudy(studyFileArg(argv, "study")));
}
