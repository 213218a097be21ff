// atlas study [--study FILE] --json: runs the whole study and prints its headline numbers,
// with what the numbers must be read with: whether areas are true or nominal,
// the share of the boundary on the rasters, and every warning of the run.
import {DEFAULT_STUDY, runStudy} from "../study/run-study.js";
import {studySummary} from "../study/summary.js";
import {placeholderWarning} from "../study/read-study.js";
import {studyFileArg} from "./_args.js";

export async function run(argv: string[]): Promise<unknown> {
  const run = await runStudy(studyFileArg(argv, "study", DEFAULT_STUDY));
  const placeholders = placeholderWarning(run.loaded);
  if (placeholders) process.stderr.write(`warning: ${placeholders}\n`);
  return {
    ...studySummary(run),
    pixel_area: run.land.pixelArea,
    coverage: run.land.coverage,
    warnings: [...run.land.warnings, ...(placeholders ? [placeholders] : [])]
  };
}
