// The files the site serves under data/ (outputs.ts), each cached whole.
// Framework runs one process per data file, and a run read back from the
// cache means reading and verifying every step's result (the grids are
// megabytes of JSON) to print one small table; a served file cached under the
// run's keys lets each later loader read only its own bytes, verified by their
// sha256 like every cache entry (cache.ts). The loader that has to read the
// run makes every served file while it has it.
import {readFileSync} from "node:fs";
import {cachedBytes} from "./cache.js";
import {canonicalJson, codeHash, sha256} from "./hash.js";
import {prepare, runStudy, type Provenance, type StudyRun} from "./run-study.js";

export interface ServedFiles {
  provenance: Provenance;
  /** names of the served files, in the order of outputs.ts */
  names(): Promise<string[]>;
  /** a served file's bytes: from the cache when these inputs, parameters and code made it before, else from a run */
  bytes(name: string): Promise<Uint8Array>;
}

export async function servedFiles(file: string): Promise<ServedFiles> {
  const prepared = await prepare(file);
  const {loaded} = prepared;
  // Everything a served file is made of: the steps' keys (inputs, parameters, step code), the code that turns
  // results into files, the study file as written, its claims, the map layers and the reconstruction's record.
  const key = {
    steps: prepared.keys,
    code: codeHash(["src/lib", "data-loaders"]),
    provenance: prepared.provenance,
    study: sha256(loaded.text),
    claims: loaded.claims,
    map: Object.fromEntries(Object.entries(loaded.paths.map).map(([k, p]) => [k, p && sha256(readFileSync(p))])),
    calibration: sha256(canonicalJson(prepared.calibration))
  };
  let run: Promise<StudyRun> | null = null;
  let makingAll = false;
  // The code that makes the files (Arrow and the rest) loads only when one must be made.
  const outputs = async () => (await import("./outputs.js")).OUTPUTS;
  const bytes = async (name: string): Promise<Uint8Array> =>
    cachedBytes("served", {key, name}, async () => {
      const all = await outputs();
      const make = all[name];
      if (!make) throw new Error(`loader: unknown output "${name}"; expected one of ${Object.keys(all).join(", ")}`);
      const r = await (run ??= runStudy(file));
      // A run read for one file makes them all, so that the loaders after this one only read their own.
      // A file that fails here is left to its own loader, which reports the error.
      if (!makingAll) {
        makingAll = true;
        for (const other of Object.keys(all)) if (other !== name) await bytes(other).catch(() => undefined);
      }
      return make(r, bytes);
    });
  return {provenance: prepared.provenance, names: async () => Object.keys(await outputs()), bytes};
}
