// How to cite this software, and the study a site accompanies: the fields of
// CITATION.cff (repository root) that the Review page's "Cite this" block
// shows, and the study's own citation from its study file (study.citation).
// test/review.test.ts checks that CITATION.cff, this file and package.json agree.

export const CITATION = {
  title: "Land-use carbon & ESV atlas",
  authors: "The land-use carbon & ESV atlas contributors",
  /** package.json's version */
  version: "0.1.0",
  license: "MIT",
  type: "software"
} as const;

/** The fields of a study file's `study.citation`. */
export interface StudyCitation {
  authors: string;
  title: string;
  published?: string;
  year?: number;
  doi?: string;
  url?: string;
  note?: string;
}

/** Plain-text citation of the study: authors (year). Title. Where published. doi/url. (note) */
export function studyCitation(c: StudyCitation): string {
  const parts = [`${c.authors}${c.year ? ` (${c.year})` : ""}.`, `${c.title.replace(/\.$/, "")}.`];
  if (c.published) parts.push(`${c.published}.`);
  if (c.doi) parts.push(`doi:${c.doi}.`);
  else if (c.url) parts.push(`${c.url}.`);
  if (c.note) parts.push(`(${c.note})`);
  return parts.join(" ");
}

const bibEscape = (s: string) => s.replace(/[&%$#_{}]/g, (c) => `\\${c}`);

/** Plain-text citation of the software, with the build's code version and parameter hash when given. */
export function citationText(build: {codeVersion?: string; parametersSha256?: string} = {}): string {
  const extra = [
    build.codeVersion ? `code version ${build.codeVersion}` : "",
    build.parametersSha256 ? `parameters sha256 ${build.parametersSha256.slice(0, 16)}…` : ""
  ].filter(Boolean);
  return `${CITATION.authors}. ${CITATION.title} (version ${CITATION.version}${extra.length ? `; ${extra.join(", ")}` : ""}) [research site and pipeline]. License ${CITATION.license}.`;
}

/** A BibTeX @software entry (no year: the project has no release date). */
export function citationBibtex(build: {codeVersion?: string} = {}): string {
  return [
    "@software{landuse_carbon_esv_atlas,",
    `  author  = {{${bibEscape(CITATION.authors)}}},`,
    `  title   = {${bibEscape(CITATION.title)}},`,
    `  version = {${CITATION.version}},`,
    `  license = {${CITATION.license}},`,
    ...(build.codeVersion ? [`  note    = {Code version ${build.codeVersion}.}`] : []),
    "}"
  ].join("\n");
}
