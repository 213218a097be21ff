// `atlas moran GRID.csv --x COL --y COL [--weights queen|rook] [--perms 999]
//   [--seed N] [--alpha 0.05] [--correction none|bonferroni|fdr] [--null pairs|y]
//   [--threads N] --json`
// Global bivariate Moran's I and bivariate LISA of two columns of a grid CSV
// (columns id,row,col and value columns). Both global nulls are always
// computed; --null picks the one reported as global.p / global.z.
import {readFileSync, statSync} from "node:fs";
import {csvParseRows} from "d3";
import {gridContiguity, type Contiguity} from "../../src/lib/weights.js";
import {
  CLUSTER_LABELS,
  DEFAULT_PERMS,
  DEFAULT_SEED,
  QUADRANT_LABELS,
  checkPerms,
  checkWork,
  type Correction,
  type GlobalNull
} from "../../src/lib/moran.js";
import {DECIMAL} from "../../src/lib/decimal.js";
import {bivariateMoranParallel} from "../spatial/lisa-parallel.js";
import {parseCommand, THREADS, threadsValue} from "./_args.js";

const NAME = "moran";
const USAGE =
  "atlas moran GRID.csv --x COL --y COL [--weights queen|rook] [--perms 999] [--seed N] [--alpha 0.05] [--correction none|bonferroni|fdr] [--null pairs|y] [--threads N] --json";
const OPTIONS = {
  x: {type: "string"},
  y: {type: "string"},
  weights: {type: "string"},
  perms: {type: "string"},
  seed: {type: "string"},
  alpha: {type: "string"},
  correction: {type: "string"},
  null: {type: "string"},
  ...THREADS
} as const;
/** Larger files hold more cells than checkWork() allows at any useful number of permutations. */
const MAX_GRID_BYTES = 512 * 2 ** 20;

function moranArgs(argv: string[]) {
  const {values: flags, positionals: files} = parseCommand(argv, {name: NAME, usage: USAGE, options: OPTIONS, positionals: true});
  if (files.length !== 1) throw new Error(`moran: expected one grid CSV file, got ${files.length}; usage: ${USAGE}`);
  if (!flags.x || !flags.y) throw new Error("moran: --x COL and --y COL are required");
  return {file: files[0], flags, x: flags.x, y: flags.y};
}

function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (!allowed.includes(value as T)) throw new Error(`moran: --${flag} must be one of ${allowed.join(", ")}, got "${value}"`);
  return value as T;
}

function numberFlag(flag: string, value: string | undefined, fallback: number, integer: boolean): number {
  if (value === undefined) return fallback;
  const v = DECIMAL.test(value.trim()) ? Number(value) : NaN;
  if (!Number.isFinite(v) || (integer && !Number.isInteger(v)))
    throw new Error(`moran: --${flag} must be ${integer ? "an integer" : "a number"}, got "${value}"`);
  return v;
}

interface Grid {
  ids: (string | number)[];
  row: Int32Array;
  col: Int32Array;
  x: Float64Array;
  y: Float64Array;
}

