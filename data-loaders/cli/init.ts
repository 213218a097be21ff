// atlas init DIR [--out OUT_DIR] [--boundary FILE] [--product ID] [--fill VALUE] --json
// Writes a starting study file for a folder of classified rasters: epochs
// from the file names (several files of one year are one epoch's tiles), the
// codes found in the rasters, the land-cover product identified from the
// evidence (_identify-product.ts) or chosen with --product and its default
// reclassification (none when the product cannot be told: every code is then
// "TODO"), the default study's coefficients (with their sources) as
// editable values, cell sizes and an equal-area grid projection fitted to the
// rasters, an energy-table template, and (without --boundary) the rasters'
// valid-data footprint as the boundary. It never overwrites a file and never
// touches the rasters; it validates what it wrote and prints (stderr) what the
// author must still check.
import {closeSync, existsSync, linkSync, mkdirSync, openSync, readdirSync, readFileSync, statSync, unlinkSync, writeSync} from "node:fs";
import {basename, dirname, join, relative, resolve, sep} from "node:path";
import {LEGENDS, legendById, type Legend} from "../../src/lib/legends.js";
import {csvFormatRows} from "d3-dsv";
import {quantityUnitFor} from "../../src/lib/units.js";
import {parseEnergyTable} from "../../src/lib/energy.js";
import {parseStudy, UNMAPPED} from "../../src/lib/params.js";
import {openEpochs, tabulate, type Epochs} from "../raster/engine.js";
import type {EpochSource} from "../raster/mosaic.js";
import {foreignCodes, identifyProduct, proposeTable} from "./_identify-product.js";
import {readMaskFeatures} from "../raster/mask.js";
import {pixelFrame} from "../raster/pixel-geometry.js";
import {RowSource} from "../raster/row-source.js";
import {checkInputsExist, parseJson, readStudy} from "../study/read-study.js";
import {DEFAULT_STUDY} from "../study/run-study.js";
import {parseCommand} from "./_args.js";
import {starterStory} from "../site/starter-story.js";

const USAGE = "atlas init DIR [--out OUT_DIR] [--boundary FILE] [--product ID] [--fill VALUE] --json";
const RASTER = /\.tiff?$/i;

/** "Nice" cell sizes, km, from which the grid's sizes are chosen. */
const CELL_LADDER = [0.1, 0.2, 0.25, 0.5, 1, 1.5, 2, 2.5, 3, 5, 10, 15, 20, 25, 50, 100];
const MIN_CELLS = 100; // the coarsest grid still has this many cells for Moran's I
const MAX_CELLS = 200_000; // the finest grid stays this small (LISA permutations cost cells × permutations)
const TARGET_CELLS = 2000; // the default grid's size, about
const MIN_PIXELS_ACROSS = 10; // a cell spans at least this many pixels, so its composition means something
const FOOTPRINT_BLOCKS = 200;
const METRES_PER_DEGREE = 111_320; // of latitude, about (within 0.5 %): enough to tell 10 m from 30 m // the derived boundary is traced on at most this many blocks along the long side

interface Args {
  dir: string;
  out: string;
  boundary?: string;
  product?: Legend;
  fill: number | null;
}

function initArgs(argv: string[]): Args {
  const {values, positionals: files} = parseCommand(argv, {
    name: "atlas init",
    usage: USAGE,
    options: {out: {type: "string"}, boundary: {type: "string"}, product: {type: "string"}, fill: {type: "string"}},
    positionals: true
  });
  const {out, boundary} = values;
  const product = values.product === undefined ? undefined : legendById(values.product);
  if (values.product !== undefined && !product)
    throw new Error(`atlas init: --product ${values.product}: expected one of ${LEGENDS.map((l) => l.id).join(", ")}`);
  const fill = values.fill === undefined ? null : Number(values.fill);
  if (fill !== null && !(Number.isInteger(fill) && fill >= 0 && fill <= 255))
    throw new Error(`atlas init: --fill ${values.fill}: expected the value 0..255 that means "no data" in the rasters`);
  if (files.length !== 1) throw new Error(`atlas init: expected one folder of rasters, got ${files.length}; usage: ${USAGE}`);
  const dir = resolve(files[0]);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new Error(`${files[0]}: expected a folder of classified GeoTIFFs`);
  return {dir, out: resolve(out ?? dir), boundary: boundary && resolve(boundary), product, fill};
}

