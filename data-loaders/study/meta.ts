// study.json for the site: the validated parameters, the study's headline
// numbers, its claims ledger, the map layers, the display raster's placement,
// provenance and calibration. Everything a page says about a study comes from
// here, so that the pages know no study in particular.
import {readFileSync} from "node:fs";
import type {StudyRun} from "./run-study.js";
import {studySummary} from "./summary.js";
import {ledgerOf} from "./ledger.js";
import {consistencyChecks} from "./consistency.js";

type Feature = {type: "Feature"; properties: Record<string, unknown> | null; geometry: unknown};
type Collection = {type: "FeatureCollection"; features: Feature[]};

/**
 * A GeoJSON file as a FeatureCollection keeping only the properties the maps
 * use: the site publishes nothing of an input beyond what it draws.
 */
function layer(path: string | undefined, keep: (p: Record<string, unknown>) => Record<string, unknown>): Collection | null {
  if (!path) return null;
  const json = JSON.parse(readFileSync(path, "utf8").replace(/^\uFEFF/, "")) as Collection | Feature | {type: string};
  const features: Feature[] =
    json.type === "FeatureCollection"
      ? (json as Collection).features
      : json.type === "Feature"
        ? [json as Feature]
        : [{type: "Feature", properties: null, geometry: json}];
  return {
    type: "FeatureCollection",
    features: features.map((f) => ({type: "Feature", properties: keep(f.properties ?? {}), geometry: f.geometry}))
  };
}

const str = (v: unknown) => (typeof v === "string" && v.trim() ? v.trim() : undefined);
const named = (p: Record<string, unknown>) => ({
  name: str(p.name_en) ?? str(p.name),
  ...(p.reconstructed === true ? {reconstructed: true} : {})
});

export function studyMeta(run: StudyRun): object {
  const p = run.loaded.params;
  const paths = run.loaded.paths;
  return {
    title: p.study.title,
    shortTitle: p.study.shortTitle ?? p.study.title,
    region: p.study.region,
    citation: p.study.citation ?? null,
    epochs: p.study.epochs,
    reconstruction: p.study.reconstruction,
    parameters: p,
    summary: studySummary(run),
    claims: ledgerOf(run),
    claimsSource: run.loaded.claims?.source ?? null,
    checks: consistencyChecks(run),
    display: {width: run.display.width, height: run.display.height, factor: run.display.factor, bounds: run.display.bounds},
    // Districts (or whatever parts the boundary has): a name and a group when the file gives them.
    boundary: layer(paths.boundary, (q) => ({name: str(q.name_en) ?? str(q.name), group: str(q.city) ?? str(q.group)})),
    outline: layer(paths.map.outline, () => ({})),
    rivers: layer(paths.map.rivers ?? paths.river?.file, named),
    places: layer(paths.map.places, named),
    river: paths.river?.feature ?? null,
    provenance: run.provenance,
    calibration: run.calibration,
    pixel_area: run.land.pixelArea,
    // What the numbers must be read with (share of the boundary on the rasters, nominal areas, NoData): shown on the site.
    coverage: run.land.coverage,
    warnings: run.land.warnings.map((w) => w.replace(/^[^:]*\//, "")),
    crs: run.land.crs
  };
}
