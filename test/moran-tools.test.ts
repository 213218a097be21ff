// Around src/lib/moran.ts: the worker-thread wrapper, the `atlas moran` CLI,
// and neighbour sets against libpysal. These run the statistics in worker
// threads and child processes (so `npm run mutate` leaves them out: a mutant
// is switched on only in the test's own process).
import {describe, expect, it} from "vitest";
import {mkdtempSync, writeFileSync} from "node:fs";
import {spawnSync} from "node:child_process";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {gridContiguity} from "../src/lib/weights.js";
import {bivariateMoran} from "../src/lib/moran.js";
import {run} from "../data-loaders/cli/moran.js";
import {bivariateMoranParallel} from "../data-loaders/spatial/lisa-parallel.js";
import {close, expected, FIX, GRIDS, grid, KINDS, synthetic} from "./moran-fixtures.js";
import {referenceTool} from "./reference-tools.js";

describe("worker_threads wrapper", () => {
  it("gives byte-identical results to the single-thread function, however the chunks are shared", async () => {
    const d = synthetic(120, 120, 21, 0.03);
    const w = gridContiguity(d.row, d.col);
    const opts = {seed: 4, perms: 999, correction: "fdr" as const};
    const one = bivariateMoran(d.x, d.y, w, opts);
    const same = (other: typeof one) => {
      for (const key of ["counts", "p", "Ii", "lag", "quadrant", "cluster"] as const)
        expect(Buffer.from(other[key].buffer).equals(Buffer.from(one[key].buffer)), key).toBe(true);
      for (const key of ["I", "p_sim", "z_sim", "p_sim_pairs", "z_sim_pairs", "cutoff"] as const)
        expect(Object.is(other[key], one[key]), key).toBe(true);
    };
    // two workers run every chunk, the calling thread only waits
    const onlyWorkers = {chunks: [] as number[]};
    same(await bivariateMoranParallel(d.x, d.y, w, {...opts, threads: 3, mainJoins: false, stats: onlyWorkers}));
    expect(onlyWorkers.chunks[0]).toBe(0);
    expect(onlyWorkers.chunks[1] + onlyWorkers.chunks[2]).toBe(2 + 125); // 2 local chunks of 8192 cells, 125 global chunks of 8 permutations
    // the calling thread and one worker share them, first come first served
    same(await bivariateMoranParallel(d.x, d.y, w, {...opts, threads: 2}));
  });
});

