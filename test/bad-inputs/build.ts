// Builds one case of the bad-input corpus: a copy of test/fixtures/real-study
// in a fresh temporary folder, with one defect applied (cases.ts), and
// fingerprints of every file in it so that a test can prove the run left the
// user's inputs exactly as they were.
import {createHash} from "node:crypto";
import {copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join, relative} from "node:path";

export const STUDY_DIR = join(import.meta.dirname, "..", "fixtures", "real-study");
export const FILES_DIR = join(import.meta.dirname, "files");
export const REFERENCES = JSON.parse(readFileSync(join(import.meta.dirname, "references.json"), "utf8")) as References;

export interface References {
  merc: {pixel_m2: number; areas_pixels: Record<string, Record<string, number>>};
  multi_inside: Record<string, Record<string, number>>;
  beyond: Record<string, Record<string, number>>;
  beyond_coverage: number;
  nodata_strip: Record<string, {pixels: Record<string, number>; nodata_share: number}>;
}

/** What a case's defect may do to its copy of the study. */
export interface CaseDir {
  dir: string;
  /** the parsed study.json, written back after the defect unless `studyText` is set */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- edited freely, to break it
  study: Record<string, any>;
  /** raw text to write as study.json instead of `study` */
  studyText?: string;
  write(name: string, data: string | Uint8Array): void;
  read(name: string): Buffer;
  /** copies test/bad-inputs/files/<from> into the case as <to> */
  copyIn(from: string, to?: string): void;
  mkdir(name: string): void;
  remove(name: string): void;
}

const FIXTURE_FILES = ["lc_2000.tif", "lc_2010.tif", "lc_2020.tif", "boundary.geojson", "energy.csv", "study.json"];

export function buildCase(defect: (c: CaseDir) => void, root = tmpdir()): CaseDir {
  const dir = mkdtempSync(join(root, "atlas-bad-"));
  for (const f of FIXTURE_FILES) copyFileSync(join(STUDY_DIR, f), join(dir, f));
  const c: CaseDir = {
    dir,
    study: JSON.parse(readFileSync(join(STUDY_DIR, "study.json"), "utf8")),
    write: (name, data) => writeFileSync(join(dir, name), data),
    read: (name) => readFileSync(join(dir, name)),
    copyIn: (from, to = from) => copyFileSync(join(FILES_DIR, from), join(dir, to)),
    mkdir: (name) => mkdirSync(join(dir, name), {recursive: true}),
    remove: (name) => rmSync(join(dir, name), {force: true})
  };
  defect(c);
  writeFileSync(join(dir, "study.json"), c.studyText ?? JSON.stringify(c.study, null, 2));
  return c;
}

/** sha256 of every file under `dir` (relative path → hash), directories included as entries. */
export function fingerprint(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of readdirSync(d).sort()) {
      const p = join(d, e);
      const rel = relative(dir, p);
      if (statSync(p).isDirectory()) {
        out[rel + "/"] = "directory";
        walk(p);
      } else out[rel] = createHash("sha256").update(readFileSync(p)).digest("hex");
    }
  };
  walk(dir);
  return out;
}
