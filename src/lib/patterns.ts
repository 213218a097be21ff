// The spatial patterns a study may report (claims of kind carbon-centre-high
// and esv-river-high), whole: how each is measured on a grid, the numbers
// published per cell size and epoch, and the rule that says it holds. "Carbon
// intensity high in the centre, low at the edge" and "ESV intensity high along
// the main river, low around it". Pure: planar coordinates in metres (the
// fishnet's equal-area projection) in, numbers out.

/** Squared distance from point (x, y) to the segment from (ax, ay) to (bx, by). */
export function segmentDistance2(x: number, y: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax,
    dy = by - ay;
  const L = dx * dx + dy * dy;
  let t = L > 0 ? ((x - ax) * dx + (y - ay) * dy) / L : 0;
  t = t < 0 ? 0 : t > 1 ? 1 : t;
  const ex = ax + t * dx - x,
    ey = ay + t * dy - y;
  return ex * ex + ey * ey;
}

/**
 * Average ranks (ties share their mean rank), 1-based: a value's rank is the
 * mean of the first and last positions of its tie in the sorted values, found
 * by bisection in a typed array's numeric sort (many times faster than sorting
 * indices with a comparator, and the same ranks: they depend on the values only).
 */
function ranks(v: ArrayLike<number>): Float64Array {
  const sorted = Float64Array.from(v).sort();
  const n = sorted.length;
  const r = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const x = v[k];
    // first position not below x, and first position above it
    let lo = 0,
      hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    let end = lo,
      top = n;
    while (end < top) {
      const mid = (end + top) >> 1;
      if (sorted[mid] <= x) end = mid + 1;
      else top = mid;
    }
    r[k] = (lo + end - 1) / 2 + 1;
  }
  return r;
}

/** Spearman's rank correlation (Pearson's r of the ranks). */
export function spearman(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length || a.length < 3)
    throw new Error(`spearman: need two equal-length samples of 3 or more (got ${a.length}, ${b.length})`);
  const ra = ranks(a),
    rb = ranks(b);
  const n = a.length,
    m = (n + 1) / 2;
  let sab = 0,
    saa = 0,
    sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (ra[i] - m) * (rb[i] - m);
    saa += (ra[i] - m) ** 2;
    sbb += (rb[i] - m) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
}

export interface Contrast {
  /** Spearman's ρ between the value and the distance */
  rho: number;
  /** median value of the "near" and of the "far" cells */
  nearMedian: number;
  farMedian: number;
  /** nearMedian / farMedian */
  ratio: number;
  nNear: number;
  nFar: number;
}

function median(v: number[]): number {
  const s = [...v].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * How a value differs between cells near a reference and cells far from it,
 * by medians (a few urban cells have intensities orders of magnitude above
 * the rest, so means would measure those cells only).
 */
export function contrast(
  values: ArrayLike<number>,
  distance: ArrayLike<number>,
  isNear: (d: number) => boolean,
  isFar: (d: number) => boolean
): Contrast {
  const near: number[] = [],
    far: number[] = [];
  for (let i = 0; i < values.length; i++) {
    if (isNear(distance[i])) near.push(values[i]);
    else if (isFar(distance[i])) far.push(values[i]);
  }
  if (!near.length || !far.length) throw new Error(`contrast: no ${near.length ? "far" : "near"} cells`);
  const nearMedian = median(near),
    farMedian = median(far);
  return {rho: spearman(values, distance), nearMedian, farMedian, ratio: nearMedian / farMedian, nNear: near.length, nFar: far.length};
}

/** Distance below which a cell is in the nearest third of cells, and above which in the farthest third. */
export function terciles(distance: ArrayLike<number>): [number, number] {
  const s = Array.from(distance).sort((a, b) => a - b);
  return [s[Math.floor(s.length / 3)], s[Math.ceil((2 * s.length) / 3) - 1]];
}

/** Both patterns' measures on one grid in one epoch. */
export interface PatternMeasures {
  carbonFromCentre: Contrast;
  /** null when the study names no river */
  esvAlongRiver: Contrast | null;
}

/**
 * Measures both patterns. Centre: the innermost third of cells (by distance
 * from the centre) against the outermost third. River: the cells whose centre
 * lies within one cell width of the river's centreline (the cells it
 * crosses) against all others.
 */
export function measurePatterns(
  carbon: ArrayLike<number>,
  esv: ArrayLike<number>,
  centre: ArrayLike<number>,
  river: ArrayLike<number> | null,
  cellM: number
): PatternMeasures {
  const [inner, outer] = terciles(centre);
  return {
    carbonFromCentre: contrast(
      carbon,
      centre,
      (d) => d < inner,
      (d) => d > outer
    ),
    esvAlongRiver: river
      ? contrast(
          esv,
          river,
          (d) => d <= cellM,
          () => true
        )
      : null
  };
}

/** The measures as study.json's summary publishes them, per cell size and epoch. */
export interface EpochPattern {
  carbon_centre_rho: number;
  carbon_centre_edge_ratio: number;
  esv_river_rho: number | null;
  esv_river_other_ratio: number | null;
}

export function publishedPattern(m: PatternMeasures): EpochPattern {
  return {
    carbon_centre_rho: m.carbonFromCentre.rho,
    carbon_centre_edge_ratio: m.carbonFromCentre.ratio,
    esv_river_rho: m.esvAlongRiver?.rho ?? null,
    esv_river_other_ratio: m.esvAlongRiver?.ratio ?? null
  };
}

/** Carbon intensity falls with distance from the centre (Spearman ρ < 0). */
export const fallsFromCentre = (p: Pick<EpochPattern, "carbon_centre_rho">): boolean => p.carbon_centre_rho < 0;

/** High centre, low edge: falls from the centre, and the innermost third's median is above the outermost third's. */
export const centreHigh = (p: Pick<EpochPattern, "carbon_centre_rho" | "carbon_centre_edge_ratio">): boolean =>
  fallsFromCentre(p) && p.carbon_centre_edge_ratio > 1;

/** The cells the river crosses have a higher median ESV intensity than the others. */
export const higherAlongRiver = (p: EpochPattern): boolean => p.esv_river_other_ratio !== null && p.esv_river_other_ratio > 1;

/** ESV intensity falls with distance from the river (Spearman ρ < 0). */
export const fallsFromRiver = (p: EpochPattern): boolean => p.esv_river_rho !== null && p.esv_river_rho < 0;

/** High along the river, low around it: higher along the channel and falling with distance from it; the channel alone is not a basin pattern. */
export const riverHigh = (p: EpochPattern): boolean => higherAlongRiver(p) && fallsFromRiver(p);
