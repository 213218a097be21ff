// Every file the pages read, in one place. Framework needs a literal name in
// each FileAttachment, so the names never depend on the study: one grid table
// for every cell size, one PNG for every epoch (data-loaders/study/outputs.ts).
// Pages import what they use; a file is fetched only when a page asks for it.
import {FileAttachment} from "observablehq:stdlib";
import {epochExtent, epochP, wideGridRows} from "../lib/grid-wide.js";

export const FILES = {
  study: FileAttachment("../data/study.json"),
  layers: FileAttachment("../data/layers.json"),
  catalog: FileAttachment("../data/catalog.json"),
  manifest: FileAttachment("../data/manifest.json"),
  storyCheck: FileAttachment("../data/story-check.json"),
  landcover: FileAttachment("../data/landcover.png"),
  gridCells: FileAttachment("../data/grid-cells.json"),
  "landuse-areas": FileAttachment("../data/landuse-areas.arrow"),
  transitions: FileAttachment("../data/transitions.arrow"),
  dynamics: FileAttachment("../data/dynamics.arrow"),
  carbon: FileAttachment("../data/carbon.arrow"),
  energy: FileAttachment("../data/energy.arrow"),
  esv: FileAttachment("../data/esv.arrow"),
  "esv-sensitivity": FileAttachment("../data/esv-sensitivity.arrow"),
  moran: FileAttachment("../data/moran.arrow"),
  districts: FileAttachment("../data/districts.arrow"),
  "cluster-composition": FileAttachment("../data/cluster-composition.arrow"),
  grid: FileAttachment("../data/grid.arrow"),
  "grid-map": FileAttachment("../data/grid-map.arrow"),
  "grid-map-all": FileAttachment("../data/grid-map-all.arrow"),
  "grid-lisa": FileAttachment("../data/grid-lisa.arrow"),
  "grid-lisa-all": FileAttachment("../data/grid-lisa-all.arrow")
};

/** The Arrow tables, by name (as served: data/<name>.arrow). */
export const TABLE_FILES = Object.fromEntries(Object.entries(FILES).filter(([, f]) => f.name.endsWith(".arrow")));

/** study.json: parameters, summary, claims, map layers, provenance. */
let study;
export const loadStudy = () => (study ??= FILES.study.json());

const loaded = new Map();
/** One Arrow table by name, fetched once per page however many cells ask for it. */
export const loadTable = (name) => {
  const f = TABLE_FILES[name];
  if (!f) throw new Error(`no table "${name}"; expected one of ${Object.keys(TABLE_FILES).join(", ")}`);
  if (!loaded.has(name)) loaded.set(name, f.arrow());
  return loaded.get(name);
};

/**
 * The grid rows of one cell size and epoch, as the chart factories take them
 * (with the LISA columns when `lisa`). The study's default cell size comes from
 * the light default tables; another size loads the tables of every size, once.
 */
export async function loadGridRows(study, {cellKm, epoch, lisa = false}) {
  const all = cellKm !== study.parameters.grid.defaultCellKm;
  const [map, lisaTable] = await Promise.all([
    loadTable(all ? "grid-map-all" : "grid-map"),
    lisa ? loadTable(all ? "grid-lisa-all" : "grid-lisa") : null
  ]);
  const i = study.epochs.indexOf(epoch);
  if (i < 0) throw new Error(`no epoch ${epoch} in this study (${study.epochs.join(", ")})`);
  const rows = wideGridRows(map, study.epochs, i, lisaTable, study.parameters.spatial.permutations);
  return all ? rows.filter((d) => d.cell_km === cellKm) : rows;
}

/** [min, max] of a grid variable ("carbon_intensity", "esv_intensity") over every epoch of one cell size. */
export async function gridExtent(study, name, cellKm) {
  const all = cellKm !== study.parameters.grid.defaultCellKm;
  return epochExtent(await loadTable(all ? "grid-map-all" : "grid-map"), name, study.epochs.length, cellKm);
}

let layers;
/** layers.json: the boundary's parts, the outline, rivers and places (only pages with maps load it). */
export const loadLayers = () => (layers ??= FILES.layers.json());

/** The map layers as every map takes them: outline (default the boundary), parts, rivers, places, the main river. */
export function mapLayers(layers) {
  return {
    outline: layers.outline ?? layers.boundary,
    boundaries: layers.boundary.features.length > 1 ? layers.boundary : null,
    rivers: layers.rivers,
    places: layers.places,
    river: layers.river
  };
}

/** The pseudo p of every cell of one cell size and epoch in the analysis (NaN: none), exactly as published. */
export async function loadGridP(study, {cellKm, epoch}) {
  const all = cellKm !== study.parameters.grid.defaultCellKm;
  const lisa = await loadTable(all ? "grid-lisa-all" : "grid-lisa");
  return epochP(lisa, study.epochs.indexOf(epoch), study.parameters.spatial.permutations, all ? cellKm : undefined);
}
