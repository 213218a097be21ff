// JSON whose long arrays of numbers are stored as raw float64s: how the
// pipeline's cache stores a step's result. A study's grids are millions of
// numbers, and printing and parsing them as decimal text cost more than a
// second of a whole study; their bits are copied instead. Only arrays that
// JSON would give back unchanged are packed (finite numbers, no −0), so a value
// read back is the one JSON.parse(JSON.stringify(value)) would give.
// (Arrow or a MessagePack library would store the arrays too, but not this
// round trip's guarantee for every other value; this walk is the whole of it.)

/** Arrays shorter than this stay as JSON text: not worth a reference. */
const MIN_PACKED = 256;
/** The key of a reference to packed numbers: {"$f64": [first index, length]}. */
const REF = "$f64";

export interface Packed {
  /** the value as JSON, long number arrays replaced by references */
  json: string;
  /** the packed numbers, every array's in turn */
  numbers: Float64Array;
}

const packable = (a: unknown[]): a is number[] => {
  if (a.length < MIN_PACKED) return false;
  // Number.isFinite is false for anything but a finite number
  for (const v of a) if (!Number.isFinite(v) || Object.is(v, -0)) return false;
  return true;
};

/** A value's packed form, or null when nothing in it is worth packing (or it holds a key of its own named "$f64"). */
export function packNumbers(value: unknown): Packed | null {
  const arrays: number[][] = [];
  let total = 0;
  let clash = false;
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) {
      if (packable(v)) {
        arrays.push(v);
        total += v.length;
        return {[REF]: [total - v.length, v.length]};
      }
      // an array of numbers, strings and nulls alone (a cell's ring point, a column of labels) is kept as it is
      if (v.every((x) => x === null || typeof x !== "object")) return v;
      return v.map(walk);
    }
    if (v && typeof v === "object" && !ArrayBuffer.isView(v) && typeof (v as {toJSON?: unknown}).toJSON !== "function") {
      if (Object.hasOwn(v, REF)) clash = true;
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    }
    return v;
  };
  const skeleton = walk(value);
  if (clash || arrays.length === 0) return null;
  const numbers = new Float64Array(total);
  let o = 0;
  for (const a of arrays) {
    numbers.set(a, o);
    o += a.length;
  }
  return {json: JSON.stringify(skeleton), numbers};
}

/** The value of a packed form; throws when a reference points outside the numbers. */
export function unpackNumbers(json: string, numbers: Float64Array): unknown {
  return JSON.parse(json, (_k, v: unknown) => {
    if (v && typeof v === "object" && !Array.isArray(v)) {
      const keys = Object.keys(v);
      const ref = (v as Record<string, unknown>)[REF];
      if (keys.length === 1 && Array.isArray(ref)) {
        const [first, length] = ref as number[];
        if (!(Number.isInteger(first) && Number.isInteger(length) && first >= 0 && length >= 0 && first + length <= numbers.length))
          throw new Error(`a reference to numbers ${first}…${first + length} outside the ${numbers.length} stored`);
        return Array.from(numbers.subarray(first, first + length));
      }
    }
    return v;
  });
}
