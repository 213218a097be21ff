// A DEFLATE block that expands beyond its declared size (a damaged or hostile
// file: a few kB that would inflate to gigabytes) is refused at the declared
// size, naming the file and the block, instead of being inflated whole.
import {describe, expect, it} from "vitest";
import {mkdtempSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {deflateSync} from "node:zlib";
import {BlockDecoder} from "../data-loaders/raster/decode-block.js";
import type {RasterInfo} from "../data-loaders/raster/open-raster.js";

function rasterWithBlock(payload: Uint8Array): RasterInfo {
  const dir = mkdtempSync(join(tmpdir(), "atlas-inflate-"));
  const path = join(dir, "bomb.tif");
  const block = deflateSync(payload);
  writeFileSync(path, block);
  return {
    path,
    name: "bomb.tif",
    fileSize: block.length,
    width: 16,
    height: 16,
    blockWidth: 16,
    blockHeight: 16,
    blocksAcross: 1,
    blocksDown: 1,
    tiled: true,
    offsets: [0],
    byteCounts: [block.length],
    compression: 8,
    predictor: 1,
    nodata: null,
    geoKeys: {},
    x0: 0,
    y0: 0,
    dx: 1,
    dy: 1
  };
}

describe("DEFLATE blocks are inflated no further than their declared size", () => {
  it("decodes a block of exactly the declared 16 × 16 bytes", async () => {
    const d = await BlockDecoder.open(rasterWithBlock(new Uint8Array(256).fill(7)));
    expect(Array.from(d.block(0).subarray(0, 256))).toEqual(new Array(256).fill(7));
    d.close();
  });
  it("refuses a 16 × 16 block that would inflate to 64 MB, naming the file and the block", async () => {
    const info = rasterWithBlock(new Uint8Array(64 * 1024 * 1024));
    expect(info.byteCounts[0]).toBeLessThan(100_000); // tens of kB on disk
    const d = await BlockDecoder.open(info);
    expect(() => d.block(0)).toThrow(/bomb\.tif: block 0 cannot be decoded as DEFLATE .*damaged/);
    d.close();
  });
});
