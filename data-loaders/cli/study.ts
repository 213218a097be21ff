// atlas study [--study FILE] [--quiet] --json: runs the whole study and prints its headline numbers,
// with what the numbers must be read with: whether areas are true or nominal,
// the share of the boundary on the rasters, and every warning of the run.
// Progress goes to stderr (a bar on a terminal, plain lines otherwise); --quiet silences it.
import {DEFAULT_STUDY, runStudy} from "../study/run-study.js";
import {studySummary} from "../study/summary.js";
import {placeholderWarning} from "../study/read-study.js";
import {parseCommand} from "./_args.js";

export async function run(argv: string[]): Promise<unknown> {
  const {values} = parseCommand(argv, {
    name: "atlas study",
    usage: "atlas study [--study FILE] [--quiet] --json",
    options: {study: {type: "string", default: DEFAULT_STUDY}, quiet: {type: "boolean"}}
  });
  const run = await runStudy(values.study!, {quiet: values.quiet});
  const placeholders = placeholderWarning(run.loaded);
  if (placeholders) process.stderr.write(`warning: ${placeholders}\n`);
  return {
    ...studySummary(run),
    pixel_area: run.land.pixelArea,
    coverage: run.land.coverage,
    warnings: [...run.land.warnings, ...(placeholders ? [placeholders] : [])]
  };
}
