// Land-use change arithmetic on areas and transition matrices. Pure: no Node
// or DOM imports, so the pipeline and the pages call the same functions.
//
// A transition matrix M is square over one list of classes: M[i][j] is the
// area (or pixel count) that was class i at the start and class j at the end.

export type Matrix = number[][];

export interface Margins {
  /** row sums: area of each class at the start (of pixels valid in both epochs) */
  from: number[];
  /** column sums: area of each class at the end */
  to: number[];
  /** diagonal: area that kept its class */
  persistence: number[];
  /** from − persistence: area each class lost to others */
  losses: number[];
  /** to − persistence: area each class gained from others */
  gains: number[];
  total: number;
}

function checkSquare(m: Matrix): number {
  const n = m.length;
  for (const row of m) if (row.length !== n) throw new Error(`transition matrix must be square, got ${n} rows and a row of ${row.length}`);
  return n;
}

export function margins(m: Matrix): Margins {
  const n = checkSquare(m);
  const from = m.map((row) => row.reduce((s, v) => s + v, 0));
  const to = Array.from({length: n}, (_, j) => m.reduce((s, row) => s + row[j], 0));
  const persistence = m.map((row, i) => row[i]);
  return {
    from,
    to,
    persistence,
    losses: from.map((v, i) => v - persistence[i]),
    gains: to.map((v, i) => v - persistence[i]),
    total: from.reduce((s, v) => s + v, 0)
  };
}

/** @internal (tested, not used by the pipeline) Net change per class, end − start, for areas listed in the same class order. */
export function netChange(start: readonly number[], end: readonly number[]): number[] {
  if (start.length !== end.length) throw new Error(`netChange: ${start.length} start areas but ${end.length} end areas`);
  return start.map((a, i) => end[i] - a);
}

/**
 * Single land-use dynamic degree of one class, in % per year:
 *   K = (U_b − U_a) / U_a × 1 / T × 100 %
 * U_a, U_b: the class's area at the start and end; T: the period in years.
 * NaN when the class is absent at the start (U_a = 0).
 */
export function singleDynamicDegree(areaStart: number, areaEnd: number, years: number): number {
  if (!(years > 0)) throw new Error(`dynamic degree needs a positive period in years, got ${years}`);
  if (areaStart === 0) return NaN;
  return ((areaEnd - areaStart) / areaStart / years) * 100;
}

/**
 * Comprehensive land-use dynamic degree over a period, in % per year
 * (Liu Jiyuan's index):
 *   LC = Σ_i ΔLU_{i−j} / (2 Σ_i LU_i) × 1 / T × 100 %
 * LU_i: area of class i at the start (row sums of M); ΔLU_{i−j}: the area of
 * class i converted to any other class during the period (off-diagonal row
 * sums of M); T: the period in years. The 2 in the denominator is part of
 * the published index (each converted area is a loss for one class and a
 * gain for another).
 */
export function comprehensiveDynamicDegree(m: Matrix, years: number): number {
  if (!(years > 0)) throw new Error(`dynamic degree needs a positive period in years, got ${years}`);
  const {losses, from} = margins(m);
  const converted = losses.reduce((s, v) => s + v, 0);
  const total = from.reduce((s, v) => s + v, 0);
  if (total === 0) return NaN;
  return (converted / (2 * total) / years) * 100;
}

/**
 * @internal (tested, not used by the pipeline)
 * Collapse a matrix over source codes into one over classes: `classOf[k]` is
 * the class index (0..nClasses−1) of code k.
 */
export function collapseMatrix(m: Matrix, classOf: readonly number[], nClasses: number): Matrix {
  const n = checkSquare(m);
  if (classOf.length !== n) throw new Error(`collapseMatrix: ${n} codes but ${classOf.length} class assignments`);
  const out = Array.from({length: nClasses}, () => new Array<number>(nClasses).fill(0));
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) out[classOf[i]][classOf[j]] += m[i][j];
  return out;
}
