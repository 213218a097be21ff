// The pipeline's cache and lock (data-loaders/study/cache.ts) on the small
// real-data fixture: damaged entries are detected, recomputed and give the
// same results; relabelled epochs are never served old years; served files
// are cached whole, verified, and keyed by everything they are made of; two
// runs at once both succeed; a stale lock is taken over at once.
import {afterAll, beforeAll, describe, expect, it, vi} from "vitest";
import {spawn} from "node:child_process";
import {copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {hostname, tmpdir} from "node:os";
import {join} from "node:path";
import type {StudyRun} from "../data-loaders/study/run-study.js";

const ROOT = join(import.meta.dirname, "..");
const FIXTURE = join(import.meta.dirname, "fixtures", "real-study");
const work = mkdtempSync(join(tmpdir(), "atlas-cache-"));
const CACHE = join(work, "cache");
process.env.ATLAS_CACHE_DIR = CACHE; // read by cache.ts when first imported

function copyStudy(name: string, edit?: (s: Record<string, unknown>) => void): string {
  const dir = join(work, name);
  mkdirSync(dir);
  for (const f of ["lc_2000.tif", "lc_2010.tif", "lc_2020.tif", "boundary.geojson", "energy.csv", "study.json"])
    copyFileSync(join(FIXTURE, f), join(dir, f));
  if (edit) {
    const s = JSON.parse(readFileSync(join(dir, "study.json"), "utf8")) as Record<string, unknown>;
    edit(s);
    writeFileSync(join(dir, "study.json"), JSON.stringify(s));
  }
  return join(dir, "study.json");
}

let runStudy: (file: string) => Promise<StudyRun>;
let study: string;
beforeAll(async () => {
  runStudy = (await import("../data-loaders/study/run-study.js")).runStudy;
  study = copyStudy("study");
});
afterAll(() => rmSync(work, {recursive: true, force: true}));

const entries = (step: string) => readdirSync(CACHE).filter((f) => f.startsWith(`${step}-`) && f.endsWith(".json"));
/** The display PNG (one file of every epoch, or the first epoch's file where there is one per epoch). */
const pngOf = (r: StudyRun): string => {
  const d = r.display as unknown as {file?: string; files?: string[]};
  return d.file ?? d.files![0];
};
const numbers = (r: StudyRun) => JSON.stringify({areas: r.land.areasKm2, transitions: r.land.transitions, analysis: r.analysis});

/** Runs the study, returning its result and what it said on stderr. */
async function run(file: string): Promise<{r: StudyRun; stderr: string}> {
  let stderr = "";
  const spy = vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  try {
    return {r: await runStudy(file), stderr};
  } finally {
    spy.mockRestore();
  }
}

describe("cache entries are verified on read", () => {
  let clean: string;
  let png: Buffer;
  beforeAll(async () => {
    const {r} = await run(study);
    clean = numbers(r);
    png = readFileSync(pngOf(r));
  });

  it("a warm run reads every step from the cache, silently", async () => {
    const {r, stderr} = await run(study);
    expect(numbers(r)).toBe(clean);
    expect(stderr).toBe("");
  });

  it("an edited entry (a number changed, still valid JSON) is detected, recomputed and overwritten", async () => {
    const [entry] = entries("analysis");
    const path = join(CACHE, entry);
    const text = readFileSync(path, "utf8");
    const edited = text.replace(/"net":(\d)/, (_m, d: string) => `"net":${(Number(d) + 1) % 10}`);
    expect(edited).not.toBe(text);
    writeFileSync(path, edited);
    const {r, stderr} = await run(study);
    expect(stderr).toMatch(
      new RegExp(`cache entry .*${entry} is not usable: its content does not match its sha256.*recomputing the analysis step`)
    );
    expect(numbers(r)).toBe(clean);
    expect(readFileSync(path, "utf8")).toBe(text);
    expect((await run(study)).stderr).toBe("");
  });

  it("a truncated entry is detected, recomputed with identical results and overwritten", async () => {
    const [entry] = entries("landuse");
    const path = join(CACHE, entry);
    const text = readFileSync(path, "utf8");
    writeFileSync(path, text.slice(0, Math.floor(text.length / 2)));
    const {r, stderr} = await run(study);
    expect(stderr).toMatch(new RegExp(`cache entry .*${entry} is not usable`));
    expect(numbers(r)).toBe(clean);
    expect(readFileSync(path, "utf8")).toBe(text);
  });

  it("an entry without a valid header (an older format, or garbage) is recomputed", async () => {
    const [entry] = entries("landuse");
    writeFileSync(join(CACHE, entry), "{not json");
    const {r, stderr} = await run(study);
    expect(stderr).toMatch(/has no valid header line/);
    expect(numbers(r)).toBe(clean);
  });

  it("a swapped display PNG is detected by its hash and rewritten", async () => {
    const {r: before} = await run(study);
    writeFileSync(pngOf(before), Buffer.from("not the PNG"));
    const {r, stderr} = await run(study);
    expect(stderr).toMatch(/the file it refers to, .*landcover.*\.png, has changed.*recomputing the display step/);
    expect(readFileSync(pngOf(r)).equals(png)).toBe(true);
  });

  it("relabelled epochs with the same rasters never get the old years from a warm cache", async () => {
    const relabelled = copyStudy("relabelled", (s) => {
      (s.study as {epochs: number[]}).epochs = [2001, 2011, 2021];
      (s.inputs as {landCover: unknown}).landCover = {2001: "lc_2000.tif", 2011: "lc_2010.tif", 2021: "lc_2020.tif"};
    });
    const energy = join(relabelled, "..", "energy.csv");
    writeFileSync(energy, readFileSync(energy, "utf8").replace("2000,2010,2020", "2001,2011,2021"));
    const {r} = await run(relabelled);
    expect(r.land.epochs).toEqual([2001, 2011, 2021]);
    expect(JSON.stringify(r.land.areasKm2)).toBe(JSON.stringify(JSON.parse(clean).areas));
  });
});

describe("served files are cached whole and verified like every entry", () => {
  type Served = typeof import("../data-loaders/study/served.js");
  let servedFiles: Served["servedFiles"];
  let OUTPUTS: (typeof import("../data-loaders/study/outputs.js"))["OUTPUTS"];
  beforeAll(async () => {
    servedFiles = (await import("../data-loaders/study/served.js")).servedFiles;
    OUTPUTS = (await import("../data-loaders/study/outputs.js")).OUTPUTS;
  });
  const served = (step: string) => readdirSync(CACHE).filter((f) => f.startsWith(`${step}-`) && f.endsWith(".bin"));
  const quietly = async <T>(f: () => Promise<T>): Promise<{value: T; stderr: string}> => {
    let stderr = "";
    const spy = vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
      stderr += String(chunk);
      return true;
    });
    try {
      return {value: await f(), stderr};
    } finally {
      spy.mockRestore();
    }
  };
  const buf = (b: Uint8Array | string) => (typeof b === "string" ? Buffer.from(b, "utf8") : Buffer.from(b));
  const text = (b: Uint8Array) => Buffer.from(b).toString("utf8");

  it("every served file equals what the run makes, and a second read comes from its entry", async () => {
    const files = await servedFiles(study);
    const r = await runStudy(study);
    for (const name of await files.names()) {
      const made = buf(await OUTPUTS[name](r, files.bytes));
      expect(buf(await files.bytes(name)).equals(made), name).toBe(true);
    }
    expect(served("served").length).toBe((await files.names()).length);
    const again = await quietly(async () => (await servedFiles(study)).bytes("carbon.arrow"));
    expect(again.stderr).toBe("");
    expect(buf(again.value).equals(buf(await OUTPUTS["carbon.arrow"](r, files.bytes)))).toBe(true);
  });

  it("an edited served file (one byte changed) is detected, made again and overwritten", async () => {
    const files = await servedFiles(study);
    const good = Buffer.from(await files.bytes("study.json"));
    const entry = served("served").find((f) => readFileSync(join(CACHE, f)).includes(good))!;
    const path = join(CACHE, entry);
    const before = readFileSync(path);
    const edited = Buffer.from(before);
    edited[edited.length - 2] ^= 1;
    writeFileSync(path, edited);
    const {value, stderr} = await quietly(async () => (await servedFiles(study)).bytes("study.json"));
    expect(stderr).toMatch(new RegExp(`cache entry .*${entry} is not usable: its content does not match its sha256`));
    expect(Buffer.from(value).equals(good)).toBe(true);
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it("a changed map layer (not a step input) is served changed, never from the old entry", async () => {
    const places = (name: string) => ({
      type: "FeatureCollection",
      features: [{type: "Feature", properties: {name}, geometry: {type: "Point", coordinates: [113.02, 28.01]}}]
    });
    const file = copyStudy("with-places", (s) => ((s.inputs as Record<string, unknown>).map = {places: "places.geojson"}));
    const placesFile = join(file, "..", "places.geojson");
    writeFileSync(placesFile, JSON.stringify(places("First town")));
    const first = text(await (await servedFiles(file)).bytes("layers.json"));
    expect(first).toContain("First town");
    writeFileSync(placesFile, JSON.stringify(places("Second town")));
    const second = text(await (await servedFiles(file)).bytes("layers.json"));
    expect(second).toContain("Second town");
    expect(second).not.toContain("First town");
  });
});

describe("locks", () => {
  const atlas = (file: string, cache: string) =>
    new Promise<{code: number | null; stdout: string; stderr: string}>((resolve) => {
      const p = spawn(process.execPath, ["--import", "tsx", join(ROOT, "data-loaders", "cli.ts"), "study", "--study", file, "--json"], {
        cwd: ROOT,
        env: {...process.env, ATLAS_CACHE_DIR: cache}
      });
      let stdout = "",
        stderr = "";
      p.stdout.on("data", (d: Buffer) => (stdout += String(d)));
      p.stderr.on("data", (d: Buffer) => (stderr += String(d)));
      p.on("close", (code) => resolve({code, stdout, stderr}));
    });

  it("two runs at once on one cache both succeed with the same result", async () => {
    const cache = join(work, "cache-concurrent");
    const [a, b] = await Promise.all([atlas(study, cache), atlas(study, cache)]);
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    expect(JSON.parse(a.stdout)).toEqual(JSON.parse(b.stdout));
    expect(existsSync(join(cache, "study.lck"))).toBe(false);
  });

  const bootId = () => readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim();

  it("a lock left by a dead process is taken over at once", async () => {
    // a PID that existed and is gone: a finished child
    const dead = await new Promise<number>((resolve) => {
      const p = spawn(process.execPath, ["-e", ""]);
      p.on("close", () => resolve(p.pid!));
    });
    writeFileSync(join(CACHE, "study.lck"), JSON.stringify({host: hostname(), boot: bootId(), pid: dead, start: "1"}));
    // "at once": a lock judged live would be waited for until it is 15 minutes old, far past the
    // test's timeout; no clock is read here.
    const {stderr} = await run(study);
    expect(stderr).toMatch(new RegExp(`taking over the stale lock .*study\\.lck \\(PID ${dead} on .* is gone\\)`));
    expect(existsSync(join(CACHE, "study.lck"))).toBe(false);
  });

  it("a lock whose PID now belongs to another process (PID reuse) is taken over at once", async () => {
    // our own, live PID, but recorded with another start time: the lock's owner is not this process
    writeFileSync(join(CACHE, "study.lck"), JSON.stringify({host: hostname(), boot: bootId(), pid: process.pid, start: "0"}));
    // "at once": a lock judged live would be waited for until it is 15 minutes old, far past the
    // test's timeout; no clock is read here.
    const {stderr} = await run(study);
    expect(stderr).toMatch(/taking over the stale lock/);
  });

  it("a lock left by a previous boot is taken over at once", async () => {
    writeFileSync(join(CACHE, "study.lck"), JSON.stringify({host: hostname(), boot: "another-boot", pid: 1, start: "1"}));
    const {stderr} = await run(study);
    expect(stderr).toMatch(/taking over the stale lock/);
  });
});
