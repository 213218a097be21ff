// How to cite this project and the study it accompanies: the fields of
// CITATION.cff (repository root) that the Review page's "Cite this" block
// shows. test/review.test.ts checks that CITATION.cff, this file and
// package.json agree. Nothing here is invented: the study's paper (title,
// authors, venue, year) is not available to this project, only its abstract.

export const CITATION = {
  title: "Changzhutan land-use carbon & ESV atlas",
  authors: "The Changzhutan carbon & ESV atlas contributors",
  /** package.json's version */
  version: "0.1.0",
  license: "MIT",
  type: "software",
  study: {
    title:
      "Study of land-use carbon emissions and ecosystem service value in the main urban area of the Changzhutan urban agglomeration, 2000–2020",
    note: "descriptive title: the paper's own title, authors and venue are not available to this project, only its abstract",
    authors: "The study's authors (not named in the material available to this project)"
  }
} as const;

const bibEscape = (s: string) => s.replace(/[&%$#_{}]/g, (c) => `\\${c}`);

/** Plain-text citation of the software, with the build's code version and parameter hash when given. */
export function citationText(build: {codeVersion?: string; parametersSha256?: string} = {}): string {
  const extra = [
    build.codeVersion ? `code version ${build.codeVersion}` : "",
    build.parametersSha256 ? `parameters sha256 ${build.parametersSha256.slice(0, 16)}…` : ""
  ].filter(Boolean);
  return `${CITATION.authors}. ${CITATION.title} (version ${CITATION.version}${extra.length ? `; ${extra.join(", ")}` : ""}) [research site and pipeline]. License ${CITATION.license}. Land cover and energy data: a calibrated reconstruction.`;
}

/** A BibTeX @software entry (no year: the project has no release date). */
export function citationBibtex(build: {codeVersion?: string} = {}): string {
  return [
    "@software{changzhutan_carbon_esv_atlas,",
    `  author  = {{${bibEscape(CITATION.authors)}}},`,
    `  title   = {${bibEscape(CITATION.title)}},`,
    `  version = {${CITATION.version}},`,
    `  license = {${CITATION.license}},`,
    `  note    = {${build.codeVersion ? `Code version ${build.codeVersion}. ` : ""}Land cover and energy data are a calibrated reconstruction, not the study's data.}`,
    "}"
  ].join("\n");
}
