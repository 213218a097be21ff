// A whole study beside its reference (issue 20): `atlas study`, cold (an empty
// pipeline cache each run), against GDAL + numpy merely reading every epoch's
// raster and counting its classes (bench/reference/study_gdal_numpy.py), run
// alternately RUNS times so that load from other work on the machine hits both
// alike; medians, and their ratio.
//   - a generated study of five epochs, 8000 × 8000 px, cells of 1, 2 and 3 km,
//     its boundary in four parts;
//   - the same study at 2500², 8000² and 10000² over one ground extent (the
//     pixels shrink as the raster grows, so the grids keep their cells): peak
//     memory, which must not grow with the raster;
//   - the real WorldCover clips of Changsha (/work/shared/data/changsha-worldcover
//     or $ATLAS_WORLDCOVER), mosaicked once per year with GDAL (0 is fill, so
//     no clip's fill overwrites its neighbour's data), as noisy as real land
//     cover is.
// Everything generated goes to .cache/bench/. Run alone:
//   node --import tsx bench/study.ts [--runs N] [--skip study8000,memory,worldcover]
import {spawnSync} from "node:child_process";
import {existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {dirname, join, resolve} from "node:path";
import {fileURLToPath} from "node:url";
import {parseArgs} from "node:util";
import {hash, writeSquareRaster} from "./synthetic.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const DATA = join(ROOT, ".cache", "bench");
const EPOCHS = [2000, 2005, 2010, 2015, 2020];
const CODES = [1, 1, 1, 2, 2, 2, 2, 3, 4, 5, 5, 8, 8, 9, 7, 1];
const WORLDCOVER = process.env.ATLAS_WORLDCOVER ?? "/work/shared/data/changsha-worldcover";
const TIME = existsSync("/usr/bin/time") ? "/usr/bin/time" : null;
const PYTHON = ["/usr/bin/python3", "python3"].find((p) => spawnSync(p, ["-c", "import numpy; from osgeo import gdal"]).status === 0);

const log = (m: string) => process.stderr.write(`bench study: ${m}\n`);
const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
const r3 = (v: number) => Math.round(v * 1000) / 1000;

/** Land-cover-like pixel on a unit square sampled at `size` px: wiggly patches, speckle, NoData outside a disc; cropland urbanises epoch by epoch. */
function pixel(x: number, y: number, epoch: number, size: number): number {
  const dx = x - size / 2,
    dy = y - size / 2;
  if (dx * dx + dy * dy > (size * 0.49) ** 2) return 0;
  // patches of about 1/330 of the side, whatever the pixel count
  const u = (x * 8000) / size,
    v = (y * 8000) / size;
  const bx = ((u + (hash(v >> 3, 7, 1) & 15)) / 24) | 0;
  const by = ((v + (hash(u >> 3, 9, 2) & 15)) / 24) | 0;
  let code = CODES[hash(bx, by, 3) & 15];
  const s = hash(x, y, 4 + epoch);
  if ((s & 63) === 0) code = CODES[(s >>> 8) & 15];
  if (code === 1 && (hash(bx, by, 5) & 15) < 2 * epoch) code = 8;
  return code;
}

/** The generated five-epoch study at `size`² px over one 2° × 2° extent; its study file's path. */
export async function ensureStudy(size: number): Promise<string> {
  const dir = join(DATA, `study-${size}`);
  mkdirSync(dir, {recursive: true});
  const deg = 2 / size;
  for (const [e, year] of EPOCHS.entries()) {
    const path = join(dir, `lc_${year}.tif`);
    if (existsSync(path)) continue;
    log(`writing ${path} …`);
    await writeSquareRaster(`${path}.tmp`, size, deg, (x, y) => pixel(x, y, e, size));
    renameSync(`${path}.tmp`, path);
  }
  // The boundary: the rasters' disc, in four quarters (the parts the study counts one by one).
  const ring = (q: number) => {
    const pts: number[][] = [[112, 29]];
    for (let i = 0; i <= 32; i++) {
      const a = ((q + i / 32) * Math.PI) / 2;
      pts.push([112 + 0.97 * Math.cos(a), 29 + 0.97 * Math.sin(a)]);
    }
    pts.push([112, 29]);
    return pts;
  };
  const features = [0, 1, 2, 3].map((q) => ({
    type: "Feature",
    properties: {name: `Quarter ${q + 1}`},
    geometry: {type: "Polygon", coordinates: [ring(q)]}
  }));
  writeStudy(dir, {
    title: `Generated bench study, ${size} × ${size} px, five epochs`,
    epochs: EPOCHS,
    landCover: Object.fromEntries(EPOCHS.map((y) => [y, `lc_${y}.tif`])),
    table: {
      "1": "cultivated",
      "2": "forest",
      "3": "forest",
      "4": "grassland",
      "5": "water",
      "7": "unused",
      "8": "construction",
      "9": "water"
    },
    boundary: {type: "FeatureCollection", features}
  });
  return join(dir, "study.json");
}

/** A study file modelled on the second test study (its coefficients), with cells of 1, 2 and 3 km. */
function writeStudy(
  dir: string,
  s: {title: string; epochs: number[]; landCover: Record<string, string>; table: Record<string, string>; boundary: object}
): void {
  const base = JSON.parse(readFileSync(join(ROOT, "test/fixtures/second-study/study.json"), "utf8")) as Record<string, never>;
  const study = {
    ...base,
    study: {
      title: s.title,
      region: "bench",
      epochs: s.epochs,
      reconstruction: {reconstructed: false, note: "Generated for npm run bench."}
    },
    inputs: {landCover: s.landCover, boundary: "boundary.geojson", energy: "energy.csv"},
    reclassification: {source: "bench", table: s.table},
    grid: {
      cellSizesKm: [1, 2, 3],
      defaultCellKm: 1,
      minInsideShare: 0.6,
      proj: "+proj=aea +lat_1=25 +lat_2=47 +lon_0=105 +ellps=WGS84 +units=m"
    }
  };
  const energy = [
    "fuel,unit," + s.epochs.join(","),
    ...["raw_coal,10^4 t,2", "diesel,10^4 t,1", "natural_gas,10^8 m3,0.1"].map((l) => l + ",1".repeat(s.epochs.length - 1))
  ];
  writeFileSync(join(dir, "study.json"), JSON.stringify(study, null, 2));
  writeFileSync(join(dir, "boundary.geojson"), JSON.stringify(s.boundary));
  writeFileSync(join(dir, "energy.csv"), energy.join("\n") + "\n");
}

/** The WorldCover clips mosaicked per year (once, with GDAL) and a study on them; null if the data or GDAL are missing. */
function ensureWorldCover(): string | null {
  if (!existsSync(WORLDCOVER)) return null;
  if (spawnSync("gdalbuildvrt", ["--version"]).status !== 0) return null;
  const dir = join(DATA, "worldcover");
  mkdirSync(dir, {recursive: true});
  const years = [2020, 2021];
  for (const y of years) {
    const out = join(dir, `wc_${y}.tif`);
    if (existsSync(out)) continue;
    const clips = readdirSync(WORLDCOVER)
      .filter((f) => f.endsWith(`_${y}.tif`))
      .sort()
      .map((f) => join(WORLDCOVER, f));
    log(`mosaicking ${clips.length} WorldCover clips of ${y} into ${out} …`);
    const vrt = join(dir, `wc_${y}.vrt`);
    const gdal = (cmd: string, args: string[]) => {
      const r = spawnSync(cmd, args, {stdio: ["ignore", "ignore", "inherit"]});
      if (r.status !== 0) throw new Error(`${cmd} failed (exit ${r.status})`);
    };
    // 0 is each clip's fill outside its district: as NoData, no clip's fill covers its neighbour's data.
    gdal("gdalbuildvrt", ["-q", "-overwrite", "-srcnodata", "0", "-vrtnodata", "0", vrt, ...clips]);
    gdal("gdal_translate", ["-q", "-co", "TILED=YES", "-co", "COMPRESS=DEFLATE", "-co", "BIGTIFF=NO", vrt, `${out}.tmp.tif`]);
    renameSync(`${out}.tmp.tif`, out);
  }
  // The boundary: the mosaic's extent (pixels outside the districts are NoData), in a western and an eastern half.
  const info = JSON.parse(spawnSync("gdalinfo", ["-json", join(dir, "wc_2020.tif")], {encoding: "utf8"}).stdout) as {
    cornerCoordinates: {upperLeft: number[]; lowerRight: number[]};
  };
  const [w, n] = info.cornerCoordinates.upperLeft;
  const [e, s] = info.cornerCoordinates.lowerRight;
  const m = (w + e) / 2;
  const box = (a: number, b: number) => [
    [
      [a, s],
      [b, s],
      [b, n],
      [a, n],
      [a, s]
    ]
  ];
  writeStudy(dir, {
    title: "WorldCover 10 m, Changsha, 2020 and 2021 (bench)",
    epochs: years,
    landCover: Object.fromEntries(years.map((y) => [y, `wc_${y}.tif`])),
    table: {
      "10": "forest",
      "20": "forest",
      "30": "grassland",
      "40": "cultivated",
      "50": "construction",
      "60": "unused",
      "80": "water",
      "90": "water"
    },
    boundary: {
      type: "FeatureCollection",
      features: [
        {type: "Feature", properties: {name: "West"}, geometry: {type: "Polygon", coordinates: box(w, m)}},
        {type: "Feature", properties: {name: "East"}, geometry: {type: "Polygon", coordinates: box(m, e)}}
      ]
    }
  });
  return join(dir, "study.json");
}

interface Run {
  s: number;
  rssMB: number | null;
  /** `atlas study` only: its steps' seconds, as it timed them (ATLAS_TIMINGS, data-loaders/study/timings.ts) */
  steps?: {step: string; s: number}[];
}

/** One whole process: wall time (s) and, with GNU time, its peak resident memory (worker threads included). */
function run(cmd: string[], env: NodeJS.ProcessEnv = {}): Run {
  const out = join(tmpdir(), `bench-study-time-${process.pid}`);
  const argv = TIME ? [TIME, "-f", "%M", "-o", out, ...cmd] : cmd;
  const t0 = performance.now();
  const r = spawnSync(argv[0], argv.slice(1), {cwd: ROOT, env: {...process.env, ...env}, encoding: "utf8", maxBuffer: 1 << 30});
  const s = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`${cmd.join(" ")} failed with exit ${r.status}: ${r.stderr.slice(-2000)}`);
  const rssMB = TIME ? Math.round(Number(readFileSync(out, "utf8").trim().split("\n").pop()) / 1024) : null;
  return {s, rssMB};
}

