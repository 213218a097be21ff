// From the landscape to five land-cover maps, calibrated. Epoch by epoch:
// the forest line jitters a little (boundary noise, both ways), new ponds are
// dug on cropland, and construction spreads to the highest-scoring pixels, with
// separate thresholds for pixels that were cultivated, forest or other land.
// Each threshold is found by an exact area search (select-by-area.ts) so that
// the class totals follow the calibration targets; construction never reverts
// because a pixel once built stays built.
import {CLASSES, type LandClass} from "../../../../src/lib/classes.js";
import {CLCD_TO_CLASS} from "../../../../src/lib/legends.js";
import {BUMP_SCALE, CODE, EPOCH_JITTER, FIXED, FLEX, MARGIN_STEP, type Landscape} from "./landscape.js";
import {LatticeNoise} from "./noise.js";
import {KM_PER_DEG_LAT, KM_PER_DEG_LON} from "./geography.js";
import {colLon, rowLat} from "./grid.js";
import {selectByArea} from "./select-by-area.js";
import {areaChangeKm2, epochs} from "./targets.js";

export interface EpochOptions {
  /** share of the 2000 → 2020 change reached by each epoch (construction growth speeds up 2005–2015) */
  progress?: number[];
  /** weight of the growth poles (development zones) in each epoch's urban score */
  poleWeight?: number[];
  /** share of the study area that is construction land in 2000 */
  construction2000Share?: number;
  /** area (km²) of grassland, water and other land built over by 2020; ponds dug on cropland balance the rest */
  othersBuiltKm2?: number;
  /** targets, km² change 2000 → 2020 */
  change?: {cultivated: number; forest: number; construction: number};
}

type Areas = Record<LandClass, number>;

export interface EpochRecord {
  year: number;
  /** six-class areas, km² */
  areas_km2: Areas;
  /** area (km²) converted to construction in this epoch, by origin group */
  new_construction_km2?: {from_cultivated: number; from_forest: number; from_other: number};
  /** new ponds dug on cropland in this epoch, km² */
  new_ponds_km2?: number;
  /** urban-score thresholds found by the area search */
  thresholds: Record<string, number>;
}

export interface EpochsResult {
  /** CLCD codes per epoch, compact pixel order (empty when an onMap callback took them) */
  maps: Uint8Array[];
  records: EpochRecord[];
}

// Origin groups for conversion to construction.
const G_CULT = 0;
const G_FOREST = 1;
const G_OTHER = 2;
const GROUP_OF_CODE = [-1, G_CULT, G_FOREST, G_FOREST, G_OTHER, G_OTHER, G_OTHER, G_OTHER, -1, G_OTHER, -1, -1, -1, -1, -1, -1];

