// Open a classified GeoTIFF and describe it: size, block layout (tiles or
// strips), compression, NoData, GeoKeys and the affine georeference. The
// geotiff package parses the header and IFD; pixel blocks are decoded
// elsewhere (decode-block.ts). Everything here is plain data, so the
// description can be posted to worker threads as is.
import {closeSync, openSync, readSync, statSync} from "node:fs";
import {basename} from "node:path";
import {fromFile} from "geotiff";

/** Compression codes the engine decodes, with their names for messages. */
export const COMPRESSIONS: Record<number, string> = {1: "none", 5: "LZW", 8: "DEFLATE", 32946: "DEFLATE", 32773: "PackBits"};

export type GeoKeys = Record<string, number | string | number[] | undefined>;

export interface RasterInfo {
  path: string;
  name: string;
  fileSize: number;
  width: number;
  height: number;
  /** block (tile or strip) size; strips are blocks as wide as the image */
  blockWidth: number;
  blockHeight: number;
  blocksAcross: number;
  blocksDown: number;
  tiled: boolean;
  offsets: number[];
  byteCounts: number[];
  compression: number;
  predictor: number;
  /** GDAL_NODATA as an 8-bit code, or null when absent or outside 0..255 */
  nodata: number | null;
  geoKeys: GeoKeys;
  /** top-left corner of the top-left pixel, and pixel size (both positive; rows go south) */
  x0: number;
  y0: number;
  dx: number;
  dy: number;
  /** set when the raster is one epoch's several files read as one (mosaic.ts): its parts, where each sits, and the fill value */
  mosaic?: {parts: {info: RasterInfo; col0: number; row0: number}[]; fill: number; crsName: string};
}

const fail = (path: string, what: string): never => {
  throw new Error(`${basename(path)}: ${what}`);
};

const TYPE_BYTES: Record<number, number> = {1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8, 16: 8, 17: 8, 18: 8};

/**
 * The first IFD, and every value it points to, must lie inside the file. The
 * geotiff package reads past the end of a cut file as zeros, which would
 * surface later as a misleading "no CRS" or garbage pixels.
 */
function checkDirectoryInFile(path: string, size: number): void {
  const fd = openSync(path, "r");
  try {
    const read = (pos: number, n: number): Buffer => {
      const b = Buffer.alloc(n);
      if (pos + n > size || readSync(fd, b, 0, n, pos) !== n)
        fail(path, `is truncated: its TIFF directory needs bytes up to ${pos + n} but the file has ${size}`);
      return b;
    };
    const head = read(0, 8);
    const le = head.toString("latin1", 0, 2) === "II";
    if (!le && head.toString("latin1", 0, 2) !== "MM") return; // geotiff reports "not a TIFF"
    const u16 = (b: Buffer, o: number) => (le ? b.readUInt16LE(o) : b.readUInt16BE(o));
    const u32 = (b: Buffer, o: number) => (le ? b.readUInt32LE(o) : b.readUInt32BE(o));
    const u64 = (b: Buffer, o: number) => Number(le ? b.readBigUInt64LE(o) : b.readBigUInt64BE(o));
    const big = u16(head, 2) === 43;
    const ifd = big ? u64(read(8, 8), 0) : u32(head, 4);
    const n = big ? u64(read(ifd, 8), 0) : u16(read(ifd, 2), 0);
    const entry = big ? 20 : 12;
    const inline = big ? 8 : 4;
    const entries = read(ifd + (big ? 8 : 2), n * entry + inline);
    for (let i = 0; i < n; i++) {
      const o = i * entry;
      const bytes = (TYPE_BYTES[u16(entries, o + 2)] ?? 1) * (big ? u64(entries, o + 4) : u32(entries, o + 4));
      if (bytes > inline) {
        const at = big ? u64(entries, o + 12) : u32(entries, o + 8);
        if (at + bytes > size) fail(path, `is truncated: tag ${u16(entries, o)} needs bytes up to ${at + bytes} but the file has ${size}`);
      }
    }
  } finally {
    closeSync(fd);
  }
}

