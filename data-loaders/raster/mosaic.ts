// One epoch from several rasters on one grid (tiles, or district clips): read
// as one mosaic, never written out. The parts must share the CRS and pixel
// size and sit whole pixels apart; anything else is refused with the gdalwarp
// command that aligns them. Where parts overlap, a part's NoData or the
// study's declared fill value never overwrites another's data, and two
// different data values at one place stop the run, naming the pixel, its
// coordinates and both files. Hand-written because GDAL's VRT mosaics let the
// last file win silently, which is exactly what must not happen here.
import {basename} from "node:path";
import {rasterCrs} from "./crs.js";
import {openRaster, type RasterInfo} from "./open-raster.js";

/** An epoch's land cover as a study gives it: one file, or several files on one grid with an optional declared fill value. */
export type EpochSource = string | {files: string[]; fill: number | null};

type MosaicSpec = NonNullable<RasterInfo["mosaic"]>;

/** Rows of a mosaic composed per block: as many rows as a typical tile, as wide as the mosaic. */
const MOSAIC_BLOCK_ROWS = 256;

/** The files of an epoch source. */
export function epochFiles(src: EpochSource): string[] {
  return typeof src === "string" ? [src] : src.files;
}

/** How messages name an epoch source: its file, or its first file and how many more. */
export function epochName(src: EpochSource): string {
  const files = epochFiles(src);
  return files.length === 1 ? basename(files[0]) : `${basename(files[0])} and ${files.length - 1} more file${files.length > 2 ? "s" : ""}`;
}

/** Opens an epoch: a single raster as it is, several as one mosaic (checked to share one grid). */
export async function openEpoch(src: EpochSource): Promise<RasterInfo> {
  if (typeof src === "string") return openRaster(src);
  const opened = await Promise.allSettled(src.files.map(openRaster));
  const failed = opened.find((r) => r.status === "rejected");
  if (failed) throw (failed as PromiseRejectedResult).reason;
  const infos = opened.map((r) => (r as PromiseFulfilledResult<RasterInfo>).value);
  const {fill} = src;
  if (infos.length === 1 && (fill === null || infos[0].nodata === null || infos[0].nodata === fill))
    return {...infos[0], nodata: infos[0].nodata ?? fill};
  return mosaicInfo(infos, fill);
}

function mosaicInfo(infos: RasterInfo[], declaredFill: number | null): RasterInfo {
  const ref = infos[0];
  const refCrs = rasterCrs(ref);
  const align = (b: RasterInfo) => {
    // The part's extent snapped outward onto the first part's grid, in the first part's CRS.
    const c0 = Math.floor((b.x0 - ref.x0) / ref.dx + 1e-6),
      c1 = Math.ceil((b.x0 + b.width * b.dx - ref.x0) / ref.dx - 1e-6);
    const r0 = Math.floor((ref.y0 - b.y0) / ref.dy + 1e-6),
      r1 = Math.ceil((ref.y0 - (b.y0 - b.height * b.dy)) / ref.dy - 1e-6);
    const te = [ref.x0 + c0 * ref.dx, ref.y0 - r1 * ref.dy, ref.x0 + c1 * ref.dx, ref.y0 - r0 * ref.dy];
    const out = b.name.replace(/(\.tiff?)?$/i, "_aligned.tif");
    return (
      `align it to ${ref.name}'s grid without resampling its classes: gdalwarp -t_srs "${refCrs.proj4.trim()}" -te ${te.join(" ")} ` +
      `-tr ${ref.dx} ${ref.dy} -r near${b.nodata !== null ? ` -srcnodata ${b.nodata} -dstnodata ${b.nodata}` : ""} ${b.name} ${out}`
    );
  };
  const parts = infos.map((b) => {
    const crs = rasterCrs(b);
    if (crs.proj4 !== refCrs.proj4)
      throw new Error(`${b.name} is in ${crs.name}, ${ref.name} in ${refCrs.name}: files of one epoch must share one grid; ${align(b)}`);
    const tol = 1e-9;
    if (Math.abs(b.dx - ref.dx) > tol * ref.dx || Math.abs(b.dy - ref.dy) > tol * ref.dy)
      throw new Error(
        `${b.name} has pixels of ${b.dx} × ${b.dy}, ${ref.name} of ${ref.dx} × ${ref.dy}: files of one epoch must share one grid; ${align(b)}`
      );
    const sx = (b.x0 - ref.x0) / ref.dx,
      sy = (ref.y0 - b.y0) / ref.dy;
    if (Math.abs(sx - Math.round(sx)) > 1e-6 || Math.abs(sy - Math.round(sy)) > 1e-6)
      throw new Error(
        `${b.name}'s origin lies ${+sx.toFixed(6)} columns and ${+sy.toFixed(6)} rows from ${ref.name}'s, not a whole number of pixels: ` +
          `files of one epoch must share one grid; ${align(b)}`
      );
    return {info: b, col0: Math.round(sx), row0: Math.round(sy)};
  });
  const tags = [...new Set(infos.map((i) => i.nodata))];
  const fill = declaredFill ?? (tags.length === 1 ? tags[0] : null);
  if (fill === null)
    throw new Error(
      `${infos.map((i) => i.name).join(", ")}: one epoch in ${infos.length} files, ` +
        (tags.length === 1
          ? "none with a NoData value"
          : `with different NoData values (${infos.map((i) => `${i.name}: ${i.nodata ?? "none"}`).join(", ")})`) +
        `, and the study declares no fill value: expected inputs.landCoverFill, the value that means "no data" in these files ` +
        `(clips are often filled with 0 outside their district), so that one file's fill never overwrites another's data`
    );
  const minC = Math.min(...parts.map((p) => p.col0)),
    minR = Math.min(...parts.map((p) => p.row0));
  for (const p of parts) {
    p.col0 -= minC;
    p.row0 -= minR;
  }
  const width = Math.max(...parts.map((p) => p.col0 + p.info.width));
  const height = Math.max(...parts.map((p) => p.row0 + p.info.height));
  const mosaic: MosaicSpec = {parts, fill, crsName: refCrs.name};
  return {
    ...ref,
    name: epochName({files: infos.map((i) => i.path), fill}),
    fileSize: infos.reduce((s, i) => s + i.fileSize, 0),
    width,
    height,
    blockWidth: width,
    blockHeight: Math.min(MOSAIC_BLOCK_ROWS, height),
    blocksAcross: 1,
    blocksDown: Math.ceil(height / Math.min(MOSAIC_BLOCK_ROWS, height)),
    tiled: false,
    offsets: [],
    byteCounts: [],
    predictor: 1,
    nodata: fill,
    x0: ref.x0 + minC * ref.dx,
    y0: ref.y0 - minR * ref.dy,
    mosaic
  };
}

