// Which land-cover product a set of rasters is, from evidence only: the codes
// present, the pixel size on the ground, where the rasters lie, and the file
// names. Products share code numbers with different meanings (WorldCover's 40
// is cropland, GlobeLand30's shrubland), so a legend is proposed only when
// exactly one product fits; otherwise none is, and the candidates are named.
import {defaultTable, LEGENDS, type Legend} from "../../src/lib/legends.js";
import {UNMAPPED} from "../../src/lib/params.js";

export interface Evidence {
  /** code → pixels, NoData-tagged pixels left out */
  codes: Map<number, number>;
  /** pixel size, metres: a projected CRS's pixel width, or a geographic pixel's north–south extent (as products name "30 m" in degrees) */
  pixelM: number;
  /** the rasters' centre, WGS84 */
  lon: number;
  lat: number;
  crs: string;
  /** the rasters' file names */
  files: string[];
}

export interface Verdict {
  /** the one product that fits, or null */
  product: Legend | null;
  /** why it was chosen, or why none was */
  why: string;
  /** products whose legend holds every code present (before pixel size and place) */
  byCodes: Legend[];
  /** products that fit every piece of evidence */
  candidates: Legend[];
  /** per product, why it does not fit (absent when it fits) */
  rejected: Record<string, string>;
}

/** A product's pixel size fits when it is within this factor of a native size (resampled or reprojected data drift a little). */
const PIXEL_TOLERANCE = 1.2;

/** Codes present that a legend neither names nor lists as no data. */
export function foreignCodes(legend: Legend, codes: Iterable<number>): number[] {
  return [...codes].filter((c) => !(c in legend.codes) && !legend.noData.includes(c)).sort((a, b) => a - b);
}

const near = (pixelM: number, l: Legend) => l.pixelM.some((m) => pixelM <= m * PIXEL_TOLERANCE && pixelM >= m / PIXEL_TOLERANCE);
const inside = (lon: number, lat: number, l: Legend) =>
  lon >= l.covers[0] && lon <= l.covers[2] && lat >= l.covers[1] && lat <= l.covers[3];
const list = (ls: Legend[]) => ls.map((l) => l.id).join(", ");
const place = (lon: number, lat: number) =>
  `${Math.abs(lon).toFixed(2)}° ${lon < 0 ? "W" : "E"}, ${Math.abs(lat).toFixed(2)}° ${lat < 0 ? "S" : "N"}`;

export function identifyProduct(ev: Evidence): Verdict {
  const rejected: Record<string, string> = {};
  const present = [...ev.codes.keys()];
  // A product whose no-data values are all that is present says nothing: there must be classes.
  const byCodes = LEGENDS.filter((l) => {
    const foreign = foreignCodes(l, present);
    if (foreign.length) rejected[l.id] = `its legend has no code ${foreign.join(", ")}`;
    else if (!present.some((c) => c in l.codes)) rejected[l.id] = "none of its class codes is present";
    return !foreign.length && present.some((c) => c in l.codes);
  });
  const m = +ev.pixelM.toPrecision(3);
  const candidates = byCodes.filter((l) => {
    if (!near(ev.pixelM, l)) rejected[l.id] = `its pixels are ${l.pixelM.map((p) => +p.toFixed(0)).join(" or ")} m, these ${m} m`;
    else if (!inside(ev.lon, ev.lat, l)) rejected[l.id] = `it does not cover ${place(ev.lon, ev.lat)}`;
    return near(ev.pixelM, l) && inside(ev.lon, ev.lat, l);
  });
  const codesFit = byCodes.length ? `the codes fit ${list(byCodes)}` : "the codes fit no product atlas init knows";
  if (candidates.length === 1)
    return {
      product: candidates[0],
      why: `${codesFit}; of these only ${candidates[0].id} has ${m} m pixels and covers ${place(ev.lon, ev.lat)}`,
      byCodes,
      candidates,
      rejected
    };
  if (candidates.length > 1) {
    // File names decide only between products the other evidence left, and only when they name exactly one.
    const named = candidates.filter((l) => ev.files.every((f) => l.fileNames.test(f)));
    if (named.length === 1)
      return {
        product: named[0],
        why: `${codesFit}; at ${m} m and ${place(ev.lon, ev.lat)}: ${list(candidates)}; the file names (${ev.files[0]}…) name ${named[0].id}`,
        byCodes,
        candidates,
        rejected
      };
    return {
      product: null,
      why: `${codesFit}; ${list(candidates)} all have ${m} m pixels and cover ${place(ev.lon, ev.lat)}, and the file names name none of them alone: the evidence cannot tell which`,
      byCodes,
      candidates,
      rejected
    };
  }
  return {
    product: null,
    why: byCodes.length ? `${codesFit}, but ${byCodes.map((l) => `${l.id}: ${rejected[l.id]}`).join("; ")}` : codesFit,
    byCodes,
    candidates,
    rejected
  };
}

export interface Proposal {
  /** code → class, or "TODO" for every code when no product is known */
  table: Record<string, string>;
  source: string;
}

/**
 * The reclassification a study file starts from: the product's default
 * mapping of the codes present (its no-data values left out), with the reason
 * for each choice; without a product, every code is "TODO", which stops the run
 * until the author maps it.
 */
export function proposeTable(product: Legend | null, codes: number[], why: string, candidates: Legend[]): Proposal {
  if (!product) {
    const named = candidates.length ? ` Candidates: ${candidates.map((l) => `${l.id} (${l.name})`).join(", ")}.` : "";
    return {
      table: Object.fromEntries(codes.map((c) => [String(c), UNMAPPED])),
      source:
        `No mapping proposed: ${why}.${named} Map every code to its class from your product's legend ("${UNMAPPED}" stops the run), ` +
        `or run atlas init again with --product ID`
    };
  }
  const present = codes.filter((c) => c in product.codes);
  const reasons = [...new Set(present.map((c) => product.reasons[c]).filter(Boolean))];
  return {
    table: defaultTable(product, present),
    source:
      `${product.name} codes → six study classes, atlas init's default for this product (src/lib/legends.ts)` +
      (reasons.length ? `: ${reasons.join("; ")}` : "")
  };
}
