// A minimal GeoTIFF writer for 8-bit single-band classified rasters: tiled,
// DEFLATE-compressed, georeferenced by ModelPixelScale + ModelTiepoint and a
// GeoKey directory naming an EPSG CRS. Tiles are compressed and written one at
// a time, so memory stays at one tile whatever the raster's size. The IFD goes
// at the end of the file (its tile offsets are only known then) and the header
// is patched to point at it; GDAL and geotiff.js both accept that layout.
import {open} from "node:fs/promises";
import {deflateSync} from "node:zlib";

export interface WriteGeoTiffOptions {
  width: number;
  height: number;
  /** tile side in pixels, a multiple of 16 (TIFF requirement); default 256 */
  tileSize?: number;
  /** map coordinates of the raster's top-left corner */
  origin: [x0: number, y0: number];
  /** pixel width and height in CRS units, both positive (rows go south) */
  pixelSize: [dx: number, dy: number];
  /** EPSG code: 4326 (default) or another geographic or projected CRS */
  epsg?: number;
  /** value written to the GDAL_NODATA tag; edge padding of partial tiles uses it too */
  nodata?: number;
  /** 2 = horizontal differencing before compression; default 1 (none) */
  predictor?: 1 | 2;
  /** zlib level 1..9; default 6 */
  level?: number;
  /** fill `out` (tileSize × tileSize, row-major) with tile (tx, ty); pixels outside the raster are ignored */
  getTile(tx: number, ty: number, out: Uint8Array): void;
}

// TIFF field types
const SHORT = 3;
const LONG = 4;
const ASCII = 2;
const DOUBLE = 12;

/** EPSG codes of geographic CRSs we may be asked to write (others are taken as projected). */
const GEOGRAPHIC_EPSG = new Set([4326, 4490, 4214, 4610, 4269, 4258, 4283, 4019, 4024]);

interface Entry {
  tag: number;
  type: number;
  values: number[] | string;
}

export async function writeGeoTiff(path: string, opts: WriteGeoTiffOptions): Promise<void> {
  const {width, height, origin, pixelSize} = opts;
  const tileSize = opts.tileSize ?? 256;
  const epsg = opts.epsg ?? 4326;
  const predictor = opts.predictor ?? 1;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new Error(`writeGeoTiff ${path}: width and height must be positive integers, got ${width}×${height}`);
  }
  if (!Number.isInteger(tileSize) || tileSize < 16 || tileSize % 16 !== 0) {
    throw new Error(`writeGeoTiff ${path}: tileSize must be a positive multiple of 16, got ${tileSize}`);
  }
  if (!(pixelSize[0] > 0 && pixelSize[1] > 0)) {
    throw new Error(`writeGeoTiff ${path}: pixelSize must be positive, got ${pixelSize.join(", ")}`);
  }
  const nodata = opts.nodata;
  if (nodata !== undefined && !(Number.isInteger(nodata) && nodata >= 0 && nodata <= 255)) {
    throw new Error(`writeGeoTiff ${path}: nodata must be an integer 0..255 for an 8-bit raster, got ${nodata}`);
  }

  const tilesAcross = Math.ceil(width / tileSize);
  const tilesDown = Math.ceil(height / tileSize);
  const nTiles = tilesAcross * tilesDown;
  const offsets = new Array<number>(nTiles);
  const counts = new Array<number>(nTiles);
  const tile = new Uint8Array(tileSize * tileSize);

  const fh = await open(path, "w");
  try {
    // Header with a placeholder IFD offset, patched at the end.
    const header = Buffer.alloc(8);
    header.write("II", 0, "latin1");
    header.writeUInt16LE(42, 2);
    await fh.write(header, 0, 8, 0);
    let pos = 8;

    for (let ty = 0; ty < tilesDown; ty++) {
      for (let tx = 0; tx < tilesAcross; tx++) {
        tile.fill(nodata ?? 0);
        opts.getTile(tx, ty, tile);
        if (predictor === 2) differenceRows(tile, tileSize);
        const z = deflateSync(tile, {level: opts.level ?? 6});
        const i = ty * tilesAcross + tx;
        offsets[i] = pos;
        counts[i] = z.length;
        await fh.write(z, 0, z.length, pos);
        pos += z.length;
      }
    }
    if (pos > 0xffff_0000) throw new Error(`writeGeoTiff ${path}: output exceeds 4 GB; BigTIFF is not supported`);

    const entries: Entry[] = [
      {tag: 256, type: LONG, values: [width]},
      {tag: 257, type: LONG, values: [height]},
      {tag: 258, type: SHORT, values: [8]},
      {tag: 259, type: SHORT, values: [8]}, // Adobe DEFLATE
      {tag: 262, type: SHORT, values: [1]}, // BlackIsZero
      {tag: 277, type: SHORT, values: [1]},
      {tag: 284, type: SHORT, values: [1]},
      {tag: 317, type: SHORT, values: [predictor]},
      {tag: 322, type: LONG, values: [tileSize]},
      {tag: 323, type: LONG, values: [tileSize]},
      {tag: 324, type: LONG, values: offsets},
      {tag: 325, type: LONG, values: counts},
      {tag: 339, type: SHORT, values: [1]}, // unsigned integer
      {tag: 33550, type: DOUBLE, values: [pixelSize[0], pixelSize[1], 0]},
      {tag: 33922, type: DOUBLE, values: [0, 0, 0, origin[0], origin[1], 0]},
      {tag: 34735, type: SHORT, values: geoKeys(epsg)}
    ];
    if (nodata !== undefined) entries.push({tag: 42113, type: ASCII, values: `${nodata}\0`});

    if (pos % 2) pos++; // the IFD must start on a word boundary
    const ifd = encodeIfd(entries, pos);
    await fh.write(ifd, 0, ifd.length, pos);
    const ptr = Buffer.alloc(4);
    ptr.writeUInt32LE(pos, 0);
    await fh.write(ptr, 0, 4, 4);
  } finally {
    await fh.close();
  }
}

