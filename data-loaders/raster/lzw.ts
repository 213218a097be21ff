// TIFF LZW (TIFF 6.0, section 13): codes of 9 to 12 bits, most significant bit
// first; Clear is 256, EndOfInformation 257; the code width grows one code
// early (when the next free code reaches 2^width − 1), as libtiff reads it.
//
// Written here because neither package decodes it at the speed of a read by
// GDAL: the geotiff package's decoder builds every string in a JavaScript
// array (about 13 times slower than GDAL on ESA WorldCover's LZW tiles), and
// the fast one on npm (lzw-tiff-decoder, WebAssembly) only answers
// asynchronously, where the engine decodes blocks synchronously inside its
// workers.
//
// Each table entry is kept as a place in the output where its string already
// stands (offset and length), so a code is decoded by copying bytes forward:
// the entry made after a code is the previous code's string followed by the
// first byte of this one, and those stand side by side in the output.

const CLEAR = 256;
const EOI = 257;
const FIRST = 258;
const TABLE = 4096;

// Scratch tables, one set per thread: decoding is synchronous and never re-entered.
const starts = new Int32Array(TABLE);
const lengths = new Int32Array(TABLE);

/**
 * Decodes `input` into `out` and returns the number of bytes written. Decoding
 * stops at EndOfInformation, at the end of the input, or when `out` is full
 * (as libtiff stops at the block's size); the caller checks that the block is
 * whole. A code beyond the table is refused: the stream is damaged.
 */
export function decodeLzw(input: Uint8Array, out: Uint8Array): number {
  const cap = out.length;
  let width = 9;
  let next = FIRST;
  let bits = 0; // bits not yet used, in the low `count` bits
  let count = 0;
  let at = 0; // next input byte
  let pos = 0; // next output byte
  let prevPos = -1; // the previous code's string in the output; -1 after a Clear
  let prevLen = 0;
  for (;;) {
    while (count < width) {
      if (at === input.length) return pos;
      bits = ((bits << 8) | input[at++]) & 0xffffff;
      count += 8;
    }
    count -= width;
    const code = (bits >>> count) & ((1 << width) - 1);
    if (code === EOI) return pos;
    if (code === CLEAR) {
      width = 9;
      next = FIRST;
      prevPos = -1;
      continue;
    }
    let len: number;
    if (code < CLEAR) {
      if (pos === cap) return pos;
      out[pos] = code;
      len = 1;
    } else {
      let start: number;
      // (codes below 258 are taken above)
      if (code < next) {
        start = starts[code];
        len = lengths[code];
      } else if (code === next && prevPos >= 0) {
        // The code being defined (KwKwK): the previous string and its own first byte.
        start = prevPos;
        len = prevLen + 1;
      } else {
        throw new Error(`LZW code ${code} read where the table holds codes up to ${next - 1}`);
      }
      // Source and destination never overlap except in the KwKwK case, where the byte
      // copied last is the string's first: a forward copy gives it.
      const end = Math.min(pos + len, cap);
      if (end - pos > 16 && start + len <= pos) out.copyWithin(pos, start, start + (end - pos));
      else for (let i = pos, j = start; i < end; i++, j++) out[i] = out[j];
      if (end === cap) return cap;
    }
    if (prevPos >= 0 && next < TABLE) {
      starts[next] = prevPos;
      lengths[next] = prevLen + 1;
      next++;
      if (next + 1 >= 1 << width && width < 12) width++;
    }
    prevPos = pos;
    prevLen = len;
    pos += len;
  }
}
