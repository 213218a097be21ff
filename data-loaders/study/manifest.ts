// The reproducibility manifest: what went in (input hashes, parameter hash,
// code version) and what came out (the sha256 of every table the site
// serves). Two clean builds of the same inputs give the same manifest.
import {sha256} from "./hash.js";
import {toIPC} from "./arrow.js";
import {buildTable, gridCellsGeoJson, TABLE_NAMES} from "./tables.js";
import {readFileSync} from "node:fs";
import type {Provenance, StudyRun} from "./run-study.js";

export interface Manifest extends Provenance {
  /** output file (as served under data/) → sha256 */
  outputs: Record<string, string>;
}

export function manifest(run: StudyRun): Manifest {
  const outputs: Record<string, string> = {};
  for (const name of TABLE_NAMES) outputs[`${name}.arrow`] = sha256(toIPC(buildTable(run, name)));
  for (const g of run.analysis.grids) outputs[`grid-cells-${g.cellKm}km.json`] = sha256(JSON.stringify(gridCellsGeoJson(run, g.cellKm)));
  run.loaded.params.study.epochs.forEach((y, i) => (outputs[`landcover-${y}.png`] = sha256(readFileSync(run.display.files[i]))));
  return {...run.provenance, outputs};
}
