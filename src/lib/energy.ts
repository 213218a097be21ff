// The energy table: fuel consumption per epoch, CSV `fuel,unit,<epoch>...`,
// e.g. `raw_coal,10^4 t,123.4,…`. Validated against the study's fuels and
// epochs; every problem is reported as FILE:LINE:COLUMN. Pure TypeScript.
import {csvParseRows} from "d3";
import {quantityUnitFor} from "./units.js";
import {DECIMAL} from "./decimal.js";
import type {Study} from "./params.js";

export interface EnergyTable {
  file: string;
  /** the study's epochs; quantities are in this order */
  epochs: number[];
  /** fuel (and "electricity" when included) → quantity per epoch, in its unit */
  quantities: Record<string, number[]>;
  /** fuel → canonical unit label (10^4 t, 10^8 m3, 10^8 kWh) */
  units: Record<string, string>;
  /** rows read but not counted (electricity when the study excludes it) */
  ignored: string[];
}

/** Thrown by parseEnergyTable; `problems` holds one line per problem. */
export class EnergyTableError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join("\n"));
    this.name = "EnergyTableError";
  }
}

const MAX_QUANTITY = 1e12;

/** Parses and validates an energy table; throws EnergyTableError listing every problem. */
export function parseEnergyTable(text: string, file: string, study: Study): EnergyTable {
  const problems: string[] = [];
  const at = (line: number, col?: number) => (col === undefined ? `${file}:${line}` : `${file}:${line}:${col}`);
  const {fuels, electricity} = study.carbon.energy;
  const epochs = study.study.epochs;

  // Units each row must carry, from the study's coefficients.
  const expected = new Map<string, ReturnType<typeof quantityUnitFor>>();
  for (const [name, f] of Object.entries(fuels)) expected.set(name, quantityUnitFor(f.standardCoal.unit));
  expected.set("electricity", quantityUnitFor(electricity.treatment === "include" ? electricity.standardCoal.unit : "kgce/kWh"));

  // csvParseRows does not report lines: count them, a quoted field may hold newlines.
  const rows = csvParseRows(text.replace(/^\uFEFF/, ""));
  const lines: number[] = [];
  let line = 1;
  for (const r of rows) {
    lines.push(line);
    line += 1 + r.reduce((n, f) => n + (f.match(/\n/g)?.length ?? 0), 0);
  }
  const blank = (r: string[]) => r.every((f) => f.trim() === "");
  const first = rows.findIndex((r) => !blank(r));
  if (first < 0) throw new EnergyTableError([`${at(1)}: expected a header "fuel,unit,${epochs.join(",")}", got an empty file`]);

  // Header: fuel, unit, then year columns; years outside the study are ignored.
  const header = rows[first].map((h) => h.trim());
  const hl = lines[first];
  // Not an energy table at all (another file given by mistake): say so without
  // echoing its content, which may be anything.
  if (header[0]?.toLowerCase() !== "fuel" || /\0/.test(text))
    throw new EnergyTableError([
      `${at(hl)}: expected a CSV energy table whose first line is the header "fuel,unit,${epochs.join(",")}"; this line is not that header (is it the right file?)`
    ]);
  if (header[0]?.toLowerCase() !== "fuel") problems.push(`${at(hl, 1)}: expected column "fuel", got ${JSON.stringify(header[0] ?? "")}`);
  if (header[1]?.toLowerCase() !== "unit") problems.push(`${at(hl, 2)}: expected column "unit", got ${JSON.stringify(header[1] ?? "")}`);
  const column = new Map<number, number>(); // epoch → column index
  const years = new Set<string>();
  header.slice(2).forEach((h, k) => {
    const c = k + 2;
    if (!/^\d{4}$/.test(h)) problems.push(`${at(hl, c + 1)}: expected an epoch year as column name, got ${JSON.stringify(h)}`);
    else if (years.has(h)) problems.push(`${at(hl, c + 1)}: expected each epoch once, got ${h} again`);
    else if (epochs.includes(Number(h))) column.set(Number(h), c);
    years.add(h);
  });
  for (const y of epochs)
    if (!column.has(y))
      problems.push(`${at(hl)}: expected a column for epoch ${y} (study.epochs), got none (columns: ${header.join(", ")})`);

  const quantities: Record<string, number[]> = {};
  const units: Record<string, string> = {};
  const ignored: string[] = [];
  const seenAt = new Map<string, number>();
  for (let r = first + 1; r < rows.length; r++) {
    const row = rows[r];
    const ln = lines[r];
    if (blank(row)) continue;
    if (row.length !== header.length) {
      problems.push(`${at(ln)}: expected ${header.length} fields like the header, got ${row.length}`);
      continue;
    }
    const name = row[0].trim();
    const unit = expected.get(name);
    if (!unit) {
      problems.push(`${at(ln, 1)}: expected a fuel of the study (${[...expected.keys()].join(", ")}), got ${JSON.stringify(name)}`);
      continue;
    }
    if (seenAt.has(name)) {
      problems.push(`${at(ln, 1)}: expected each fuel once, got ${name} again (first on line ${seenAt.get(name)})`);
      continue;
    }
    seenAt.set(name, ln);
    if (!unit.spellings.includes(row[1].trim()))
      problems.push(`${at(ln, 2)}: expected unit "${unit.label}" for ${name}, got ${JSON.stringify(row[1].trim())}`);
    const values = epochs.map((y) => {
      const c = column.get(y);
      if (c === undefined) return NaN;
      const cell = row[c].trim();
      const v = Number(cell);
      if (cell === "") problems.push(`${at(ln, c + 1)}: ${name} ${y}: expected a quantity, got an empty cell`);
      else if (!DECIMAL.test(cell) || !(v >= 0))
        problems.push(`${at(ln, c + 1)}: ${name} ${y}: expected a non-negative number, got ${JSON.stringify(cell)}`);
      // Far beyond any region's consumption, and large enough to overflow to
      // Infinity once multiplied by the coefficients.
      else if (v > MAX_QUANTITY)
        problems.push(`${at(ln, c + 1)}: ${name} ${y}: expected a quantity below ${MAX_QUANTITY} (${unit.label}), got ${cell}`);
      return v;
    });
    if (name === "electricity" && electricity.treatment === "exclude") ignored.push(name);
    else {
      quantities[name] = values;
      units[name] = unit.label;
    }
  }
  const needed = [...Object.keys(fuels), ...(electricity.treatment === "include" ? ["electricity"] : [])];
  for (const name of needed) if (!seenAt.has(name)) problems.push(`${file}: expected a row for ${name} (a fuel of the study), got none`);

  if (problems.length) throw new EnergyTableError(problems);
  return {file, epochs: [...epochs], quantities, units, ignored};
}
