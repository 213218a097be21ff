// The one argument parser of the atlas commands: node:util parseArgs, strict,
// plus what the commands share: --json (accepted; output is always JSON),
// --threads N, --cell-km and --study FILE, and errors that name the command,
// the option and what was expected, followed by the command's usage. An empty
// value is no value.
import {parseArgs, type ParseArgsConfig} from "node:util";

type Options = NonNullable<ParseArgsConfig["options"]>;

export interface Command<O extends Options> {
  /** e.g. "atlas moran", the prefix of every error */
  name: string;
  usage: string;
  /** the command's own options (--json is added) */
  options: O;
  /** whether the command takes positional arguments (files, a folder) */
  positionals?: boolean;
}

/** `--threads`, for the commands that take it. */
export const THREADS = {threads: {type: "string"}} as const satisfies Options;

export function parseCommand<O extends Options>(argv: string[], command: Command<O>) {
  const {name, usage} = command;
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {...command.options, json: {type: "boolean"}},
      allowPositionals: command.positionals ?? false,
      strict: true
    });
  } catch (e) {
    const {code, message} = e as NodeJS.ErrnoException;
    const option = /'([^' ]+)/.exec(message)?.[1] ?? "";
    const what =
      code === "ERR_PARSE_ARGS_UNKNOWN_OPTION"
        ? `unknown option ${option}`
        : code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL"
          ? `unexpected argument "${option}"`
          : code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE"
            ? option === "--json"
              ? "--json takes no value"
              : `${option} needs a value${/ambiguous/.test(message) ? ` (a value starting with "-" is written ${option}=-…)` : ""}`
            : undefined;
    if (what === undefined) throw e;
    throw new Error(`${name}: ${what}; usage: ${usage}`, {cause: e});
  }
  for (const [option, value] of Object.entries(parsed.values))
    if (value === "") throw new Error(`${name}: --${option} needs a value; usage: ${usage}`);
  return parsed;
}

/** The value of --threads: undefined (the command's default) or a positive integer. */
export function threadsValue(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const threads = /^\s*\d+\s*$/.test(value) ? Number(value) : NaN;
  if (!(threads >= 1)) throw new Error(`${name}: --threads expects a positive integer, got "${value}"`);
  return threads;
}

/** The value of --cell-km: positive numbers of km, comma-separated. */
export function cellKmValue(name: string, value: string | undefined): number[] | undefined {
  if (value === undefined) return undefined;
  const cellKm = value.split(",").map(Number);
  if (cellKm.some((v) => !(v > 0)))
    throw new Error(`${name}: --cell-km expects positive numbers of km (e.g. 1 or 1,2,3,5), got "${value}"`);
  return cellKm;
}

/**
 * The study file of `atlas <command> [--study FILE] --json`; the default is
 * the caller's (run-study.ts's DEFAULT_STUDY: not imported here, so that the
 * raster commands do not load the study pipeline).
 */
export function studyFileArg(argv: string[], command: string, defaultStudy: string): string {
  const name = `atlas ${command}`;
  const options = {study: {type: "string", default: defaultStudy}} as const;
  return parseCommand(argv, {name, usage: `${name} [--study FILE] --json`, options}).values.study;
}
