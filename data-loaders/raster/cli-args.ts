// Argument parsing shared by the raster commands of the atlas CLI.
export interface RasterArgs {
  files: string[];
  mask?: string;
  classes?: string;
  cellKm?: number[];
  proj?: string;
  threads?: number;
}

const VALUE_FLAGS = ["--mask", "--classes", "--cell-km", "--proj", "--threads"];

export function parseRasterArgs(argv: string[], usage: string, allowed: string[]): RasterArgs {
  const out: RasterArgs = {files: []};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--json") continue; // output is always JSON
    const [flag, inline] =
      a.startsWith("--") && a.includes("=") ? [a.slice(0, a.indexOf("=")), a.slice(a.indexOf("=") + 1)] : [a, undefined];
    if (!flag.startsWith("--")) {
      out.files.push(a);
      continue;
    }
    if (!VALUE_FLAGS.includes(flag) || !allowed.includes(flag)) throw new Error(`unknown option ${flag}; usage: ${usage}`);
    const value = inline ?? argv[++i];
    if (value === undefined) throw new Error(`${flag} needs a value; usage: ${usage}`);
    if (flag === "--mask") out.mask = value;
    else if (flag === "--classes") out.classes = value;
    else if (flag === "--proj") out.proj = value;
    else if (flag === "--threads") {
      out.threads = Number(value);
      if (!Number.isInteger(out.threads) || out.threads < 1) throw new Error(`--threads expects a positive integer, got "${value}"`);
    } else {
      out.cellKm = value.split(",").map(Number);
      if (out.cellKm.some((v) => !(v > 0))) throw new Error(`--cell-km expects positive numbers of km (e.g. 1 or 1,2,3,5), got "${value}"`);
    }
  }
  return out;
}

/** Progress on stderr for large rasters only, so small runs stay quiet. */
export function stderrProgress(pixels: number, label: string): ((done: number, total: number) => void) | undefined {
  if (pixels < 5e7) return undefined;
  let last = -1;
  return (done, total) => {
    const pct = Math.floor((100 * done) / total / 10) * 10;
    if (pct !== last) {
      last = pct;
      process.stderr.write(`${label}: ${pct}%\n`);
    }
  };
}
