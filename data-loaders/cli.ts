// The `atlas` command line: `npm run --silent atlas -- <command> [args]`.
// Each command lives in data-loaders/cli/<command>.ts and exports
// `run(argv: string[]): Promise<unknown>`; the value it returns is printed as
// JSON on stdout. Progress and warnings go to stderr; any error exits 1.
import {readdirSync} from "node:fs";
import {fileURLToPath} from "node:url";
import {dirname, join} from "node:path";
import {HelpRequested} from "./cli/_args.js";
import {printEachWarningOnce} from "./warnings.js";

const here = dirname(fileURLToPath(import.meta.url));
const commands = readdirSync(join(here, "cli"))
  .filter((f) => f.endsWith(".ts") && !f.startsWith("_"))
  .map((f) => f.slice(0, -3))
  .sort();

const USAGE = `usage: npm run --silent atlas -- <command> [options] --json\ncommands: ${commands.join(", ")}\nhelp on a command: atlas <command> --help, or atlas help <command>\n`;

printEachWarningOnce();

async function main(argv: string[]): Promise<void> {
  let [command, ...rest] = argv;
  if (command === "help" && rest.length) [command, rest] = [rest[0], ["--help"]];
  if (!command || command === "help" || command === "--help" || command === "-h") {
    // asked for: stdout, exit 0; no command at all: a usage error
    (command ? process.stdout : process.stderr).write(USAGE);
    process.exitCode = command ? 0 : 2;
    return;
  }
  if (!commands.includes(command)) throw new Error(`atlas: unknown command "${command}"; expected one of: ${commands.join(", ")}`);
  const mod = (await import(`./cli/${command}.ts`)) as {run(argv: string[]): Promise<unknown>};
  const result = await mod.run(rest);
  if (result !== undefined) process.stdout.write(JSON.stringify(result) + "\n");
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof HelpRequested) {
    process.stdout.write(error.message);
    return;
  }
  process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
