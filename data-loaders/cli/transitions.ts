// atlas transitions FROM.tif TO.tif [--mask AREA.geojson] [--classes TABLE.json] --json
// Transition matrix (rows = from, columns = to) in pixels and km²; a pixel
// counts when it is valid in both rasters.
import {basename} from "node:path";
import {checkNodataUnmapped, classLabels, classTable} from "../raster/class-table.js";
import {stderrProgress} from "../raster/progress.js";
import {checkAllMapped, openEpochs, tabulate} from "../raster/engine.js";
import {parseCommand, THREADS, threadsValue} from "./_args.js";

const USAGE = "atlas transitions FROM.tif TO.tif [--mask AREA.geojson] [--classes TABLE.json] [--threads N] --json";

export async function run(argv: string[]) {
  const {values: args, positionals: files} = parseCommand(argv, {
    name: "atlas transitions",
    usage: USAGE,
    options: {mask: {type: "string"}, classes: {type: "string"}, ...THREADS},
    positionals: true
  });
  const threads = threadsValue("atlas transitions", args.threads);
  if (files.length !== 2)
    throw new Error(`atlas transitions: expected two rasters (FROM.tif TO.tif), got ${files.length}; usage: ${USAGE}`);
  const table = args.classes ? classTable(args.classes) : null;
  const e = await openEpochs(files, {mask: args.mask});
  if (table) checkNodataUnmapped(e.infos, table, basename(args.classes ?? "the class table"));
  const info = e.infos[0];
  const t = await tabulate(e, {
    pairs: [[0, 1]],
    threads,
    progress: stderrProgress(2 * info.width * info.height, "transitions")
  });
  if (table) checkAllMapped(e, t.areas, table);
  const entries = t.transitions[0];
  const labels: (string | number)[] = table
    ? classLabels(table)
    : [...new Set(entries.flatMap((x) => [x.from, x.to]))].sort((a, b) => a - b);
  const at = (code: number) => labels.indexOf(table ? table.get(code)! : code);
  const n = labels.length;
  const pixels = Array.from({length: n}, () => new Array<number>(n).fill(0));
  const km2 = Array.from({length: n}, () => new Array<number>(n).fill(0));
  for (const x of entries) {
    pixels[at(x.from)][at(x.to)] += x.pixels;
    km2[at(x.from)][at(x.to)] += x.km2;
  }
  return {
    from: info.name,
    to: e.infos[1].name,
    classes: labels,
    pixels,
    matrix_km2: km2,
    crs: e.crs.name,
    pixel_area: e.geometry.kind,
    masked: e.masked,
    coverage: e.coverage,
    warnings: e.warnings
  };
}
