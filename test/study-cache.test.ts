// The pipeline's cache (data-loaders/study/cache.ts), in this process: an entry
// is computed once per key, and anything read back that does not verify (an
// edited number, a missing header, a changed file it names, a changed byte) is
// recomputed and overwritten; a lock runs one holder at a time and is taken
// over when its owner is gone. (Whole runs on the cache: pipeline-cache.test.ts.)
import {createHash} from "node:crypto";
import {existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {spawnSync} from "node:child_process";
import {afterEach, beforeAll, describe, expect, it, vi} from "vitest";
import {canonicalJson} from "../data-loaders/study/hash.js";

const DIR = mkdtempSync(join(tmpdir(), "study-cache-"));
process.env.ATLAS_CACHE_DIR = DIR;
let cache: typeof import("../data-loaders/study/cache.js");
beforeAll(async () => {
  cache = await import("../data-loaders/study/cache.js");
});
afterEach(() => vi.restoreAllMocks());

const sha = (s: string | Uint8Array) => createHash("sha256").update(s).digest("hex");
/** Calls of compute, and what went to stderr, for one cached read. */
async function read<T>(step: string, parts: unknown, value: T) {
  const said: string[] = [];
  vi.spyOn(process.stderr, "write").mockImplementation((m) => (said.push(String(m)), true));
  let calls = 0;
  const got = await cache.cachedJson(step, parts, async () => (calls++, value));
  vi.restoreAllMocks();
  return {got, calls, said: said.join("")};
}
const entry = (step: string, parts: unknown) => join(DIR, `${step}-${sha(canonicalJson(parts)).slice(0, 24)}.json`);

describe("cachedJson", () => {
  it("keys an entry by step and the sha256 of its parts, and computes it once", async () => {
    expect(cache.CACHE_DIR).toBe(DIR);
    expect(cache.cacheKey("land", {a: 1})).toBe(`land-${sha(canonicalJson({a: 1})).slice(0, 24)}`);
    expect(await read("once", {k: 1}, {n: 1})).toMatchObject({got: {n: 1}, calls: 1});
    expect(await read("once", {k: 1}, {n: 2})).toEqual({got: {n: 1}, calls: 0, said: ""});
    expect(await read("once", {k: 2}, {n: 3})).toMatchObject({got: {n: 3}, calls: 1});
    const [header, payload] = readFileSync(entry("once", {k: 1}), "utf8").split("\n");
    expect(payload).toBe('{"n":1}');
    expect(JSON.parse(header)).toEqual({sha256: sha(payload), files: {}});
  });

  it("recomputes and overwrites an entry whose number was edited", async () => {
    await read("edit", 1, {n: 10});
    const f = entry("edit", 1);
    writeFileSync(f, readFileSync(f, "utf8").replace('"n":10', '"n":11'));
    const r = await read("edit", 1, {n: 10});
    expect(r).toMatchObject({got: {n: 10}, calls: 1});
    expect(r.said).toMatch(/is not usable: its content does not match its sha256.*recomputing the edit step/);
    expect(await read("edit", 1, {n: 99})).toMatchObject({got: {n: 10}, calls: 0});
  });

  it("recomputes an entry without a valid header line", async () => {
    for (const text of ['{"n":1}', "garbage\n{}", '{"files":{}}\n{"n":1}']) {
      writeFileSync(entry("header", text), text);
      const r = await read("header", text, {ok: true});
      expect(r).toMatchObject({got: {ok: true}, calls: 1});
      expect(r.said).toMatch(/no valid header line/);
    }
  });

  it("recomputes an entry whose payload does not parse, though its hash matches", async () => {
    writeFileSync(entry("json", 0), JSON.stringify({sha256: sha("{oops"), files: {}}) + "\n{oops");
    const r = await read("json", 0, 5);
    expect(r).toMatchObject({got: 5, calls: 1});
    expect(r.said).toMatch(/its JSON does not parse/);
  });

  it("checks the files an entry names inside the cache: changed or missing is recomputed", async () => {
    const png = join(DIR, "display.png");
    writeFileSync(png, "first");
    await read("files", 1, {file: png, list: [png, "elsewhere"], n: 1});
    const [header] = readFileSync(entry("files", 1), "utf8").split("\n");
    expect(JSON.parse(header).files).toEqual({[png]: sha("first")});
    expect(await read("files", 1, {n: 2})).toMatchObject({calls: 0});
    writeFileSync(png, "second");
    const changed = await read("files", 1, {file: png, n: 3});
    expect(changed).toMatchObject({got: {n: 3}, calls: 1});
    expect(changed.said).toMatch(/display\.png, has changed/);
    // a file outside the cache is not the entry's to check
    await read("outside", 1, {file: join(tmpdir(), "not-in-cache.png")});
    expect(JSON.parse(readFileSync(entry("outside", 1), "utf8").split("\n")[0]).files).toEqual({});
  });
});

describe("cachedJson with packed numbers", () => {
  const cells = Array.from({length: 1000}, (_, i) => Math.sqrt(i) / 3);
  const value = {grid: "1 km", cells, rings: [[1.5, 2.5]]};

  it("stores long number arrays as float64s after the JSON, and reads back the same value", async () => {
    expect(await read("packed", 1, value)).toMatchObject({got: value, calls: 1});
    const data = readFileSync(entry("packed", 1));
    const nl = data.indexOf(10);
    const header = JSON.parse(data.subarray(0, nl).toString()) as {sha256: string; json: number};
    const payload = data.subarray(nl + 1);
    expect(header.sha256).toBe(sha(payload));
    expect(JSON.parse(payload.subarray(0, header.json).toString())).toEqual({grid: "1 km", cells: {$f64: [0, 1000]}, rings: [[1.5, 2.5]]});
    expect(payload.length - header.json).toBe(8000);
    const again = await read<unknown>("packed", 1, {other: true});
    expect(again).toEqual({got: value, calls: 0, said: ""});
    expect(Object.is((again.got as typeof value).cells[7], Math.sqrt(7) / 3)).toBe(true);
  });

  it("recomputes an entry whose packed numbers changed, or whose JSON length does not fit them", async () => {
    await read("packed-edit", 1, value);
    const f = entry("packed-edit", 1);
    const good = readFileSync(f);
    const flipped = Buffer.from(good);
    flipped[flipped.length - 3] ^= 1; // one bit of the last number
    writeFileSync(f, flipped);
    const r = await read("packed-edit", 1, value);
    expect(r).toMatchObject({got: value, calls: 1});
    expect(r.said).toMatch(/does not match its sha256/);
    expect(readFileSync(f).equals(good)).toBe(true);
    // a header whose JSON length leaves no whole float64s, its sha256 made to match
    const nl = good.indexOf(10);
    const header = JSON.parse(good.subarray(0, nl).toString()) as {json: number};
    const payload = good.subarray(nl + 1);
    writeFileSync(
      f,
      Buffer.concat([Buffer.from(JSON.stringify({sha256: sha(payload), files: {}, json: header.json + 3}) + "\n"), payload])
    );
    const bad = await read("packed-edit", 1, value);
    expect(bad).toMatchObject({got: value, calls: 1});
    expect(bad.said).toMatch(/not whole float64s after/);
  });
});

describe("cachedBytes", () => {
  it("stores the bytes as they are after a header, and recomputes them when one byte changed", async () => {
    let calls = 0;
    const make = async () => (calls++, "served text");
    expect(Buffer.from(await cache.cachedBytes("served", 1, make)).toString()).toBe("served text");
    expect(Buffer.from(await cache.cachedBytes("served", 1, make)).toString()).toBe("served text");
    expect(calls).toBe(1);
    const f = join(DIR, `${cache.cacheKey("served", 1)}.bin`);
    expect(readFileSync(f, "utf8")).toBe(JSON.stringify({sha256: sha("served text")}) + "\nserved text");
    writeFileSync(f, readFileSync(f, "utf8").replace("served text", "served TEXT"));
    vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    expect(Buffer.from(await cache.cachedBytes("served", 1, make)).toString()).toBe("served text");
    expect(calls).toBe(2);
    writeFileSync(f, "no header");
    expect(Buffer.from(await cache.cachedBytes("served", 1, async () => new Uint8Array([1, 2])))).toEqual(Buffer.from([1, 2]));
  });
});

describe("writeAtomic", () => {
  it("leaves the whole file and no temporary one", () => {
    const f = join(DIR, "atomic.txt");
    cache.writeAtomic(f, "all of it");
    expect(readFileSync(f, "utf8")).toBe("all of it");
    expect(readdirSync(DIR).filter((n) => n.endsWith(".tmp"))).toEqual([]);
  });
});

describe("withLock", () => {
  const lock = (name: string) => join(DIR, `${name}.lck`);

  it("runs one holder at a time, and releases the lock after", async () => {
    const order: string[] = [];
    const hold = (id: string) =>
      cache.withLock("serial", async () => {
        order.push(`${id} in`);
        await new Promise((r) => setTimeout(r, 150));
        order.push(`${id} out`);
        return id;
      });
    expect(await Promise.all([hold("a"), hold("b")])).toEqual(["a", "b"]);
    expect(order).toEqual(["a in", "a out", "b in", "b out"]);
    expect(existsSync(lock("serial"))).toBe(false);
  });

  it("takes over at once a lock whose owner is gone, or that does not parse", async () => {
    vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    const dead = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], {encoding: "utf8"});
    const boot = readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim();
    const {hostname} = await import("node:os");
    writeFileSync(lock("gone"), JSON.stringify({host: hostname(), boot, pid: Number(dead.stdout), start: "1"}));
    expect(await cache.withLock("gone", async () => "ran")).toBe("ran");
    writeFileSync(lock("garbage"), "{not json");
    expect(await cache.withLock("garbage", async () => "ran too")).toBe("ran too");
    // another boot's lock is gone too
    writeFileSync(lock("reboot"), JSON.stringify({host: hostname(), boot: "another boot", pid: process.pid, start: ""}));
    expect(await cache.withLock("reboot", async () => "after reboot")).toBe("after reboot");
  });

  it("waits for a live owner", async () => {
    const {hostname} = await import("node:os");
    const boot = readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim();
    const start = readFileSync("/proc/self/stat", "utf8");
    const mine = {host: hostname(), boot, pid: process.pid, start: start.slice(start.lastIndexOf(")") + 2).split(" ")[19]};
    writeFileSync(lock("live"), JSON.stringify(mine));
    let ran = false;
    const p = cache.withLock("live", async () => (ran = true));
    await new Promise((r) => setTimeout(r, 300));
    expect(ran).toBe(false);
    const {rmSync} = await import("node:fs");
    rmSync(lock("live"));
    await p;
    expect(ran).toBe(true);
  });
});
