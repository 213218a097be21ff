// The reproducibility manifest: what went in (input hashes, parameter hash,
// code version) and what came out (the sha256 of every file the site serves
// under data/, study.json included). Two clean builds of the same inputs give
// the same manifest, and a changed number always changes it.
import {sha256} from "./hash.js";
import type {Provenance} from "./run-study.js";
import type {ServedFiles} from "./served.js";

export interface Manifest extends Provenance {
  /** output file (as served under data/) → sha256 */
  outputs: Record<string, string>;
}

export async function manifest(served: ServedFiles): Promise<Manifest> {
  const outputs: Record<string, string> = {};
  for (const name of await served.names()) outputs[name] = sha256(await served.bytes(name));
  return {...served.provenance, outputs};
}
