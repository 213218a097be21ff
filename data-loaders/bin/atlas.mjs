// `npm run --silent atlas -- <command>`: runs the precompiled CLI
// (data-loaders/cli.ts bundled by ./bundle.mjs), compiling it first when it is
// missing or older than any of its sources.
import {join} from "node:path";
import process from "node:process";
import {pathToFileURL} from "node:url";
import {ensureBundle} from "./bundle.mjs";

let dir;
try {
  ({dir} = await ensureBundle());
} catch (error) {
  process.stderr.write(`error: atlas: cannot compile the CLI: ${error.message}\n`);
  process.exit(1);
}
await import(pathToFileURL(join(dir, "cli.mjs")).href);