/** `atlas study` on a study file with an empty pipeline cache of its own, and the seconds of its steps. */
function studyCold(file: string): Run {
  const cache = mkdtempSync(join(tmpdir(), "atlas-bench-cache-"));
  const timings = join(cache, "timings.json");
  try {
    const r = run(["npm", "run", "--silent", "atlas", "--", "study", "--study", file, "--json", "--quiet"], {
      ATLAS_CACHE_DIR: cache,
      ATLAS_TIMINGS: timings
    });
    return {...r, steps: (JSON.parse(readFileSync(timings, "utf8")) as {steps: Run["steps"]}).steps};
  } finally {
    rmSync(cache, {recursive: true, force: true});
  }
}

const rasters = (file: string) => {
  const s = JSON.parse(readFileSync(file, "utf8")) as {inputs: {landCover: Record<string, string>}};
  return Object.values(s.inputs.landCover).map((p) => join(dirname(file), p));
};

/** The study and its reference, alternately, RUNS times each: medians, their ratio, the study's peak memory. */
function beside(file: string, runs: number) {
  const atlas: Run[] = [];
  const ref: Run[] = [];
  for (let i = 0; i < runs; i++) {
    atlas.push(studyCold(file));
    if (PYTHON) ref.push(run([PYTHON, join(ROOT, "bench/reference/study_gdal_numpy.py"), ...rasters(file)]));
  }
  const a = median(atlas.map((r) => r.s));
  const g = ref.length ? median(ref.map((r) => r.s)) : null;
  return {
    atlas_study: {median_s: r3(a), runs_s: atlas.map((r) => r3(r.s)), peak_rss_MB: TIME ? Math.max(...atlas.map((r) => r.rssMB!)) : null},
    where_the_time_goes: breakdown(atlas),
    "GDAL + numpy read and count":
      g === null ? {skipped: "python3 with osgeo (python3-gdal) and numpy not found"} : {median_s: r3(g), runs_s: ref.map((r) => r3(r.s))},
    study_over_reference: g === null ? null : r3(a / g),
    pass: g === null ? null : a <= g
  };
}

