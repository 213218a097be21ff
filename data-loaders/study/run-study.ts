// Runs the whole study from its study file: (reconstructed rasters if asked) →
// land use → carbon, ESV, grids, Moran → results that the table builders
// turn into Arrow. Each step is cached by the content of its inputs,
// parameters and code (cache.ts), and runs hold a lock so that Framework's
// parallel loaders compute the study once.
import {epochFiles, type EpochSource} from "../raster/mosaic.js";
import {spawn} from "node:child_process";
import {existsSync, mkdirSync, readFileSync} from "node:fs";
import {dirname, isAbsolute, join, relative} from "node:path";
import {readStudy, checkInputsExist, type LoadedStudy} from "./read-study.js";
import type {EnergyTable} from "../../src/lib/energy.js";
import {canonicalJson, codeHash, fileSha256, publicPath, REPO_ROOT, sha256} from "./hash.js";
import {cachedJson, CACHE_DIR, withLock, writeAtomic} from "./cache.js";
import {endOfStep} from "./timings.js";
import type {LanduseStep} from "./landuse-step.js";
import type {ZonesStep} from "./zones-step.js";
import type {AnalysisStep, Geography} from "./analysis-step.js";

/** The embedded default study, named in package.json ("atlas.defaultStudy"). */
export const DEFAULT_STUDY = join(
  REPO_ROOT,
  (JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as {atlas: {defaultStudy: string}}).atlas.defaultStudy
);

/** Code each step runs: a change to any of these files re-runs that step (and those after it). */
const CODE = {
  /** besides the generator's own folder (inputs.generate) */
  reconstruction: [
    "data-loaders/raster/write-geotiff.ts",
    "data-loaders/workers",
    "src/lib/geodesy.ts",
    "src/lib/rng.ts",
    "src/lib/classes.ts",
    "src/lib/legends.ts"
  ],
  landuse: [
    "data-loaders/raster",
    "data-loaders/study/landuse-step.ts",
    "data-loaders/study/study-pass.ts",
    "src/lib/classes.ts",
    "src/lib/geodesy.ts",
    "src/lib/grid.ts"
  ],
  display: [
    "data-loaders/raster",
    "data-loaders/study/display-raster.ts",
    "data-loaders/study/study-pass.ts",
    "src/lib/palette.ts",
    "src/lib/classes.ts"
  ],
  analysis: ["src/lib", "data-loaders/study/analysis-step.ts"]
};

export interface Provenance {
  study_file: string;
  /** input file (relative to the repository, or to the study file's folder; hash.ts publicPath) → sha256 */
  inputs: Record<string, string>;
  parameters_sha256: string;
  /** hash of the pipeline's source code (src/lib, data-loaders) */
  code_version: string;
  package_version: string;
  reconstruction: boolean;
}

export interface StudyRun {
  loaded: LoadedStudy;
  provenance: Provenance;
  energy: EnergyTable;
  land: LanduseStep;
  /** class areas of each part of the boundary (district, county), per epoch */
  zones: ZonesStep;
  analysis: AnalysisStep;
  /** one PNG of every epoch stacked top to bottom; width and height are one epoch's; bounds WGS84 */
  display: {width: number; height: number; factor: number; bounds: [number, number, number, number]; file: string};
  calibration: unknown;
  key: string;
}

const log = (m: string) => process.stderr.write(`atlas: ${m}\n`);

/** Where generated inputs may be written: the pipeline's own folder, never a place the user's files live. */
const GENERATED_ROOT = join(REPO_ROOT, ".cache");

