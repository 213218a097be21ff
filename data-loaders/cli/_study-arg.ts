// The `[--study FILE] --json` arguments shared by the commands that run a study.
import {DEFAULT_STUDY} from "../study/run-study.js";

export function studyFileArg(argv: string[], command: string): string {
  let file = DEFAULT_STUDY;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--study") file = argv[++i] ?? "";
    else if (argv[i] !== "--json")
      throw new Error(`atlas ${command}: unknown argument "${argv[i]}"; usage: atlas ${command} [--study FILE] --json`);
  }
  if (!file) throw new Error(`atlas ${command}: --study needs a file`);
  return file;
}