/** What the mosaic needs of a part's reader (row-source.ts's RowSource, passed in so that this module does not import it). */
interface PartRows {
  row(r: number): Uint8Array;
  close(): void;
}

/** A mosaic's blocks (full-width bands of rows) composed from its parts, as decode-block.ts gives a file's blocks. */
export class MosaicBlocks {
  private readonly out: Uint8Array;

  private constructor(
    private readonly info: RasterInfo,
    private readonly spec: MosaicSpec,
    private readonly parts: PartRows[]
  ) {
    this.out = new Uint8Array(info.blockWidth * info.blockHeight);
  }

  static async open(info: RasterInfo, openPart: (part: RasterInfo) => Promise<PartRows>): Promise<MosaicBlocks> {
    const spec = info.mosaic!;
    return new MosaicBlocks(info, spec, await Promise.all(spec.parts.map((p) => openPart(p.info))));
  }

  block(index: number): Uint8Array {
    const {info, spec, out} = this;
    const W = info.width;
    const r0 = index * info.blockHeight;
    const rows = Math.min(info.blockHeight, info.height - r0);
    const {fill} = spec;
    out.fill(fill, 0, W * rows);
    spec.parts.forEach((p, k) => {
      const nd = p.info.nodata ?? -1;
      const a = Math.max(r0, p.row0),
        b = Math.min(r0 + rows, p.row0 + p.info.height);
      for (let r = a; r < b; r++) {
        const row = this.parts[k].row(r - p.row0);
        const o = (r - r0) * W + p.col0;
        for (let c = 0; c < row.length; c++) {
          const v = row[c];
          if (v === nd || v === fill) continue;
          const u = out[o + c];
          if (u === fill) out[o + c] = v;
          else if (u !== v) this.conflict(k, r, p.col0 + c, u, v);
        }
      }
    });
    return out;
  }

  private conflict(k: number, r: number, c: number, had: number, v: number): never {
    const {info, spec} = this;
    // The earlier part that put `had` here (its rows of this band are still loaded).
    const j = spec.parts.findIndex(
      (p, i) =>
        i < k &&
        r >= p.row0 &&
        r < p.row0 + p.info.height &&
        c >= p.col0 &&
        c < p.col0 + p.info.width &&
        this.parts[i].row(r - p.row0)[c - p.col0] === had
    );
    const x = info.x0 + (c + 0.5) * info.dx,
      y = info.y0 - (r + 0.5) * info.dy;
    const first = j >= 0 ? spec.parts[j].info.name : "an earlier file";
    throw new Error(
      `${first} and ${spec.parts[k].info.name} overlap with different values at column ${c}, row ${r} of the epoch's mosaic ` +
        `(${+x.toFixed(6)}, ${+y.toFixed(6)} in ${spec.crsName}): ${first} has ${had}, ${spec.parts[k].info.name} has ${v}. ` +
        `Expected files that agree where they overlap; if ${had} or ${v} means "no data" in these files, declare it (inputs.landCoverFill)`
    );
  }

  close(): void {
    for (const p of this.parts) p.close();
  }
}
