// Progress of the raster commands of the atlas CLI.
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
