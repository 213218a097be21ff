// Deterministic threshold search: for each group of pixels, the score
// threshold above which the group's pixels add up to a target area. A 65,536-
// bin area histogram finds the bin holding the threshold, then the pixels of
// that bin are sorted, so the result is exact to one pixel (no bisection
// tolerance, no dependence on iteration counts).

export interface Selection {
  /** score threshold per group: pixels with score ≥ threshold are chosen (Infinity: none) */
  thresholds: number[];
  /** area chosen per group, km² */
  areas: number[];
  /** area available per group, km² */
  available: number[];
}

const NB = 65536;
const LO = -4;
const HI = 4;
const K = NB / (HI - LO);
const binOf = (s: number) => (s <= LO ? 0 : s >= HI ? NB - 1 : Math.floor((s - LO) * K));

/**
 * group[i]: 0..targets.length−1, or −1 for pixels that are not candidates;
 * score[i]: higher is chosen first; rowStart/rowArea: pixel areas by row.
 */
export function selectByArea(
  group: Int8Array,
  score: Float32Array,
  rowStart: Int32Array,
  rowArea: Float64Array,
  targets: number[]
): Selection {
  const G = targets.length;
  // One flat histogram (group g at g·NB): the same sums in the same order as
  // a histogram per group. The second pass works each candidate's bin out again.
  const hist = new Float64Array(G * NB);
  const rows = rowStart.length - 1;
  for (let r = 0; r < rows; r++) {
    const a = rowArea[r];
    for (let i = rowStart[r], end = rowStart[r + 1]; i < end; i++) {
      const g = group[i];
      if (g < 0) continue;
      hist[g * NB + binOf(score[i])] += a;
    }
  }
  // Per group: the bin where the area counted from the top reaches the target.
  const cutBin = new Int32Array(G).fill(-1);
  const above = new Float64Array(G);
  const available: number[] = [];
  for (let g = 0; g < G; g++) {
    let sum = 0;
    for (let b = 0; b < NB; b++) sum += hist[g * NB + b];
    available.push(sum);
  }
  for (let g = 0; g < G; g++) {
    if (!(targets[g] > 0)) continue;
    let acc = 0;
    for (let b = NB - 1; b >= 0; b--) {
      const h = hist[g * NB + b];
      if (acc + h >= targets[g]) {
        cutBin[g] = b;
        above[g] = acc;
        break;
      }
      acc += h;
    }
    if (cutBin[g] < 0) {
      cutBin[g] = 0; // not enough candidates: everything is taken
      above[g] = acc - hist[g * NB];
    }
  }
  // Sort the pixels of each cut bin and walk down to the target.
  const inBin: {s: number; a: number}[][] = targets.map(() => []);
  for (let r = 0; r < rows; r++) {
    for (let i = rowStart[r], end = rowStart[r + 1]; i < end; i++) {
      const g = group[i];
      if (g >= 0 && binOf(score[i]) === cutBin[g]) inBin[g].push({s: score[i], a: rowArea[r]});
    }
  }
  const thresholds: number[] = [];
  const areas: number[] = [];
  for (let g = 0; g < G; g++) {
    if (!(targets[g] > 0)) {
      thresholds.push(Infinity);
      areas.push(0);
      continue;
    }
    const list = inBin[g].sort((x, y) => y.s - x.s);
    let acc = above[g];
    let t = Infinity;
    for (const {s, a} of list) {
      // Stop when adding this pixel would overshoot by more than stopping undershoots.
      if (acc >= targets[g] || acc + a - targets[g] > targets[g] - acc) break;
      acc += a;
      t = s;
    }
    if (t === Infinity) t = LO + (cutBin[g] + 1) / K; // none of the bin is taken: its upper edge
    thresholds.push(t);
    areas.push(acc);
  }
  return {thresholds, areas, available};
}
