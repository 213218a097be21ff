// Map frames for the study area: a projection fitted to the study outline
// with the right aspect for its latitude, the plot height that goes with the
// width, GeoJSON winding fixed for d3, and cell squares built from centres
// when the pipeline's cell GeoJSON is not at hand.
//
// Projection: by default an equidistant cylindrical projection whose standard
// parallel is the centre latitude of the outline (x = λ·cos φ₀, y = φ). At
// 28° N this shrinks longitude by cos 28° ≈ 0.88 relative to latitude, so a
// km is as long east–west as north–south in the study area (plain
// equirectangular, φ₀ = 0, would stretch the map 13 % east–west), and a
// geographic (WGS84) raster such as CLCD stays an axis-aligned rectangle, so
// display rasters need no warping. "conic-equal-area" (parallels 25° N and
// 47° N, central meridian 105° E, the usual projection for China) is the
// alternative; rasters are then drawn by their corners only (small error).
import * as d3 from "d3";
import type {Feature, FeatureCollection, GeoJsonObject, Geometry, Polygon, Position} from "geojson";
import {kmPerDegree} from "./map-furniture.js";

export type MapProjectionType = "equirectangular" | "conic-equal-area";

export interface MapFrameOptions {
  width: number;
  /** projection; default "equirectangular" (with the outline's centre latitude as standard parallel) */
  projection?: MapProjectionType;
  /** space around the outline, px */
  margin?: number;
  /** extra space at the top, px (labels) */
  marginTop?: number;
  /** tallest map, px; the map is then narrower than width and centred */
  maxHeight?: number;
}

export interface MapFrame {
  projection: d3.GeoProjection;
  width: number;
  height: number;
  /** standard parallel used, degrees (equirectangular) */
  parallel?: number;
}

/** Equidistant cylindrical projection with standard parallel φ₀ (degrees). */
export function localEquirectangular(parallelDeg: number): d3.GeoProjection {
  const k = Math.cos((parallelDeg * Math.PI) / 180);
  const raw: d3.GeoRawProjection = (lambda, phi) => [lambda * k, phi];
  raw.invert = (x, y) => [x / k, y];
  // straight lines in lon/lat stay straight here: no adaptive resampling needed (it is the costly step for thousands of cells)
  return d3.geoProjection(raw).precision(0);
}

/** Conic equal-area projection for China (parallels 25° N and 47° N, central meridian 105° E). */
export function chinaConicEqualArea(): d3.GeoProjection {
  return d3.geoConicEqualArea().parallels([25, 47]).rotate([-105, 0]);
}

/** A projection fitted to `domain` inside width × height, and the height that keeps the aspect. */
export function fitMap(domain: GeoJsonObject, options: MapFrameOptions): MapFrame {
  const {width, margin = 4, marginTop = 0, maxHeight = 720} = options;
  const bounds = d3.geoBounds(domain as d3.GeoPermissibleObjects);
  const parallel = (bounds[0][1] + bounds[1][1]) / 2;
  const projection = options.projection === "conic-equal-area" ? chinaConicEqualArea() : localEquirectangular(parallel);
  projection.scale(1).translate([0, 0]);
  const [[x0, y0], [x1, y1]] = d3.geoPath(projection).bounds(domain as d3.GeoPermissibleObjects);
  const aspect = x1 > x0 && y1 > y0 ? (y1 - y0) / (x1 - x0) : 1;
  const inner = Math.max(1, width - 2 * margin);
  const height = Math.round(Math.min(maxHeight, inner * aspect + 2 * margin + marginTop));
  projection.fitExtent(
    [
      [margin, margin + marginTop],
      [width - margin, height - margin]
    ],
    domain as d3.GeoPermissibleObjects
  );
  return {projection, width, height, parallel: options.projection === "conic-equal-area" ? undefined : parallel};
}

// ------------------------------------------------------------- winding

function reverseRing(ring: Position[]): Position[] {
  return ring.slice().reverse();
}

function fixPolygon(rings: Position[][]): Position[][] {
  if (!rings.length) return rings;
  // d3-geo wants exterior rings clockwise (RFC 7946 says anticlockwise): a
  // ring enclosing more than a hemisphere is wound the other way round.
  const area = d3.geoArea({type: "Polygon", coordinates: [rings[0]]});
  return area > 2 * Math.PI ? rings.map(reverseRing) : rings;
}

function fixGeometry(g: Geometry | null): Geometry | null {
  if (!g) return g;
  switch (g.type) {
    case "Polygon":
      return {...g, coordinates: fixPolygon(g.coordinates)};
    case "MultiPolygon":
      return {...g, coordinates: g.coordinates.map(fixPolygon)};
    case "GeometryCollection":
      return {...g, geometries: g.geometries.map((x) => fixGeometry(x) as Geometry)};
    default:
      return g;
  }
}

/** The same GeoJSON with polygon rings wound as d3-geo expects (either input winding accepted). */
export function rewind<T extends GeoJsonObject>(geo: T): T {
  const g = geo as unknown as GeoJsonObject & Record<string, unknown>;
  if (g.type === "FeatureCollection") {
    const fc = geo as unknown as FeatureCollection;
    return {...fc, features: fc.features.map((f) => ({...f, geometry: fixGeometry(f.geometry) as Geometry}))} as unknown as T;
  }
  if (g.type === "Feature") {
    const f = geo as unknown as Feature;
    return {...f, geometry: fixGeometry(f.geometry) as Geometry} as unknown as T;
  }
  return fixGeometry(geo as unknown as Geometry) as unknown as T;
}

// --------------------------------------------------------------- cells

/** km per degree of latitude and of longitude at latitude φ (WGS84): defined with the map furniture (d3-free). */
export {kmPerDegree};

/**
 * A square of side `cellKm` around a cell centre, as a lon/lat polygon wound
 * for d3. The pipeline's cells are squares in an equal-area projection; this
 * approximation is for drawing only, when grid-cells.json is not passed.
 */
export function cellSquare(lon: number, lat: number, cellKm: number): Polygon {
  const k = kmPerDegree(lat);
  const dy = cellKm / 2 / k.lat;
  const dx = cellKm / 2 / k.lon;
  const [w, e, s, n] = [lon - dx, lon + dx, lat - dy, lat + dy];
  return {
    type: "Polygon",
    coordinates: [
      [
        [w, s],
        [w, n],
        [e, n],
        [e, s],
        [w, s]
      ]
    ]
  };
}

/** Features of `cells` by their `id` property (or feature id), rewound for d3. */
export function cellIndex(cells: FeatureCollection | null | undefined): Map<number, Geometry> {
  const index = new Map<number, Geometry>();
  if (!cells) return index;
  for (const f of rewind(cells).features) {
    const id = Number(f.properties?.id ?? f.id);
    if (Number.isFinite(id) && f.geometry) index.set(id, f.geometry);
  }
  return index;
}

/** The bounding polygon of a set of geometries (for a domain when no outline is given). */
export function collection(geometries: Geometry[]): FeatureCollection {
  return {type: "FeatureCollection", features: geometries.map((geometry) => ({type: "Feature", properties: {}, geometry}))};
}

/** A lon/lat rectangle [west, south, east, north] as a polygon wound for d3. */
export function boundsPolygon([w, s, e, n]: readonly [number, number, number, number]): Polygon {
  return {
    type: "Polygon",
    coordinates: [
      [
        [w, s],
        [w, n],
        [e, n],
        [e, s],
        [w, s]
      ]
    ]
  };
}
