// The reproducibility manifest: what went in (input hashes, parameter hash,
// code version) and what came out (the sha256 of every table the site
// serves). Two clean builds of the same inputs give the same manifest.
import {sha256} from "./hash.js";
import {toIPC} from "./arrow.js";
import {buildTable, gridCellsGeoJson, TABLE_NAMES} from "./tables.js";
import {readFileSync} from "node:fs";
import type {StudyRun} from "./run-study.js";

export interface Manifest {
  study_file: string;
  inputs: Record<string, string>;
  parameters_sha256: string;
  code_version: string;
  package_version: string;
  reconstruction: boolean;
  /** output file (as served under data/) → sha256 */
  outputs: Record<string, string>;
}

export function manifest(run: StudyRun): Manifest {
  const outputs: Record<string, string> = {};
  for (const name of TABLE_NAMES) outputs[`${name}.arrow`] = sha256(toIPC(buildTable(run, name)));
  for (const g of run.analysis.grids) outputs[`grid-cells-${g.cellKm}km.json`] = sha256(JSON.stringify(gridCellsGeoJson(run, g.cellKm)));
  run.loaded.params.study.epochs.forEach((y, i) => (outputs[`landcover-${y}.png`] = sha256(readFileSync(run.display.files[i]))));
  const {provenance: p} = run;
  return {
    study_file: p.study_file,
    inputs: p.inputs,
    parameters_sha256: p.parameters_sha256,
    code_version: p.code_version,
    package_version: p.package_version,
    reconstruction: p.reconstruction,
    outputs
  };
}
