// The reproducibility manifest: what went in (input hashes, parameter hash,
// code version) and what came out (the sha256 of every file the site serves
// under data/, study.json included). Two clean builds of the same inputs give
// the same manifest, and a changed number always changes it.
import {sha256} from "./hash.js";
import {OUTPUTS} from "./outputs.js";
import type {Provenance, StudyRun} from "./run-study.js";

export interface Manifest extends Provenance {
  /** output file (as served under data/) → sha256 */
  outputs: Record<string, string>;
}

export function manifest(run: StudyRun): Manifest {
  const outputs: Record<string, string> = {};
  for (const [name, make] of Object.entries(OUTPUTS)) outputs[name] = sha256(make(run));
  return {...run.provenance, outputs};
}
