// The approximate geography the reconstruction draws on: river centrelines,
// city centres, towns, roads and hill massifs of the Changzhutan main urban
// area. Nothing here is surveyed. The Xiangjiang and the lower Lianshui follow
// the district borders they form in the package's polygons (smoothed); every
// other line is sketched from general knowledge of the region to within a few
// km, and all are labelled "reconstructed" wherever they are drawn.
import {type DistrictFeature, ringsOf} from "./study-mask.js";
import {valueNoise} from "./noise.js";

export type LonLat = [number, number];

export interface River {
  name: string;
  name_zh: string;
  /** centreline, upstream to mouth */
  line: LonLat[];
  /** half-width of the channel in km at the upstream and downstream ends (interpolated along the line) */
  halfWidthKm: [number, number];
  source: string;
}

export interface Place {
  name: string;
  name_zh: string;
  lon: number;
  lat: number;
}

/** km per degree at the latitude of the study area (28°N); fine for a ±1° region. */
export const KM_PER_DEG_LON = 111.32 * Math.cos((28 * Math.PI) / 180);
export const KM_PER_DEG_LAT = 110.6;

export const CITIES: Place[] = [
  {name: "Changsha", name_zh: "长沙", lon: 112.985, lat: 28.195},
  {name: "Zhuzhou", name_zh: "株洲", lon: 113.145, lat: 27.835},
  {name: "Xiangtan", name_zh: "湘潭", lon: 112.92, lat: 27.865}
];

/** Urban cores: extent about r2000 km in 2000 and r2020 km in 2020 if growth were radial. */
export interface Core extends Place {
  r2000: number;
  r2020: number;
}
export const CORES: Core[] = [
  {...CITIES[0], r2000: 6.5, r2020: 12.5},
  {...CITIES[1], r2000: 4.0, r2020: 6.5},
  {...CITIES[2], r2000: 3.6, r2020: 5.8},
  // Towns and county seats that existed in 2000.
  {name: "Xingsha", name_zh: "星沙", lon: 113.08, lat: 28.245, r2000: 1.2, r2020: 2.5},
  {name: "Gaotangling", name_zh: "高塘岭", lon: 112.825, lat: 28.36, r2000: 1.0, r2020: 2.5},
  {name: "Yisuhe", name_zh: "易俗河", lon: 112.955, lat: 27.772, r2000: 1.0, r2020: 2.5},
  {name: "Lukou", name_zh: "渌口", lon: 113.15, lat: 27.7, r2000: 0.7, r2020: 1.8},
  {name: "Huanghua airport", name_zh: "黄花机场", lon: 113.22, lat: 28.19, r2000: 0.9, r2020: 1.8},
  {name: "Langli", name_zh: "榔梨", lon: 113.11, lat: 28.17, r2000: 0.6, r2020: 2},
  {name: "Muyun", name_zh: "暮云", lon: 113.0, lat: 28.04, r2000: 0.5, r2020: 2.5},
  {name: "Pingtang", name_zh: "坪塘", lon: 112.9, lat: 28.06, r2000: 0.5, r2020: 1.5},
  {name: "Jiuhua", name_zh: "九华", lon: 112.88, lat: 27.93, r2000: 0.4, r2020: 2.5},
  {name: "Yunlong", name_zh: "云龙", lon: 113.2, lat: 27.93, r2000: 0.4, r2020: 2},
  {name: "Meixi Lake", name_zh: "梅溪湖", lon: 112.89, lat: 28.195, r2000: 0.4, r2020: 2.5},
  {name: "Tongguan", name_zh: "铜官", lon: 112.86, lat: 28.45, r2000: 0.5, r2020: 1.2},
  {name: "Huashi", name_zh: "花石", lon: 112.75, lat: 27.6, r2000: 0.5, r2020: 1.0},
  {name: "Zhuting", name_zh: "朱亭", lon: 113.03, lat: 27.45, r2000: 0.5, r2020: 1.0}
];