export async function benchStudy(runs: number, skip: Set<string>): Promise<object> {
  const result: Record<string, unknown> = {
    bench: "atlas study, cold, beside GDAL + numpy reading and counting the same rasters (alternating runs, medians)",
    runs,
    note: "the machine may be shared: only ratios of runs taken in alternation are meaningful"
  };
  run(["node", join(ROOT, "data-loaders/bin/bundle.mjs")]);
  if (!skip.has("study8000")) {
    log("generated study, 8000² × 5 epochs");
    const file = await ensureStudy(8000);
    result.study_8000 = beside(file, runs);
  }
  if (!skip.has("memory")) {
    log("peak memory at 2500², 8000² and 10000² × 5 epochs (one ground extent)");
    const mem: Record<string, number | null> = {};
    for (const size of [2500, 8000, 10000]) {
      const r = studyCold(await ensureStudy(size));
      mem[`${size}x${size}_MB`] = r.rssMB;
      mem[`${size}x${size}_s`] = r3(r.s);
    }
    const small = mem["2500x2500_MB"],
      big = mem["10000x10000_MB"];
    result.study_peak_rss = {
      ...mem,
      ratio_10000_over_2500: small && big ? r3(big / small) : null,
      targets: {"10000x10000_MB": 1024, ratio_10000_over_2500: 1.2},
      pass: small && big ? big < 1024 && big / small <= 1.2 : null,
      measured_with: TIME ?? "unavailable"
    };
  }
  if (!skip.has("worldcover")) {
    const file = ensureWorldCover();
    if (!file) result.worldcover = {skipped: `${WORLDCOVER} or GDAL's command-line tools not found`};
    else {
      log("WorldCover, Changsha, 2 epochs of 26327 × 9057 px");
      result.worldcover = beside(file, runs);
    }
  }
  result.note = note(result);
  return result;
}

