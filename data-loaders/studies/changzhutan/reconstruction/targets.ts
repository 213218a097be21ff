// What the reconstruction is built to match: the study's epochs and the
// numbers its abstract reports, read from this study's own study.json and
// claims.json, their one home. Read once, when first asked for, so that the
// generator's workers, which never ask, read nothing.
import {join} from "node:path";
import {readStudy, type LoadedStudy} from "../../../study/read-study.js";
import type {LandClass} from "../../../../src/lib/classes.js";

let loaded: LoadedStudy | undefined;
const study = (): LoadedStudy => (loaded ??= readStudy(join(import.meta.dirname, "..", "study.json")));

/** The study's epochs, first to last. */
export const epochs = (): number[] => study().params.study.epochs;

type Kind = "area-change" | "net-carbon" | "esv";

/** The one claim of a kind that matches, and its reported number; a missing one stops the run, naming the file. */
function reported(kind: Kind, match: Record<string, unknown>): number {
  const {claims, paths} = study();
  const c = claims?.claims.find((x) => x.kind === kind && Object.entries(match).every(([k, v]) => (x as Record<string, unknown>)[k] === v));
  if (!c || !("reported" in c) || typeof c.reported !== "number")
    throw new Error(`${paths.claims ?? "claims.json"}: no ${kind} claim with ${JSON.stringify(match)} for the reconstruction to match`);
  return c.reported;
}

/** Class changes first → last epoch (km²) that the land cover is calibrated to (claims of kind area-change). */
export function areaChangeKm2(): Record<"cultivated" | "forest" | "construction", number> {
  const [from, to] = [epochs()[0], epochs().at(-1)];
  const change = (c: LandClass) => reported("area-change", {class: c, from, to});
  return {cultivated: change("cultivated"), forest: change("forest"), construction: change("construction")};
}

/** Net carbon (10⁴ t C) in the first and last epochs, and ESV (10⁸ yuan) in the first, that the energy table and E are calibrated to. */
export function calibrationTargets(): {net2000: number; net2020: number; esv2000: number} {
  const [first, last] = [epochs()[0], epochs().at(-1)];
  return {
    net2000: reported("net-carbon", {epoch: first}),
    net2020: reported("net-carbon", {epoch: last}),
    esv2000: reported("esv", {epoch: first})
  };
}
