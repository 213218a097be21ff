// Framework's interpreter for the .ts data loaders in src/data/ (see
// observablehq.config.ts): `node data-loaders/bin/loader.mjs LOADER.ts [args]`
// runs the loader precompiled with the CLI (./bundle.mjs), which starts in
// milliseconds where tsx needs most of a second per loader. A loader the
// bundle does not know runs through tsx as before.
import {relative, resolve, join} from "node:path";
import process from "node:process";
import {pathToFileURL} from "node:url";
import {ROOT, ensureBundle} from "./bundle.mjs";

const file = process.argv[2];
if (!file) {
  process.stderr.write("usage: node data-loaders/bin/loader.mjs LOADER.ts [args]\n");
  process.exit(2);
}
// The loader sees the argv it would see under `node --import tsx LOADER.ts args`.
process.argv.splice(1, 1);
const source = relative(ROOT, resolve(file)).split("\\").join("/");
let target = null;
try {
  const {dir, entries} = await ensureBundle();
  if (entries?.[source]) target = join(dir, entries[source]);
} catch (error) {
  process.stderr.write(`atlas: cannot compile the loaders (${error.message}); running ${source} through tsx\n`);
}
if (!target) {
  const {register} = await import("tsx/esm/api");
  register();
  target = resolve(file);
}
await import(pathToFileURL(target).href);
