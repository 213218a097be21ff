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

/** What each option of any command means, for `--help` (one list: the commands share most of them). */
const OPTION_HELP: Record<string, string> = {
  json: "print the result as JSON (the only output; accepted for clarity)",
  study: "the study file (default: the embedded default study)",
  threads: "worker threads",
  "cell-km": "grid cell size in km (e.g. 1, or 1,2,3,5 where several are allowed)",
  mask: "count only the pixels whose centre is inside this boundary (GeoJSON)",
  classes: "reclassification table: raster code → land-use class (JSON)",
  proj: "the equal-area projection the grid is laid in (a PROJ string)",
  x: "the column of GRID.csv that is x (e.g. carbon intensity)",
  y: "the column of GRID.csv whose neighbours' mean is y (e.g. ESV intensity)",
  weights: "contiguity of neighbouring cells: queen or rook",
  perms: "permutations of the pseudo p-values",
  seed: "seed of the permutations (the same seed gives the same p-values)",
  alpha: "significance level of the local clusters",
  correction: "multiple-testing correction of the local p-values: none, bonferroni or fdr",
  null: "permutation null: pairs (permute x and y together) or y (permute y only)",
  out: "folder to write study.json into (default: DIR); an existing study.json is never overwritten",
  boundary: "the study area's boundary (GeoJSON) to name in the study file",
  quiet: "no progress on stderr (warnings still show)",
  product: "the land-cover product whose legend the rasters use (see src/lib/legends.ts), when init cannot tell it from the evidence",
  fill: "the raster value that means no data, when the files do not say (it never overwrites data where tiles meet)"
};

const VALUE_NAME: Record<string, string> = {
  study: "FILE",
  mask: "FILE",
  classes: "FILE",
  boundary: "FILE",
  out: "DIR",
  proj: "PROJ",
  "cell-km": "KM",
  threads: "N",
  x: "COL",
  y: "COL",
  product: "NAME",
  fill: "CODE"
};

/** Thrown by parseCommand on --help or -h: the CLI prints the message on stdout and exits 0. */
export class HelpRequested extends Error {}

function helpText<O extends Options>(command: Command<O>): string {
  const options = {...command.options, json: {type: "boolean"}} as Options;
  const lines = Object.entries(options).map(([name, o]) => {
    const flag = `--${name}${o.type === "string" ? ` ${VALUE_NAME[name] ?? name.toUpperCase()}` : ""}`;
    const dflt = typeof o.default === "string" && name !== "study" ? ` (default: ${o.default})` : "";
    return `  ${flag.padEnd(26)} ${OPTION_HELP[name] ?? ""}${dflt}`;
  });
  return [`usage: ${command.usage}`, "", "options:", ...lines, `  ${"--help, -h".padEnd(26)} this help`, ""].join("\n");
}

/** `--threads`, for the commands that take it. */
export const THREADS = {threads: {type: "string"}} as const satisfies Options;

export function parseCommand<O extends Options>(argv: string[], command: Command<O>) {
  const {name, usage} = command;
  const end = argv.indexOf("--");
  if ((end < 0 ? argv : argv.slice(0, end)).some((a) => a === "--help" || a === "-h")) throw new HelpRequested(helpText(command));
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