describe("CLI", () => {
  const cli = (...args: string[]) =>
    spawnSync(process.execPath, ["--import", "tsx", "data-loaders/cli.ts", "moran", ...args], {encoding: "utf8"});

  it("end to end: JSON with spdep's I and I_i, neighbourless cells labelled", () => {
    const out = cli(
      join(FIX, "irregular.csv"),
      "--x",
      "carbon",
      "--y",
      "esv",
      "--weights",
      "rook",
      "--perms",
      "499",
      "--seed",
      "3",
      "--json"
    );
    expect(out.status, out.stderr).toBe(0);
    const res = JSON.parse(out.stdout),
      e = expected("irregular", "rook");
    expect(Object.keys(res.global)).toEqual(expect.arrayContaining(["n", "I", "p_sim", "z_sim", "p_sim_pairs", "z_sim_pairs"]));
    expect(res.global.n).toBe(19);
    expect(close(res.global.I, e.I)).toBe(true);
    res.local.forEach((cell: {id: number; Ii: number; p: number | null; quadrant: string | null; cluster: string}, i: number) => {
      expect(cell.id).toBe(e.local[i].id);
      expect(close(cell.Ii, e.local[i].Ii)).toBe(true);
      if (e.local[i].card === 0) expect([cell.p, cell.quadrant, cell.cluster]).toEqual([null, null, "neighborless"]);
      else {
        expect(["HH", "LH", "LL", "HL"]).toContain(cell.quadrant);
        expect(cell.cluster === "NS" || cell.cluster === cell.quadrant).toBe(true);
      }
    });
  });

  it("bad input: non-zero exit and a message naming line and column", () => {
    const dir = mkdtempSync(join(tmpdir(), "moran-"));
    writeFileSync(join(dir, "bad.csv"), "id,row,col,carbon,esv\n1,0,0,1,2\n2,0,1,abc,3\n3,0,2,2,1\n");
    const out = cli(join(dir, "bad.csv"), "--x", "carbon", "--y", "esv", "--json");
    expect(out.status).toBe(1);
    expect(out.stdout).toBe("");
    expect(out.stderr).toMatch(/line 3, column "carbon": "abc" is not a number/);
  });

  it("run(): the other bad inputs throw clear errors", async () => {
    const dir = mkdtempSync(join(tmpdir(), "moran-"));
    const file = (name: string, text: string) => (writeFileSync(join(dir, name), text), join(dir, name));
    const args = (f: string) => [f, "--x", "carbon", "--y", "esv"];
    await expect(run(args(join(dir, "nope.csv")))).rejects.toThrow(/cannot read grid file .*nope\.csv": no such file/);
    await expect(run(args(file("nocol.csv", "id,row,col,carbon\n1,0,0,1\n")))).rejects.toThrow(/no column "esv"/);
    await expect(run(args(file("dup.csv", "id,row,col,carbon,esv\n1,0,0,1,2\n2,0,1,2,3\n3,0,1,3,1\n")))).rejects.toThrow(
      /lines 3 and 4: duplicate cell row 0, col 1/
    );
    await expect(run(args(file("flat.csv", "id,row,col,carbon,esv\n1,0,0,1,2\n2,0,1,2,2\n3,0,2,3,2\n")))).rejects.toThrow(
      /column "esv" has zero variance/
    );
    await expect(run(args(file("empty.csv", "id,row,col,carbon,esv\n1,0,0,1,2\n2,0,1,,3\n")))).rejects.toThrow(
      /line 3, column "carbon": empty value/
    );
    await expect(run(args(file("frac.csv", "id,row,col,carbon,esv\n1,0,0.5,1,2\n")))).rejects.toThrow(
      /line 2, column "col": "0.5" is not an integer/
    );
    await expect(run(args(file("one.csv", "id,row,col,carbon,esv\n1,0,0,1,2\n")))).rejects.toThrow(/at least 2 cells/);
    await expect(run([...args(join(FIX, "grid-15x15.csv")), "--weights", "hex"])).rejects.toThrow(/--weights must be one of queen, rook/);
  });

  it("run() gives the same numbers as the pure function", async () => {
    const d = grid("grid-7x9-holes"),
      w = gridContiguity(d.row, d.col);
    const res = (await run([join(FIX, "grid-7x9-holes.csv"), "--x", "carbon", "--y", "esv", "--seed", "9", "--null", "y"])) as {
      global: {I: number; p_sim: number; p: number};
      local: {p: number}[];
    };
    const ref = bivariateMoran(d.x, d.y, w, {seed: 9});
    expect(res.global.I).toBe(ref.I);
    expect(res.global.p).toBe(ref.p_sim);
    expect(res.local.map((c) => c.p)).toEqual(Array.from(ref.p));
  });
});

// libpysal from Debian (python3-libpysal); esda is not packaged there.
const PY = "/usr/bin/python3";
const hasLibpysal = referenceTool("libpysal", PY, ["-c", "import libpysal"], "apt-get install -y python3-libpysal");

describe.skipIf(!hasLibpysal)("libpysal", () => {
  it("lat2W + w_subset neighbour sets equal ours on every fixture (queen and rook)", () => {
    const script = `
import sys, json, warnings
warnings.filterwarnings("ignore")
from libpysal.weights import lat2W, w_subset
spec = json.loads(sys.argv[1])
out = {}
for key, (nrows, ncols, rook, ids) in spec.items():
    w = w_subset(lat2W(nrows, ncols, rook=rook), ids)
    out[key] = {str(i): sorted(int(j) for j in w.neighbors[i]) for i in ids}
print(json.dumps(out))`;
    const spec: Record<string, [number, number, boolean, number[]]> = {};
    const mine: Record<string, Record<string, number[]>> = {};
    for (const g of GRIDS) {
      const d = grid(g);
      const nCols = Math.max(...d.col) + 1,
        nRows = Math.max(...d.row) + 1;
      d.ids.forEach((id, i) => expect(id).toBe(d.row[i] * nCols + d.col[i])); // lat2W's ids
      for (const kind of KINDS) {
        spec[`${g}-${kind}`] = [nRows, nCols, kind === "rook", d.ids as number[]];
        const w = gridContiguity(d.row, d.col, kind);
        mine[`${g}-${kind}`] = Object.fromEntries(
          d.ids.map((id, i) => [String(id), Array.from(w.neighbours.subarray(w.offsets[i], w.offsets[i + 1]), (j) => d.ids[j] as number)])
        );
      }
    }
    const out = spawnSync(PY, ["-c", script, JSON.stringify(spec)], {encoding: "utf8"});
    expect(out.status, out.stderr).toBe(0);
    expect(JSON.parse(out.stdout)).toEqual(mine);
  });
});
