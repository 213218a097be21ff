// Packed JSON (data-loaders/study/packed-json.ts): a value read back is the one
// a JSON round trip would give, bit for bit, whichever of its arrays were packed.
import {describe, expect, it} from "vitest";
import {packNumbers, unpackNumbers} from "../data-loaders/study/packed-json.js";

const roundTrip = (v: unknown) => {
  const p = packNumbers(v);
  return p ? unpackNumbers(p.json, p.numbers) : JSON.parse(JSON.stringify(v));
};
/** Every number of a value, in order, as its 64 bits (so −0 and 0, or two NaNs, compare as JSON left them). */
const bits = (v: unknown): string =>
  JSON.stringify(v, (_k, x: unknown) => (typeof x === "number" ? [...new Uint8Array(Float64Array.of(x).buffer)].join(".") : x));

// a seeded stream of awkward doubles: tiny, huge, subnormal, sums that are not short decimals
function doubles(n: number, seed: number): number[] {
  const out: number[] = [];
  let s = seed >>> 0;
  const next = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0), s / 2 ** 32);
  for (let i = 0; i < n; i++) {
    const kind = i % 5;
    out.push(
      kind === 0 ? next() * 1e-310 : kind === 1 ? (next() - 0.5) * 1e300 : kind === 2 ? 0.1 + next() * 0.2 : kind === 3 ? i : -next()
    );
  }
  return out;
}

describe("packNumbers / unpackNumbers", () => {
  it("packs long arrays of finite numbers and gives back every bit", () => {
    const cells = doubles(1000, 7);
    const value = {id: "grid", cells, nested: [doubles(300, 1), doubles(300, 2)], short: [1.5, 2.5]};
    const p = packNumbers(value)!;
    expect(p.numbers.length).toBe(1600);
    // only the long arrays became references; the short one and the rest stay as text
    expect(JSON.parse(p.json)).toEqual({
      id: "grid",
      cells: {$f64: [0, 1000]},
      nested: [{$f64: [1000, 300]}, {$f64: [1300, 300]}],
      short: [1.5, 2.5]
    });
    const back = unpackNumbers(p.json, p.numbers);
    expect(bits(back)).toBe(bits(value));
    expect(Array.isArray((back as typeof value).cells)).toBe(true);
  });

  it("leaves as JSON text the arrays JSON would change (−0, NaN, ±Infinity) or that hold other things", () => {
    const long = doubles(400, 3);
    const value = {
      negZero: [...long.slice(0, 399), -0],
      nan: [...long.slice(0, 399), NaN],
      inf: [Infinity, ...long.slice(1)],
      mixed: [...long.slice(0, 399), "x"],
      holes: [...long.slice(0, 399), null],
      plain: long
    };
    const p = packNumbers(value)!;
    expect(p.numbers.length).toBe(400); // `plain` alone
    expect(bits(unpackNumbers(p.json, p.numbers))).toBe(bits(JSON.parse(JSON.stringify(value))));
  });

  it("gives what a JSON round trip gives for undefined, typed arrays, dates and nulls beside packed numbers", () => {
    const value = {
      a: undefined,
      t: Float64Array.of(1, 2),
      d: new Date(0),
      n: null,
      list: [undefined, ...doubles(300, 4)],
      s: "text",
      packed: doubles(300, 8)
    };
    expect(packNumbers(value)!.numbers.length).toBe(300);
    expect(bits(roundTrip(value))).toBe(bits(JSON.parse(JSON.stringify(value))));
  });

  it("packs arrays from 256 numbers on", () => {
    expect(packNumbers({a: doubles(256, 9)})!.numbers.length).toBe(256);
    expect(packNumbers({a: doubles(255, 9)})).toBeNull();
  });

  it("packs nothing when there is nothing long, or when the value has a key of its own named $f64", () => {
    expect(packNumbers({n: [1, 2, 3]})).toBeNull();
    expect(packNumbers(doubles(300, 5).map(String))).toBeNull();
    expect(packNumbers({$f64: "mine", cells: doubles(300, 6)})).toBeNull();
    expect(packNumbers([{inner: {$f64: [0, 1]}}, doubles(300, 6)])).toBeNull();
    expect(roundTrip({$f64: [0, 1], cells: doubles(300, 6)})).toEqual({$f64: [0, 1], cells: doubles(300, 6)});
  });

  it("refuses a reference that points outside the numbers", () => {
    const numbers = new Float64Array(4);
    expect(unpackNumbers('{"a":{"$f64":[0,4]}}', numbers)).toEqual({a: [0, 0, 0, 0]});
    expect(() => unpackNumbers('{"a":{"$f64":[1,4]}}', numbers)).toThrow(/numbers 1…5 outside the 4 stored/);
    expect(() => unpackNumbers('{"a":{"$f64":[-1,2]}}', numbers)).toThrow(/outside the 4 stored/);
    expect(() => unpackNumbers('{"a":{"$f64":[0.5,1]}}', numbers)).toThrow(/outside/);
    expect(() => unpackNumbers('{"a":{"$f64":[0,1.5]}}', numbers)).toThrow(/outside/);
    expect(() => unpackNumbers('{"a":{"$f64":[0,-1]}}', numbers)).toThrow(/outside/);
    expect(unpackNumbers('{"a":{"$f64":[4,0]}}', numbers)).toEqual({a: []});
  });
});
