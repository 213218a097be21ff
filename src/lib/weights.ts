// Contiguity weights on a regular grid (fishnet), in CSR form. Pure: no Node, no DOM.
//
// Only the cells listed are present; an absent cell (a hole, or outside the
// study area) is nobody's neighbour. Weights are row-standardised, w_ij = 1/k_i,
// as GeoDa, esda (transform "r") and spdep (style "W") use for LISA; the 1/k_i
// is implied by the CSR row length and never stored.

export type Contiguity = "queen" | "rook";

export interface GridWeights {
  kind: Contiguity;
  /** number of cells */
  n: number;
  /** neighbours of cell i are neighbours[offsets[i] .. offsets[i+1]), ascending cell index */
  offsets: Int32Array;
  neighbours: Int32Array;
  /** largest k_i */
  maxK: number;
  /** cells with k_i = 0 ("neighborless" in GeoDa, "islands" in libpysal, zero.policy cases in spdep) */
  isolates: Int32Array;
}

// Row and column offsets: rook's 4 directions first, then queen's 4 diagonals.
const DR = [-1, 0, 0, 1, -1, -1, 1, 1];
const DC = [0, -1, 1, 0, -1, 1, -1, 1];

export function gridContiguity(row: ArrayLike<number>, col: ArrayLike<number>, kind: Contiguity = "queen"): GridWeights {
  const n = row.length;
  if (col.length !== n) throw new Error(`gridContiguity: row has ${n} entries but col has ${col.length}`);
  if (kind !== "queen" && kind !== "rook") throw new Error(`gridContiguity: unknown contiguity "${String(kind)}" (expected queen or rook)`);
  let r0 = Infinity,
    r1 = -Infinity,
    c0 = Infinity,
    c1 = -Infinity;
  for (let i = 0; i < n; i++) {
    const r = row[i],
      c = col[i];
    if (!Number.isSafeInteger(r) || !Number.isSafeInteger(c))
      throw new Error(`gridContiguity: cell ${i} has non-integer position (row ${r}, col ${c})`);
    if (r < r0) r0 = r;
    if (r > r1) r1 = r;
    if (c < c0) c0 = c;
    if (c > c1) c1 = c;
  }
  const lookup = cellLookup(row, col, n, r0, r1, c0, c1);
  const nd = kind === "queen" ? 8 : 4;
  const offsets = new Int32Array(n + 1);
  const nb = new Int32Array(n * nd);
  const k8 = new Int32Array(8);
  let m = 0,
    maxK = 0,
    nIso = 0;
  for (let i = 0; i < n; i++) {
    let k = 0;
    for (let d = 0; d < nd; d++) {
      const j = lookup(row[i] + DR[d], col[i] + DC[d]);
      if (j < 0) continue;
      // Insertion into ascending order: it fixes the summation order of the
      // spatial lag, so every caller (and every thread) gets the same sums.
      let t = k++;
      for (; t > 0 && k8[t - 1] > j; t--) k8[t] = k8[t - 1];
      k8[t] = j;
    }
    for (let t = 0; t < k; t++) nb[m++] = k8[t];
    offsets[i + 1] = m;
    if (k > maxK) maxK = k;
    if (k === 0) nIso++;
  }
  const isolates = new Int32Array(nIso);
  for (let i = 0, t = 0; i < n; i++) if (offsets[i + 1] === offsets[i]) isolates[t++] = i;
  return {kind, n, offsets, neighbours: nb.slice(0, m), maxK, isolates};
}

/** (row, col) → cell index or -1. Dense table when the bounding box is small enough, else a Map. */
function cellLookup(
  row: ArrayLike<number>,
  col: ArrayLike<number>,
  n: number,
  r0: number,
  r1: number,
  c0: number,
  c1: number
): (r: number, c: number) => number {
  const duplicate = (i: number, j: number) =>
    new Error(`gridContiguity: duplicate cell at row ${row[i]}, col ${col[i]} (entries ${j} and ${i})`);
  if (n === 0) return () => -1;
  const h = r1 - r0 + 1,
    wd = c1 - c0 + 1;
  if (h * wd <= 8 * n + (1 << 20)) {
    const table = new Int32Array(h * wd).fill(-1);
    for (let i = 0; i < n; i++) {
      const key = (row[i] - r0) * wd + (col[i] - c0);
      if (table[key] >= 0) throw duplicate(i, table[key]);
      table[key] = i;
    }
    return (r, c) => (r < r0 || r > r1 || c < c0 || c > c1 ? -1 : table[(r - r0) * wd + (c - c0)]);
  }
  const map = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const key = `${row[i]},${col[i]}`;
    const prev = map.get(key);
    if (prev !== undefined) throw duplicate(i, prev);
    map.set(key, i);
  }
  return (r, c) => map.get(`${r},${c}`) ?? -1;
}