/** Epoch → its rasters (one, or several tiles or clips), from the one 4-digit year (1900–2100) in each file name. */
export function epochsFromNames(dir: string, names: string[]): Map<number, string[]> {
  const rasters = names.filter((n) => RASTER.test(n)).sort();
  if (rasters.length < 2)
    throw new Error(
      `${dir}: found ${rasters.length} raster${rasters.length === 1 ? "" : "s"} (.tif/.tiff); expected one classified GeoTIFF per epoch, at least two`
    );
  const byYear = new Map<number, string[]>();
  for (const name of rasters) {
    const years = [...new Set([...name.matchAll(/(?<!\d)\d{4}(?!\d)/g)].map((m) => Number(m[0])).filter((y) => y >= 1900 && y <= 2100))];
    if (years.length !== 1)
      throw new Error(
        `${join(dir, name)}: ${years.length ? `has ${years.length} years in its name (${years.join(", ")})` : "has no year in its name"}; ` +
          `expected exactly one 4-digit year 1900–2100 naming its epoch (e.g. lc_2005.tif)`
      );
    byYear.set(years[0], [...(byYear.get(years[0]) ?? []), name]);
  }
  if (byYear.size < 2)
    throw new Error(`${dir}: every raster names the year ${[...byYear.keys()][0]}; expected at least two epochs (years in the file names)`);
  return new Map([...byYear].sort((a, b) => a[0] - b[0]));
}

/** Cell sizes (km) for the grid: the finest ≤ MAX_CELLS cells, the coarsest ≥ MIN_CELLS, at most four; the default nearest TARGET_CELLS. */
export function chooseCellSizes(areaKm2: number, pixelKm: number): {cellSizesKm: number[]; defaultCellKm: number} {
  const cells = (s: number) => areaKm2 / (s * s);
  const fits = CELL_LADDER.filter((s) => s >= MIN_PIXELS_ACROSS * pixelKm && cells(s) <= MAX_CELLS && cells(s) >= MIN_CELLS);
  let sizes: number[];
  if (fits.length === 0) {
    // A small area: the finest size that still holds MIN_PIXELS_ACROSS pixels, whatever the count.
    sizes = [CELL_LADDER.find((s) => s >= MIN_PIXELS_ACROSS * pixelKm) ?? CELL_LADDER[CELL_LADDER.length - 1]];
  } else if (fits.length <= 4) sizes = fits;
  else sizes = [...new Set([0, 1, 2, 3].map((i) => fits[Math.round((i * (fits.length - 1)) / 3)]))];
  const defaultCellKm = sizes.reduce((best, s) =>
    Math.abs(Math.log(cells(s) / TARGET_CELLS)) < Math.abs(Math.log(cells(best) / TARGET_CELLS)) ? s : best
  );
  return {cellSizesKm: sizes, defaultCellKm};
}

/**
 * Pixels valid (not NoData) in any epoch, as a block grid: a block is in when
 * at least half its pixels are; and, in the same pass, each epoch's pixels per code.
 */
