// atlas areas FILE.tif [--mask AREA.geojson] [--classes TABLE.json] --json
// Pixels and km² of each code (or class, with --classes) in one raster.
import {basename} from "node:path";
import {checkNodataUnmapped, classLabels, classTable} from "../raster/class-table.js";
import {stderrProgress} from "../raster/progress.js";
import {checkAllMapped, openEpochs, tabulate} from "../raster/engine.js";
import {parseCommand, THREADS, threadsValue} from "./_args.js";

const USAGE = "atlas areas FILE.tif [--mask AREA.geojson] [--classes TABLE.json] [--threads N] --json";

export async function run(argv: string[]) {
  const {values: args, positionals: files} = parseCommand(argv, {
    name: "atlas areas",
    usage: USAGE,
    options: {mask: {type: "string"}, classes: {type: "string"}, ...THREADS},
    positionals: true
  });
  const threads = threadsValue("atlas areas", args.threads);
  if (files.length !== 1) throw new Error(`atlas areas: expected one raster, got ${files.length}; usage: ${USAGE}`);
  const table = args.classes ? classTable(args.classes) : null;
  const e = await openEpochs(files, {mask: args.mask});
  if (table) checkNodataUnmapped(e.infos, table, basename(args.classes ?? "the class table"));
  const info = e.infos[0];
  const t = await tabulate(e, {threads, progress: stderrProgress(info.width * info.height, `areas ${info.name}`)});
  let classes: {code: number | string; pixels: number; km2: number}[] = t.areas[0];
  if (table) {
    checkAllMapped(e, t.areas, table);
    classes = classLabels(table).map((name) => {
      const rows = t.areas[0].filter((a) => table.get(a.code) === name);
      return {code: name, pixels: rows.reduce((s, a) => s + a.pixels, 0), km2: rows.reduce((s, a) => s + a.km2, 0)};
    });
  }
  return {
    file: info.name,
    classes,
    total_km2: t.areas[0].reduce((s, a) => s + a.km2, 0),
    crs: e.crs.name,
    pixel_area: e.geometry.kind,
    masked: e.masked,
    coverage: e.coverage,
    warnings: e.warnings
  };
}
