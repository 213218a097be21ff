// `npm run dev`: the preview server, kept in step with the study.
//
// Framework re-runs a data loader only when the loader file itself changes,
// not when the study file, an input, the pipeline's code or ATLAS_STUDY does.
// So this script touches the thin loaders (src/data/*.ts) when one of those
// changed since the loaders last ran (a content key kept in .cache/dev/), and
// whenever a watched file changes: Framework then re-runs them on the next
// request, and the pipeline's own content-keyed cache recomputes only what
// the change touched. Nothing the user gave is written: only the loaders' mtimes.
//
// When the loaders must run, the pipeline is started at once (one loader run
// in the background makes every served file) and the pages show its progress:
// what is being computed and roughly how long is left (scripts/dev-progress.ts,
// served at /_atlas/dev-progress.json to a small script in the page's head).
//
// The server runs in a process group of its own, started by the supervisor
// scripts/dev.mjs (what npm starts): see there why. It stops its group when the
// supervisor dies.
import {spawn} from "node:child_process";
import {
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  utimesSync,
  watch,
  writeFileSync,
  type FSWatcher
} from "node:fs";
import type {IncomingMessage, ServerResponse} from "node:http";
import {dirname, isAbsolute, join, relative} from "node:path";
import {parseArgs} from "node:util";

const ROOT = join(import.meta.dirname, "..");
const log = (m: string) => process.stderr.write(`atlas dev: ${m}\n`);

/** Stops when the process that started this one is gone (it was SIGKILLed: no handler of its ran). */
function onOrphaned(stop: () => void): void {
  const parent = process.ppid;
  setInterval(() => process.ppid !== parent && stop(), 500).unref();
}

await serve();

