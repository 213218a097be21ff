// Every file the pages read, in one place. Framework needs a literal name in
// each FileAttachment, so the names never depend on the study: one grid table
// for every cell size, one PNG for every epoch (data-loaders/study/outputs.ts).
// Pages import what they use; a file is fetched only when a page asks for it.
import {FileAttachment} from "observablehq:stdlib";

export const FILES = {
  study: FileAttachment("../data/study.json"),
  manifest: FileAttachment("../data/manifest.json"),
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
  grid: FileAttachment("../data/grid.arrow"),
  "grid-map": FileAttachment("../data/grid-map.arrow")
};

/** The Arrow tables, by name (as served: data/<name>.arrow). */
export const TABLE_FILES = Object.fromEntries(Object.entries(FILES).filter(([, f]) => f.name.endsWith(".arrow")));

/** study.json: parameters, summary, claims, map layers, provenance. */
export const loadStudy = () => FILES.study.json();

/** One Arrow table by name. */
export const loadTable = (name) => {
  const f = TABLE_FILES[name];
  if (!f) throw new Error(`no table "${name}"; expected one of ${Object.keys(TABLE_FILES).join(", ")}`);
  return f.arrow();
};
