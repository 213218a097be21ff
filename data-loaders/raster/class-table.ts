// Reclassification tables: source code → study class name. A code present in
// the data but absent from the table, or mapped to the placeholder "TODO"
// (atlas init writes it where it cannot tell the class), stops the run,
// listing every such code with its pixel count.
import {readFileSync} from "node:fs";
import {basename} from "node:path";
import {CLASSES} from "../../src/lib/classes.js";
import {UNMAPPED} from "../../src/lib/params.js";

export type ClassTable = Map<number, string>;

/** Parse a table given as {"code": "class", …} (a JSON file or an object). */
export function classTable(source: string | Record<string, string>): ClassTable {
  const name = typeof source === "string" ? basename(source) : "class table";
  let obj: unknown = source;
  if (typeof source === "string") {
    try {
      obj = JSON.parse(readFileSync(source, "utf8"));
    } catch (error) {
      throw new Error(
        `${name}: cannot read the class table (${(error as Error).message}); expected JSON like {"1": "cultivated", "2": "forest"}`,
        {cause: error}
      );
    }
  }
  if (!obj || typeof obj !== "object" || Array.isArray(obj))
    throw new Error(`${name}: expected a JSON object mapping codes to class names, like {"1": "cultivated"}`);
  const table: ClassTable = new Map();
  for (const [k, v] of Object.entries(obj as Record<string, unknown>)) {
    const code = Number(k);
    if (!Number.isInteger(code) || code < 0 || code > 255) throw new Error(`${name}: key "${k}" is not a class code 0..255`);
    if (typeof v !== "string" || !v) throw new Error(`${name}: code ${k} maps to ${JSON.stringify(v)}; expected a class name`);
    table.set(code, v);
  }
  if (table.size === 0) throw new Error(`${name}: the class table is empty`);
  return table;
}

/** Class names in output order: the study's six classes in their order, then any others as first listed. */
export function classLabels(table: ClassTable): string[] {
  const names = [...new Set(table.values())];
  const known = CLASSES.filter((c) => names.includes(c));
  return [...known, ...names.filter((n) => !(CLASSES as readonly string[]).includes(n))];
}

/** Throw if any code with pixels (excluding NoData) has no class, or only the placeholder. */
export function checkMapped(file: string, pixelsByCode: ArrayLike<number>, nodata: number | null, table: ClassTable): void {
  const missing: string[] = [];
  const placeholders: string[] = [];
  for (let code = 0; code < pixelsByCode.length; code++) {
    if (!(pixelsByCode[code] > 0) || code === nodata) continue;
    if (!table.has(code)) missing.push(`${code} (${pixelsByCode[code]} pixels)`);
    else if (table.get(code) === UNMAPPED) placeholders.push(`${code} (${pixelsByCode[code]} pixels)`);
  }
  const mapped = [...table].filter(([, v]) => v !== UNMAPPED).map(([k]) => k);
  const problems = [
    ...(missing.length ? [`codes not in the class table: ${missing.join(", ")}`] : []),
    ...(placeholders.length ? [`codes mapped to the placeholder "${UNMAPPED}": ${placeholders.join(", ")}`] : [])
  ];
  if (problems.length) {
    throw new Error(
      `${file}: ${problems.join("; ")}; map each to its class in the table (classes) or set it to NoData — ` +
        `mapped codes are ${mapped.sort((a, b) => a - b).join(", ") || "none"}`
    );
  }
}

/**
 * Throw if a raster's NoData code is one the table maps: its pixels would be
 * dropped as NoData while the table says they are a class, and every area of
 * that class would silently shrink. `tableName` says where the table is
 * (a file, or a key of the study file).
 */
export function checkNodataUnmapped(rasters: {name: string; nodata: number | null}[], table: ClassTable, tableName: string): void {
  for (const r of rasters)
    if (r.nodata !== null && table.has(r.nodata))
      throw new Error(
        `${r.name}: its NoData value is ${r.nodata}, a code that ${tableName} maps to ${table.get(r.nodata)}; ` +
          `its pixels would be left out as NoData. Expected a NoData value the table does not map: ` +
          `fix the tag (gdal_edit.py -a_nodata <code> or -unsetnodata) or the table`
      );
}
