// study.json for the site: the validated parameters, the study's headline
// numbers, its claims ledger, the map layers, the display raster's placement,
// provenance and calibration. Everything a page says about a study comes from
// here, so that the pages know no study in particular.
import {readFileSync} from "node:fs";
import simplify from "simplify-js";
import type {StudyRun} from "./run-study.js";
import {studySummary} from "./summary.js";
import {ledgerOf} from "./ledger.js";
import {consistencyChecks} from "./consistency.js";
import {legendById} from "../../src/lib/legends.js";
import type {Study} from "../../src/lib/params.js";

type Feature = {type: "Feature"; properties: Record<string, unknown> | null; geometry: unknown};
type Collection = {type: "FeatureCollection"; features: Feature[]};

type Geometry = {type: string; coordinates?: unknown; geometries?: Geometry[]};

/**
 * A line or ring simplified for display (Douglas–Peucker, simplify-js) to a
 * tolerance below a screen pixel, and rounded to 5 decimals (about 1 m): maps look
 * the same and the page loads a fraction of the input. Only what is drawn is
 * simplified; no number is computed from these layers.
 */
function simplified(coords: number[][], tolerance: number, ring: boolean): number[][] {
  const out = simplify(
    coords.map(([x, y]) => ({x, y})),
    tolerance,
    true
  ).map((q) => [Math.round(q.x * 1e5) / 1e5, Math.round(q.y * 1e5) / 1e5]);
  return ring && out.length < 4 ? coords : out;
}

function simplifyGeometry(g: Geometry, tolerance: number): Geometry {
  const c = g.coordinates;
  switch (g.type) {
    case "LineString":
      return {type: g.type, coordinates: simplified(c as number[][], tolerance, false)};
    case "MultiLineString":
    case "Polygon":
      return {type: g.type, coordinates: (c as number[][][]).map((r) => simplified(r, tolerance, g.type === "Polygon"))};
    case "MultiPolygon":
      return {type: g.type, coordinates: (c as number[][][][]).map((poly) => poly.map((r) => simplified(r, tolerance, true)))};
    case "GeometryCollection":
      return {type: g.type, geometries: (g.geometries ?? []).map((x) => simplifyGeometry(x, tolerance))};
    default:
      return g;
  }
}

/**
 * A GeoJSON file as a FeatureCollection keeping only the properties the maps
 * use (the site publishes nothing of an input beyond what it draws), its
 * geometry simplified for display.
 */
function layer(
  path: string | undefined,
  keep: (p: Record<string, unknown>) => Record<string, unknown>,
  tolerance: number
): Collection | null {
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
    features: features.map((f) => ({
      type: "Feature",
      properties: keep(f.properties ?? {}),
      geometry: f.geometry ? simplifyGeometry(f.geometry as Geometry, tolerance) : null
    }))
  };
}

const str = (v: unknown) => (typeof v === "string" && v.trim() ? v.trim() : undefined);
const named = (p: Record<string, unknown>) => ({
  name: str(p.name_en) ?? str(p.name),
  ...(p.reconstructed === true ? {reconstructed: true} : {})
});

/**
 * The study's land-cover product as pages name it: its name, citation and the
 * published name of each code the table maps (null where the product's legend
 * is not one of src/lib/legends.ts).
 */
function landCoverProduct(p: Study): object | null {
  const given = p.study.landCover;
  if (!given) return null;
  const legend = legendById(given.product);
  return {
    product: given.product,
    name: given.name ?? legend?.name ?? given.product,
    citation: given.citation ?? legend?.citation ?? null,
    doi: given.doi ?? legend?.doi ?? null,
    codes: legend ? Object.fromEntries(Object.keys(p.reclassification.table).map((k) => [k, legend.codes[Number(k)] ?? null])) : null
  };
}

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
    landCover: landCoverProduct(p),
    notes: p.study.notes,
    placeholders: p.placeholders,
    parameters: p,
    summary: studySummary(run),
    claims: ledgerOf(run),
    claimsSource: run.loaded.claims?.source ?? null,
    checks: consistencyChecks(run),
    display: {width: run.display.width, height: run.display.height, factor: run.display.factor, bounds: run.display.bounds},
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

/**
 * layers.json for the site's maps: the boundary's parts (with a name and a
 * group when the file gives them), the outline, rivers and places, simplified
 * for display; kept apart from study.json so that pages without maps do not
 * load them.
 */
export function studyLayers(run: StudyRun): object {
  const paths = run.loaded.paths;
  // Under a pixel on a 1250-px-wide map of the study area (the widest the site draws): no drawn line moves visibly.
  const [west, , east] = run.display.bounds;
  const tolerance = (east - west) / 1250;
  return {
    boundary: layer(paths.boundary, (q) => ({name: str(q.name_en) ?? str(q.name), group: str(q.city) ?? str(q.group)}), tolerance),
    outline: layer(paths.map.outline, () => ({}), tolerance),
    rivers: layer(paths.map.rivers ?? paths.river?.file, named, tolerance),
    places: layer(paths.map.places, named, tolerance),
    river: paths.river?.feature ?? null
  };
}
