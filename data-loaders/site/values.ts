// The story vocabulary's values for one study, read from the files the site
// serves (so a story's numbers are the very numbers its pages show). Node only.
import {tableFromIPC} from "apache-arrow";
import type {ServedFiles} from "../study/served.js";
import {standardEquivalentValue} from "../../src/lib/esv.js";
import type {Study} from "../../src/lib/params.js";
import type {Claim} from "../../src/lib/claims.js";
import {valueCatalogue, type StoryValue, type ValueTables} from "../../src/lib/story-values.js";

/** What study.json (the served one) holds that the story reads. */
export interface ServedStudy {
  epochs: number[];
  parameters: Study;
  summary: ValueTables["summary"];
  claims: Claim[];
}

export async function servedStudy(served: ServedFiles): Promise<ServedStudy> {
  return JSON.parse(Buffer.from(await served.bytes("study.json")).toString("utf8")) as ServedStudy;
}

async function rows<T>(served: ServedFiles, name: string): Promise<T[]> {
  return tableFromIPC(await served.bytes(`${name}.arrow`))
    .toArray()
    .map((r) => r.toJSON() as T);
}

/** Every value a story can name, for the study whose files `served` gives. */
export async function storyCatalogue(served: ServedFiles, study: ServedStudy): Promise<StoryValue[]> {
  const p = study.parameters;
  const [areas, dynamics, transitions, carbon, energy, esv, sensitivity, moran, districts] = await Promise.all([
    rows<ValueTables["areas"][number]>(served, "landuse-areas"),
    rows<ValueTables["dynamics"][number]>(served, "dynamics"),
    rows<ValueTables["transitions"][number]>(served, "transitions"),
    rows<ValueTables["carbon"][number]>(served, "carbon"),
    rows<ValueTables["energy"][number]>(served, "energy"),
    rows<ValueTables["esv"][number]>(served, "esv"),
    rows<ValueTables["sensitivity"][number]>(served, "esv-sensitivity"),
    rows<ValueTables["moran"][number]>(served, "moran"),
    rows<ValueTables["districts"][number]>(served, "districts")
  ]);
  return valueCatalogue({
    epochs: study.epochs,
    parameters: {
      grid: p.grid,
      spatial: p.spatial,
      carbon: p.carbon,
      standardValue: standardEquivalentValue(p.esv.standardValue)
    },
    summary: study.summary,
    areas,
    dynamics,
    transitions,
    carbon,
    energy,
    esv,
    sensitivity,
    moran,
    districts
  });
}
