// A fresh clone has no .cache/: the first run of the default study must
// generate its reconstructed rasters (ensureReconstruction runs the study's
// generator). Every other test finds .cache/demo already made, so this one
// starts from an empty folder: the default study's file with its rasters
// pointed at a new folder under .cache/, where nothing has been generated.
import {existsSync, readFileSync, rmSync, statSync} from "node:fs";
import {join, relative} from "node:path";
import {randomUUID} from "node:crypto";
import {afterAll, describe, expect, it} from "vitest";
import {DEFAULT_STUDY, ensureReconstruction} from "../data-loaders/study/run-study.js";
import {readStudy} from "../data-loaders/study/read-study.js";
import {REPO_ROOT} from "../data-loaders/study/hash.js";
import {openEpochs} from "../data-loaders/raster/engine.js";

const dir = join(REPO_ROOT, ".cache", `fresh-${randomUUID()}`);
afterAll(() => rmSync(dir, {recursive: true, force: true}));

describe("the default study from a clone with no generated rasters", () => {
  const loaded = readStudy(DEFAULT_STUDY);
  const years = loaded.params.study.epochs;
  loaded.paths.landCover = Object.fromEntries(
    years.map((y) => [y, join(dir, relative(join(REPO_ROOT, ".cache", "demo"), loaded.paths.landCover[y] as string))])
  );

  it("generates every epoch's raster and the calibration, then reuses them", async () => {
    expect(existsSync(dir)).toBe(false);
    const calibration = await ensureReconstruction(loaded);
    const files = years.map((y) => loaded.paths.landCover[y] as string);
    for (const f of files) expect(existsSync(f), f).toBe(true);
    expect(calibration).toEqual(JSON.parse(readFileSync(join(dir, "calibration.json"), "utf8")));
    // the rasters are what the engine reads: one grid, every epoch
    const e = await openEpochs(files, {warn: () => {}});
    expect(e.infos.map((i) => [i.width, i.height])).toEqual(e.infos.map(() => [e.infos[0].width, e.infos[0].height]));
    expect(e.infos[0].width * e.infos[0].height).toBeGreaterThan(1e6);
    // a second run finds them fresh (stamp.json): nothing is written again
    const stamp = JSON.parse(readFileSync(join(dir, "stamp.json"), "utf8")) as {files: Record<string, string>};
    expect(Object.keys(stamp.files).sort()).toEqual(files.map((f) => relative(dir, f)).sort());
    const mtimes = files.map((f) => statSync(f).mtimeMs);
    await ensureReconstruction(loaded);
    expect(files.map((f) => statSync(f).mtimeMs)).toEqual(mtimes);
  }, 600_000);
});
