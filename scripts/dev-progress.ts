// What `npm run dev` shows on the page while the pipeline computes the study
// (scripts/dev.ts): the step the pipeline last reported on stderr, and roughly
// how long is left. The steps are the pipeline's own progress lines ("atlas:
// land use: …", "reconstruction: …"), named without their numbers so that
// one run can be compared with the last: the time left is the last run's
// remaining time from the same step, scaled by how this run's pace compares.
// Before any run has been timed, it is extrapolated from the share of the
// steps done, weighted by typical step costs (only a first guess: the page
// says "roughly").
import {existsSync, mkdirSync, readFileSync} from "node:fs";
import {dirname} from "node:path";
import {writeAtomic} from "../data-loaders/study/cache.js";

export interface Progress {
  state: "running" | "done" | "failed";
  /** the step the pipeline is in, as it said it (numbers kept) */
  step: string;
  elapsedS: number;
  /** null until it can be estimated */
  leftS: number | null;
}

/** A progress line without its numbers: the same step in any run. */
export const stepLabel = (line: string): string =>
  line
    .replace(/\(.*?\)/g, "")
    .replace(/[\d.,]+/g, "#")
    .trim();

/** Typical share of a cold run each kind of step takes (the reconstruction, when a study has one, dominates). */
const KINDS: {re: RegExp; weight: number; reconstruction?: true}[] = [
  {re: /^atlas: generating/, weight: 1, reconstruction: true},
  {re: /^reconstruction: grid/, weight: 1, reconstruction: true},
  {re: /^reconstruction: coarse/, weight: 6, reconstruction: true},
  {re: /^reconstruction: landscape/, weight: 45, reconstruction: true},
  {re: /^reconstruction: epochs/, weight: 14, reconstruction: true},
  {re: /^reconstruction: (GeoTIFFs|done)/, weight: 2, reconstruction: true},
  {re: /^atlas: land use: counting/, weight: 3},
  {re: /^atlas: land use: per-cell/, weight: 6},
  {re: /^atlas: land use by part/, weight: 4},
  {re: /^atlas: display/, weight: 9},
  {re: /^atlas: grid/, weight: 9}
];

interface Timing {
  /** step label → seconds after the start at which it was reported */
  at: Record<string, number>;
  totalS: number;
}

/** Follows one run's stderr lines; `history` is where the last complete run's timings are kept. */
export class ProgressTracker {
  private readonly start: number;
  private readonly at: Record<string, number> = {};
  private step = "starting";
  private state: Progress["state"] = "running";
  private readonly last: Timing | null;

  constructor(
    private readonly history: string,
    private readonly now = () => Date.now()
  ) {
    this.start = now();
    let last: Timing | null = null;
    try {
      if (existsSync(history)) last = JSON.parse(readFileSync(history, "utf8")) as Timing;
    } catch {
      last = null; // a damaged record only costs the estimate
    }
    this.last = last && typeof last.totalS === "number" && last.at && typeof last.at === "object" ? last : null;
  }

  private elapsed(): number {
    return (this.now() - this.start) / 1000;
  }

  /** One line of the pipeline's stderr. */
  line(text: string): void {
    const t = text.trim();
    if (!/^(atlas|reconstruction): /.test(t) || /waiting for another|compiled the CLI|taking over/.test(t)) return;
    this.step = t.replace(/^atlas: /, "");
    const label = stepLabel(t);
    this.at[label] ??= this.elapsed();
  }

  /** The run ended; a complete run's timings are kept for the next estimate (`timed`: it was a run at all). */
  finish(ok: boolean, timed = true): void {
    this.state = ok ? "done" : "failed";
    if (!ok || !timed) return;
    mkdirSync(dirname(this.history), {recursive: true});
    writeAtomic(this.history, JSON.stringify({at: this.at, totalS: this.elapsed()} satisfies Timing));
  }

  snapshot(): Progress {
    return {state: this.state, step: this.step, elapsedS: Math.round(this.elapsed()), leftS: this.state === "running" ? this.left() : 0};
  }

  private left(): number | null {
    const elapsed = this.elapsed();
    const seen = Object.entries(this.at).sort((a, b) => a[1] - b[1]);
    if (!seen.length) return this.last ? Math.max(0, Math.round(this.last.totalS - elapsed)) : null;
    // The last run passed the latest step this run reported: scale its remaining time by this run's pace.
    const [label, t] = seen[seen.length - 1];
    const then = this.last?.at[label];
    if (this.last && then !== undefined && then > 0) {
      const pace = t / then;
      return Math.max(0, Math.round((this.last.totalS - then) * pace - (elapsed - t)));
    }
    // No timed run yet: the share done so far by typical weights, assuming what is left goes at the same pace.
    if (elapsed < 2) return null;
    const reconstructing = seen.some(([l]) => KINDS.some((k) => k.reconstruction && k.re.test(l)));
    const kinds = KINDS.filter((k) => reconstructing || !k.reconstruction);
    const done = kinds.filter((k) => seen.some(([l]) => k.re.test(l))).reduce((s, k) => s + k.weight, 0);
    const all = kinds.reduce((s, k) => s + k.weight, 0);
    if (done <= 0) return null;
    return Math.max(0, Math.round((elapsed * (all - done)) / done));
  }
}
