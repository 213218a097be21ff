// The `atlas` CLI and its worker threads, precompiled. Running the TypeScript
// sources through tsx costs about a quarter of a second per process and again
// per worker thread; a bundle made by esbuild starts in a few milliseconds.
//
// The bundle lives in .cache/bin/<build>/ (git-ignored, never committed). It
// is made at install (`npm install` runs "prepare") or on the first run, and
// it is never stale: .cache/bin/current.json lists every local source file
// that went into it (esbuild's metafile) with its size and mtime, the mtimes
// of their folders (a new file, such as a new command, changes its folder's),
// and node_modules/.package-lock.json (any install); ensureBundle() stats them
// all on each start (well under a millisecond) and rebuilds on any change. A
// file whose mtime changed but whose size did not is read and compared by its
// SHA-1: `npm run dev` touches the loaders to make Framework run them again,
// which must not cost a rebuild of the bundle each time.
// Plain JavaScript so that it runs before anything is compiled.
//
// Run alone: node data-loaders/bin/bundle.mjs [--force]
import {existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync} from "node:fs";
import {dirname, join, relative, resolve} from "node:path";
import process from "node:process";
import {fileURLToPath, pathToFileURL} from "node:url";
import {createHash} from "node:crypto";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const BIN_DIR = process.env.ATLAS_BIN_DIR ?? join(ROOT, ".cache", "bin");
const CURRENT = join(BIN_DIR, "current.json");
const ENTRIES = {cli: "data-loaders/cli.ts", worker: "data-loaders/workers/entry.ts"};
/** Framework's data loaders (run through ./loader.mjs): every .ts file in src/data, and the page loaders (*.md.ts) of src and src/story, are entries too. */
const LOADER_DIRS = [
  ["src/data", /\.ts$/],
  ["src", /\.md\.ts$/],
  ["src/story", /\.(md|png|jpg|svg|webp)\.ts$/]
];
/** Files whose change must rebuild even though esbuild does not list them as inputs. */
const ALWAYS = ["data-loaders/bin/bundle.mjs", "node_modules/.package-lock.json", "package.json", "tsconfig.json"];
/** Modules that keep their real import.meta.url: they locate the bundle's own files. */
const KEEP_META = new Set(["data-loaders/workers/start.ts"]);

function stamp(path) {
  try {
    const s = statSync(join(ROOT, path));
    return `${s.size}:${s.mtimeMs}`;
  } catch {
    return "missing";
  }
}

/** A file's size, mtime and content hash (size:mtime:sha1); a folder's size and mtime. */
function fileStamp(path) {
  const s = stamp(path);
  try {
    if (!statSync(join(ROOT, path)).isFile()) return s;
    return `${s}:${createHash("sha1")
      .update(readFileSync(join(ROOT, path)))
      .digest("hex")}`;
  } catch {
    return s;
  }
}

/** Whether a watched path is as recorded: same size and mtime, or (a file touched) same size and content. */
function unchanged(path, want) {
  const now = stamp(path);
  const [size, mtime, hash] = want.split(":");
  if (now === want || now === `${size}:${mtime}`) return true;
  if (!hash || now.split(":")[0] !== size) return false;
  return fileStamp(path) === `${now}:${hash}`;
}

/** Whether every watched path is as recorded and the bundle is there. */
function fresh(current) {
  for (const [path, want] of Object.entries(current.watch)) if (!unchanged(path, want)) return false;
  return existsSync(join(BIN_DIR, current.dir, "cli.mjs"));
}

/**
 * The folder of the current bundle and its entries (source path → file name),
 * rebuilding first if any source changed.
 */
export async function ensureBundle({force = false, quiet = false} = {}) {
  if (!force) {
    try {
      const current = JSON.parse(readFileSync(CURRENT, "utf8"));
      if (fresh(current)) return {dir: join(BIN_DIR, current.dir), entries: current.entries};
    } catch {
      /* no bundle yet, or a damaged record: build */
    }
  }
  await build(quiet);
  const current = JSON.parse(readFileSync(CURRENT, "utf8"));
  return {dir: join(BIN_DIR, current.dir), entries: current.entries};
}