export async function openRaster(path: string): Promise<RasterInfo> {
  let st: ReturnType<typeof statSync>;
  try {
    st = statSync(path);
  } catch {
    return fail(path, `cannot read the file (${path}); expected a GeoTIFF land-cover raster`);
  }
  if (st.isDirectory()) fail(path, `is a directory (${path}); expected a GeoTIFF land-cover raster file`);
  const fileSize = st.size;
  if (fileSize < 8) fail(path, `has ${fileSize} bytes; expected an 8-bit classified GeoTIFF`);
  checkDirectoryInFile(path, fileSize);
  let tiff;
  try {
    tiff = await fromFile(path);
  } catch (error) {
    return fail(path, `not a readable TIFF (${(error as Error).message}); expected an 8-bit classified GeoTIFF`);
  }
  try {
    let image;
    try {
      image = await tiff.getImage(0);
    } catch (error) {
      return fail(path, `the TIFF directory cannot be read (${(error as Error).message}); the file may be truncated`);
    }
    const fd = image.fileDirectory;
    const get = async (tag: string): Promise<unknown> => (fd.hasTag(tag as never) ? fd.loadValue(tag as never) : undefined);
    const scalar = async (tag: string, fallback: number): Promise<number> => {
      const v = await get(tag);
      if (v === undefined || v === null) return fallback;
      return typeof v === "number" ? v : Number((v as ArrayLike<number>)[0]);
    };

    const width = image.getWidth();
    const height = image.getHeight();
    const samples = await scalar("SamplesPerPixel", 1);
    const bits = await scalar("BitsPerSample", 1);
    const format = await scalar("SampleFormat", 1);
    const kind = format === 3 ? "floating-point" : format === 2 ? "signed integer" : "unsigned integer";
    if (samples !== 1) fail(path, `has ${samples} bands; expected a single-band classified raster`);
    if (bits !== 8 || format !== 1) {
      fail(
        path,
        `is a ${bits}-bit ${kind} raster; expected 8-bit unsigned class codes (0..255). Convert it with gdal_translate -ot Byte only if its values are class codes`
      );
    }
    const compression = await scalar("Compression", 1);
    if (!(compression in COMPRESSIONS)) {
      fail(
        path,
        `uses TIFF compression ${compression}; supported: none, LZW, DEFLATE, PackBits (re-encode with gdal_translate -co COMPRESS=DEFLATE)`
      );
    }
    const predictor = await scalar("Predictor", 1);
    if (predictor !== 1 && predictor !== 2)
      fail(path, `uses predictor ${predictor}; only none (1) and horizontal (2) apply to class codes`);

    const tiled = image.isTiled;
    const blockWidth = tiled ? image.getTileWidth() : width;
    const blockHeight = tiled ? image.getTileHeight() : Math.min(await scalar("RowsPerStrip", height), height);
    const offsets = Array.from((await get(tiled ? "TileOffsets" : "StripOffsets")) as ArrayLike<number | bigint>, Number);
    const byteCounts = Array.from((await get(tiled ? "TileByteCounts" : "StripByteCounts")) as ArrayLike<number | bigint>, Number);
    const blocksAcross = Math.ceil(width / blockWidth);
    const blocksDown = Math.ceil(height / blockHeight);
    if (offsets.length < blocksAcross * blocksDown || byteCounts.length !== offsets.length) {
      fail(path, `lists ${offsets.length} blocks where ${blocksAcross * blocksDown} are needed; the file is damaged`);
    }
    for (let i = 0; i < offsets.length; i++) {
      if (offsets[i] + byteCounts[i] > fileSize) {
        fail(path, `is truncated: block ${i} ends at byte ${offsets[i] + byteCounts[i]} but the file has ${fileSize} bytes`);
      }
    }

    const nodataRaw = image.getGDALNoData();
    const nodata = nodataRaw !== null && Number.isInteger(nodataRaw) && nodataRaw >= 0 && nodataRaw <= 255 ? nodataRaw : null;

    const geoKeys = (image.getGeoKeys() ?? {}) as GeoKeys;
    if (!geoKeys.GTModelTypeGeoKey)
      fail(path, "has no GeoTIFF CRS keys; expected a georeferenced raster (assign one with gdal_edit.py -a_srs)");
    const transform = await get("ModelTransformation");
    if (transform && ((transform as number[])[1] !== 0 || (transform as number[])[4] !== 0)) {
      fail(path, "is rotated or sheared (ModelTransformation); expected a north-up grid (warp it with gdalwarp first)");
    }
    let origin: number[], resolution: number[];
    try {
      origin = image.getOrigin();
      resolution = image.getResolution();
    } catch {
      return fail(path, "has no georeferencing (ModelTiepoint/ModelPixelScale); expected a georeferenced raster");
    }
    let [x0, y0] = origin;
    // The geotiff package negates ModelTransformation's y term as if it were a
    // scale (always positive for north-up), which reads a south-up raster's
    // +dy as north-up: take the matrix's own sign.
    const t = transform && !fd.hasTag("ModelPixelScale" as never) ? (transform as number[]) : undefined;
    const dx = t ? t[0] : resolution[0];
    const dy = t ? -t[5] : -resolution[1];
    if (dy < 0)
      fail(
        path,
        `is stored south-up (pixel height +${-dy}: rows run north); expected a north-up raster (negative pixel height). ` +
          `Rewrite it north-up first (gdalwarp -r near in.tif out.tif keeps the pixels and flips the rows)`
      );
    if (!(dx > 0 && dy > 0)) fail(path, `has pixel size ${dx} × ${-dy}; expected a north-up grid with positive width and negative height`);
    // PixelIsPoint: the tiepoint names the first pixel's centre (GDAL shifts it the same way).
    if (geoKeys.GTRasterTypeGeoKey === 2) {
      x0 -= dx / 2;
      y0 += dy / 2;
    }
    return {
      path,
      name: basename(path),
      fileSize,
      width,
      height,
      blockWidth,
      blockHeight,
      blocksAcross,
      blocksDown,
      tiled,
      offsets,
      byteCounts,
      compression,
      predictor,
      nodata,
      geoKeys,
      x0,
      y0,
      dx,
      dy
    };
  } finally {
    await tiff.close();
  }
}