/** Development zones and new towns whose pull grows after 2000 (weight in score units, reach km). */
export const GROWTH_POLES: (Place & {weight: number; reachKm: number})[] = [
  {name: "Xingsha", name_zh: "星沙", lon: 113.09, lat: 28.24, weight: 0.35, reachKm: 7},
  {name: "Meixi Lake–Yanghu", name_zh: "梅溪湖–洋湖", lon: 112.89, lat: 28.17, weight: 0.3, reachKm: 6},
  {name: "Jiuhua", name_zh: "九华", lon: 112.88, lat: 27.93, weight: 0.3, reachKm: 5},
  {name: "Muyun", name_zh: "暮云", lon: 113.0, lat: 28.04, weight: 0.25, reachKm: 5},
  {name: "Tianyuan", name_zh: "天元", lon: 113.07, lat: 27.82, weight: 0.25, reachKm: 5},
  {name: "Yunlong", name_zh: "云龙", lon: 113.2, lat: 27.93, weight: 0.2, reachKm: 4},
  {name: "Wangcheng", name_zh: "望城", lon: 112.84, lat: 28.35, weight: 0.25, reachKm: 5},
  {name: "Huanghua", name_zh: "黄花", lon: 113.2, lat: 28.2, weight: 0.2, reachKm: 4},
  {name: "Yisuhe", name_zh: "易俗河", lon: 112.96, lat: 27.78, weight: 0.2, reachKm: 4}
];

/** Main roads (sketched): they pull growth along them and show as broken thin lines of impervious pixels. */
export const ROADS: {name: string; line: LonLat[]}[] = [
  {
    name: "Changsha–Zhuzhou",
    line: [
      [112.99, 28.17],
      [113.02, 28.08],
      [113.05, 28.0],
      [113.09, 27.93],
      [113.12, 27.87]
    ]
  },
  {
    name: "Changsha–Xiangtan",
    line: [
      [112.975, 28.15],
      [112.975, 28.06],
      [112.96, 27.98],
      [112.94, 27.91],
      [112.925, 27.87]
    ]
  },
  {
    name: "Xiangtan–Zhuzhou",
    line: [
      [112.93, 27.86],
      [112.98, 27.85],
      [113.04, 27.86],
      [113.1, 27.845],
      [113.14, 27.835]
    ]
  },
  {
    name: "Changsha–Xingsha–airport",
    line: [
      [113.0, 28.2],
      [113.06, 28.23],
      [113.1, 28.23],
      [113.16, 28.2],
      [113.22, 28.19]
    ]
  },
  {
    name: "Changsha–Wangcheng",
    line: [
      [112.96, 28.24],
      [112.92, 28.29],
      [112.88, 28.33],
      [112.83, 28.36],
      [112.84, 28.45]
    ]
  },
  {
    name: "Changsha west",
    line: [
      [112.94, 28.2],
      [112.88, 28.2],
      [112.8, 28.22],
      [112.7, 28.24],
      [112.62, 28.25]
    ]
  },
  {
    name: "G4 expressway",
    line: [
      [113.08, 28.6],
      [113.09, 28.42],
      [113.08, 28.25],
      [113.07, 28.1],
      [113.06, 27.98],
      [113.05, 27.87],
      [113.02, 27.72],
      [113.0, 27.55],
      [112.98, 27.3]
    ]
  },
  {
    name: "Xiangtan–Yisuhe–south",
    line: [
      [112.93, 27.86],
      [112.95, 27.78],
      [112.93, 27.65],
      [112.9, 27.5],
      [112.86, 27.35]
    ]
  },
  {
    name: "Zhuzhou–Lukou",
    line: [
      [113.14, 27.83],
      [113.15, 27.76],
      [113.15, 27.7],
      [113.17, 27.6],
      [113.2, 27.45]
    ]
  },
  {
    name: "Changsha–Langli–east",
    line: [
      [113.03, 28.18],
      [113.1, 28.17],
      [113.2, 28.15],
      [113.3, 28.13],
      [113.42, 28.12]
    ]
  },
  {
    name: "Xiangtan west",
    line: [
      [112.9, 27.87],
      [112.82, 27.9],
      [112.72, 27.92],
      [112.62, 27.93]
    ]
  }
];

