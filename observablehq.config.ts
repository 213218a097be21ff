// Observable Framework configuration. The site builds and runs with no CDN:
// scripts/prepare-offline.ts fills Framework's npm cache from node_modules
// before every build, and the style below requests no web fonts.
export default {
  title: "Changzhutan land-use carbon & ESV",
  root: "src",
  output: "dist",
  theme: ["air", "near-midnight"],
  // Framework's default stylesheet imports web fonts from an external host; ours does not.
  style: "style.css",
  search: false,
  globalStylesheets: [],
  footer:
    "Land-use carbon and ecosystem-service value in the Changzhutan main urban area, 2000–2020. Land cover and energy data on this site are a calibrated reconstruction.",
  pager: true,
  toc: true,
  preserveExtension: true,
  // .ts loaders run precompiled (data-loaders/bin/loader.mjs; tsx for any it does not know).
  interpreters: {".ts": ["node", "data-loaders/bin/loader.mjs"]},
  duckdb: {extensions: {json: null, parquet: null}},
  pages: [
    {name: "Overview", path: "/"},
    {name: "Land use", path: "/land-use"},
    {name: "Carbon", path: "/carbon"},
    {name: "Ecosystem service value", path: "/esv"},
    {name: "Coupling", path: "/coupling"},
    {name: "Methods", path: "/methods"},
    {name: "Data", path: "/data"},
    {name: "Review", path: "/review"}
  ]
};
