// Decode one tile or strip of an 8-bit raster, synchronously, from the file.
// DEFLATE goes through node's zlib (native, several times faster than the
// package's pure-JS inflate), LZW through lzw.ts (for the same reason);
// PackBits and raw blocks through the geotiff package's own decoders. The horizontal predictor is undone here for all of
// them, so every path shares one implementation.
import {closeSync, openSync, readSync} from "node:fs";
import {inflateSync} from "node:zlib";
import {decodeLzw} from "./lzw.js";
import type {RasterInfo} from "./open-raster.js";

type SyncDecode = (bytes: Uint8Array) => Uint8Array;

async function packageDecoder(info: RasterInfo): Promise<SyncDecode> {
  // Imported here so that workers reading only DEFLATE never load the package.
  const {getDecoder} = await import("geotiff");
  const decoder = await getDecoder(info.compression, {
    tileWidth: info.blockWidth,
    tileHeight: info.blockHeight,
    predictor: 1, // undone below, as for DEFLATE
    bitsPerSample: 8,
    planarConfiguration: 1
  });
  return (bytes) => {
    // Copy into a fresh ArrayBuffer: the decoders read the whole buffer they are given.
    const out = decoder.decodeBlock(bytes.slice().buffer);
    if (out instanceof Promise) throw new Error("asynchronous decoder");
    return new Uint8Array(out as ArrayBuffer);
  };
}

export class BlockDecoder {
  private fd: number;
  private scratch = new Uint8Array(0);

  private constructor(
    private readonly info: RasterInfo,
    private readonly decode: SyncDecode
  ) {
    this.fd = openSync(info.path, "r");
  }

  static async open(info: RasterInfo): Promise<BlockDecoder> {
    const deflate = info.compression === 8 || info.compression === 32946;
    // One output chunk larger than a block: zlib then returns it without a second
    // pass or concatenating pieces.
    const chunkSize = Math.max(64 * 1024, info.blockWidth * info.blockHeight + 1024);
    // Inflating stops at the declared block size (8-bit samples): a block that would expand beyond it
    // (a damaged or hostile file) is refused before it can take the memory, not after.
    const maxOutputLength = info.blockWidth * info.blockHeight;
    let decode: SyncDecode;
    if (deflate) decode = (bytes) => inflateSync(bytes, {chunkSize, maxOutputLength});
    else if (info.compression === 5) {
      // decoded into one buffer, reused by the next block (as block() allows), never past the block's size
      const out = new Uint8Array(maxOutputLength);
      decode = (bytes) => out.subarray(0, decodeLzw(bytes, out));
    } else decode = await packageDecoder(info);
    return new BlockDecoder(info, decode);
  }

  /**
   * Block `index` (row-major over blocks) as blockWidth × rows bytes, where
   * rows is the block's height within the image (the last strip may be shorter).
   * The returned array may be reused by the next call.
   */
  block(index: number): Uint8Array {
    const {info} = this;
    const rows = Math.min(info.blockHeight, info.height - Math.floor(index / info.blocksAcross) * info.blockHeight);
    const need = info.blockWidth * rows;
    const count = info.byteCounts[index];
    if (count === 0) {
      // Sparse block (GDAL SPARSE_OK): all NoData.
      return new Uint8Array(need).fill(info.nodata ?? 0);
    }
    if (this.scratch.length < count) this.scratch = new Uint8Array(count);
    const raw = this.scratch.subarray(0, count);
    const got = readSync(this.fd, raw, 0, count, info.offsets[index]);
    if (got !== count) throw new Error(`${info.name}: block ${index} is cut short (${got} of ${count} bytes); the file is truncated`);
    let out: Uint8Array;
    try {
      out = this.decode(raw);
    } catch (error) {
      throw new Error(
        `${info.name}: block ${index} cannot be decoded as ${compressionName(info.compression)} (${(error as Error).message}); the file is damaged`,
        {cause: error}
      );
    }
    if (out.length < need) {
      throw new Error(`${info.name}: block ${index} decodes to ${out.length} bytes, expected ${need}; the file is damaged`);
    }
    if (info.predictor === 2) undoHorizontalPredictor(out, info.blockWidth, rows);
    return out;
  }

  close(): void {
    closeSync(this.fd);
  }
}

function compressionName(code: number): string {
  return code === 5 ? "LZW" : code === 32773 ? "PackBits" : code === 1 ? "raw" : "DEFLATE";
}

/** TIFF predictor 2 for 8-bit samples: each byte stores the difference from its left neighbour. */
function undoHorizontalPredictor(data: Uint8Array, width: number, rows: number): void {
  for (let r = 0; r < rows; r++) {
    const o = r * width;
    let acc = data[o];
    for (let c = 1; c < width; c++) {
      acc = (acc + data[o + c]) & 255;
      data[o + c] = acc;
    }
  }
}
