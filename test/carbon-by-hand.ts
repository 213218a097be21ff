// Net carbon by hand, for the end-to-end tests (study.test.ts, real-study.test.ts):
// written from the method as STUDY.md states it, with none of src/lib/carbon.ts,
// so that a published net is checked against areas, coefficients and the energy
// table rather than against its own direct + indirect.
//   direct (10⁴ t C)   = Σ_class area (km²) × 100 hm²/km² × coefficient (t C/hm²) / 10⁴
//   indirect (10⁴ t C) = Σ_fuel quantity × standard-coal coefficient × carbon coefficient (t C/tce)
// Quantities in 10⁴ t of fuel × kgce/kg give 10⁴ tce; 10⁸ m³ of gas × kgce/m³ give
// 10⁸ kgce = 10 × 10⁴ tce.
import {readFileSync} from "node:fs";

const TO_1E4_TCE: Record<string, number> = {"10^4 t": 1, "10^8 m3": 10};

interface StudyCarbon {
  carbon: {
    landUse: Record<string, {value: number}>;
    energy: {fuels: Record<string, {standardCoal: {value: number}; carbon: {value: number}}>};
  };
}

export function carbonByHand(
  studyFile: string,
  energyCsv: string,
  areasKm2: Record<string, number>,
  year: number | string
): {direct: number; indirect: number; net: number} {
  const study = JSON.parse(readFileSync(studyFile, "utf8")) as StudyCarbon;
  let direct = 0;
  for (const [cls, {value}] of Object.entries(study.carbon.landUse)) direct += ((areasKm2[cls] ?? 0) * 100 * value) / 1e4;
  const [head, ...rows] = readFileSync(energyCsv, "utf8").trim().split("\n");
  const col = head.split(",").indexOf(String(year));
  if (col < 0) throw new Error(`${energyCsv}: no column ${year}`);
  let indirect = 0;
  for (const row of rows) {
    const cells = row.split(",");
    const fuel = study.carbon.energy.fuels[cells[0]];
    const scale = TO_1E4_TCE[cells[1]];
    if (!fuel || scale === undefined) throw new Error(`${energyCsv}: fuel ${cells[0]} in ${cells[1]} is not in this hand calculation`);
    indirect += Number(cells[col]) * scale * fuel.standardCoal.value * fuel.carbon.value;
  }
  return {direct, indirect, net: direct + indirect};
}
