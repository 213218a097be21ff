// The land cover of 2000 and everything that later epochs need, for every
// pixel inside the study area (compact order, see study-mask.ts).
//
// Relief decides forest (hills) against cropland (plains and valleys); the
// rivers are buffers of their centrelines with sand bars, islands and a fringe
// of wetland; ponds dot the lowland; villages, roads and per-pixel speckle add
// the texture of a real classification. An urban score (pull of the city
// cores, towns and roads, minus relief, plus noise) ranks where construction
// spreads; epochs.ts turns it into five maps.
import {rowDistances, type Lattice} from "./distance.js";
import {distanceField, fieldFrom, LatticeSampler, latticeFor, sample, type FieldGrid} from "./field-grid.js";
import {
  CORES,
  GREEN_HEART,
  GROWTH_POLES,
  ISLANDS,
  KM_PER_DEG_LAT,
  KM_PER_DEG_LON,
  PROTECTED,
  RELIEF,
  ROADS,
  resample,
  type River
} from "./geography.js";
import {colLon, rowLat, type Grid} from "./grid.js";
import {fbm, hashUnit, LatticeNoise, saltsFor} from "./noise.js";
import type {Mask} from "./study-mask.js";

// Bits of Landscape.base beside the CLCD code (low 4 bits).
export const CODE = 15;
/** crop/forest pixel near the forest line: its class may differ between epochs (boundary noise) */
export const FLEX = 16;
/** never becomes construction: river channels, islands, green islands inside the city */
export const FIXED = 32;

/** Margin quantum of Landscape.margin (relief units). */
export const MARGIN_STEP = 0.0005;
/** Amplitude of the epoch-to-epoch jitter of the forest line (relief units). */
export const EPOCH_JITTER = 0.012;
/** Growth-pole pull is stored in 1/BUMP_SCALE score units. */
export const BUMP_SCALE = 400;

export interface LandscapeArrays {
  /** CLCD code | FLEX | FIXED, per pixel */
  base: Uint8Array;
  /** (relief − forest line) / MARGIN_STEP, clamped to ±127 */
  margin: Int8Array;
  /** static urban score; −1e9 for FIXED pixels */
  score: Float32Array;
  /** pull that grows after 2000: growth poles and road corridors (× BUMP_SCALE) */
  bump: Uint8Array;
  /** suitability for new ponds (aquaculture); −1e9 where no pond may be dug */
  pond: Float32Array;
}

export interface Landscape extends LandscapeArrays {
  mask: Mask;
  /** relief value of the forest line */
  forestLine: number;
  salts: Record<SaltName, number>;
}

const SALT_NAMES = [
  "reliefLarge",
  "reliefValleys",
  "reliefFine1",
  "reliefFine2",
  "urbanLarge",
  "urbanFine",
  "urbanPixel",
  "cover",
  "pond",
  "pondNew",
  "reservoir",
  "wetland",
  "bar",
  "village",
  "speckle",
  "speckleClass",
  "greenIsland",
  "road",
  "island",
  "epoch",
  "urbanWarpX",
  "urbanWarpY",
  "park",
  "parkCover"
] as const;
export type SaltName = (typeof SALT_NAMES)[number];

export interface LandscapeOptions {
  seed: number;
  /** share of the area above the forest line (before water and construction take their part) */
  forestShare?: number;
  /** share of pixels replaced by a neighbouring class (classification speckle) */
  speckle?: number;
}

/** Everything the per-pixel pass needs; structured-cloneable so that worker threads can run it. */
export interface LandscapeContext {
  grid: Grid;
  runs: Int32Array[];
  rowStart: Int32Array;
  rivers: River[];
  relief: FieldGrid;
  lowland: FieldGrid;
  urban: FieldGrid;
  poles: FieldGrid;
  forestLine: number;
  speckle: number;
  salts: Record<SaltName, number>;
}