async function footprintBlocks(
  e: Epochs
): Promise<{block: number; rows: number; cols: number; inside: Uint8Array; areaKm2: number; codes: Map<number, number>[]}> {
  const {width: W, height: H} = e.infos[0];
  const block = Math.max(1, Math.ceil(Math.max(W, H) / FOOTPRINT_BLOCKS));
  const rows = Math.ceil(H / block),
    cols = Math.ceil(W / block);
  const valid = new Uint32Array(rows * cols);
  const any = new Uint8Array(W);
  let areaM2 = 0;
  const counts = e.infos.map(() => new Float64Array(256));
  const sources = await Promise.all(e.infos.map((info) => RowSource.open(info)));
  try {
    for (let r = 0; r < H; r++) {
      any.fill(0);
      sources.forEach((src, i) => {
        const nodata = e.infos[i].nodata;
        const row = src.row(r);
        const n = counts[i];
        for (let c = 0; c < W; c++) {
          n[row[c]]++;
          if (row[c] !== nodata) any[c] = 1;
        }
      });
      const base = Math.floor(r / block) * cols;
      let n = 0;
      for (let c = 0; c < W; c++)
        if (any[c]) {
          valid[base + Math.floor(c / block)]++;
          n++;
        }
      areaM2 += n * e.geometry.rowAreaM2[r];
    }
  } finally {
    for (const s of sources) s.close();
  }
  const inside = new Uint8Array(rows * cols);
  for (let br = 0; br < rows; br++)
    for (let bc = 0; bc < cols; bc++) {
      const pixels = (Math.min(H, (br + 1) * block) - br * block) * (Math.min(W, (bc + 1) * block) - bc * block);
      inside[br * cols + bc] = 2 * valid[br * cols + bc] >= pixels ? 1 : 0;
    }
  const codes = counts.map((n, i) => {
    const m = new Map<number, number>();
    n.forEach((v, code) => v > 0 && code !== e.infos[i].nodata && m.set(code, v));
    return m;
  });
  return {block, rows, cols, inside, areaKm2: areaM2 / 1e6, codes};
}

type Pt = [number, number];

/**
 * Outlines of the union of the cells that are in, as rings of grid corners
 * (x = column, y = row). Each in-cell contributes its edges that border an
 * out-cell, directed with the inside on the right (y grows downward); edges
 * are linked into rings, turning right first where two rings touch at a
 * corner, so that cells meeting only diagonally stay separate polygons.
 * Outer rings come out clockwise once north is up, holes the other way.
 */
export function traceRings(inside: Uint8Array, rows: number, cols: number): Pt[][] {
  const isIn = (r: number, c: number) => r >= 0 && r < rows && c >= 0 && c < cols && inside[r * cols + c] === 1;
  const key = (x: number, y: number) => y * (cols + 1) + x;
  const out = new Map<number, Pt[]>(); // start corner → edge ends
  const addEdge = (x0: number, y0: number, x1: number, y1: number) => {
    const k = key(x0, y0);
    const list = out.get(k);
    if (list) list.push([x1, y1]);
    else out.set(k, [[x1, y1]]);
  };
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < cols; c++) {
      if (!isIn(r, c)) continue;
      if (!isIn(r - 1, c)) addEdge(c, r, c + 1, r); // top, eastward
      if (!isIn(r, c + 1)) addEdge(c + 1, r, c + 1, r + 1); // right, southward
      if (!isIn(r + 1, c)) addEdge(c + 1, r + 1, c, r + 1); // bottom, westward
      if (!isIn(r, c - 1)) addEdge(c, r + 1, c, r); // left, northward
    }
  const rings: Pt[][] = [];
  for (const [startKey, ends] of out) {
    while (ends.length) {
      const start: Pt = [startKey % (cols + 1), Math.floor(startKey / (cols + 1))];
      const ring: Pt[] = [start];
      let prev = start;
      let cur = ends.pop()!;
      while (!(cur[0] === start[0] && cur[1] === start[1])) {
        ring.push(cur);
        const cands = out.get(key(cur[0], cur[1]))!;
        const [dx, dy] = [cur[0] - prev[0], cur[1] - prev[1]];
        // right turn of (dx, dy) with y downward is (-dy, dx); then straight, then left
        const prefs: Pt[] = [
          [-dy, dx],
          [dx, dy],
          [dy, -dx]
        ];
        let k = -1;
        for (const [px, py] of prefs) {
          k = cands.findIndex((p) => p[0] - cur[0] === px && p[1] - cur[1] === py);
          if (k >= 0) break;
        }
        const next = cands.splice(k, 1)[0];
        prev = cur;
        cur = next;
      }
      rings.push(dropCollinear(ring));
    }
  }
  return rings;
}