async function serve(): Promise<void> {
  const {values} = parseArgs({
    options: {
      host: {type: "string", default: "127.0.0.1"},
      port: {type: "string"},
      open: {type: "boolean", default: true},
      "no-open": {type: "boolean"}
    },
    strict: true
  });
  // This process leads its own group (started detached): stopping it stops every process it started.
  let stopping = false;
  const stopGroup = () => {
    if (!stopping) {
      stopping = true;
      try {
        process.kill(0, "SIGTERM");
      } catch {
        /* nothing else is left */
      }
    }
    process.exit(0);
  };
  onOrphaned(stopGroup);
  for (const s of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(s, stopGroup);

  const [
    {readStudy},
    {DEFAULT_STUDY},
    {codeHash, sha256, canonicalJson},
    {writeAtomic},
    {ProgressTracker},
    {readStory, storyDir},
    {epochFiles}
  ] = await Promise.all([
    import("../data-loaders/study/read-study.js"),
    import("../data-loaders/study/run-study.js"),
    import("../data-loaders/study/hash.js"),
    import("../data-loaders/study/cache.js"),
    import("./dev-progress.js"),
    import("../data-loaders/site/story.js"),
    import("../data-loaders/raster/mosaic.js")
  ]);
  const LOADERS = join(ROOT, "src", "data");
  const STATE = join(ROOT, ".cache", "dev");
  /** The key of what Framework's cached loader outputs were made from (cleared by `npm run build`: prepare-offline.ts). */
  const RECORD = join(STATE, "loaders.json");
  const studyFile = process.env.ATLAS_STUDY || DEFAULT_STUDY;
  const inside = (dir: string, p: string) => !relative(dir, p).startsWith("..") && !isAbsolute(relative(dir, p));

  /** The study file and every file it names, by path (a broken study file: itself alone; the loaders report it on the page). */
  function studyFiles(): string[] {
    try {
      const {paths} = readStudy(studyFile);
      const named = [
        ...Object.values(paths.landCover).flatMap(epochFiles),
        paths.boundary,
        paths.energy,
        paths.river?.file,
        paths.claims,
        ...Object.values(paths.map)
      ];
      return [studyFile, ...named.filter((p): p is string => !!p)];
    } catch (error) {
      log((error as Error).message);
      return [studyFile];
    }
  }

  /**
   * What the loaders' output depends on besides the loaders themselves: the study file's path and
   * text, each file it names (size and mtime: cheap, and any write changes it) and the pipeline's code.
   */
  function contentKey(): string {
    const files = studyFiles().map((f) => {
      try {
        const s = statSync(f);
        return [f, s.size, s.mtimeMs];
      } catch {
        return [f, "missing"];
      }
    });
    let text = "";
    try {
      text = readFileSync(studyFile, "utf8");
    } catch {
      /* a missing study file: the loaders say so */
    }
    return sha256(canonicalJson({study: studyFile, text: sha256(text), files, code: codeHash(["src/lib", "data-loaders"])}));
  }
  const recorded = (): string | null => {
    try {
      return (JSON.parse(readFileSync(RECORD, "utf8")) as {key?: string}).key ?? null;
    } catch {
      return null;
    }
  };
  const record = (key: string) => {
    mkdirSync(STATE, {recursive: true});
    writeAtomic(RECORD, JSON.stringify({key}));
  };

  /** The page loaders: the home page and the story's other pages (they read the served files too). */
  const PAGE_LOADERS = [
    join(ROOT, "src", "index.md.ts"),
    ...readdirSync(join(ROOT, "src", "story")).map((f) => join(ROOT, "src", "story", f))
  ];
  const touch = (files: string[]) => {
    const now = new Date();
    for (const f of files) utimesSync(f, now, now);
  };

  function touchLoaders(why: string): void {
    touch([
      ...readdirSync(LOADERS)
        .filter((f) => f.endsWith(".ts"))
        .map((f) => join(LOADERS, f)),
      ...PAGE_LOADERS
    ]);
    storyListChanged();
    log(`${why}: the pages recompute on their next load`);
  }

  /**
   * A story page changed: only the page loaders and the story's number check run again (the pipeline's
   * results are read from its cache as they are). A page added, removed or retitled changes the site's
   * navigation, which observablehq.config.ts reads: Framework reloads it when its mtime changes.
   */
  const storyList = (): string => {
    try {
      return JSON.stringify(readStory(studyFile)?.pages.map((p) => [p.path, p.title]) ?? []);
    } catch (error) {
      log((error as Error).message); // the page loaders report it on the page
      return "";
    }
  };
  let storyPages = storyList();
  function storyListChanged(): void {
    const pages = storyList();
    if (pages !== storyPages) touch([join(ROOT, "observablehq.config.ts")]);
    storyPages = pages;
  }
  function touchStory(why: string): void {
    touch([...PAGE_LOADERS, join(LOADERS, "story-check.json.ts")]);
    storyListChanged();
    log(`${why}: the story's pages show it on their next load`);
  }

  /**
   * What is watched: the folders of the study file and of every input it names, except what the pipeline
   * generates itself (under .cache/). Folders that do not exist yet are left out until the next rewatch.
   * (Add a study's other folders here.)
   */
  function watchedFolders(): string[] {
    const folders = new Set(studyFiles().map((p) => dirname(p)));
    return [...folders].filter((d) => !inside(join(ROOT, ".cache"), d) && existsSync(d));
  }

  let watchers: FSWatcher[] = [];
  let timer: NodeJS.Timeout | undefined;
  let storyTimer: NodeJS.Timeout | undefined;
  const temporary = (name: string | null) => !!name && /^\.|~$|\.swp$/.test(String(name)); // editor temporaries
  function rewatch(): void {
    for (const w of watchers) w.close();
    watchers = watchedFolders().map((dir) =>
      watch(dir, (_event, name) => {
        if (temporary(name)) return;
        clearTimeout(timer);
        timer = setTimeout(() => {
          touchLoaders(`${name ?? "a file"} changed in ${dir}`);
          record(contentKey());
          rewatch(); // the study file may now name other inputs
        }, 300);
      })
    );
    // The story's folder: its pages are Markdown, not inputs of the pipeline.
    const dir = storyFolder();
    if (dir)
      watchers.push(
        watch(dir, (_event, name) => {
          if (temporary(name)) return;
          clearTimeout(storyTimer);
          storyTimer = setTimeout(() => touchStory(`${name ?? "a page"} changed in ${dir}`), 50);
        })
      );
  }
  function storyFolder(): string | null {
    try {
      return storyDir(studyFile);
    } catch {
      return null;
    }
  }

  log(`study ${studyFile}`);

  const history = join(STATE, `timings-${sha256(studyFile).slice(0, 12)}.json`);
  const progress = new ProgressTracker(history);
  const key = contentKey();
  // While the pipeline runs, the story's pages (page loaders, which need its numbers) say so instead of
  // holding the page until it ends; they are written again, and reload, when it ends (data-loaders/site/pages.ts).
  const pending = join(STATE, "pipeline-running");
  process.env.ATLAS_DEV_PENDING = pending;
  rmSync(pending, {force: true});
  if (key !== recorded()) {
    mkdirSync(STATE, {recursive: true});
    writeFileSync(pending, String(process.pid));
    touchLoaders("the study, an input or the code changed since the loaders last ran");
    // One loader run makes every served file (data-loaders/study/served.ts) while the pages wait for it on the
    // pipeline's lock; its stderr is the progress the pages show.
    const pipeline = spawn(process.execPath, [join(ROOT, "data-loaders", "bin", "loader.mjs"), join(LOADERS, "study.json.ts")], {
      cwd: ROOT,
      stdio: ["ignore", "ignore", "pipe"]
    });
    let rest = "";
    pipeline.stderr.on("data", (d: Buffer) => {
      process.stderr.write(d);
      const lines = (rest + d.toString("utf8")).split(/\r?\n/);
      rest = lines.pop()!;
      for (const l of lines) progress.line(l);
    });
    pipeline.on("exit", (code) => {
      progress.finish(code === 0);
      rmSync(pending, {force: true});
      touch(PAGE_LOADERS);
      if (code === 0)
        record(contentKey()); // the generated inputs exist now: the key they make
      else log(`the pipeline stopped (exit ${code}); the pages show why`);
      rewatch();
    });
  } else {
    progress.finish(true, false);
    log("nothing changed since the loaders last ran");
  }
  rewatch();

  // Framework's npm cache filled from node_modules (no CDN), while the pipeline runs: the same step `npm run build`
  // takes (and `npm install`, so that this finds it done).
  await import("./prepare-offline.js");
  // Framework's preview server, in this process, with the progress beside it.
  process.env.ATLAS_DEV_HEAD = `<script type="module">import "/_atlas/dev-progress.js";</script>`;
  process.env.OBSERVABLE_TELEMETRY_DISABLE = "true";
  const {preview} = await import("@observablehq/framework/dist/preview.js");
  const server = await preview({
    hostname: values.host,
    port: values.port === undefined ? undefined : +values.port,
    open: values.open && !values["no-open"]
  });
  const http = server.server;
  const framework = http.listeners("request") as ((req: IncomingMessage, res: ServerResponse) => void)[];
  http.removeAllListeners("request");
  const client = readFileSync(join(import.meta.dirname, "dev-progress-client.js"));
  http.on("request", (req: IncomingMessage, res: ServerResponse) => {
    if (req.url === "/_atlas/dev-progress.json") {
      res.writeHead(200, {"content-type": "application/json", "cache-control": "no-store"});
      res.end(JSON.stringify(progress.snapshot()));
    } else if (req.url === "/_atlas/dev-progress.js") {
      res.writeHead(200, {"content-type": "text/javascript", "cache-control": "no-store"});
      res.end(client);
    } else for (const f of framework) f.call(http, req, res);
  });
}