/** Value noise with a cell size in km, at lon/lat, for a pass over pixels in order (LatticeNoise). */
class PixelNoise extends LatticeNoise {
  constructor(
    salt: number,
    private readonly cellKm: number
  ) {
    super(salt);
  }
  atLonLat(lon: number, lat: number): number {
    return this.at((lon * KM_PER_DEG_LON) / this.cellKm, (lat * KM_PER_DEG_LAT) / this.cellKm);
  }
}
const vn = (cellKm: number, salt: number) => new PixelNoise(salt, cellKm);

const kmBetween = (lon: number, lat: number, lon2: number, lat2: number) => {
  const dx = (lon - lon2) * KM_PER_DEG_LON;
  const dy = (lat - lat2) * KM_PER_DEG_LAT;
  return Math.sqrt(dx * dx + dy * dy); // not Math.hypot: several times slower in V8
};
const smoothstep = (x: number) => (x <= 0 ? 0 : x >= 1 ? 1 : x * x * (3 - 2 * x));

/** Fine relief added to the coarse field, as a function of lon/lat: two octaves of noise (hillocks, gullies). */
const fineRelief = (salts: Record<SaltName, number>) => {
  const [fine1, fine2] = [vn(0.5, salts.reliefFine1), vn(0.15, salts.reliefFine2)];
  return (lon: number, lat: number) => 0.14 * fine1.atLonLat(lon, lat) + 0.05 * fine2.atLonLat(lon, lat);
};

