// Every file the site serves under data/ (except the manifest, which lists
// them), by name → its bytes. The names never depend on the study (one grid
// table for every cell size, one PNG for every epoch), so that pages can name
// them literally, as Framework requires.
import {readFileSync} from "node:fs";
import type {StudyRun} from "./run-study.js";
import {buildTable, gridCellsGeoJson, TABLE_NAMES} from "./tables.js";
import {toIPC} from "./arrow.js";
import {studyLayers, studyMeta} from "./meta.js";
import {catalog} from "./catalog.js";

/** How a served file is made from a run; `served` gives another served file's bytes (the catalog reads the tables as served). */
type Make = (run: StudyRun, served: (file: string) => Promise<Uint8Array>) => Uint8Array | string | Promise<string>;

export const OUTPUTS: Record<string, Make> = {
  ...Object.fromEntries(TABLE_NAMES.map((name) => [`${name}.arrow`, (run: StudyRun) => toIPC(buildTable(run, name))])),
  "grid-cells.json": (run) => JSON.stringify(gridCellsGeoJson(run)),
  "landcover.png": (run) => readFileSync(run.display.file),
  "study.json": (run) => JSON.stringify(studyMeta(run)),
  "layers.json": (run) => JSON.stringify(studyLayers(run)),
  "catalog.json": async (_run, served) => JSON.stringify(await catalog(served))
};