/** Hill massifs (relief bumps: height in relief units, radius km) and low plains (negative height). */
export const RELIEF: (Place & {height: number; radiusKm: number})[] = [
  {name: "Yuelu Mountain", name_zh: "岳麓山", lon: 112.93, lat: 28.185, height: 0.8, radiusKm: 1.6},
  {name: "hills west of Changsha", name_zh: "岳麓西部丘陵", lon: 112.78, lat: 28.15, height: 0.3, radiusKm: 9},
  {name: "Heimi Peak", name_zh: "黑麋峰", lon: 112.99, lat: 28.48, height: 0.5, radiusKm: 8},
  {name: "eastern hills of Changsha County", name_zh: "长沙县东部丘陵", lon: 113.33, lat: 28.42, height: 0.45, radiusKm: 15},
  {name: "green heart, Zhaoshan", name_zh: "绿心·昭山", lon: 113.03, lat: 27.96, height: 0.35, radiusKm: 6},
  {name: "southern hills of Xiangtan County", name_zh: "湘潭县南部丘陵", lon: 112.62, lat: 27.45, height: 0.35, radiusKm: 18},
  {name: "hills of Zhuzhou County", name_zh: "株洲县丘陵", lon: 113.27, lat: 27.45, height: 0.45, radiusKm: 15},
  {name: "hills toward Shaoshan", name_zh: "韶山方向丘陵", lon: 112.6, lat: 27.87, height: 0.25, radiusKm: 10},
  {name: "Weishui lake plain", name_zh: "沩水湖区平原", lon: 112.73, lat: 28.44, height: -0.35, radiusKm: 9},
  {name: "Juanshui plain", name_zh: "涓水平原", lon: 112.88, lat: 27.66, height: -0.2, radiusKm: 8}
];

/** Hills inside the city that stay forest (scenic areas). */
export const PROTECTED: (Place & {radiusKm: number})[] = [
  {name: "Yuelu Mountain", name_zh: "岳麓山", lon: 112.932, lat: 28.183, radiusKm: 1.2}
];

/** Ecological "green heart" between the three cities, where development is held back. */
export const GREEN_HEART = {lon: 113.02, lat: 27.95, radiusKm: 7};

/** Islands in the Xiangjiang channel: Juzizhou at Changsha (park and buildings). */
export const ISLANDS = [{name: "Juzizhou", name_zh: "橘子洲", latFrom: 28.153, latTo: 28.205, halfWidthKm: 0.1}];

// ---------------------------------------------------------------------------
// Rivers

/** Shared border of two districts as one polyline (the longest chain if there are several). */
export function sharedBorder(features: DistrictFeature[], codeA: string, codeB: string): LonLat[] {
  const edgesOf = (code: string) => {
    const f = features.find((d) => d.properties.code === code);
    if (!f) throw new Error(`district ${code} not in the boundary`);
    const set = new Set<string>();
    for (const r of ringsOf(f)) for (let i = 0; i + 1 < r.length; i++) set.add(edgeKey(r[i], r[i + 1]));
    return set;
  };
  const a = edgesOf(codeA);
  const b = edgesOf(codeB);
  const adj = new Map<string, string[]>();
  for (const k of [...a].filter((k) => b.has(k)).sort()) {
    const [p, q] = k.split("|");
    adj.set(p, [...(adj.get(p) ?? []), q]);
    adj.set(q, [...(adj.get(q) ?? []), p]);
  }
  const chains: LonLat[][] = [];
  const seen = new Set<string>();
  for (const start of [...adj.keys()].sort()) {
    if (seen.has(start) || adj.get(start)!.length !== 1) continue;
    const chain = [start];
    seen.add(start);
    for (let cur = start; ;) {
      const next = adj.get(cur)!.find((p) => !seen.has(p));
      if (!next) break;
      chain.push(next);
      seen.add(next);
      cur = next;
    }
    chains.push(chain.map((s) => s.split(",").map(Number) as LonLat));
  }
  if (chains.length === 0) throw new Error(`districts ${codeA} and ${codeB} share no open border`);
  return chains.reduce((l, c) => (c.length > l.length ? c : l));
}