/** The coarse fields and the forest line: cheap, done once in the main thread. */
export function prepareLandscape(mask: Mask, rivers: River[], opts: LandscapeOptions): LandscapeContext {
  const {grid} = mask;
  const salts = saltsFor(opts.seed, SALT_NAMES);
  const west = grid.x0;
  const north = grid.y0;
  const east = grid.x0 + grid.width * grid.px;
  const south = grid.y0 - grid.height * grid.px;

  const xiang = rivers.filter((r) => r.name === "Xiangjiang");
  const tribs = rivers.filter((r) => r.name !== "Xiangjiang");
  const simplify = (rs: River[]) => rs.map((r) => ({line: resample(r.line, 0.4)}));
  const far = latticeFor(west, south, east, north, 0.004);
  const dXiang = distanceField(far, simplify(xiang), 15);
  const dTrib = distanceField(far, simplify(tribs), 15);
  const near = latticeFor(west, south, east, north, 0.002);
  const dRoad = distanceField(
    near,
    ROADS.map((r) => ({line: resample(r.line, 0.2)})),
    3
  );

  const large = fbm(salts.reliefLarge, 10, 3);
  const valleys = fbm(salts.reliefValleys, 3, 3);
  // Relief in arbitrary units: higher away from the rivers, hill massifs, a
  // network of valleys (the zero lines of a noise field), flat floodplains.
  const relief = fieldFrom(near, (lon, lat) => {
    const dx = sample(dXiang, lon, lat);
    const dt = sample(dTrib, lon, lat);
    let h = 0.3 * smoothstep(Math.min(dx, dt * 1.5) / 12) + 0.3 * large.at(lon, lat);
    h += 0.6 * Math.pow(Math.abs(valleys.at(lon, lat)), 0.8) - 0.2;
    for (const m of RELIEF) {
      const d = kmBetween(lon, lat, m.lon, m.lat) / m.radiusKm;
      if (d < 3) h += m.height * Math.exp(-d * d);
    }
    h -= 0.3 * Math.exp(-dx / 2.5) + 0.12 * Math.exp(-dt / 0.8);
    return h;
  });
  const lowland = fieldFrom(near, (lon, lat) =>
    Math.max(Math.exp(-sample(dXiang, lon, lat) / 3), 0.6 * Math.exp(-sample(dTrib, lon, lat) / 1.2))
  );

  // Urban pull: cones around cores (radius r2000 at score 0.6, r2020 at 0.35
  // if growth were radial), roads as corridors, large-scale unevenness, and
  // the green heart held back.
  const urbanLarge = fbm(salts.urbanLarge, 5, 4);
  const warpX = fbm(salts.urbanWarpX, 6, 3);
  const warpY = fbm(salts.urbanWarpY, 6, 3);
  const cones = CORES.map((c) => {
    const slope = 0.25 / (c.r2020 - c.r2000);
    return {lon: c.lon, lat: c.lat, top: 0.6 + c.r2000 * slope, slope};
  });
  const urban = fieldFrom(near, (lon, lat, i) => {
    // Distances to the cores are taken in a warped plane (up to ~3 km), so
    // built-up areas grow in lobes and fingers rather than discs.
    const wl = lon + (3 * warpX.at(lon, lat)) / KM_PER_DEG_LON;
    const wt = lat + (3 * warpY.at(lon, lat)) / KM_PER_DEG_LAT;
    let s = -1;
    for (const c of cones) s = Math.max(s, c.top - c.slope * kmBetween(wl, wt, c.lon, c.lat));
    s += 0.06 * Math.max(0, 1 - dRoad.data[i] / 0.5); // a thin ribbon along roads from the start
    s += 0.14 * urbanLarge.at(lon, lat);
    const g = kmBetween(lon, lat, GREEN_HEART.lon, GREEN_HEART.lat) / GREEN_HEART.radiusKm;
    return s - 0.3 * Math.exp(-g * g);
  });
  // Pull that grows after 2000: development zones and new towns, and
  // corridors along the roads between the cities (ribbon development).
  const poles = fieldFrom(near, (lon, lat, i) => {
    let b = 0.3 * Math.max(0, 1 - dRoad.data[i] / 1.2) ** 1.5;
    for (const p of GROWTH_POLES) b += p.weight * Math.max(0, 1 - kmBetween(lon, lat, p.lon, p.lat) / p.reachKm);
    return Math.min(b, 255 / BUMP_SCALE);
  });

  // Forest line: the relief quantile leaving `forestShare` of the area above
  // it, estimated on every 3rd row and column (deterministic, and close enough).
  const fine = fineRelief(salts);
  const probe: number[] = [];
  for (let r = 1; r < grid.height; r += 3) {
    const runs = mask.runs[r];
    for (let k = 0; k < runs.length; k += 2)
      for (let c = runs[k] + ((3 - (runs[k] % 3)) % 3); c < runs[k + 1]; c += 3)
        probe.push(sample(relief, colLon(grid, c), rowLat(grid, r)) + fine(colLon(grid, c), rowLat(grid, r)));
  }
  // A typed array sorts numerically without a comparator call per comparison.
  const sorted = Float64Array.from(probe).sort();
  const forestLine = sorted[Math.min(sorted.length - 1, Math.floor((1 - (opts.forestShare ?? 0.5)) * sorted.length))];
  return {
    grid,
    runs: mask.runs,
    rowStart: mask.rowStart,
    rivers,
    relief,
    lowland,
    urban,
    poles,
    forestLine,
    speckle: opts.speckle ?? 0.03,
    salts
  };
}

