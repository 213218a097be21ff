// atlas grid FILE.tif --cell-km 1 [--mask AREA.geojson] [--classes TABLE.json] [--proj "+proj=…"] --json
// Per fishnet cell: km² of each code (or class) and the share of the cell
// inside the study area (valid pixels' area / cell area).
import {basename} from "node:path";
import {checkNodataUnmapped, classTable} from "../raster/class-table.js";
import {stderrProgress} from "../raster/progress.js";
import {checkCellSizes, DEFAULT_FISHNET_PROJ, gridComposition, openEpochs} from "../raster/engine.js";
import {cellKmValue, parseCommand, THREADS, threadsValue} from "./_args.js";

const USAGE = 'atlas grid FILE.tif --cell-km 1 [--mask AREA.geojson] [--classes TABLE.json] [--proj "+proj=aea …"] [--threads N] --json';

export async function run(argv: string[]) {
  const {values: args, positionals: files} = parseCommand(argv, {
    name: "atlas grid",
    usage: USAGE,
    options: {mask: {type: "string"}, classes: {type: "string"}, "cell-km": {type: "string"}, proj: {type: "string"}, ...THREADS},
    positionals: true
  });
  const threads = threadsValue("atlas grid", args.threads);
  const cellKm = cellKmValue("atlas grid", args["cell-km"]);
  if (files.length !== 1) throw new Error(`atlas grid: expected one raster, got ${files.length}; usage: ${USAGE}`);
  if (!cellKm || cellKm.length !== 1) throw new Error(`atlas grid: expected one --cell-km value (e.g. --cell-km 1); usage: ${USAGE}`);
  const table = args.classes ? classTable(args.classes) : null;
  const e = await openEpochs(files, {mask: args.mask});
  if (table) checkNodataUnmapped(e.infos, table, basename(args.classes ?? "the class table"));
  checkCellSizes(e, cellKm, "--cell-km");
  const info = e.infos[0];
  const [g] = await gridComposition(e, {
    cellKm,
    proj: args.proj ?? DEFAULT_FISHNET_PROJ,
    table,
    threads,
    progress: stderrProgress(info.width * info.height, `grid ${info.name}`)
  });
  const ep = g.epochs[0];
  return {
    file: info.name,
    cell_km: g.plan.cellKm,
    proj: g.plan.proj,
    x0: g.plan.ixMin * g.plan.cellM,
    y0: (g.plan.iyMax + 1) * g.plan.cellM,
    n_rows: g.plan.nRows,
    n_cols: g.plan.nCols,
    crs: e.crs.name,
    pixel_area: e.geometry.kind,
    masked: e.masked,
    coverage: e.coverage,
    warnings: e.warnings,
    classes: g.labels,
    cells: Array.from(g.ids, (id, j) => ({
      id,
      row: g.rows[j],
      col: g.cols[j],
      inside_share: ep.insideShare[j],
      km2: Object.fromEntries(g.labels.map((label, k) => [label, ep.km2[k][j]]))
    }))
  };
}
