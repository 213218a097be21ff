// What `npm run dev` shows while the pipeline runs (scripts/dev-progress.ts):
// the step from the pipeline's own lines, and the time left from the last
// timed run scaled by this run's pace, on a clock the test drives.
import {describe, expect, it} from "vitest";
import {mkdtempSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {ProgressTracker, stepLabel} from "../scripts/dev-progress.js";

describe("dev progress", () => {
  it("names a step without its numbers, so that runs compare", () => {
    expect(stepLabel("atlas: grid 1 km, 2000: intensities and bivariate Moran (999 permutations)")).toBe(
      stepLabel("atlas: grid 5 km, 2020: intensities and bivariate Moran (99 permutations)")
    );
  });

  it("reports the step, ignores other lines, and estimates the time left from the last run at this run's pace", () => {
    const history = join(mkdtempSync(join(tmpdir(), "atlas-progress-")), "timings.json");
    let now = 0;
    const first = new ProgressTracker(history, () => now);
    expect(first.snapshot()).toEqual({state: "running", step: "starting", elapsedS: 0, leftS: null});
    now = 10_000;
    first.line("atlas: land use: counting areas and 5 transition matrices");
    first.line("atlas: waiting for another pipeline run (PID 1, lock x)…"); // not a step
    first.line("some other output");
    expect(first.snapshot().step).toBe("land use: counting areas and 5 transition matrices");
    now = 30_000;
    first.line("atlas: display rasters (majority class)");
    now = 40_000;
    first.finish(true); // timed: land use at 10 s, display at 30 s, done at 40 s

    // a run twice as slow: display reached at 60 s, so 10 s × 2 were left then; 5 s later, 15 s
    now = 0;
    const second = new ProgressTracker(history, () => now);
    expect(second.snapshot().leftS).toBe(40);
    now = 20_000;
    second.line("atlas: land use: counting areas and 5 transition matrices");
    now = 60_000;
    second.line("atlas: display rasters (majority class)");
    now = 65_000;
    expect(second.snapshot()).toMatchObject({state: "running", step: "display rasters (majority class)", elapsedS: 65, leftS: 15});
    second.finish(false);
    expect(second.snapshot()).toMatchObject({state: "failed", leftS: 0});
  });
});