/** Horizontal differencing (TIFF predictor 2) for 8-bit samples, in place. */
function differenceRows(tile: Uint8Array, n: number): void {
  for (let r = 0; r < n; r++) {
    const o = r * n;
    for (let c = n - 1; c > 0; c--) tile[o + c] = (tile[o + c] - tile[o + c - 1]) & 255;
  }
}

/** GeoKeyDirectory: model type, PixelIsArea, and the CRS by EPSG code. */
function geoKeys(epsg: number): number[] {
  const geographic = GEOGRAPHIC_EPSG.has(epsg);
  const keys: [number, number][] = [
    [1024, geographic ? 2 : 1], // GTModelTypeGeoKey
    [1025, 1], // GTRasterTypeGeoKey = RasterPixelIsArea
    geographic ? [2048, epsg] : [3072, epsg] // GeographicTypeGeoKey | ProjectedCSTypeGeoKey
  ];
  const out = [1, 1, 0, keys.length];
  for (const [key, value] of keys) out.push(key, 0, 1, value);
  return out;
}

const TYPE_SIZE: Record<number, number> = {[ASCII]: 1, [SHORT]: 2, [LONG]: 4, [DOUBLE]: 8};

/** Serialise a little-endian IFD at file offset `at`, values too long for the entry following it. */
function encodeIfd(entries: Entry[], at: number): Buffer {
  entries.sort((a, b) => a.tag - b.tag);
  const dirSize = 2 + entries.length * 12 + 4;
  const payloads: Buffer[] = [];
  let extra = at + dirSize;
  const dir = Buffer.alloc(dirSize);
  dir.writeUInt16LE(entries.length, 0);
  entries.forEach((e, i) => {
    const count = e.values.length;
    const data = Buffer.alloc(count * TYPE_SIZE[e.type]);
    for (let k = 0; k < count; k++) {
      const v = e.values[k];
      if (e.type === ASCII) data.write(v as string, k, "latin1");
      else if (e.type === SHORT) data.writeUInt16LE(v as number, k * 2);
      else if (e.type === LONG) data.writeUInt32LE(v as number, k * 4);
      else data.writeDoubleLE(v as number, k * 8);
    }
    const p = 2 + i * 12;
    dir.writeUInt16LE(e.tag, p);
    dir.writeUInt16LE(e.type, p + 2);
    dir.writeUInt32LE(count, p + 4);
    if (data.length <= 4) {
      data.copy(dir, p + 8);
    } else {
      dir.writeUInt32LE(extra, p + 8);
      const padded = data.length % 2 ? Buffer.concat([data, Buffer.alloc(1)]) : data;
      payloads.push(padded);
      extra += padded.length;
    }
  });
  dir.writeUInt32LE(0, dirSize - 4); // no next IFD
  return Buffer.concat([dir, ...payloads]);
}