export async function ensureReconstruction(loaded: LoadedStudy): Promise<unknown> {
  // Refuse before writing anything: a study file that keeps `generate` but names its own rasters
  // must not have them overwritten by the generator.
  for (const [y, p] of Object.entries(loaded.paths.landCover).flatMap(([y, src]) => epochFiles(src).map((f) => [y, f])))
    if (relative(GENERATED_ROOT, p).startsWith("..") || isAbsolute(relative(GENERATED_ROOT, p)))
      throw new Error(
        `${loaded.file}: inputs.landCover.${y}: expected a path inside the pipeline's own folder ${relative(REPO_ROOT, GENERATED_ROOT)}/ when inputs.generate is set ` +
          `(generated rasters never overwrite files you gave), got ${p}; remove inputs.generate to use your own rasters`
      );
  const files = Object.values(loaded.paths.landCover).flatMap(epochFiles);
  const dir = dirname(files[0]);
  const stamp = join(dir, "stamp.json");
  const generator = loaded.paths.generate!;
  const want =
    codeHash([relative(REPO_ROOT, dirname(generator)), ...CODE.reconstruction]) + ":" + sha256(readFileSync(loaded.paths.boundary));
  // Fresh only when the code and boundary are the same and every raster still has the bytes it was written with.
  const fresh = (() => {
    if (!existsSync(stamp) || !files.every(existsSync)) return false;
    const s = JSON.parse(readFileSync(stamp, "utf8")) as {code?: string; files?: Record<string, string>};
    return s.code === want && files.every((f) => s.files?.[relative(dir, f)] === sha256(readFileSync(f)));
  })();
  if (!fresh) {
    log(`generating the reconstructed land cover into ${relative(REPO_ROOT, dir)} (${relative(dirname(loaded.file), generator)})`);
    // The generator is the study's own code (it knows its region): run as its own process, under tsx,
    // writing only into `dir`; its progress goes to stderr, so stdout stays the caller's. `--import tsx`
    // is resolved from the repository (cwd), as import.meta.resolve is not there under vitest.
    // Waited for without blocking this process's event loop (a test runner's, a server's).
    const exit = await new Promise<string | number | null>((done, fail) =>
      spawn(process.execPath, ["--import", "tsx", generator, dir], {cwd: REPO_ROOT, stdio: ["ignore", 2, 2]})
        .on("error", fail)
        .on("close", (code, signal) => done(code ?? signal))
    );
    if (exit !== 0) throw new Error(`${loaded.file}: inputs.generate: ${generator} failed (exit ${exit})`);
    const missing = files.filter((f) => !existsSync(f));
    if (missing.length)
      throw new Error(
        `${loaded.file}: inputs.landCover names ${missing.map((f) => relative(dir, f)).join(", ")}, which the generator did not write`
      );
    writeAtomic(
      stamp,
      JSON.stringify({code: want, files: Object.fromEntries(files.map((f) => [relative(dir, f), sha256(readFileSync(f))]))})
    );
  }
  return JSON.parse(readFileSync(join(dir, "calibration.json"), "utf8"));
}

function lineStrings(path: string, feature?: string): number[][][] {
  const json = JSON.parse(readFileSync(path, "utf8")) as {
    features?: {properties?: {name?: string}; geometry: {type: string; coordinates: unknown}}[];
  };
  const feats = (json.features ?? []).filter((f) => feature === undefined || f.properties?.name === feature);
  if (feature !== undefined && feats.length === 0) throw new Error(`${path}: no feature named "${feature}" (inputs.river.feature)`);
  const lines: number[][][] = [];
  for (const f of feats) {
    const g = f.geometry;
    if (g.type === "LineString") lines.push(g.coordinates as number[][]);
    else if (g.type === "MultiLineString") lines.push(...(g.coordinates as number[][][]));
    else throw new Error(`${path}: feature "${f.properties?.name}" is a ${g.type}; expected LineString or MultiLineString`);
  }
  return lines;
}

/** A run before any step's result is read: the study checked, its inputs hashed, every step's cache key. */
export interface PreparedStudy {
  loaded: LoadedStudy;
  provenance: Provenance;
  calibration: unknown;
  rasters: EpochSource[];
  keys: {land: object; zones: object; display: object; analysis: object};
  /** the run's key (analysis and display) */
  key: string;
}

