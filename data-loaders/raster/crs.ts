// The raster's CRS from its GeoKeys: a geographic CRS with its ellipsoid, or a
// projected CRS as a proj4 string (EPSG codes we know, or a user-defined
// projection spelled out in the keys, as GDAL writes for e.g. the Krasovsky
// Albers grids of Chinese land-use products). Datums are not shifted: a
// WGS84 mask and a Krasovsky raster are taken to share lon/lat, which is what
// PROJ and GDAL do for a datum without known parameters.
import {GRS80, KRASOVSKY, WGS84, type Ellipsoid} from "../../src/lib/geodesy.js";
import type {GeoKeys, RasterInfo} from "./open-raster.js";
import {isEqualAreaProj, normalizeProj} from "./proj.js";

export type RasterCrs =
  | {kind: "geographic"; name: string; ellipsoid: Ellipsoid; proj4: string}
  | {kind: "projected"; name: string; proj4: string; equalArea: boolean; toMetre: number};

const ELLIPSOIDS: Record<number, Ellipsoid> = {
  7030: WGS84,
  7019: GRS80,
  1024: GRS80, // CGCS2000 ellipsoid: same a and 1/f as GRS80
  7024: KRASOVSKY,
  7022: {a: 6378388, rf: 297}, // International 1924
  7049: {a: 6378140, rf: 298.257}, // IAG 1975 (Xian 1980)
  7043: {a: 6378135, rf: 298.26} // WGS72
};

/** Geographic CRSs by EPSG code: name and ellipsoid. */
const GEOGRAPHIC: Record<number, [string, Ellipsoid]> = {
  4326: ["WGS 84", WGS84],
  4490: ["China Geodetic Coordinate System 2000", GRS80],
  4214: ["Beijing 1954", KRASOVSKY],
  4610: ["Xian 1980", ELLIPSOIDS[7049]],
  4269: ["NAD83", GRS80],
  4258: ["ETRS89", GRS80],
  4283: ["GDA94", GRS80],
  4019: ["Unknown datum based on GRS 1980 ellipsoid", GRS80],
  4024: ["Unknown datum based on Krassowsky 1940 ellipsoid", KRASOVSKY],
  4322: ["WGS 72", ELLIPSOIDS[7043]]
};

/** Projected CRSs by EPSG code, beyond the UTM zones computed below. */
const PROJECTED: Record<number, [string, string]> = {
  3857: [
    "WGS 84 / Pseudo-Mercator",
    "+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +nadgrids=@null +no_defs"
  ],
  6933: ["WGS 84 / NSIDC EASE-Grid 2.0 Global", "+proj=cea +lat_ts=30 +lon_0=0 +x_0=0 +y_0=0 +datum=WGS84 +units=m +no_defs"],
  3035: ["ETRS89-extended / LAEA Europe", "+proj=laea +lat_0=52 +lon_0=10 +x_0=4321000 +y_0=3210000 +ellps=GRS80 +units=m +no_defs"],
  5070: ["NAD83 / Conus Albers", "+proj=aea +lat_0=23 +lon_0=-96 +lat_1=29.5 +lat_2=45.5 +x_0=0 +y_0=0 +ellps=GRS80 +units=m +no_defs"]
};

/** GeoTIFF coordinate transformation codes → proj4 projection names. */
const TRANSFORMS: Record<number, string> = {
  1: "tmerc",
  7: "merc",
  8: "lcc",
  9: "lcc",
  10: "laea",
  11: "aea",
  12: "aeqd",
  13: "eqdc",
  14: "stere",
  15: "stere",
  17: "eqc",
  24: "sinu",
  28: "cea"
};

const LINEAR_UNITS: Record<number, number> = {9001: 1, 9002: 0.3048, 9003: 1200 / 3937};

const num = (k: GeoKeys, name: string): number | undefined => {
  const v = k[name];
  return typeof v === "number" ? v : Array.isArray(v) && typeof v[0] === "number" ? v[0] : undefined;
};
const firstOf = (k: GeoKeys, names: string[], fallback: number): number => {
  for (const n of names) {
    const v = num(k, n);
    if (v !== undefined) return v;
  }
  return fallback;
};

function ellipsoidOf(k: GeoKeys, info: RasterInfo): Ellipsoid {
  const a = num(k, "GeogSemiMajorAxisGeoKey");
  const rf = num(k, "GeogInvFlatteningGeoKey");
  const b = num(k, "GeogSemiMinorAxisGeoKey");
  if (a && rf !== undefined) return {a, rf};
  if (a && b) return {a, rf: a === b ? 0 : a / (a - b)};
  const code = num(k, "GeogEllipsoidGeoKey");
  if (code && code !== 32767) {
    if (ELLIPSOIDS[code]) return ELLIPSOIDS[code];
    throw new Error(
      `${info.name}: ellipsoid EPSG:${code} is not known to this tool; give its axes in the GeoKeys (gdal_edit.py -a_srs with a +a= +rf= proj string)`
    );
  }
  const geog = num(k, "GeographicTypeGeoKey");
  if (geog && GEOGRAPHIC[geog]) return GEOGRAPHIC[geog][1];
  if (geog && geog !== 32767) {
    throw new Error(
      `${info.name}: geographic CRS EPSG:${geog} is not known to this tool; expected one of ${Object.keys(GEOGRAPHIC).join(", ")} or explicit ellipsoid keys`
    );
  }
  process.stderr.write(`warning: ${info.name}: no ellipsoid in the GeoKeys; assuming WGS84\n`);
  return WGS84;
}

const ellipsoidProj = (e: Ellipsoid): string => (e.rf ? `+a=${e.a} +rf=${e.rf}` : `+a=${e.a} +b=${e.a}`);

