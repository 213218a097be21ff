// Observable Framework configuration. The site builds and runs with no CDN:
// scripts/prepare-offline.ts fills Framework's npm cache from node_modules
// before every build, and the style below requests no web fonts. The site's
// name comes from the study file (ATLAS_STUDY, default the embedded study), as
// everything else that varies between studies does.
import {readFileSync} from "node:fs";
import {join} from "node:path";
import {readStory} from "./data-loaders/site/story.js";

const pkg = JSON.parse(readFileSync(join(import.meta.dirname, "package.json"), "utf8")) as {atlas: {defaultStudy: string}};
const studyFile = process.env.ATLAS_STUDY || join(import.meta.dirname, pkg.atlas.defaultStudy);
const {study} = JSON.parse(readFileSync(studyFile, "utf8").replace(/^\uFEFF/, "")) as {study: {title: string; shortTitle?: string}};
// The study's own story (its story/ folder) opens the site; a study without one opens on the generated overview.
const story = readStory(studyFile);
// The generated overview is the home page of a study without a story, and the first reference page of one with a story.
const home = story
  ? [...story.pages.map((p) => ({name: p.title, path: p.path})), {name: "At a glance", path: "/overview"}]
  : [{name: "Overview", path: "/"}];

/** The study file is data: its text goes into the footer's HTML as text (five characters; no library needed). */
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export default {
  title: study.shortTitle ?? study.title,
  root: "src",
  // ATLAS_OUTPUT lets a second study build beside the first (npm test builds both).
  output: process.env.ATLAS_OUTPUT || "dist",
  theme: ["air", "near-midnight"],
  // Framework's default stylesheet imports web fonts from an external host; ours does not.
  style: "style.css",
  search: false,
  // the favicon; under `npm run dev` also the pipeline's progress (scripts/dev.ts)
  head: `<link rel="icon" href="favicon.svg" type="image/svg+xml" />${process.env.ATLAS_DEV_HEAD ?? ""}`,
  globalStylesheets: [],
  footer: `${escapeHtml(study.title)}. Built with the land-use carbon &amp; ESV atlas.`,
  pager: true,
  toc: true,
  preserveExtension: true,
  // .ts loaders run precompiled (data-loaders/bin/loader.mjs; tsx for any it does not know).
  interpreters: {".ts": ["node", "data-loaders/bin/loader.mjs"]},
  // No DuckDB extension is ever downloaded. (The MVP build is an empty stand-in: scripts/prepare-offline.ts.)
  duckdb: {extensions: {json: null, parquet: null}},
  // The story's pages after the first are made by src/story/[page].md.ts.
  dynamicPaths: story ? story.pages.slice(1).map((p) => p.path) : [],
  pages: [
    ...home,
    {name: "Land use", path: "/land-use"},
    {name: "Carbon", path: "/carbon"},
    {name: "Ecosystem service value", path: "/esv"},
    {name: "Coupling", path: "/coupling"},
    {name: "Methods", path: "/methods"},
    {name: "Data", path: "/data"},
    {name: "Review", path: "/review"}
  ]
};