export function runEpochs(
  land: Landscape,
  rowArea: Float64Array,
  opts: EpochOptions = {},
  onMap?: (e: number, map: Uint8Array) => void,
  shared = false
): EpochsResult {
  const {mask, base, margin, score, bump, pond} = land;
  const {n, rowStart, grid} = mask;
  const progress = opts.progress ?? [0, 0.13, 0.36, 0.7, 1];
  const poleWeight = opts.poleWeight ?? [0, 0.2, 0.5, 0.85, 1];
  const change = opts.change ?? areaChangeKm2();
  const othersBuilt = opts.othersBuiltKm2 ?? 20;
  // State per pixel: 0 open, 1 built (construction), 2 pond dug after 2000.
  const state = new Uint8Array(n);
  const group = new Int8Array(n);
  const urbanScore = new Float32Array(n);
  const maps: Uint8Array[] = [];
  const records: EpochRecord[] = [];
  let first: Areas | null = null;
  const rows = grid.height;

  epochs().forEach((year, e) => {
    const cls = new Uint8Array(shared ? new SharedArrayBuffer(n) : new ArrayBuffer(n));
    // Boundary jitter of this epoch: smooth noise at 200 m, shifting the forest line by up to EPOCH_JITTER.
    const salt = (land.salts.epoch + Math.imul(e, 0x9e3779b9)) | 0;
    const kx = KM_PER_DEG_LON / 0.2;
    const ky = KM_PER_DEG_LAT / 0.2;
    const pw = poleWeight[e] / BUMP_SCALE;
    const jitter = new LatticeNoise(salt);
    for (let r = 0; r < rows; r++) {
      const runs = mask.runs[r];
      const y = rowLat(grid, r) * ky;
      let i = rowStart[r];
      for (let k = 0; k < runs.length; k += 2) {
        for (let c = runs[k]; c < runs[k + 1]; c++, i++) {
          const b = base[i];
          let code = b & CODE;
          if (b & FLEX) {
            const forest = margin[i] * MARGIN_STEP + EPOCH_JITTER * jitter.at(colLon(grid, c) * kx, y) > 0;
            if (forest && code === 1) code = 2;
            else if (!forest && code !== 1) code = 1;
          }
          if (code === 8) state[i] = 1; // construction, once seen, stays (whatever set it)
          const k = state[i] === 1 ? 8 : state[i] === 2 ? 5 : code;
          cls[i] = k;
          urbanScore[i] = score[i] + pw * bump[i];
          // Candidates for construction: in 2000 any open land, later by origin group (done here rather than in a pass of its own).
          const fixed = base[i] & FIXED;
          group[i] = e === 0 ? (k !== 8 && !fixed ? 0 : -1) : state[i] === 1 || fixed ? -1 : GROUP_OF_CODE[k];
        }
      }
    }
    const record: EpochRecord = {year, areas_km2: classAreas(cls, rowStart, rowArea), thresholds: {}};

    if (e === 0) {
      // 2000: the cores, as the pixels of highest score, up to the chosen share of the area.
      const total = Object.values(record.areas_km2).reduce((a, b) => a + b, 0);
      const need = (opts.construction2000Share ?? 0.066) * total - record.areas_km2.construction;
      const sel = selectByArea(group, urbanScore, rowStart, rowArea, [need]);
      for (let i = 0; i < n; i++) {
        if (cls[i] === 8 || (group[i] === 0 && urbanScore[i] >= sel.thresholds[0])) {
          state[i] = 1;
          cls[i] = 8;
        }
      }
      record.thresholds = {core: sel.thresholds[0]};
    } else {
      const a = record.areas_km2;
      const f = first!;
      const p = progress[e];
      // Areas the classes must have at the end of this epoch.
      const want = {cultivated: f.cultivated + p * change.cultivated, forest: f.forest + p * change.forest};
      const othersNow = a.grassland + a.water + a.unused;
      const othersFirst = f.grassland + f.water + f.unused;
      const othersWant = othersFirst - p * (change.construction + change.cultivated + change.forest);
      const builtOthersSoFar = records.reduce((s, rec) => s + (rec.new_construction_km2?.from_other ?? 0), 0);
      // Other land built over this epoch: the planned share, or more if other land must shrink faster.
      const fromOther = Math.max(p * othersBuilt - builtOthersSoFar, othersNow - othersWant, 0);
      const newPonds = Math.max(0, othersWant - (othersNow - fromOther));
      const fromForest = a.forest - want.forest;
      const fromCult = a.cultivated - newPonds - want.cultivated;
      if (fromForest < 0 || fromCult < 0)
        throw new Error(
          `epoch ${year}: the boundary noise outgrew the calibration (cultivated ${fromCult.toFixed(2)}, forest ${fromForest.toFixed(2)} km²)`
        );
      const sel = selectByArea(group, urbanScore, rowStart, rowArea, [fromCult, fromForest, fromOther]);
      const [tc, tf, to] = sel.thresholds;
      for (let i = 0; i < n; i++) {
        const g = group[i];
        if (g >= 0 && urbanScore[i] >= (g === G_CULT ? tc : g === G_FOREST ? tf : to)) {
          state[i] = 1;
          cls[i] = 8;
        }
      }
      // New ponds on the cropland that was not built over.
      for (let i = 0; i < n; i++) group[i] = cls[i] === 1 && state[i] === 0 && !(base[i] & FIXED) ? 0 : -1;
      const ponds = selectByArea(group, pond, rowStart, rowArea, [newPonds]);
      for (let i = 0; i < n; i++) {
        if (group[i] === 0 && pond[i] >= ponds.thresholds[0]) {
          state[i] = 2;
          cls[i] = 5;
        }
      }
      record.new_construction_km2 = {from_cultivated: sel.areas[G_CULT], from_forest: sel.areas[G_FOREST], from_other: sel.areas[G_OTHER]};
      record.new_ponds_km2 = ponds.areas[0];
      record.thresholds = {from_cultivated: tc, from_forest: tf, from_other: to, new_ponds: ponds.thresholds[0]};
    }
    record.areas_km2 = classAreas(cls, rowStart, rowArea);
    if (e === 0) first = record.areas_km2;
    records.push(record);
    // Hand the map over (to be written while the next epoch runs) rather than holding all five.
    if (onMap) onMap(e, cls);
    else maps.push(cls);
  });
  return {maps, records};
}

const CLASS_OF_CODE: number[] = Array.from({length: 256}, (_, code) => {
  const c = CLCD_TO_CLASS[code];
  return c ? CLASSES.indexOf(c) : -1;
});

/** Six-class areas (km²) of a map of CLCD codes, with the default CLCD → class table. */
export function classAreas(cls: Uint8Array, rowStart: Int32Array, rowArea: Float64Array): Areas {
  const acc = new Float64Array(CLASSES.length);
  const perCode = new Float64Array(256);
  for (let r = 0; r + 1 < rowStart.length; r++) {
    // Count codes per row, then weight by the row's pixel area.
    const counts = new Uint32Array(16);
    for (let i = rowStart[r], end = rowStart[r + 1]; i < end; i++) counts[cls[i] & 15]++;
    for (let code = 0; code < 16; code++) perCode[code] += counts[code] * rowArea[r];
  }
  for (let code = 0; code < 16; code++) {
    const k = CLASS_OF_CODE[code];
    if (k >= 0) acc[k] += perCode[code];
  }
  return Object.fromEntries(CLASSES.map((c, k) => [c, acc[k]])) as Areas;
}