/** Reads and checks the study file, generates the reconstruction if the study asks for one and hashes the inputs; call under the study lock. */
async function prepareStudy(file: string): Promise<PreparedStudy> {
  const loaded = readStudy(file);
  const params = loaded.params;
  const calibration = params.inputs.generate ? await ensureReconstruction(loaded) : null;
  checkInputsExist(loaded);
  const rasters = params.study.epochs.map((y) => loaded.paths.landCover[y]);
  // never the machine's own directories (provenance is published with the site)
  const rel = (p: string) => publicPath(p, dirname(loaded.file));
  const inputs: Record<string, string> = {};
  for (const p of [
    ...rasters.flatMap(epochFiles),
    loaded.paths.boundary,
    loaded.paths.energy,
    ...(loaded.paths.river ? [loaded.paths.river.file] : [])
  ])
    inputs[rel(p)] = await fileSha256(p);
  const parametersHash = sha256(canonicalJson(params));
  const pkg = JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as {version: string};
  const provenance: Provenance = {
    study_file: rel(loaded.file),
    inputs,
    parameters_sha256: parametersHash,
    code_version: codeHash(["src/lib", "data-loaders"]).slice(0, 16),
    package_version: pkg.version,
    reconstruction: params.study.reconstruction.reconstructed
  };
  const land = {
    // the step labels its results with the epochs: relabelled epochs must not be served old years
    epochs: params.study.epochs,
    rasters: rasters.map((src) =>
      typeof src === "string" ? inputs[rel(src)] : {files: src.files.map((f) => inputs[rel(f)]), fill: src.fill}
    ),
    boundary: inputs[rel(loaded.paths.boundary)],
    table: params.reclassification.table,
    cells: params.grid.cellSizesKm,
    proj: params.grid.proj,
    code: codeHash(CODE.landuse)
  };
  const zones = {landKey: land, code: codeHash([...CODE.landuse, "data-loaders/study/zones-step.ts"])};
  const display = {landKey: land, code: codeHash(CODE.display)};
  const analysis = {
    landKey: land,
    parametersHash,
    energy: inputs[rel(loaded.paths.energy)],
    river: loaded.paths.river && {feature: loaded.paths.river.feature, sha256: inputs[rel(loaded.paths.river.file)]},
    code: codeHash(CODE.analysis)
  };
  const key = sha256(canonicalJson({analysisKey: analysis, displayKey: display})).slice(0, 24);
  return {loaded, provenance, calibration, rasters, keys: {land, zones, display, analysis}, key};
}

/** prepareStudy() under the study lock: what a reader of cached outputs needs before deciding whether to run the steps. */
export const prepare = (file = DEFAULT_STUDY): Promise<PreparedStudy> => withLock("study", () => prepareStudy(file));

export interface RunOptions {
  /** no progress and no step lines on stderr (warnings still go there) */
  quiet?: boolean;
}

export async function runStudy(file = DEFAULT_STUDY, opts: RunOptions = {}): Promise<StudyRun> {
  const say = opts.quiet ? () => {} : log;
  endOfStep("start-up: the command's code loaded");
  return withLock("study", async () => {
    const {loaded, provenance, calibration, rasters, keys, key} = await prepareStudy(file);
    endOfStep("the study file read and checked, its inputs hashed");
    const params = loaded.params;
    // The steps' code loads only when a run needs it: a loader that reads a served file from the cache never does.
    const [{parseEnergyTable}, {checkConstructionForEnergy}, {analysisStep}, {studyPass}] = await Promise.all([
      import("../../src/lib/energy.js"),
      import("./landuse-step.js"),
      import("./analysis-step.js"),
      import("./study-pass.js")
    ]);
    // Land use, the parts and the display rasters come from one pass over the rasters, made when any of them is not cached.
    let pass: ReturnType<typeof studyPass> | null = null;
    const pixels = () =>
      (pass ??= studyPass(params, rasters, loaded.paths.boundary, say, {quiet: opts.quiet}).then((r) => {
        endOfStep("its results assembled: areas, transitions, compositions, parts, the display image encoded");
        return r;
      }));
    const land = await cachedJson("landuse", keys.land, async () => (await pixels()).land);
    const zones = await cachedJson("zones", keys.zones, async () => (await pixels()).zones);

    const displayDir = join(CACHE_DIR, `display-${sha256(canonicalJson(keys.display)).slice(0, 24)}`);
    const display = await cachedJson("display", keys.display, async () => {
      const d = (await pixels()).display;
      mkdirSync(displayDir, {recursive: true});
      const file = join(displayDir, "landcover.png");
      writeAtomic(file, d.png);
      return {width: d.width, height: d.height, factor: d.factor, bounds: d.bounds, file};
    });

    endOfStep("land use, parts and display cached");
    const energy = parseEnergyTable(
      readFileSync(loaded.paths.energy, "utf8"),
      publicPath(loaded.paths.energy, dirname(loaded.file)),
      params
    );
    const geo: Geography = {
      riverLines: loaded.paths.river ? lineStrings(loaded.paths.river.file, loaded.paths.river.feature) : null
    };
    checkConstructionForEnergy(land, rasters, energy);
    const analysis = await cachedJson("analysis", keys.analysis, async () => analysisStep(params, land, energy, geo, say));
    endOfStep("the analysis (carbon, ESV, intensities, Moran and LISA at every cell size and epoch) and its cache entry");
    return {loaded, provenance, energy, land, zones, analysis, display, calibration, key};
  });
}