/** The closing note: the ratio to the reference, peak memory at three sizes, where the time goes. */
function note(r: Record<string, unknown>): string {
  const lines: string[] = [];
  const s = r.study_8000 as ReturnType<typeof beside> | undefined;
  const steps = (b: ReturnType<typeof beside>) =>
    Object.entries(b.where_the_time_goes)
      .map(([step, sec]) => `${sec} s ${step}`)
      .join(", ");
  if (s?.study_over_reference != null)
    lines.push(
      `8000² × 5: atlas study ${s.atlas_study.median_s} s against ${(s["GDAL + numpy read and count"] as {median_s: number}).median_s} s for GDAL + numpy, ` +
        `${s.study_over_reference}× (target ≤ 1); its steps (medians): ${steps(s)}`
    );
  const m = r.study_peak_rss as Record<string, number | null> | undefined;
  if (m)
    lines.push(
      `peak memory: ${m["2500x2500_MB"]} MB at 2500², ${m["8000x8000_MB"]} MB at 8000², ${m["10000x10000_MB"]} MB at 10000² (${m.ratio_10000_over_2500}× the 2500² figure)`
    );
  const w = r.worldcover as ReturnType<typeof beside> | undefined;
  if (w?.study_over_reference != null)
    lines.push(`WorldCover, Changsha: ${w.study_over_reference}× GDAL + numpy; its steps (medians): ${steps(w)}`);
  return lines.join("; ");
}

/** Where a study's time goes: each step's median over the runs, as the command timed it, in seconds. */
function breakdown(runs: Run[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const {step} of runs[0].steps ?? []) out[step] = r3(median(runs.map((r) => r.steps?.find((x) => x.step === step)?.s ?? NaN)));
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const {values} = parseArgs({
    options: {runs: {type: "string", default: "3"}, skip: {type: "string", default: ""}, baseline: {type: "string"}},
    strict: true
  });
  benchStudy(Math.max(1, Number(values.runs)), new Set(values.skip!.split(",").filter(Boolean))).then(
    (r) => process.stdout.write(JSON.stringify(r, null, 2) + "\n"),
    (error: unknown) => {
      process.stderr.write(`bench study: ${(error as Error).message}\n`);
      process.exit(1);
    }
  );
}
