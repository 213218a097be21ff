// Writes the reconstruction's river centrelines and city centres next to the
// study boundary, for the site's overview map:
//   node --import tsx data-loaders/studies/changzhutan/reconstruction/write-geography.ts
import {readFileSync, writeFileSync} from "node:fs";
import {dirname, join} from "node:path";
import {fileURLToPath} from "node:url";
import {citiesGeoJson, deriveRivers, riversGeoJson} from "./geography.js";

export const STUDY_DIR = join(dirname(fileURLToPath(import.meta.url)), "..");

export function readBoundary(path = join(STUDY_DIR, "boundary.geojson")) {
  return JSON.parse(readFileSync(path, "utf8"));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const rivers = deriveRivers(readBoundary().features);
  writeFileSync(join(STUDY_DIR, "rivers.geojson"), JSON.stringify(riversGeoJson(rivers)) + "\n");
  writeFileSync(join(STUDY_DIR, "cities.geojson"), JSON.stringify(citiesGeoJson(), null, 1) + "\n");
  process.stderr.write(`wrote ${rivers.length} rivers and ${3} cities to ${STUDY_DIR}\n`);
}
