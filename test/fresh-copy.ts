// A fresh copy of the repository, as a newcomer's clone is (no .cache/, no dist/,
// no Framework cache), and the processes left in it: shared by the dev-server
// test (test/dev-server.test.ts) and `npm run bench dev` (bench/dev.ts).
import {execFileSync} from "node:child_process";
import {cpSync, existsSync, mkdirSync, readFileSync, readdirSync, readlinkSync, symlinkSync} from "node:fs";
import {dirname, join} from "node:path";

/** Copies into `dir` the files of `root` as git sees them (tracked and new, nothing ignored), node_modules linked. */
export function freshCopy(root: string, dir: string): void {
  const files = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], {cwd: root, encoding: "utf8"})
    .split("\0")
    .filter((f) => f && existsSync(join(root, f)));
  for (const f of files) {
    mkdirSync(dirname(join(dir, f)), {recursive: true});
    cpSync(join(root, f), join(dir, f));
  }
  symlinkSync(join(root, "node_modules"), join(dir, "node_modules"));
}

/** Every process (but this one) whose working folder or command line lies in `dir`: what a stopped dev server must not leave. */
export function processesIn(dir: string): string[] {
  const found: string[] = [];
  for (const pid of readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
    if (+pid === process.pid) continue;
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ").trim();
      const cwd = readlinkSync(`/proc/${pid}/cwd`);
      if (cmd && (cwd === dir || cwd.startsWith(dir + "/") || cmd.includes(dir))) found.push(`${pid} ${cmd}`);
    } catch {
      /* gone meanwhile, or not ours to read */
    }
  }
  return found;
}
