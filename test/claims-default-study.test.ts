// The default study's claims ledger and consistency checks, end to end: the
// \`atlas claims\` command and a run of the whole study. The expected statuses
// are written out here: a change in any of them fails this test, so it can
// only happen on purpose. (The ledger's rules on their own: claims.test.ts.)
import {beforeAll, describe, expect, it} from "vitest";
import {atlas} from "./run-command.js";

const EXPECTED_STATUS: Record<string, string> = {
  C1: "holds",
  C2: "calibrated",
  C3: "calibrated",
  C4: "calibrated",
  C5: "calibrated",
  C6: "calibrated",
  C7: "holds",
  C8: "pattern-holds",
  C9: "calibrated",
  C10: "differs",
  C11: "inconsistent",
  // higher along the channel, but not falling away from it across the basin (ρ > 0): not the reported basin pattern
  C12: "pattern-fails",
  C13: "pattern-holds",
  C14: "pattern-holds"
};

describe("the default study's ledger and checks", () => {
  let ledger: {id: string; claim: string; reported: unknown; computed: unknown; status: string}[];
  beforeAll(async () => {
    const r = await atlas(["claims", "--json"]);
    if (r.status !== 0) throw new Error(`atlas claims exited ${r.status}: ${r.stderr}`);
    ledger = JSON.parse(r.stdout) as typeof ledger;
  }, 600_000);
  it("prints every claim with reported, computed and status", () => {
    expect(ledger.map((c) => c.id)).toEqual(Object.keys(EXPECTED_STATUS));
    for (const c of ledger) for (const k of ["claim", "reported", "computed", "status"]) expect(c).toHaveProperty(k);
  });
  it("has the expected status for every claim", () => {
    expect(Object.fromEntries(ledger.map((c) => [c.id, c.status]))).toEqual(EXPECTED_STATUS);
  });
  it("passes every consistency check", async () => {
    const {runStudy} = await import("../data-loaders/study/run-study.js");
    const {consistencyChecks} = await import("../data-loaders/study/consistency.js");
    const checks = consistencyChecks(await runStudy());
    expect(checks.length).toBe(5);
    expect(checks.filter((c) => !c.ok)).toEqual([]);
  });
  it("catches a table that does not add up", async () => {
    const {runStudy} = await import("../data-loaders/study/run-study.js");
    const {consistencyChecks} = await import("../data-loaders/study/consistency.js");
    const run = structuredClone(await runStudy());
    run.land.areasKm2[1][0] += 0.5; // 0.5 km² of cultivated land appear from nowhere in 2005
    run.analysis.epochs[0].esv.byClass.forest += 1e4;
    const failed = consistencyChecks(run)
      .filter((c) => !c.ok)
      .map((c) => c.id);
    expect(failed).toEqual(["K1", "K2", "K3", "K5"]);
  });
});
