// atlas claims [--study FILE] --json: each claim of the abstract beside the value this build computes.
import {DEFAULT_STUDY, runStudy} from "../study/run-study.js";
import {ledgerOf} from "../study/ledger.js";
import {studyFileArg} from "./_args.js";

export async function run(argv: string[]): Promise<unknown> {
  return ledgerOf(await runStudy(studyFileArg(argv, "claims", DEFAULT_STUDY)));
}
