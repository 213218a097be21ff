// study.json for the site: the validated parameters, the study's headline
// numbers, the display rasters' placement, provenance and calibration.
import {existsSync, readFileSync} from "node:fs";
import {dirname, join} from "node:path";
import type {StudyRun} from "./run-study.js";
import {studySummary} from "./summary.js";
import {ledgerOf} from "./ledger.js";
import {consistencyChecks} from "./consistency.js";

/** Optional map layers kept beside the study file (the demo's are reconstructed and say so in their properties). */
function layer(run: StudyRun, name: string): object | null {
  const path = join(dirname(run.loaded.file), name);
  return existsSync(path) ? JSON.parse(readFileSync(path, "utf8")) : null;
}

export function studyMeta(run: StudyRun): object {
  const p = run.loaded.params;
  return {
    title: p.study.title,
    region: p.study.region,
    epochs: p.study.epochs,
    reconstruction: p.study.reconstruction,
    parameters: p,
    summary: studySummary(run),
    claims: ledgerOf(run),
    checks: consistencyChecks(run),
    display: {width: run.display.width, height: run.display.height, factor: run.display.factor, bounds: run.display.bounds},
    boundary: JSON.parse(readFileSync(run.loaded.paths.boundary, "utf8")),
    outline: layer(run, "outline.geojson"),
    rivers: layer(run, "rivers.geojson"),
    cities: layer(run, "cities.geojson"),
    provenance: run.provenance,
    calibration: run.calibration,
    pixel_area: run.land.pixelArea,
    crs: run.land.crs
  };
}