function utm(code: number): [string, string] | undefined {
  const north = code >= 32601 && code <= 32660;
  const south = code >= 32701 && code <= 32760;
  if (!north && !south) return undefined;
  const zone = code % 100;
  return [
    `WGS 84 / UTM zone ${zone}${north ? "N" : "S"}`,
    `+proj=utm +zone=${zone}${south ? " +south" : ""} +datum=WGS84 +units=m +no_defs`
  ];
}

export function rasterCrs(info: RasterInfo): RasterCrs {
  const k = info.geoKeys;
  const model = num(k, "GTModelTypeGeoKey");
  if (model === 2) {
    const units = num(k, "GeogAngularUnitsGeoKey");
    if (units !== undefined && units !== 9102 && units !== 9122) {
      throw new Error(`${info.name}: geographic coordinates in angular unit EPSG:${units}; expected degrees`);
    }
    const ellipsoid = ellipsoidOf(k, info);
    const code = num(k, "GeographicTypeGeoKey");
    const name = code && GEOGRAPHIC[code] ? `EPSG:${code} ${GEOGRAPHIC[code][0]}` : `geographic (a=${ellipsoid.a}, 1/f=${ellipsoid.rf})`;
    return {kind: "geographic", name, ellipsoid, proj4: `+proj=longlat ${ellipsoidProj(ellipsoid)} +no_defs`};
  }
  if (model !== 1) throw new Error(`${info.name}: GeoTIFF model type ${model} is neither geographic nor projected`);

  const pcs = num(k, "ProjectedCSTypeGeoKey");
  if (pcs && pcs !== 32767) {
    const known = PROJECTED[pcs] ?? utm(pcs);
    if (!known) {
      throw new Error(
        `${info.name}: projected CRS EPSG:${pcs} is not known to this tool; re-tag the file with its full definition ` +
          `(gdal_translate -a_srs "<proj string>") so the GeoKeys spell out the projection`
      );
    }
    const proj4 = normalizeProj(known[1]);
    return {kind: "projected", name: `EPSG:${pcs} ${known[0]}`, proj4, equalArea: isEqualAreaProj(proj4), toMetre: 1};
  }
  const ct = num(k, "ProjCoordTransGeoKey");
  const projName = ct !== undefined ? TRANSFORMS[ct] : undefined;
  if (!projName) {
    throw new Error(
      `${info.name}: user-defined projection with GeoTIFF transform code ${ct ?? "(none)"} is not supported; supported codes: ${Object.keys(TRANSFORMS).join(", ")}`
    );
  }
  const unitCode = num(k, "ProjLinearUnitsGeoKey") ?? 9001;
  const toMetre = LINEAR_UNITS[unitCode];
  if (!toMetre) throw new Error(`${info.name}: linear unit EPSG:${unitCode} is not supported; expected metres or feet`);

  const lat0 = firstOf(k, ["ProjNatOriginLatGeoKey", "ProjFalseOriginLatGeoKey", "ProjCenterLatGeoKey"], 0);
  const lon0 = firstOf(
    k,
    ["ProjNatOriginLongGeoKey", "ProjFalseOriginLongGeoKey", "ProjCenterLongGeoKey", "ProjStraightVertPoleLongGeoKey"],
    0
  );
  // False easting/northing are in the projection's linear unit; proj4 wants metres.
  const x0 = firstOf(k, ["ProjFalseEastingGeoKey", "ProjFalseOriginEastingGeoKey", "ProjCenterEastingGeoKey"], 0) * toMetre;
  const y0 = firstOf(k, ["ProjFalseNorthingGeoKey", "ProjFalseOriginNorthingGeoKey", "ProjCenterNorthingGeoKey"], 0) * toMetre;
  const scale = firstOf(k, ["ProjScaleAtNatOriginGeoKey", "ProjScaleAtCenterGeoKey"], 1);
  const lat1 = num(k, "ProjStdParallel1GeoKey");
  const lat2 = num(k, "ProjStdParallel2GeoKey") ?? lat1;
  const parts = [`+proj=${projName}`];
  if (projName === "aea" || projName === "eqdc" || (projName === "lcc" && ct === 8)) {
    parts.push(`+lat_0=${lat0} +lon_0=${lon0} +lat_1=${lat1 ?? lat0} +lat_2=${lat2 ?? lat0}`);
  } else if (projName === "lcc") {
    parts.push(`+lat_0=${lat0} +lon_0=${lon0} +lat_1=${lat0} +k_0=${scale}`);
  } else if (projName === "merc" || projName === "eqc" || projName === "cea") {
    parts.push(lat1 !== undefined ? `+lat_ts=${lat1} +lon_0=${lon0}` : `+lon_0=${lon0} +k_0=${scale}`);
  } else if (projName === "stere" && ct === 15) {
    parts.push(`+lat_0=${lat0 >= 0 ? 90 : -90} +lat_ts=${lat0} +lon_0=${lon0} +k_0=${scale}`);
  } else if (projName === "tmerc" || projName === "stere") {
    parts.push(`+lat_0=${lat0} +lon_0=${lon0} +k_0=${scale}`);
  } else {
    parts.push(`+lat_0=${lat0} +lon_0=${lon0}`);
  }
  parts.push(`+x_0=${x0} +y_0=${y0}`, ellipsoidProj(ellipsoidOf(k, info)), "+units=m +no_defs");
  const proj4 = normalizeProj(parts.join(" "));
  const citation = typeof k.GTCitationGeoKey === "string" && k.GTCitationGeoKey !== "unknown" ? k.GTCitationGeoKey : "user-defined";
  return {kind: "projected", name: `${citation} (${proj4})`, proj4, equalArea: isEqualAreaProj(proj4), toMetre};
}
