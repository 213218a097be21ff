// The claims ledger of a study run, with the options the study file sets:
// empty when the study has no claims file.
import {claimsLedger, type Claim} from "../../src/lib/claims.js";
import type {StudyRun} from "./run-study.js";
import {studySummary} from "./summary.js";

export function ledgerOf(run: StudyRun): Claim[] {
  const p = run.loaded.params;
  if (!run.loaded.claims) return [];
  return claimsLedger(run.loaded.claims.claims, studySummary(run), {
    calibratedTo: p.study.reconstruction.reconstructed ? p.study.reconstruction.calibratedTo : [],
    cellKm: p.grid.defaultCellKm,
    alpha: p.spatial.alpha
  });
}
