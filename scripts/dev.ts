// `npm run dev`: the preview server, kept in step with the study. Framework
// re-runs a data loader only when the loader file itself changes, not when the
// study file, an input or ATLAS_STUDY does. So this script touches the thin
// loaders (src/data/*.ts) at start and whenever a file the study reads
// changes: Framework then re-runs them on the next request (and reloads open
// pages), and the pipeline's own content-keyed cache recomputes only what the
// change touched. Nothing the user gave is written: only the loaders' mtimes.
import {spawn, spawnSync} from "node:child_process";
import {readdirSync, utimesSync, watch, type FSWatcher} from "node:fs";
import {dirname, join} from "node:path";
import {readStudy} from "../data-loaders/study/read-study.js";
import {DEFAULT_STUDY} from "../data-loaders/study/run-study.js";

const ROOT = join(import.meta.dirname, "..");
const LOADERS = join(ROOT, "src", "data");
const studyFile = process.env.ATLAS_STUDY || DEFAULT_STUDY;
const log = (m: string) => process.stderr.write(`atlas dev: ${m}\n`);

function touchLoaders(why: string): void {
  const now = new Date();
  for (const f of readdirSync(LOADERS)) if (f.endsWith(".ts")) utimesSync(join(LOADERS, f), now, now);
  log(`${why}: the pages recompute on their next load`);
}

/** The folders of the study file and of every input it names: where a change must reach the pages. */
function watchedFolders(): string[] {
  const folders = new Set([dirname(studyFile)]);
  try {
    const {paths} = readStudy(studyFile);
    for (const p of [
      ...Object.values(paths.landCover).flatMap((src) => (typeof src === "string" ? [src] : src.files)),
      paths.boundary,
      paths.energy,
      paths.river?.file,
      paths.claims,
      ...Object.values(paths.map)
    ])
      if (p) folders.add(dirname(p));
  } catch (error) {
    // A broken study file is reported by the loaders on the page; keep watching its folder so the fix is seen.
    log((error as Error).message);
  }
  return [...folders];
}

let watchers: FSWatcher[] = [];
let timer: NodeJS.Timeout | undefined;
function rewatch(): void {
  for (const w of watchers) w.close();
  watchers = watchedFolders().map((dir) =>
    watch(dir, (_event, name) => {
      if (name && /^\.|~$|\.swp$/.test(String(name))) return; // editor temporaries
      clearTimeout(timer);
      timer = setTimeout(() => {
        touchLoaders(`${name ?? "a file"} changed in ${dir}`);
        rewatch(); // the study file may now name other inputs
      }, 300);
    })
  );
}

// Framework's npm cache filled from node_modules first (no CDN): the same step `npm run build` takes.
const prepared = spawnSync(process.execPath, ["--import", "tsx", join(ROOT, "scripts", "prepare-offline.ts")], {stdio: "inherit"});
if (prepared.status !== 0) process.exit(prepared.status ?? 1);
log(`study ${studyFile}`);
touchLoaders("starting");
rewatch();
// The binary itself, not through npx: npx does not pass SIGTERM on, and a stopped dev script would leave the server running.
const preview = spawn(join(ROOT, "node_modules", ".bin", "observable"), ["preview", ...process.argv.slice(2)], {
  stdio: "inherit",
  env: {...process.env, OBSERVABLE_TELEMETRY_DISABLE: "true"}
});
const stop = () => preview.kill("SIGTERM");
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
preview.on("exit", (code) => {
  for (const w of watchers) w.close();
  process.exit(code ?? 0);
});
