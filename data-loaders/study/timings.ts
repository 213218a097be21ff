// Where a whole study's time goes, for `npm run bench` (bench/study.ts): with
// ATLAS_TIMINGS=FILE in the environment, a run notes the moment each step
// ends and, when the process exits, writes each step's seconds to FILE as
// JSON. A diagnostic of the machine it ran on: nothing of it reaches a table,
// the cache or the site, and without the variable it does nothing.
import {writeFileSync} from "node:fs";

const marks: {step: string; at: number}[] = [];

/** The step that ends now (its time runs from the previous mark, or from the process's start). */
export function endOfStep(step: string): void {
  const file = process.env.ATLAS_TIMINGS;
  if (!file) return;
  if (marks.length === 0) process.once("exit", () => writeFileSync(file, JSON.stringify(stepSeconds(), null, 2) + "\n"));
  marks.push({step, at: performance.now()});
}

/** Seconds per step, in order, and until exit. */
function stepSeconds(): {steps: {step: string; s: number}[]; total_s: number} {
  const end = performance.now();
  const steps = marks.map((m, i) => ({step: m.step, s: (m.at - (i ? marks[i - 1].at : 0)) / 1000}));
  steps.push({step: "results printed, exit", s: (end - (marks.at(-1)?.at ?? 0)) / 1000});
  return {steps, total_s: end / 1000};
}