function dropCollinear(ring: Pt[]): Pt[] {
  const n = ring.length;
  return ring.filter((p, i) => {
    const a = ring[(i + n - 1) % n],
      b = ring[(i + 1) % n];
    return (p[0] - a[0]) * (b[1] - p[1]) - (p[1] - a[1]) * (b[0] - p[0]) !== 0;
  });
}

/** Shoelace area in lon/lat-like axes (y up): positive for counter-clockwise rings. */
function signedArea(ring: Pt[]): number {
  let s = 0;
  for (let i = 0; i < ring.length; i++) {
    const [x0, y0] = ring[i],
      [x1, y1] = ring[(i + 1) % ring.length];
    s += x0 * y1 - x1 * y0;
  }
  return s / 2;
}

function pointInRing([x, y]: Pt, ring: Pt[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i],
      [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** The footprint as a GeoJSON MultiPolygon in WGS84 lon/lat (RFC 7946: outer rings counter-clockwise, holes clockwise). */
function footprintGeoJson(e: Epochs, fp: {block: number; rows: number; cols: number; inside: Uint8Array}): object {
  const info = e.infos[0];
  const frame = pixelFrame(info, e.crs);
  // Pixel-space rings with y flipped (north up), so that orientation reads as in lon/lat.
  const rings = traceRings(fp.inside, fp.rows, fp.cols).map((ring) =>
    ring.map(([x, y]) => [Math.min(info.width, x * fp.block), Math.min(info.height, y * fp.block)] as Pt)
  );
  // With the inside on the right, outer rings run clockwise once north is up, holes counter-clockwise.
  const up = (ring: Pt[]) => ring.map(([x, y]) => [x, -y] as Pt);
  const outers = rings.filter((r) => signedArea(up(r)) < 0);
  const holes = rings.filter((r) => signedArea(up(r)) > 0);
  const polygons: Pt[][][] = outers.map((r) => [r]);
  for (const hole of holes) {
    // A point strictly inside the hole: just left of its first edge's midpoint (the inside of the union is on the right).
    const [a, b] = [hole[0], hole[1]];
    const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
    const probe: Pt = [(a[0] + b[0]) / 2 + ((b[1] - a[1]) / len) * 0.25, (a[1] + b[1]) / 2 - ((b[0] - a[0]) / len) * 0.25];
    const owners = outers.map((o, i) => [i, Math.abs(signedArea(o))] as const).filter(([i]) => pointInRing(probe, outers[i]));
    if (owners.length === 0) throw new Error("internal: a hole of the footprint lies in no outer ring");
    const [owner] = owners.reduce((m, o) => (o[1] < m[1] ? o : m));
    polygons[owner].push(hole);
  }
  const lonLat = (ring: Pt[], outer: boolean) => {
    const pts = ring.map(([x, y]) => frame.pixelToLonLat(x, y).map((v) => Math.round(v * 1e8) / 1e8) as Pt);
    if (signedArea(pts) > 0 !== outer) pts.reverse();
    return [...pts, pts[0]];
  };
  return {
    type: "FeatureCollection",
    features: [
      {
        type: "Feature",
        properties: {
          name: "valid-data footprint of the rasters",
          source: `written by atlas init: blocks of ${fp.block} × ${fp.block} pixels where at least half the pixels hold data in some epoch`
        },
        geometry: {type: "MultiPolygon", coordinates: polygons.map((p) => p.map((ring, i) => lonLat(ring, i === 0)))}
      }
    ]
  };
}

/** Writes a new file atomically and never over an existing one (link(2) fails if the name exists). */
function writeNew(path: string, text: string): void {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  const fd = openSync(tmp, "wx");
  try {
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(tmp, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST")
      throw new Error(`${path}: already exists; atlas init never overwrites a file (use --out OTHER_DIR)`, {cause: error});
    throw error;
  } finally {
    unlinkSync(tmp);
  }
}

/** A relative path with forward slashes, as study files write them. */
const rel = (from: string, to: string) => relative(from, to).split(sep).join("/") || ".";
const round = (v: number, d: number) => Math.round(v * 10 ** d) / 10 ** d;

/** Each file counted alone (its own NoData tag only): the evidence for the product, before any fill value is known. */
async function countFiles(files: string[]): Promise<{codes: Map<number, number>; e: Epochs}[]> {
  const out: {codes: Map<number, number>; e: Epochs}[] = [];
  for (const f of files) {
    const e = await openEpochs([f]);
    const codes = new Map((await tabulate(e)).areas[0].map((r) => [r.code, r.pixels] as [number, number]));
    out.push({codes, e});
  }
  return out;
}

const sum = (maps: Map<number, number>[]) => {
  const m = new Map<number, number>();
  for (const x of maps) for (const [c, n] of x) m.set(c, (m.get(c) ?? 0) + n);
  return new Map([...m].sort((a, b) => a[0] - b[0]));
};
const codeList = (codes: Map<number, number>, only?: number[]) =>
  [...codes]
    .filter(([c]) => !only || only.includes(c))
    .map(([c, n]) => `${c} (${n} pixels)`)
    .join(", ");

export async function run(argv: string[]): Promise<unknown> {
  const args = initArgs(argv);
  const epochs = epochsFromNames(args.dir, readdirSync(args.dir));
  const years = [...epochs.keys()];

  const studyPath = join(args.out, "study.json");
  const energyPath = join(args.out, "energy.csv");
  const boundaryPath = args.boundary ?? join(args.out, "boundary.geojson");
  const storyPath = join(args.out, "story", "index.md");
  const toWrite = [studyPath, energyPath, storyPath, ...(args.boundary ? [] : [boundaryPath])];
  const existing = toWrite.filter((p) => existsSync(p));
  if (existing.length)
    throw new Error(
      `${existing.join(", ")}: already exist${existing.length === 1 ? "s" : ""}; atlas init never overwrites a file. ` +
        `Write the new study elsewhere with --out OTHER_DIR` +
        (!args.boundary && existing.includes(boundaryPath) ? `, or use the existing boundary with --boundary ${boundaryPath}` : "")
    );
  if (args.boundary) readMaskFeatures(args.boundary); // a bad boundary stops here, before anything is written

  const progress = (m: string) => process.stderr.write(`atlas init: ${m}\n`);
  const tiled = years.some((y) => epochs.get(y)!.length > 1);
  progress(
    `${years.length} epochs from the file names: ${years.map((y) => `${y} ${epochs.get(y)!.length > 1 ? `(${epochs.get(y)!.length} files)` : epochs.get(y)![0]}`).join(", ")}`
  );

  // The evidence: every file's codes, pixel size, place and name.
  const files = years.flatMap((y) => epochs.get(y)!.map((n) => join(args.dir, n)));
  const counted = await countFiles(files);
  const fileCodes = sum(counted.map((c) => c.codes));
  const codes = [...fileCodes.keys()];
  if (codes.length === 0) throw new Error(`${args.dir}: every pixel of every raster is NoData; expected classified land cover`);
  const first = counted[0].e;
  const centres = counted.map(({e}) => pixelFrame(e.infos[0], e.crs).pixelToLonLat(e.infos[0].width / 2, e.infos[0].height / 2));
  const [lon0, lat0] = [0, 1].map((k) => centres.reduce((a, c) => a + c[k], 0) / centres.length);
  const pixelKm =
    (first.crs.kind === "geographic"
      ? Math.sqrt(first.geometry.rowAreaM2[Math.floor(first.infos[0].height / 2)])
      : first.infos[0].dx * first.crs.toMetre) / 1000;
  // Products in degrees name their pixel by its north–south size (0.00025° is "30 m" at any latitude).
  const productPixelM = first.crs.kind === "geographic" ? first.infos[0].dy * METRES_PER_DEGREE : first.infos[0].dx * first.crs.toMetre;
  const verdict = identifyProduct({
    codes: fileCodes,
    pixelM: productPixelM,
    lon: lon0,
    lat: lat0,
    crs: first.crs.name,
    files: files.map((f) => basename(f))
  });
  let product = verdict.product;
  let why = verdict.why;
  if (args.product) {
    const foreign = foreignCodes(args.product, codes);
    if (foreign.length)
      throw new Error(
        `atlas init: --product ${args.product.id}: the rasters hold codes that ${args.product.name}'s legend does not have: ` +
          `${codeList(fileCodes, foreign)}; expected only its codes (${Object.keys(args.product.codes).join(", ")}) and no-data values (${args.product.noData.join(", ")})`
      );
    product = args.product;
    why = `chosen with --product ${product.id} (the evidence alone: ${verdict.why})`;
  }
  progress(product ? `land-cover product: ${product.name}: ${why}` : `land-cover product: none proposed: ${why}`);

  // The fill value: given, or the product's no-data value present in files that tag no NoData.
  const untagged = counted.filter(({e}) => e.infos[0].nodata === null);
  const fillCodes = product ? product.noData.filter((c) => untagged.some(({codes: m}) => m.has(c))) : [];
  const fill = args.fill ?? (fillCodes.length === 1 ? fillCodes[0] : null);
  const fillWhy =
    args.fill !== null
      ? "given with --fill"
      : fill !== null
        ? `${product!.name} uses ${fill} for no data, and ${untagged.length === counted.length ? "the files tag" : `${untagged.length} of the files tag`} no NoData value`
        : null;
  if (tiled && fill === null && untagged.length > 0)
    throw new Error(
      `${args.dir}: epochs in several files (tiles or clips) without a NoData value, and no fill value known: ` +
        `${product ? `${product.name} names none of the codes present as no data` : `no product identified (${why})`}. ` +
        `Codes found: ${codeList(fileCodes)}. Run again with --fill VALUE (the value outside each clip, often 0)` +
        (product ? "" : ` and --product ID (one of ${LEGENDS.map((l) => l.id).join(", ")})`) +
        `, so that no file's fill overwrites another's data`
    );
  const dataCodes = codes.filter((c) => c !== fill);
  const proposal = proposeTable(product, dataCodes, why, verdict.candidates.length ? verdict.candidates : verdict.byCodes);
  const sources = years.map((y): EpochSource => {
    const names = epochs.get(y)!.map((n) => join(args.dir, n));
    return names.length === 1 && fill === null ? names[0] : {files: names, fill};
  });

  progress(`reading ${tiled ? "each epoch's files as one mosaic" : "the epochs"} for the footprint and the codes of each epoch`);
  const e = await openEpochs(sources); // also checks that the epochs share one grid, and their tiles one grid each
  const info = e.infos[0];
  const fp = await footprintBlocks(e);
  let areaKm2 = fp.areaKm2;
  if (args.boundary) {
    const masked = await tabulate(await openEpochs(sources, {mask: args.boundary}));
    areaKm2 = Math.max(...masked.areas.map((rows) => rows.reduce((s, r) => s + r.km2, 0)));
  }
  const cells = chooseCellSizes(areaKm2, pixelKm);
  const [lonC, latC] = pixelFrame(info, e.crs).pixelToLonLat(info.width / 2, info.height / 2);
  const proj = `+proj=laea +lat_0=${round(latC, 2)} +lon_0=${round(lonC, 2)} +x_0=0 +y_0=0 +ellps=WGS84 +units=m`;

  // The default study's parameters, read now: its values and sources are the starting point, never copied into code.
  const defaults = parseJson(readFileSync(DEFAULT_STUDY, "utf8"), DEFAULT_STUDY) as {
    carbon: {energy: {fuels: Record<string, {standardCoal: {unit: string}}>}};
    esv: {classRows: Record<string, unknown>; equivalentFactors?: unknown};
    grid: {minInsideShare: number};
    spatial: Record<string, unknown>;
  };
  const relOut = (name: string) => rel(args.out, join(args.dir, name));
  const study = {
    study: {
      title: "TODO: the study's title",
      region: `TODO: the region's name (rasters centred near ${round(lonC, 2)}° E, ${round(latC, 2)}° N)`,
      epochs: years,
      landCover: product
        ? {product: product.id}
        : {
            product: `TODO: the product (one of ${LEGENDS.map((l) => l.id).join(", ")}, or your product's name)`,
            citation: "TODO: the product's citation"
          },
      reconstruction: {reconstructed: false, note: ""},
      notes: []
    },
    inputs: {
      landCover: Object.fromEntries(
        years.map((y) => {
          const names = epochs.get(y)!;
          return [String(y), names.length === 1 ? relOut(names[0]) : names.map(relOut)];
        })
      ),
      ...(fill !== null ? {landCoverFill: fill} : {}),
      boundary: rel(args.out, boundaryPath),
      energy: "energy.csv"
    },
    reclassification: {source: proposal.source, table: proposal.table},
    carbon: defaults.carbon,
    esv: {
      ...(defaults.esv.equivalentFactors ? {equivalentFactors: defaults.esv.equivalentFactors} : {}),
      classRows: defaults.esv.classRows,
      note: "Mapping of the six classes onto rows of the equivalent-factor table, as the default study maps them: check it against your classes.",
      standardValue: {
        method: "grain",
        grainYield: {value: 5000, unit: "kg/hm²", source: "PLACEHOLDER written by atlas init: your region's mean grain yield"},
        grainPrice: {value: 2.5, unit: "yuan/kg", source: "PLACEHOLDER written by atlas init: the grain price of your base year"}
      }
    },
    grid: {...cells, minInsideShare: defaults.grid.minInsideShare, proj},
    // Written by atlas init for the author to replace: the site marks every number depending on them until they leave this list.
    placeholders: ["inputs.energy", "esv.standardValue"],
    spatial: defaults.spatial
  };
  parseStudy(study, studyPath); // before writing: a file that would not validate is a bug here, not the author's
  const fuels = Object.entries(defaults.carbon.energy.fuels);
  const energy = csvFormatRows([
    ["fuel", "unit", ...years.map(String)],
    ...fuels.map(([name, f]) => [name, quantityUnitFor(f.standardCoal.unit).label, ...years.map(() => "0")])
  ]);

  mkdirSync(args.out, {recursive: true});
  if (!args.boundary) writeNew(boundaryPath, JSON.stringify(footprintGeoJson(e, fp)) + "\n");
  writeNew(energyPath, energy + "\n");
  writeNew(studyPath, JSON.stringify(study, null, 2) + "\n");
  mkdirSync(dirname(storyPath), {recursive: true});
  writeNew(storyPath, starterStory(years, cells.defaultCellKm));

  // Validate what was written, as the pipeline will read it.
  const loaded = readStudy(studyPath);
  checkInputsExist(loaded);
  parseEnergyTable(readFileSync(energyPath, "utf8"), energyPath, loaded.params);
  readMaskFeatures(boundaryPath);

  const epochCodes = new Map<number, number>();
  fp.codes.forEach((m) => m.forEach((n, code) => epochCodes.set(code, (epochCodes.get(code) ?? 0) + n)));
  const noNodata = e.infos.filter((i) => i.nodata === null).map((i) => i.name);
  const cellCount = (s: number) => Math.round(areaKm2 / (s * s));
  const checklist = [
    product
      ? `reclassification: ${product.name}'s default mapping (${why}); check each code's class against your study's definitions`
      : `!! reclassification: no mapping proposed (${why}). Every code is "${UNMAPPED}", which stops the run: ` +
        `codes ${codeList(fileCodes, dataCodes)}; map each to its class from your product's legend, or run atlas init again with --product ID`,
    ...(fill !== null ? [`inputs.landCoverFill: ${fill}, ${fillWhy}: its pixels are no data`] : []),
    ...(fill === null && codes.includes(0) && noNodata.length
      ? [
          `!! ${noNodata.join(", ")}: no NoData value, and code 0 occurs (${epochCodes.get(0)} pixels): if 0 is fill, set ` +
            `inputs.landCoverFill to 0 and remove "0" from the table`
        ]
      : []),
    `study.title, study.region${product ? "" : ", study.landCover"}: placeholders ("TODO: …"); also add study.citation for your publication`,
    `study.notes: add your caveats (severity, text, the pages or quantities they concern); the site shows them beside the figures`,
    `carbon, esv, spatial: the values and sources of another study (${rel(process.cwd(), DEFAULT_STUDY)}); check each coefficient for your region`,
    `!! placeholders: energy.csv (zero quantities for ${fuels.map(([n]) => n).join(", ")}) and esv.standardValue (grain yield and price) ` +
      `are placeholders; the site marks every number depending on them until you replace them and remove their keys from "placeholders"`,
    args.boundary
      ? `inputs.boundary: ${rel(args.out, boundaryPath)} (given)`
      : `boundary.geojson: the rasters' valid-data footprint (blocks of ${fp.block} px); replace it with your study area's boundary (GeoJSON in WGS84)`,
    `grid: cell sizes ${cells.cellSizesKm.join(", ")} km (about ${cells.cellSizesKm.map(cellCount).join(", ")} cells), default ${cells.defaultCellKm} km, in ${proj}; adjust to the scales you report`,
    `story/index.md: the first page of your study's story, with its headline values in place; rewrite it in your words (docs/authoring.md)`,
    `optional: inputs.river {file, feature} for the "ESV along the river" measure`
  ];
  process.stderr.write(
    `atlas init: wrote ${studyPath}\nStill to check before the numbers mean anything:\n${checklist.map((l) => `  - ${l}`).join("\n")}\n`
  );

  return {
    written: {study: studyPath, energy: energyPath, story: storyPath, ...(args.boundary ? {} : {boundary: boundaryPath})},
    epochs: years,
    rasters: Object.fromEntries(years.map((y) => [String(y), epochs.get(y)!.map((n) => join(args.dir, n))])),
    crs: e.crs.name,
    pixel_m: +productPixelM.toPrecision(4),
    centre: [round(lonC, 4), round(latC, 4)],
    codes: Object.fromEntries(codes.map((c) => [String(c), fileCodes.get(c)])),
    codes_by_epoch: Object.fromEntries(
      years.map((y, i) => [String(y), Object.fromEntries([...fp.codes[i]].map(([code, n]) => [String(code), n]))])
    ),
    product: {
      id: product?.id ?? null,
      why,
      candidates: verdict.candidates.map((l) => l.id),
      fit_by_codes: verdict.byCodes.map((l) => l.id),
      rejected: verdict.rejected
    },
    fill,
    reclassification: {proposed: product !== null, table: proposal.table, source: proposal.source},
    grid: study.grid,
    area_km2: areaKm2,
    boundary: args.boundary ? {file: args.boundary, derived: false} : {file: boundaryPath, derived: true, block_pixels: fp.block},
    checklist
  };
}
