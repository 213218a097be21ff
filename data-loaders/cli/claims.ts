// atlas claims [--study FILE] --json: each claim of the abstract beside the value this build computes.
import {DEFAULT_STUDY, runStudy} from "../study/run-study.js";
import {ledgerOf} from "../study/ledger.js";

export async function run(argv: string[]): Promise<unknown> {
  let file = DEFAULT_STUDY;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--study") file = argv[++i] ?? "";
    else if (argv[i] !== "--json")
      throw new Error(`atlas claims: unknown argument "${argv[i]}"; usage: atlas claims [--study FILE] --json`);
  }
  return ledgerOf(await runStudy(file)).map(({id, claim, reported, computed, status, difference, tolerance, note}) => ({
    id,
    claim,
    reported,
    computed,
    status,
    difference,
    tolerance,
    note
  }));
}
