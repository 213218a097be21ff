// The parts of the study area (districts): their land use, carbon and ESV add
// up to the whole, epoch by epoch, on the default study (15 districts whose
// borders overlap slightly in the file) and on the second fixture (one part).
import {describe, expect, it} from "vitest";
import {join} from "node:path";
import {runStudy} from "../data-loaders/study/run-study.js";
import {buildTable} from "../data-loaders/study/tables.js";

const SECOND = join(import.meta.dirname, "fixtures", "second-study", "study.json");

for (const [name, file] of [
  ["default study", undefined],
  ["second study", SECOND]
] as const) {
  describe(`districts of the ${name}`, () => {
    it("add up to the whole study area: areas, net carbon and ESV of every epoch", async () => {
      const run = await runStudy(file);
      const rows = buildTable(run, "districts")
        .toArray()
        .map((r) => r.toJSON() as Record<string, number | string>);
      run.loaded.params.study.epochs.forEach((epoch, e) => {
        const mine = rows.filter((r) => r.epoch === epoch);
        expect(mine.length).toBe(run.zones.zones.length);
        const sum = (k: string) => mine.reduce((s, r) => s + (r[k] as number), 0);
        const whole = run.land.areasKm2[e].reduce((a, b) => a + b, 0);
        expect(Math.abs(sum("area_km2") - whole)).toBeLessThan(1e-9 * whole);
        expect(Math.abs(sum("net_1e4t") - run.analysis.epochs[e].carbon.e4t.net)).toBeLessThan(1e-9 * 1e4);
        expect(Math.abs(sum("esv_1e8yuan") - run.analysis.epochs[e].esv.total / 1e8)).toBeLessThan(1e-9 * 1e3);
      });
    }, 300_000);
  });
}
