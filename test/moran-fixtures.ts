// The Moran fixtures of test/fixtures/moran (made by make-spdep.R) and a seeded
// synthetic grid, shared by moran.test.ts and moran-tools.test.ts.
import {readFileSync} from "node:fs";
import {join} from "node:path";
import type {Contiguity} from "../src/lib/weights.js";
import {rng} from "../src/lib/rng.js";
import {readGrid} from "../data-loaders/cli/moran.js";

export const FIX = "test/fixtures/moran";
export const GRIDS = ["grid-7x9-holes", "grid-15x15", "irregular"] as const;
export const KINDS: Contiguity[] = ["queen", "rook"];

export interface Expected {
  spdep: string;
  n: number;
  I: number;
  p_sim: number;
  z_sim: number;
  p_sim_pairs?: number;
  z_sim_pairs?: number;
  local: {id: number; card: number; neighbours: number[]; Ii: number; p?: number | null; p_cond?: number | null}[];
}

export const grid = (g: string) => readGrid(join(FIX, `${g}.csv`), "carbon", "esv");
export const expected = (g: string, k: Contiguity) => JSON.parse(readFileSync(join(FIX, `expected-${g}-${k}.json`), "utf8")) as Expected;
export const close = (a: number, b: number, tol = 1e-9) => Math.abs(a - b) <= tol * Math.max(1, Math.abs(b));

/** A synthetic H×W grid, seeded, with `holes` share of cells missing. */
export function synthetic(H: number, W: number, seed: number, holes = 0) {
  const g = rng(seed);
  const row: number[] = [],
    col: number[] = [],
    x: number[] = [],
    y: number[] = [];
  for (let r = 0; r < H; r++)
    for (let c = 0; c < W; c++) {
      if (g.next() < holes) continue;
      row.push(r);
      col.push(c);
      const s = Math.sin(r / 6) + Math.cos(c / 5);
      x.push(s + g.next());
      y.push(-s + 2 * g.next());
    }
  return {row, col, x, y};
}