function edgeKey(p: number[], q: number[]): string {
  const a = `${p[0]},${p[1]}`;
  const b = `${q[0]},${q[1]}`;
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

const kmDist = (a: LonLat, b: LonLat) => Math.hypot((a[0] - b[0]) * KM_PER_DEG_LON, (a[1] - b[1]) * KM_PER_DEG_LAT);

/** Join pieces end to end, reversing any piece whose far end is nearer the line so far. */
function joinPieces(pieces: LonLat[][]): LonLat[] {
  const out: LonLat[] = [...pieces[0]];
  for (const piece of pieces.slice(1)) {
    const last = out[out.length - 1];
    const p = kmDist(piece[0], last) <= kmDist(piece[piece.length - 1], last) ? piece : [...piece].reverse();
    out.push(...(kmDist(p[0], last) < 1e-9 ? p.slice(1) : p));
  }
  return out;
}

/** Chaikin corner cutting: removes the 1/1024° staircase of the package's borders. Keeps the end points. */
function chaikin(line: LonLat[], iterations: number): LonLat[] {
  let l = line;
  for (let k = 0; k < iterations; k++) {
    const out: LonLat[] = [l[0]];
    for (let i = 0; i + 1 < l.length; i++) {
      const [a, b] = [l[i], l[i + 1]];
      out.push([0.75 * a[0] + 0.25 * b[0], 0.75 * a[1] + 0.25 * b[1]], [0.25 * a[0] + 0.75 * b[0], 0.25 * a[1] + 0.75 * b[1]]);
    }
    out.push(l[l.length - 1]);
    l = out;
  }
  return l;
}

/** Resample a polyline at a fixed spacing (km) along its length. */
export function resample(line: LonLat[], stepKm: number): LonLat[] {
  const out: LonLat[] = [line[0]];
  let carry = 0;
  for (let i = 0; i + 1 < line.length; i++) {
    const [a, b] = [line[i], line[i + 1]];
    const len = kmDist(a, b);
    let s = stepKm - carry;
    while (s <= len) {
      const t = s / len;
      out.push([a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t]);
      s += stepKm;
    }
    carry = len - (s - stepKm);
  }
  const last = line[line.length - 1];
  if (kmDist(out[out.length - 1], last) > stepKm * 0.25) out.push(last);
  else out[out.length - 1] = last;
  return out;
}

/** Catmull-Rom spline through control points, sampled every stepKm. */
function spline(points: LonLat[], stepKm: number): LonLat[] {
  const p = [points[0], ...points, points[points.length - 1]];
  const dense: LonLat[] = [];
  for (let i = 1; i + 2 < p.length; i++) {
    const n = Math.max(2, Math.ceil(kmDist(p[i], p[i + 1]) / (stepKm / 2)));
    for (let k = 0; k < n; k++) {
      const t = k / n;
      const t2 = t * t;
      const t3 = t2 * t;
      const f = (j: 0 | 1) =>
        0.5 *
        (2 * p[i][j] +
          (-p[i - 1][j] + p[i + 1][j]) * t +
          (2 * p[i - 1][j] - 5 * p[i][j] + 4 * p[i + 1][j] - p[i + 2][j]) * t2 +
          (-p[i - 1][j] + 3 * p[i][j] - 3 * p[i + 1][j] + p[i + 2][j]) * t3);
      dense.push([f(0), f(1)]);
    }
  }
  dense.push(points[points.length - 1]);
  return resample(dense, stepKm);
}

/**
 * Add meanders: shift each vertex sideways by smooth 1-D noise of the distance
 * along the line (amplitude km, wavelength km), tapering to zero at both ends
 * so that confluences stay put.
 */
function meander(line: LonLat[], amplitudeKm: number, wavelengthKm: number, salt: number): LonLat[] {
  const s: number[] = [0];
  for (let i = 1; i < line.length; i++) s.push(s[i - 1] + kmDist(line[i - 1], line[i]));
  const total = s[s.length - 1];
  return line.map((p, i) => {
    const a = line[Math.max(0, i - 1)];
    const b = line[Math.min(line.length - 1, i + 1)];
    const dx = (b[0] - a[0]) * KM_PER_DEG_LON;
    const dy = (b[1] - a[1]) * KM_PER_DEG_LAT;
    const len = Math.hypot(dx, dy) || 1;
    const taper = Math.min(1, s[i] / 2, (total - s[i]) / 2);
    // A sine whose phase and amplitude drift with smooth noise: regular enough to read as meanders, never periodic.
    const phase = (2 * Math.PI * s[i]) / wavelengthKm + 2.5 * valueNoise(s[i] / (3 * wavelengthKm), 0.5, salt);
    const amp = amplitudeKm * (0.55 + 0.45 * valueNoise(s[i] / (2 * wavelengthKm), 7.5, salt));
    // Plus slow bends of the whole course, so the sketched line does not run straight between control points.
    const bend =
      5 * amplitudeKm * (valueNoise(s[i] / (4 * wavelengthKm), 3.5, salt) + 0.5 * valueNoise(s[i] / (1.5 * wavelengthKm), 9.5, salt));
    const off = taper * (amp * Math.sin(phase) + bend);
    return [p[0] + (-dy / len) * (off / KM_PER_DEG_LON), p[1] + (dx / len) * (off / KM_PER_DEG_LAT)];
  });
}

/** Nearest vertex of `line` to `p`. */
function nearestOn(line: LonLat[], p: LonLat): LonLat {
  return line.reduce((best, q) => (kmDist(q, p) < kmDist(best, p) ? q : best));
}

const round5 = (l: LonLat[]): LonLat[] => l.map(([x, y]) => [Math.round(x * 1e5) / 1e5, Math.round(y * 1e5) / 1e5]);

/** Tributaries, sketched: control points from upstream (outside the area where the river enters it) to near the mouth. */
const TRIBUTARIES: {name: string; name_zh: string; points: LonLat[]; halfWidthKm: [number, number]; meander: [number, number]}[] = [
  {
    name: "Weishui",
    name_zh: "沩水",
    points: [
      [112.6, 28.3],
      [112.66, 28.33],
      [112.71, 28.37],
      [112.75, 28.41],
      [112.79, 28.44],
      [112.835, 28.45]
    ],
    halfWidthKm: [0.04, 0.06],
    meander: [0.35, 2.2]
  },
  {
    name: "Laodao River",
    name_zh: "捞刀河",
    points: [
      [113.3, 28.42],
      [113.22, 28.37],
      [113.14, 28.33],
      [113.07, 28.31],
      [113.01, 28.3],
      [112.96, 28.29]
    ],
    halfWidthKm: [0.025, 0.045],
    meander: [0.3, 1.8]
  },
  {
    name: "Liuyang River",
    name_zh: "浏阳河",
    points: [
      [113.45, 28.12],
      [113.36, 28.1],
      [113.27, 28.13],
      [113.2, 28.16],
      [113.14, 28.17],
      [113.1, 28.185],
      [113.06, 28.2],
      [113.03, 28.215],
      [113.0, 28.24],
      [112.966, 28.262]
    ],
    halfWidthKm: [0.045, 0.065],
    meander: [0.55, 2.4]
  },
  {
    name: "Jinjiang River",
    name_zh: "靳江河",
    points: [
      [112.7, 28.06],
      [112.77, 28.09],
      [112.84, 28.11],
      [112.9, 28.12],
      [112.957, 28.128]
    ],
    halfWidthKm: [0.018, 0.03],
    meander: [0.2, 1.3]
  },
  {
    name: "Juanshui",
    name_zh: "涓水",
    points: [
      [112.8, 27.45],
      [112.84, 27.55],
      [112.88, 27.64],
      [112.91, 27.71],
      [112.94, 27.76],
      [112.95, 27.8]
    ],
    halfWidthKm: [0.025, 0.045],
    meander: [0.35, 2.0]
  },
  {
    name: "Lushui",
    name_zh: "渌水",
    points: [
      [113.4, 27.62],
      [113.32, 27.64],
      [113.25, 27.66],
      [113.19, 27.68],
      [113.14, 27.705]
    ],
    halfWidthKm: [0.05, 0.07],
    meander: [0.35, 2.2]
  }
];

/**
 * All river centrelines. The Xiangjiang is the chain of district borders it
 * forms from Zhuzhou County to Wangcheng (smoothed), extended by sketched
 * reaches where it runs inside a district; the lower Lianshui is the
 * Yuhu–Xiangtan County border. Tributaries are sketched, given meanders,
 * and end on the Xiangjiang.
 */
export function deriveRivers(districts: DistrictFeature[]): River[] {
  const b = (x: string, y: string) => sharedBorder(districts, x, y);
  // Downstream order, Zhuzhou County → Wangcheng.
  const pieces = [
    b("430221", "430321"),
    b("430211", "430221"),
    b("430203", "430211"),
    b("430204", "430211"),
    b("430211", "430304"),
    b("430304", "430321"),
    b("430302", "430304"),
    b("430103", "430302"),
    b("430103", "430104"),
    b("430104", "430105")
  ];
  // Kaifu–Wangcheng follows the river only until its westernmost point (then it is a land border).
  const kw = b("430105", "430112");
  const kwFromRiver = kmDist(kw[0], [112.963, 28.275]) < kmDist(kw[kw.length - 1], [112.963, 28.275]) ? kw : [...kw].reverse();
  const west = kwFromRiver.reduce((m, p, i) => (p[0] < kwFromRiver[m][0] ? i : m), 0);
  pieces.push(kwFromRiver.slice(0, west + 1));
  let xiang = chaikin(joinPieces(pieces), 3);
  // Sketched reaches: entering from Hengdong in the south, and north through Wangcheng to Qiaokou.
  const south = spline([[113.03, 27.38], [113.01, 27.41], xiang[0]], 0.08);
  const north = meander(
    spline(
      [
        xiang[xiang.length - 1],
        [112.885, 28.355],
        [112.862, 28.39],
        [112.848, 28.425],
        [112.833, 28.455],
        [112.816, 28.495],
        [112.806, 28.535],
        [112.8, 28.565],
        [112.8, 28.61]
      ],
      0.08
    ),
    0.35,
    4,
    0x5eed
  );
  xiang = resample([...south, ...xiang.slice(1), ...north.slice(1)], 0.08);
  const rivers: River[] = [
    {
      name: "Xiangjiang",
      name_zh: "湘江",
      line: round5(xiang),
      halfWidthKm: [0.3, 0.45],
      source:
        "district borders (smoothed) from Zhuzhou County to Wangcheng; sketched upstream of Zhuzhou County and through northern Wangcheng"
    }
  ];
  // Lower Lianshui: the Yuhu–Xiangtan County border, ending at the Xiangjiang.
  const lian = b("430302", "430321");
  const lianUp = kmDist(lian[0], xiang[0]) > kmDist(lian[lian.length - 1], xiang[0]) ? lian : [...lian].reverse();
  rivers.push({
    name: "Lianshui",
    name_zh: "涟水",
    line: round5(resample([...spline([[112.64, 27.94], [112.68, 27.93], lianUp[0]], 0.08), ...chaikin(lianUp, 3).slice(1)], 0.08)),
    halfWidthKm: [0.06, 0.08],
    source: "Yuhu–Xiangtan County border (smoothed); sketched upstream"
  });
  TRIBUTARIES.forEach((t, k) => {
    const pts = [...t.points.slice(0, -1), nearestOn(xiang, t.points[t.points.length - 1])];
    const line = meander(spline(pts, 0.08), t.meander[0], t.meander[1], 0x7a1b + k);
    rivers.push({name: t.name, name_zh: t.name_zh, line: round5(line), halfWidthKm: t.halfWidthKm, source: "sketched"});
  });
  return rivers;
}

export function riversGeoJson(rivers: River[]): object {
  return {
    type: "FeatureCollection",
    features: rivers.map((r) => ({
      type: "Feature",
      properties: {
        name: r.name,
        name_zh: r.name_zh,
        reconstructed: true,
        approximate: true,
        source: r.source,
        half_width_km: r.halfWidthKm
      },
      geometry: {type: "LineString", coordinates: r.line}
    }))
  };
}

export function citiesGeoJson(): object {
  return {
    type: "FeatureCollection",
    features: CITIES.map((c) => ({
      type: "Feature",
      properties: {
        name: c.name,
        name_zh: c.name_zh,
        reconstructed: true,
        approximate: true,
        note: "approximate city centre used by the reconstruction"
      },
      geometry: {type: "Point", coordinates: [c.lon, c.lat]}
    }))
  };
}
