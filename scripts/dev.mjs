// `npm run dev` starts this supervisor (plain JavaScript: it starts in
// milliseconds), which starts the server, scripts/dev.ts, in a process group
// of its own. Two processes, so that no signal to any of them leaves anything
// running: this one stops the server's whole group (Framework's loader
// processes, the pipeline run, the reconstruction generator) on SIGINT,
// SIGTERM or SIGHUP, when the server exits, and when its own parent is gone
// (npm killed with SIGKILL); the server stops its group when this one is gone.
// npm passes SIGINT and SIGTERM on to it: package.json's "dev" script execs
// node, so no shell stands between them (dash does not pass SIGINT on).
import {spawn} from "node:child_process";
import process from "node:process";
import {setInterval, setTimeout} from "node:timers";

if (process.env.ATLAS_DEV_ROLE === "server") {
  // The server: Framework's preview modules loaded first by plain node, then tsx for the project's TypeScript.
  // Loaded after tsx registers, each of Framework's hundreds of modules would pass through its transform,
  // which doubles the CPU time of a start.
  await import("@observablehq/framework/dist/preview.js");
  const {register} = await import("tsx/esm/api");
  register();
  await import("./dev.ts");
} else supervise();

function supervise() {
  const server = spawn(process.execPath, [import.meta.filename, ...process.argv.slice(2)], {
    stdio: "inherit",
    detached: true, // its own process group: every process it starts can be stopped at once
    env: {...process.env, ATLAS_DEV_ROLE: "server"}
  });

  /** A signal to the server's process group (nothing if it is empty). */
  function group(signal) {
    try {
      process.kill(-server.pid, signal);
    } catch {
      /* the group is empty */
    }
  }

  let stopping = false;
  function stop() {
    if (stopping) return;
    stopping = true;
    group("SIGTERM");
    // whatever ignores SIGTERM (a loader busy in native code) is killed
    setTimeout(() => group("SIGKILL"), 3000).unref();
  }
  for (const s of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(s, stop);

  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid === parent) return;
    stop();
    setTimeout(() => process.exit(1), 3100);
  }, 500).unref();

  server.on("exit", (code, signal) => {
    group("SIGTERM"); // the server's leftovers (a loader it started)
    process.exit(code ?? (signal === "SIGTERM" || signal === "SIGINT" ? 0 : 1));
  });
}
