// The Review page's explorer recomputes in the browser from the
// tables the site serves. With the published parameters it must give what the
// pipeline built: regional totals, per-cell intensities, global I and LISA
// clusters, on every grid. And its URL state must survive a round trip.
import {describe, expect, it, beforeAll} from "vitest";
import {tableFromIPC, type Table} from "apache-arrow";
import {runStudy, type StudyRun} from "../data-loaders/study/run-study.js";
import {buildTable} from "../data-loaders/study/tables.js";
import {toIPC} from "../data-loaders/study/arrow.js";
import {studySummary} from "../data-loaders/study/summary.js";
import {CLUSTER_LABELS} from "../src/lib/moran.js";
import {decodeState, encodeState, isPublishedModel, publishedState, rowOptions, studyWithState} from "../src/lib/explorer/state.js";
import {gridDataFromTable, regionDataFromTables, type RegionData} from "../src/lib/explorer/adapters.js";
import {gridRecompute, regionTotals} from "../src/lib/explorer/recompute.js";
import type {Study} from "../src/lib/params.js";

let run: StudyRun;
let study: Study;
let region: RegionData;
/** a table as the browser reads it: written to Arrow IPC by the pipeline, read back */
const table = (name: string): Table => tableFromIPC(toIPC(buildTable(run, name)));

/** largest |a − b|, relative to the largest |b| of the column (a cell's carbon intensity may be near 0: direct sinks cancel energy) */
function maxRelDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let d = 0,
    scale = 0;
  for (let i = 0; i < a.length; i++) {
    d = Math.max(d, Math.abs(a[i] - b[i]));
    scale = Math.max(scale, Math.abs(b[i]));
  }
  return d / scale;
}

beforeAll(async () => {
  run = await runStudy();
  // The parameters as the page gets them: study.json's JSON.
  study = JSON.parse(JSON.stringify(run.loaded.params)) as Study;
  region = regionDataFromTables(table("landuse-areas"), table("energy"), study.study.epochs);
}, 600_000);

describe("explorer with the published parameters", () => {
  it("reproduces the regional net carbon and ESV of every epoch exactly", () => {
    const totals = regionTotals(studyWithState(study, publishedState(study)), region);
    const s = studySummary(run);
    for (const t of totals) {
      expect(t.net_e4t).toBe(s.carbon_1e4t[String(t.epoch)].net);
      expect(t.esv_e8yuan).toBe(s.esv_1e8yuan[String(t.epoch)]);
    }
  });

  for (const km of [1, 2, 3, 5]) {
    it(`reproduces the ${km} km grid: carbon and ESV intensity, global I and every LISA cluster`, () => {
      const t = table("grid");
      const grid = gridDataFromTable(t, km);
      const st = publishedState(study, km);
      const epochs = study.study.epochs;
      const out = gridRecompute(studyWithState(study, st), region, grid, {perms: study.spatial.permutations, cells: epochs});
      const moran = table("moran")
        .toArray()
        .filter((r) => r.cell_km === km);
      const epochCol = t.getChild("epoch")!.toArray() as ArrayLike<number>;
      const sizeCol = t.getChild("cell_km")!.toArray() as ArrayLike<number>;
      const col = (name: string) => t.getChild(name)!.toArray() as ArrayLike<unknown>;
      const [carbon, esv, cluster, p] = [col("carbon_intensity"), col("esv_intensity"), col("cluster"), col("p")];
      for (const r of out) {
        const idx = Array.from(epochCol, (e, i) => (e === r.epoch && sizeCol[i] === km ? i : -1)).filter((i) => i >= 0);
        const cells = r.cells!;
        expect(cells.id.length).toBe(idx.length);
        // Intensities: the indirect emissions are allocated over the region's construction land from
        // landuse-areas (the pipeline sums the fishnet's cells: the same area, summed in another
        // order, about 1e-15 apart), so a last-bit difference is allowed in carbon intensity; ESV is exact.
        expect(
          maxRelDiff(
            cells.carbon,
            Float64Array.from(idx, (i) => carbon[i] as number)
          )
        ).toBeLessThan(1e-13);
        expect(Array.from(cells.esv)).toEqual(idx.map((i) => esv[i]));
        expect(Array.from(cells.cluster, (c) => CLUSTER_LABELS[c])).toEqual(idx.map((i) => cluster[i]));
        expect(Array.from(cells.p, (v) => (Number.isNaN(v) ? null : v))).toEqual(idx.map((i) => p[i]));
        const m = moran.find((d) => d.epoch === r.epoch)!;
        expect(Math.abs(r.I - m.i)).toBeLessThan(1e-12);
        expect(r.p_sim).toBe(m.p_sim);
        expect(r.p_sim_pairs).toBe(m.p_sim_pairs);
        expect([r.counts.HH, r.counts.LL, r.counts.LH, r.counts.HL, r.counts.NS]).toEqual([m.hh, m.ll, m.lh, m.hl, m.ns]);
      }
    }, 120_000);
  }
});

describe("explorer state", () => {
  it("changes the totals when a coefficient changes", () => {
    const base = regionTotals(studyWithState(study, publishedState(study)), region);
    const st = publishedState(study);
    st.landCarbon.forest = -0.581;
    st.E = st.E * 2;
    const changed = regionTotals(studyWithState(study, st), region);
    changed.forEach((c, e) => {
      expect(c.net).toBeGreaterThan(base[e].net);
      expect(c.esv / base[e].esv).toBeCloseTo(2, 12);
    });
  });

  it("round-trips through the URL and ignores what it does not know", () => {
    const pub = publishedState(study);
    const offered = {cellSizes: study.grid.cellSizesKm, epochs: study.study.epochs};
    expect(encodeState(pub, pub)).toBe("");
    const st = publishedState(study);
    st.landCarbon.forest = -0.581;
    st.standardCoal.natural_gas = 1.2143;
    st.carbonPerCoal.raw_coal = 0.7;
    st.E = 3000.5;
    st.rows.cultivated = "paddy";
    st.rows.grassland = "steppe";
    st.cellKm = 5;
    st.epoch = 2000;
    st.perms = 999;
    const q = encodeState(st, pub);
    expect(q).toContain("c.forest=-0.581");
    const back = decodeState("?" + q + "&bogus=1&c.forest2=3&esv.unused=nothing&E=-1", pub, study, offered);
    expect(back.state).toEqual(st);
    expect(back.ignored).toEqual(["bogus=1", "c.forest2=3", "esv.unused=nothing", "E=-1"]);
    expect(isPublishedModel(back.state, pub)).toBe(false);
    expect(isPublishedModel({...pub, cellKm: 5}, pub)).toBe(true);
  });

  it("offers the published ESV mapping first and the usual alternatives", () => {
    const cultivated = rowOptions(study, "cultivated");
    expect(cultivated[0].published).toBe(true);
    expect(cultivated.map((o) => o.id).sort()).toEqual(["dry_land", "dry_land+paddy", "paddy"]);
    expect(rowOptions(study, "unused").map((o) => o.id)).toContain("desert");
    expect(rowOptions(study, "grassland").map((o) => o.id)).toContain("steppe");
    const st = publishedState(study);
    st.rows.cultivated = "dry_land";
    expect(studyWithState(study, st).esv.classRows.cultivated).toEqual({dry_land: 1});
  });
});
