// The atlas CLI against R spdep, live, on a grid neither was made from:
// a fresh seeded grid (irregular, with holes and an isolated cell) is written
// to a temporary folder, spdep computes I and every I_i, and the CLI must
// agree to 1e-9. Set ATLAS_TEST_SEED to try other grids. Needs Rscript with
// spdep (Debian r-cran-spdep); .ci/run installs it, and with CI=true a
// missing R is a failure rather than a skip.
import {describe, expect, it} from "vitest";
import {atlas, run} from "./run-command.js";
import {mkdtempSync, writeFileSync, readFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {rng} from "../src/lib/rng.js";
import {referenceTool} from "./reference-tools.js";

const haveR = referenceTool(
  "R spdep",
  "Rscript",
  ["-e", "library(spdep); library(jsonlite)"],
  "apt-get install -y r-cran-spdep r-cran-jsonlite"
);

const R_SCRIPT = `
suppressPackageStartupMessages(library(spdep)); library(jsonlite)
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1])
nb <- dnearneigh(cbind(d$col, d$row), 0, if (args[2] == "queen") 1.5 else 1.1)
lw <- nb2listw(nb, style = "W", zero.policy = TRUE)
zx <- as.numeric(scale(d$carbon)); zy <- as.numeric(scale(d$esv))
lag <- lag.listw(lw, zy, zero.policy = TRUE)
has <- card(nb) > 0
sub <- subset(nb, has)
lws <- nb2listw(sub, style = "W")
# spdep's moran_bv / localmoran_bv refuse neighbourless cells: on the cells
# with neighbours they are checked (stopifnot) to equal the formula, which
# then, with spdep's lag under zero.policy, gives the values for all cells.
set.seed(1)
loc <- localmoran_bv(d$carbon[has], d$esv[has], lws, nsim = 9)
glob <- moran_bv(d$carbon[has], d$esv[has], lws, nsim = 9)
zxs <- as.numeric(scale(d$carbon[has])); lags <- lag.listw(lws, as.numeric(scale(d$esv[has])))
stopifnot(max(abs(loc[, "Ibvi"] - zxs * lags)) < 1e-12, abs(glob$t0 - sum(zxs * lags) / sum(zxs^2)) < 1e-12)
write_json(list(I = sum(zx * lag) / sum(zx^2), Ii = zx * lag), args[3], digits = NA, auto_unbox = TRUE)
`;

function makeGrid(seed: number): string {
  const r = rng(seed);
  const rows = 18 + r.int(8),
    cols = 20 + r.int(8);
  const lines = ["id,row,col,carbon,esv"];
  for (let i = 0; i < rows; i++)
    for (let j = 0; j < cols; j++) {
      if (r.next() < 0.12) continue; // holes
      const centre = Math.exp(-((i - rows / 2) ** 2 + (j - cols / 2) ** 2) / 40);
      lines.push(`${i * cols + j},${i},${j},${(5 * centre + r.next()).toFixed(6)},${(4 - 3 * centre + 2 * r.next()).toFixed(6)}`);
    }
  lines.push(`${(rows + 5) * cols + 3},${rows + 5},3,0.5,2.5`); // an isolated cell: neighborless
  return lines.join("\n") + "\n";
}

describe.skipIf(!haveR)("atlas moran CLI equals R spdep on a fresh grid", () => {
  const seed = Number(process.env.ATLAS_TEST_SEED ?? 20261128);
  const dir = mkdtempSync(join(tmpdir(), "atlas-spdep-"));
  const csv = join(dir, "grid.csv");
  writeFileSync(csv, makeGrid(seed));
  writeFileSync(join(dir, "spdep.R"), R_SCRIPT);

  for (const weights of ["queen", "rook"]) {
    it(`${weights}: global I and every local I_i to 1e-9 (seed ${seed})`, async () => {
      const out = join(dir, `spdep-${weights}.json`);
      const r = await run("Rscript", [join(dir, "spdep.R"), csv, weights, out]);
      expect(r.status, r.stderr).toBe(0);
      const ref = JSON.parse(readFileSync(out, "utf8")) as {
        I: number;
        Ii: number[];
        check_local: number[];
        check_global: number;
        n_has: number;
      };
      const cli = JSON.parse(
        (await atlas(["moran", csv, "--x", "carbon", "--y", "esv", "--weights", weights, "--perms", "99", "--json"])).stdout
      ) as {global: {n: number; I: number}; local: {Ii: number; cluster: string}[]};
      expect(cli.global.n).toBe(ref.Ii.length);
      expect(Math.abs(cli.global.I - ref.I)).toBeLessThan(1e-9);
      let worst = 0;
      cli.local.forEach((c, i) => (worst = Math.max(worst, Math.abs(c.Ii - ref.Ii[i]))));
      expect(worst).toBeLessThan(1e-9);
      expect(cli.local.filter((c) => c.cluster === "neighborless").length).toBeGreaterThanOrEqual(1);
    }, 600_000);
  }
});