export function allocLandscape(n: number, shared = false): LandscapeArrays {
  const buf = (bytes: number) => (shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
  return {
    base: new Uint8Array(buf(n)),
    margin: new Int8Array(buf(n)),
    score: new Float32Array(buf(4 * n)),
    bump: new Uint8Array(buf(n)),
    pond: new Float32Array(buf(4 * n))
  };
}

/** The per-pixel pass over rows [r0, r1): classes of 2000 before urban growth, scores and flags. */
export function fillLandscapeRows(ctx: LandscapeContext, r0: number, r1: number, out: LandscapeArrays): void {
  const {grid, runs: allRuns, rowStart, salts, forestLine, speckle} = ctx;
  const {base, margin, score, bump, pond} = out;
  const pixelLattice: Lattice = {lon0: colLon(grid, 0), lat0: rowLat(grid, 0), step: grid.px, nx: grid.width, ny: grid.height};
  const xiang = ctx.rivers.filter((r) => r.name === "Xiangjiang");
  const tribs = ctx.rivers.filter((r) => r.name !== "Xiangjiang");
  const roadRow = rowDistances(
    pixelLattice,
    ROADS.map((r) => ({line: resample(r.line, 0.2)})),
    0.05,
    r0,
    r1
  );
  const tribRow = rowDistances(
    pixelLattice,
    tribs.map((t) => ({line: t.line, halfWidthKm: t.halfWidthKm})),
    0.3,
    r0,
    r1
  );
  const xiangRow = rowDistances(
    pixelLattice,
    xiang.map((x) => ({line: x.line, halfWidthKm: x.halfWidthKm})),
    1.5,
    r0,
    r1
  );
  const island = ISLANDS[0];
  const at = new LatticeSampler(ctx.relief);
  const fine = fineRelief(salts);
  const noise = {
    island: vn(0.12, salts.island),
    bar: vn(0.3, salts.bar),
    wetland: vn(0.2, salts.wetland),
    cover: vn(0.4, salts.cover),
    reservoir: vn(0.15, salts.reservoir),
    pond: vn(0.07, salts.pond),
    village: vn(0.11, salts.village),
    protectedPark: vn(0.4, salts.park),
    park: vn(0.5, salts.park),
    parkCover: vn(0.12, salts.parkCover),
    urbanFine: vn(0.25, salts.urbanFine),
    pondNew: vn(0.09, salts.pondNew)
  };

  for (let r = r0; r < r1; r++) {
    const runs = allRuns[r];
    if (runs.length === 0) continue;
    const dm = xiangRow(r);
    const roadDist = roadRow(r).centre;
    const tribBank = tribRow(r).bank;
    const lat = rowLat(grid, r);
    const inIsland = lat > island.latFrom && lat < island.latTo;
    const islandHw = inIsland
      ? island.halfWidthKm * Math.sqrt(Math.sin((Math.PI * (lat - island.latFrom)) / (island.latTo - island.latFrom)))
      : 0;
    let i = rowStart[r];
    for (let k = 0; k < runs.length; k += 2) {
      for (let c = runs[k]; c < runs[k + 1]; c++, i++) {
        const lon = colLon(grid, c);
        at.at(lon, lat);
        const rel = at.get(ctx.relief) + fine(lon, lat) - forestLine;
        const h = hashUnit(c, r, salts.speckle);
        const bankM = dm.bank[c];
        let code: number;
        let flags = 0;
        let low = 0;
        if (bankM < 0) {
          // Xiangjiang channel: islands, sand bars near mid-channel, else open water.
          flags = FIXED;
          code = 5;
          if (dm.centre[c] < islandHw) {
            const v = noise.island.atLonLat(lon, lat);
            code = v > 0.25 ? 8 : v > -0.3 ? 2 : 4;
          } else if (bankM < -0.04 && dm.centre[c] < 0.6 * (dm.centre[c] - bankM) && noise.bar.atLonLat(lon, lat) > 0.75) {
            code = h < 0.5 ? 9 : h < 0.8 ? 4 : 7;
          }
        } else if (tribBank[c] < 0) {
          code = 5;
          flags = FIXED;
        } else {
          low = at.get(ctx.lowland);
          const wet = bankM < 0.09 || (low > 0.45 && rel < 0) ? noise.wetland.atLonLat(lon, lat) : -1;
          if (bankM < 0.05 && wet > 0.1)
            code = 9; // riparian fringe
          else if (bankM < 0.09 && wet > 0.5) code = 4;
          else if (low > 0.45 && rel < 0 && wet > 0.82 - 0.1 * low)
            code = 9; // floodplain marsh
          else if (rel > 0) {
            // Hills: forest, with shrub on poorer slopes, grass patches, small reservoirs in valleys, quarries.
            code = 2;
            const v = noise.cover.atLonLat(lon, lat);
            if (v > 0.72 - Math.min(0.1, rel)) code = 3;
            else if (v < -0.86) code = 4;
            else {
              const w = noise.reservoir.atLonLat(lon, lat);
              if (rel < 0.06 && w > 0.78) code = 5;
              else if (w < -0.9) code = 7;
            }
          } else {
            // Plains and valleys: paddy, ponds (denser on the floodplain), a few grass patches.
            code = 1;
            const p = noise.pond.atLonLat(lon, lat);
            if (p > 0.8 - 0.2 * low) code = 5;
            else if (p < -0.94) code = 4;
          }
          if ((code === 1 || code === 2 || code === 3) && Math.abs(rel) < 127 * MARGIN_STEP) flags |= FLEX;
          // Villages: clumps of houses on the plain and at the foot of hills, denser along roads.
          const hillFoot = Math.exp(-Math.abs(rel) / 0.05);
          if (code !== 5 && code !== 9) {
            const vill = noise.village.atLonLat(lon, lat);
            if (vill > 0.8 - 0.08 * hillFoot - 0.1 * Math.max(0, 1 - roadDist[c]) + 2 * Math.max(0, rel - 0.02)) code = 8;
          }
          if (roadDist[c] < 0.013 && hashUnit(c, r, salts.road) < 0.6) code = 8;
          if (code === 8) flags &= ~FLEX; // built from the start: never jitters
          // Speckle: a few % of pixels take a neighbouring class, as in any per-pixel classification.
          if (h < speckle) {
            code = speckleClass(code, hashUnit(c, r, salts.speckleClass));
            flags &= ~FLEX;
          }
          // Land that is never built on: scattered pixels (mixed pixels inside the city),
          // parks and hillocks of a few hundred metres, and protected hills (Yuelu Mountain).
          if (code !== 8) {
            if (hashUnit(c, r, salts.greenIsland) < 0.01) flags |= FIXED;
            for (const p of PROTECTED)
              if (kmBetween(lon, lat, p.lon, p.lat) < p.radiusKm * (1 + 0.35 * noise.protectedPark.atLonLat(lon, lat))) flags |= FIXED;
            if (at.get(ctx.urban) > 0.25 && code !== 5) {
              // Where the city will grow: parks, wooded hillocks and lakes that stay.
              const v = noise.park.atLonLat(lon, lat);
              if (v > 0.76) {
                flags = (flags | FIXED) & ~FLEX;
                const w = noise.parkCover.atLonLat(lon, lat);
                code = v > 0.92 ? 5 : w > -0.2 ? 2 : w > -0.6 ? 4 : code;
              }
            }
          }
        }
        base[i] = code | flags;
        margin[i] = Math.max(-127, Math.min(127, Math.round(rel / MARGIN_STEP)));
        if (flags & FIXED) {
          score[i] = -1e9;
          pond[i] = -1e9;
          bump[i] = 0;
          continue;
        }
        const u = at.get(ctx.urban);
        let s = u + 0.06 * noise.urbanFine.atLonLat(lon, lat) + 0.035 * (hashUnit(c, r, salts.urbanPixel) - 0.5);
        s -= 0.6 * Math.max(0, rel) + 2.5 * Math.max(0, rel - 0.12); // foothills are built on, steep hills hardly ever
        if (code === 8) s += 0.08; // villages and roads grow a little
        score[i] = s;
        bump[i] = Math.round(at.get(ctx.poles) * BUMP_SCALE);
        // New ponds: on cropland, favouring the floodplain, away from the cities.
        pond[i] = code === 1 || (flags & FLEX) !== 0 ? noise.pondNew.atLonLat(lon, lat) + 0.6 * low - 0.4 * Math.max(0, u - 0.3) : -1e9;
      }
    }
  }
}

/** Speckle: the class a confused classifier would give instead. */
function speckleClass(code: number, u: number): number {
  switch (code) {
    case 1:
      return u < 0.35 ? 2 : u < 0.5 ? 4 : u < 0.65 ? 5 : u < 0.9 ? 8 : 3;
    case 2:
    case 3:
      return u < 0.5 ? 1 : u < 0.75 ? (code === 2 ? 3 : 2) : u < 0.95 ? 4 : 8;
    case 5:
      return u < 0.4 ? 9 : u < 0.8 ? 1 : 4;
    case 8:
      return u < 0.5 ? 1 : u < 0.8 ? 4 : 7;
    default:
      return u < 0.5 ? 1 : 2;
  }
}
