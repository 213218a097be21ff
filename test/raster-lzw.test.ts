// The engine's LZW decoder (data-loaders/raster/lzw.ts): a stream worked out by
// hand, rasters that GDAL's libtiff encoded (test/fixtures/raster/lzw/make-lzw.py)
// read back pixel for pixel against the pattern they were made from, and
// damaged streams refused.
import {describe, expect, it} from "vitest";
import {copyFileSync, mkdtempSync, openSync, writeSync, closeSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {decodeLzw} from "../data-loaders/raster/lzw.js";
import {openRaster} from "../data-loaders/raster/open-raster.js";
import {RowSource} from "../data-loaders/raster/row-source.js";

const DIR = join(import.meta.dirname, "fixtures", "raster", "lzw");

/** Codes packed most significant bit first, each at the given width (what an encoder writes). */
function pack(codes: [code: number, width: number][]): Uint8Array {
  const bits = codes.map(([c, w]) => c.toString(2).padStart(w, "0")).join("");
  const bytes = new Uint8Array(Math.ceil(bits.length / 8));
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(bits.slice(i * 8, i * 8 + 8).padEnd(8, "0"), 2);
  return bytes;
}
const text = (b: Uint8Array) => String.fromCharCode(...b);

describe("LZW by hand", () => {
  // "ABABABA" encodes as A, B, <AB>=258, <ABA>=260 (defined by the very step that uses it:
  // the KwKwK case), between Clear and EndOfInformation, all at 9 bits.
  const stream = pack([
    [256, 9],
    [65, 9],
    [66, 9],
    [258, 9],
    [260, 9],
    [257, 9]
  ]);
  it("decodes ABABABA, the KwKwK code included", () => {
    const out = new Uint8Array(16);
    expect(text(out.subarray(0, decodeLzw(stream, out)))).toBe("ABABABA");
  });
  it("stops at the size of the block, as libtiff does", () => {
    const out = new Uint8Array(5);
    expect(decodeLzw(stream, out)).toBe(5);
    expect(text(out)).toBe("ABABA");
  });
  it("ends where the input ends when EndOfInformation is missing", () => {
    const out = new Uint8Array(16);
    expect(text(out.subarray(0, decodeLzw(stream.subarray(0, 5), out)))).toBe("ABAB");
  });
  it("restarts its table at a Clear code", () => {
    // after Clear, 258 is undefined again: A, B, Clear, B, A, <BA>=258
    const s = pack([
      [256, 9],
      [65, 9],
      [66, 9],
      [256, 9],
      [66, 9],
      [65, 9],
      [258, 9],
      [257, 9]
    ]);
    const out = new Uint8Array(16);
    expect(text(out.subarray(0, decodeLzw(s, out)))).toBe("ABBABA");
  });
  it("widens its codes to 10 bits once the next free code is 511", () => {
    // 253 codes after the first add entries 258…510; the next entry (511) makes the width 10 bits
    const codes: [number, number][] = [[256, 9]];
    for (let i = 0; i < 254; i++) codes.push([i % 2 ? 66 : 65, 9]);
    codes.push([65, 10], [257, 10]);
    const out = new Uint8Array(300);
    const n = decodeLzw(pack(codes), out);
    expect(text(out.subarray(0, n))).toBe("AB".repeat(127) + "A");
  });
  it("decodes a stream that does not open with Clear as one that does", () => {
    const out = new Uint8Array(16);
    const s = pack([
      [65, 9],
      [66, 9],
      [258, 9],
      [257, 9]
    ]);
    expect(text(out.subarray(0, decodeLzw(s, out)))).toBe("ABAB");
  });
  it("reads the last code when the input ends on a byte boundary without EndOfInformation", () => {
    // Clear and seven letters: 8 × 9 bits, exactly 9 bytes
    const s = pack([[256, 9], ...[..."ABCDEFG"].map((ch): [number, number] => [ch.charCodeAt(0), 9])]);
    expect(s.length).toBe(9);
    const out = new Uint8Array(16);
    expect(text(out.subarray(0, decodeLzw(s, out)))).toBe("ABCDEFG");
  });
  it("stops at the size of the block after a single letter too", () => {
    const s = pack([[256, 9], ...[..."ABCD"].map((ch): [number, number] => [ch.charCodeAt(0), 9]), [257, 9]]);
    const out = new Uint8Array(2);
    expect(decodeLzw(s, out)).toBe(2);
    expect(text(out)).toBe("AB");
  });
  it("defines a KwKwK code afresh, whatever an earlier stream left in the table", () => {
    const out = new Uint8Array(16);
    // an earlier stream: 258 = AB, 259 = BC, 260 = CD
    decodeLzw(
      pack([
        [256, 9],
        [65, 9],
        [66, 9],
        [67, 9],
        [68, 9],
        [69, 9],
        [257, 9]
      ]),
      out
    );
    const s = pack([
      [256, 9],
      [65, 9],
      [66, 9],
      [258, 9],
      [260, 9],
      [257, 9]
    ]);
    expect(text(out.subarray(0, decodeLzw(s, out)))).toBe("ABABABA");
  });
  it("keeps its codes at 12 bits once its table is full, without a Clear", () => {
    // 3839 letters after Clear define codes 258…4095 (the widths grow at 511, 1023 and 2047);
    // the table is then full and stays so: further codes are read at 12 bits
    const codes: [number, number][] = [[256, 9]];
    let next = 258;
    let width = 9;
    for (let i = 0; i < 3839; i++) {
      codes.push([65 + (i % 3), width]);
      if (i > 0 && next < 4096) {
        next++;
        if (next + 1 >= 1 << width && width < 12) width++;
      }
    }
    expect(width).toBe(12);
    codes.push([90, 12], [89, 12], [257, 12]);
    const out = new Uint8Array(4000);
    const n = decodeLzw(pack(codes), out);
    expect(n).toBe(3841);
    expect(text(out.subarray(3836, n))).toBe(text(new Uint8Array([65 + (3836 % 3), 65 + (3837 % 3), 65 + (3838 % 3), 90, 89])));
  });
  it("refuses a code beyond its table, or a KwKwK code with no string before it", () => {
    const out = new Uint8Array(16);
    expect(() =>
      decodeLzw(
        pack([
          [256, 9],
          [65, 9],
          [300, 9]
        ]),
        out
      )
    ).toThrow(/LZW code 300 read where the table holds codes up to 257/);
    expect(() =>
      decodeLzw(
        pack([
          [256, 9],
          [258, 9]
        ]),
        out
      )
    ).toThrow(/LZW code 258 read where the table holds codes up to 257/);
  });
});

/** The pattern make-lzw.py wrote: noise, runs, then blocks of classes, in three bands of rows. */
function pattern(width: number, height: number): Uint8Array {
  const a = new Uint8Array(width * height);
  let state = 12345n;
  const third = Math.floor(height / 3);
  for (let r = 0; r < height; r++)
    for (let c = 0; c < width; c++) {
      let v: number;
      if (r < third) {
        state = (state * 1664525n + 1013904223n) % 2n ** 32n;
        v = Number(state >> 24n);
      } else if (r < 2 * third) {
        const k = (r * 7 + c) % 1000;
        v = 10 + (Math.trunc((Math.sqrt(8 * k + 1) - 1) / 2) % 3) * 10;
      } else v = (((r >> 4) * 31 + (c >> 4) * 17) % 7) * 10;
      a[r * width + c] = v;
    }
  return a;
}

describe("rasters GDAL encoded in LZW read back pixel for pixel", () => {
  for (const name of ["tiled.tif", "tiled-p2.tif", "striped.tif", "striped-p2.tif"]) {
    it(name, async () => {
      const info = await openRaster(join(DIR, name));
      expect(info.compression).toBe(5);
      const want = pattern(info.width, info.height);
      const source = await RowSource.open(info);
      let wrong = 0;
      for (let r = 0; r < info.height; r++) {
        const row = source.row(r);
        for (let c = 0; c < info.width; c++) if (row[c] !== want[r * info.width + c]) wrong++;
      }
      source.close();
      expect(wrong).toBe(0);
    });
  }
});

it("a damaged block is refused, naming the file and the block", async () => {
  const file = join(mkdtempSync(join(tmpdir(), "atlas-lzw-")), "damaged.tif");
  copyFileSync(join(DIR, "tiled.tif"), file);
  const info = await openRaster(file);
  // all ones: the first 9-bit code read is 511, beyond a fresh table
  const fd = openSync(file, "r+");
  writeSync(fd, new Uint8Array(8).fill(0xff), 0, 8, info.offsets[1]);
  closeSync(fd);
  const source = await RowSource.open(await openRaster(file));
  expect(() => source.row(0)).toThrow(
    /damaged\.tif: block 1 cannot be decoded as LZW \(LZW code 511 read where the table holds codes up to 257\); the file is damaged/
  );
  source.close();
});
