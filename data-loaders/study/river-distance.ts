// The distance from each cell centre of a grid to the study's main river, for
// the pattern measures of src/lib/patterns.ts (claim kind esv-river-high). In
// the pipeline only: the pages never measure it, so they need no spatial index.
import Flatbush from "flatbush";
import {segmentDistance2} from "../../src/lib/patterns.js";

/**
 * Distance from each point (xs[i], ys[i]) to the nearest segment of any of the polylines
 * (Infinity when there is none), each point-segment distance by patterns.ts's segmentDistance2.
 * Exact, not approximate: the segments go into a static R-tree (Flatbush), the segment whose box is nearest
 * gives an upper bound d, and only the segments whose boxes lie within d are
 * measured (a segment's distance is never less than its box's). A river of
 * thousands of vertices and a grid of thousands of cells cost milliseconds
 * instead of every pair.
 */
export function distancesToLines(xs: ArrayLike<number>, ys: ArrayLike<number>, lines: number[][][]): Float64Array {
  const seg: number[] = [];
  for (const line of lines) for (let i = 0; i + 1 < line.length; i++) seg.push(line[i][0], line[i][1], line[i + 1][0], line[i + 1][1]);
  const n = seg.length / 4;
  const out = new Float64Array(xs.length).fill(Infinity);
  if (n === 0) return out;
  const index = new Flatbush(n);
  for (let k = 0; k < n; k++) {
    const [ax, ay, bx, by] = seg.slice(4 * k, 4 * k + 4);
    index.add(Math.min(ax, bx), Math.min(ay, by), Math.max(ax, bx), Math.max(ay, by));
  }
  index.finish();
  const dist2 = (x: number, y: number, k: number) => segmentDistance2(x, y, seg[4 * k], seg[4 * k + 1], seg[4 * k + 2], seg[4 * k + 3]);
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i],
      y = ys[i];
    // (widened by a millionth: the square of a square root may round below the square it came from)
    const bound = Math.sqrt(dist2(x, y, index.neighbors(x, y, 1)[0])) * (1 + 1e-6);
    let best = Infinity;
    for (const k of index.neighbors(x, y, Infinity, bound)) best = Math.min(best, dist2(x, y, k));
    out[i] = Math.sqrt(best);
  }
  return out;
}