/** Read and validate the grid; errors name the file, the line (header = line 1) and the column. */
export function readGrid(file: string, xCol: string, yCol: string): Grid {
  let text: string;
  try {
    const bytes = statSync(file).size;
    if (bytes > MAX_GRID_BYTES)
      throw new Error(
        `moran: grid file "${file}" is ${Math.round(bytes / 2 ** 20)} MB; at most ${MAX_GRID_BYTES / 2 ** 20} MB (some ten million cells) can be analysed: use larger grid cells`
      );
    text = readFileSync(file, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === undefined) throw e;
    throw new Error(`moran: cannot read grid file "${file}"${code === "ENOENT" ? ": no such file" : `: ${(e as Error).message}`}`, {
      cause: e
    });
  }
  // Rows as arrays (no object per row); a repeated header name means its last column, as with csvParse.
  const [columns = [], ...rows] = csvParseRows(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  const at: Record<string, number> = {};
  for (const c of ["id", "row", "col", xCol, yCol]) {
    if (!columns.includes(c)) throw new Error(`moran: ${file} has no column "${c}" (columns: ${columns.join(", ")})`);
    at[c] = columns.lastIndexOf(c);
  }
  const n = rows.length;
  if (n === 0) throw new Error(`moran: ${file} has no data rows`);
  const g: Grid = {ids: [], row: new Int32Array(n), col: new Int32Array(n), x: new Float64Array(n), y: new Float64Array(n)};
  const value = (i: number, c: string, integer: boolean): number => {
    const s = (rows[i][at[c]] ?? "").trim();
    const v = DECIMAL.test(s) ? Number(s) : NaN;
    if (!Number.isFinite(v) || (integer && (!Number.isInteger(v) || Math.abs(v) > 2 ** 31 - 1))) {
      throw new Error(
        `moran: ${file} line ${i + 2}, column "${c}": ${s === "" ? "empty value" : `"${s}" is not ${integer ? "an integer" : "a number"}`}`
      );
    }
    return v;
  };
  // A cell's key: one exact number, (row + 2^20)·2^32 + (col + 2^31) < 2^53, for |row| ≤ 2^20; a string beyond.
  const seenCell = new Map<number | string, number>();
  const seenId = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    g.row[i] = value(i, "row", true);
    g.col[i] = value(i, "col", true);
    g.x[i] = value(i, xCol, false);
    g.y[i] = value(i, yCol, false);
    const id = (rows[i][at.id] ?? "").trim();
    if (id === "") throw new Error(`moran: ${file} line ${i + 2}, column "id": empty value`);
    const r = g.row[i],
      c = g.col[i];
    const cell = r >= -(2 ** 20) && r < 2 ** 20 ? (r + 2 ** 20) * 2 ** 32 + (c + 2 ** 31) : `${r},${c}`;
    const prevCell = seenCell.get(cell),
      prevId = seenId.get(id);
    if (prevCell !== undefined)
      throw new Error(`moran: ${file} lines ${prevCell + 2} and ${i + 2}: duplicate cell row ${g.row[i]}, col ${g.col[i]}`);
    if (prevId !== undefined) throw new Error(`moran: ${file} lines ${prevId + 2} and ${i + 2}: duplicate id "${id}"`);
    seenCell.set(cell, i);
    seenId.set(id, i);
    g.ids.push(id);
  }
  // Integer ids come back as numbers, anything else as the strings given.
  if (g.ids.every((id) => /^-?\d{1,15}$/.test(id as string))) g.ids = g.ids.map(Number);
  return g;
}

const num = (v: number): number | null => (Number.isFinite(v) ? v : null);

export async function run(argv: string[]): Promise<unknown> {
  const {file, flags, x, y} = moranArgs(argv);
  const kind = oneOf<Contiguity>("weights", flags.weights, ["queen", "rook"], "queen");
  const correction = oneOf<Correction>("correction", flags.correction, ["none", "bonferroni", "fdr"], "none");
  const nullModel = oneOf<GlobalNull>("null", flags.null, ["pairs", "y"], "pairs");
  const perms = numberFlag("perms", flags.perms, DEFAULT_PERMS, true);
  const seed = numberFlag("seed", flags.seed, DEFAULT_SEED, true);
  const alpha = numberFlag("alpha", flags.alpha, 0.05, false);
  const threads = threadsValue(NAME, flags.threads);
  if (!(alpha > 0 && alpha < 1)) throw new Error(`moran: --alpha must be in (0, 1), got ${alpha}`);
  try {
    checkPerms(perms);
  } catch (e) {
    throw new Error(`moran: --perms ${(e as Error).message.replace(/^bivariate Moran: perms /, "")}`, {cause: e});
  }

  const g = readGrid(file, x, y);
  checkWork(g.row.length, perms);
  const w = gridContiguity(g.row, g.col, kind);
  const r = await bivariateMoranParallel(g.x, g.y, w, {perms, seed, alpha, correction, threads, names: {x, y}});
  const counts: Record<string, number> = Object.fromEntries(CLUSTER_LABELS.map((c) => [c, 0]));
  const local = g.ids.map((id, i) => {
    const cluster = CLUSTER_LABELS[r.cluster[i]];
    counts[cluster]++;
    return {id, Ii: r.Ii[i], p: num(r.p[i]), quadrant: QUADRANT_LABELS[r.quadrant[i]], cluster};
  });
  const pairs = nullModel === "pairs";
  return {
    global: {
      n: r.n,
      I: r.I,
      p_sim: num(r.p_sim),
      z_sim: num(r.z_sim),
      p_sim_pairs: num(r.p_sim_pairs),
      z_sim_pairs: num(r.z_sim_pairs),
      null: nullModel,
      p: num(pairs ? r.p_sim_pairs : r.p_sim),
      z: num(pairs ? r.z_sim_pairs : r.z_sim)
    },
    local,
    settings: {
      x,
      y,
      weights: kind,
      perms,
      seed,
      alpha,
      correction,
      cutoff: r.cutoff,
      rule: "significant when p <= cutoff (GeoDa); esda uses p < alpha",
      neighborless: r.neighborless,
      clusters: counts
    }
  };
}
