// Rows of a raster, one block row (a row of tiles, or one strip) decoded at a
// time: memory is blockHeight × width bytes whatever the raster's size.
// Rows start on 4-byte boundaries (the row pitch is rounded up to a multiple
// of 4) so the counting loops can also read them as 32-bit words. When all
// rasters of a job share one tiling, the kernel reads decoded tiles directly
// (tile()) instead, and no rows are assembled.
import {BlockDecoder} from "./decode-block.js";
import {MosaicBlocks} from "./mosaic.js";
import type {RasterInfo} from "./open-raster.js";

export class RowSource {
  private current = -1;
  private readonly bytes: Uint8Array;
  private readonly words: Uint32Array;
  readonly pitch: number;

  private constructor(
    readonly info: RasterInfo,
    private readonly decoder: Pick<BlockDecoder, "block" | "close">
  ) {
    this.pitch = Math.ceil(info.width / 4) * 4;
    this.bytes = new Uint8Array(info.blockHeight * this.pitch);
    this.words = new Uint32Array(this.bytes.buffer);
  }

  static async open(info: RasterInfo): Promise<RowSource> {
    // An epoch of several files (mosaic.ts) gives its blocks composed from its parts.
    const blocks = info.mosaic ? await MosaicBlocks.open(info, (part) => RowSource.open(part)) : await BlockDecoder.open(info);
    return new RowSource(info, blocks);
  }

  /**
   * Make row r available; returns the byte offset of the row in `bytes`
   * (a multiple of 4; word offset = returned value >> 2). Valid until the
   * next call that crosses a block row.
   */
  load(r: number): number {
    const bh = this.info.blockHeight;
    const br = Math.floor(r / bh);
    if (br !== this.current) this.decodeBlockRow(br);
    return (r - br * bh) * this.pitch;
  }

  get rowBytes(): Uint8Array {
    return this.bytes;
  }

  get rowWords(): Uint32Array {
    return this.words;
  }

  /** Row r as its own view of `width` bytes (for checks and small callers). */
  row(r: number): Uint8Array {
    const o = this.load(r);
    return this.bytes.subarray(o, o + this.info.width);
  }

  /**
   * Block `index` as decoded (blockWidth × blockHeight, row-major), with a
   * 32-bit view; copied only if the decoder's output is not word-aligned.
   */
  tile(index: number): {bytes: Uint8Array; words: Uint32Array} {
    const decoded = this.decoder.block(index);
    let bytes = new Uint8Array(decoded.buffer, decoded.byteOffset, decoded.byteLength);
    if (decoded.byteOffset % 4 !== 0) bytes = bytes.slice();
    return {bytes, words: new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength >> 2)};
  }

  private decodeBlockRow(br: number): void {
    const {info, pitch, bytes} = this;
    const rows = Math.min(info.blockHeight, info.height - br * info.blockHeight);
    for (let bc = 0; bc < info.blocksAcross; bc++) {
      const decoded = this.decoder.block(br * info.blocksAcross + bc);
      // A plain Uint8Array view: set() from its subarrays is the quickest copy here (Buffer#subarray is slower).
      const block = new Uint8Array(decoded.buffer, decoded.byteOffset, decoded.byteLength);
      const c0 = bc * info.blockWidth;
      const n = Math.min(info.blockWidth, info.width - c0);
      for (let r = 0; r < rows; r++) bytes.set(block.subarray(r * info.blockWidth, r * info.blockWidth + n), r * pitch + c0);
    }
    this.current = br;
  }

  close(): void {
    this.decoder.close();
  }
}