async function build(quiet) {
  const t0 = Date.now();
  const {build: esbuild} = await import("esbuild");
  mkdirSync(BIN_DIR, {recursive: true});
  const dir = `b-${Date.now().toString(36)}-${process.pid}`;
  const loaders = {};
  for (const [folder, pattern] of LOADER_DIRS)
    for (const f of readdirSync(join(ROOT, folder)).sort())
      if (pattern.test(f)) loaders[`loader-${folder.replace(/\//g, "_")}-${f.slice(0, -3).replace(/[^\w.-]/g, "_")}`] = `${folder}/${f}`;
  const out = join(BIN_DIR, dir);
  const result = await esbuild({
    absWorkingDir: ROOT,
    entryPoints: {...ENTRIES, ...loaders},
    outdir: out,
    outExtension: {".js": ".mjs"},
    entryNames: "[name]",
    chunkNames: "chunk-[hash]",
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    metafile: true,
    logLevel: "error",
    legalComments: "none",
    define: {__ATLAS_BUNDLED__: "true"},
    // CommonJS dependencies bundled into ESM still call require() for Node built-ins.
    banner: {js: 'import {createRequire as __atlasRequire} from "node:module"; const require = __atlasRequire(import.meta.url);'},
    plugins: [sourceMetaUrl]
  });
  const watch = {};
  const dirs = new Set();
  for (const input of Object.keys(result.metafile.inputs)) {
    if (input.includes("node_modules/") || input.startsWith("<")) continue;
    const path = relative(ROOT, resolve(ROOT, input));
    watch[path] = fileStamp(path);
    dirs.add(dirname(path));
  }
  for (const d of dirs) watch[d] = stamp(d);
  for (const path of [...ALWAYS, ...LOADER_DIRS.map(([folder]) => folder)]) watch[path] = fileStamp(path);
  // A source edited while esbuild read it may be in the bundle in either
  // version: record it as changed so that the next start rebuilds.
  for (const path of Object.keys(watch)) if (statMtime(path) >= t0) watch[path] = "changed during build";
  const tmp = `${CURRENT}.${process.pid}.tmp`;
  const entries = Object.fromEntries(Object.entries({...ENTRIES, ...loaders}).map(([name, src]) => [src, `${name}.mjs`]));
  writeFileSync(tmp, JSON.stringify({dir, built: new Date().toISOString(), entries, watch}, null, 1));
  renameSync(tmp, CURRENT);
  removeOldBuilds(dir);
  if (!quiet) process.stderr.write(`atlas: compiled the CLI into ${relative(ROOT, out)} (${Date.now() - t0} ms)\n`);
  return out;
}

function statMtime(path) {
  try {
    return statSync(join(ROOT, path)).mtimeMs;
  } catch {
    return 0;
  }
}

/** Builds older than an hour that are no longer current (a process may still be running from a recent one). */
function removeOldBuilds(keep) {
  for (const d of readdirSync(BIN_DIR)) {
    if (d === keep || !d.startsWith("b-")) continue;
    try {
      if (Date.now() - statSync(join(BIN_DIR, d)).mtimeMs > 3600_000) rmSync(join(BIN_DIR, d), {recursive: true, force: true});
    } catch {
      /* removed by another process */
    }
  }
}

/**
 * Each bundled module keeps the import.meta.url of its source file, so that
 * paths computed from it (the repository root, a study folder) mean what they
 * mean when the sources run through tsx.
 */
const sourceMetaUrl = {
  name: "source-import-meta-url",
  setup(b) {
    b.onLoad({filter: /\.(ts|mjs)$/}, (args) => {
      if (args.path.includes("/node_modules/")) return undefined;
      const path = relative(ROOT, args.path);
      let contents = readFileSync(args.path, "utf8");
      if (!KEEP_META.has(path)) contents = contents.replaceAll("import.meta.url", JSON.stringify(pathToFileURL(args.path).href));
      return {contents, loader: args.path.endsWith(".ts") ? "ts" : "js"};
    });
  }
};

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  ensureBundle({force: process.argv.includes("--force")}).catch((error) => {
    // At install time a failed build must not fail `npm install`: the first run builds again and reports.
    process.stderr.write(`atlas: could not compile the CLI (${error.message}); it will be compiled on first run\n`);
  });
}
