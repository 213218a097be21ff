// Map furniture shared by every map (GridMap, LisaMap, LandCoverMap,
// StudyAreaMap): a scale bar, a north arrow, and optionally rivers (thin blue
// lines with italic names) and named places (dots with names), so that a
// reader can measure a cluster and relate it to a city.
//
// Everything is drawn by one Plot render function, `mapFurniture(...)`, put
// last in a map's marks: it projects with the plot's own projection
// (context.projection, a d3 projection or a bare stream transform), so it is
// right for whatever projection and fit the map uses. No d3 or Plot import
// here (the overview's StudyAreaMap must stay light).
//
// Scale: the maps use an equidistant cylindrical projection whose standard
// parallel is the outline's centre latitude (map.ts localEquirectangular,
// study-area-map.ts lonLatProjection), which is true to scale east–west and
// north–south at that latitude. The scale bar's px per km is measured there:
// two points at the map's centre, a known number of km apart east–west on the
// WGS84 ellipsoid, are projected and their distance in px divided by the km.
import type {RenderFunction} from "@observablehq/plot";
import type {Feature, FeatureCollection, GeoJsonObject, Geometry, LineString, MultiLineString, Point, Position} from "geojson";

/** Blue of rivers and their names (as StudyAreaMap). */
export const RIVER_COLOR = "#1f78c1";

export interface MapFurnitureLayers {
  /** named places: points with a `name` property (study.json `places`) */
  places?: FeatureCollection | null;
  /** rivers: lines with a `name` property (study.json `rivers`) */
  rivers?: FeatureCollection | null;
  /** the main river's name (drawn wider and labelled in bold) */
  river?: string | null;
}

export interface MapFurnitureOptions extends MapFurnitureLayers {
  /** what the map shows (the outline, or the cells' extent): its centre sets the scale, its shape where the furniture goes */
  domain: GeoJsonObject | null;
  /** draw the scale bar; default true */
  scaleBar?: boolean;
  /** draw the north arrow; default true */
  northArrow?: boolean;
  /** the longest scale bar, px; default a quarter of the map's width, at most 160 */
  maxBarPx?: number;
}

const SVG_NS = "http://www.w3.org/2000/svg";

/** km per degree of latitude and of longitude at latitude φ (WGS84, series to 2nd order). */
export function kmPerDegree(latDeg: number): {lat: number; lon: number} {
  const p = (latDeg * Math.PI) / 180;
  return {
    lat: 111.132954 - 0.559822 * Math.cos(2 * p) + 0.001175 * Math.cos(4 * p),
    lon: 111.412876 * Math.cos(p) - 0.09351 * Math.cos(3 * p) + 0.000118 * Math.cos(5 * p)
  };
}

/** Anything with a d3 stream: a d3 projection, a geoTransform, Plot's context.projection. */
export interface Streamable {
  stream(sink: StreamSink): StreamSink;
}
interface StreamSink {
  point(x: number, y: number, z?: number): void;
  lineStart(): void;
  lineEnd(): void;
  polygonStart(): void;
  polygonEnd(): void;
  sphere?(): void;
}

const noop = () => {};

/** A lon/lat point in px through a projection's stream; null if the projection drops it. */
export function projectPoint(projection: Streamable, lon: number, lat: number): [number, number] | null {
  let out: [number, number] | null = null;
  const stream = projection.stream({
    point: (x, y) => {
      out = [x, y];
    },
    lineStart: noop,
    lineEnd: noop,
    polygonStart: noop,
    polygonEnd: noop,
    sphere: noop
  });
  stream.point(lon, lat);
  return out;
}

/** Rings of a (multi)polygon geometry in px, through the projection's stream. */
function projectRings(projection: Streamable, g: Geometry | null | undefined, out: [number, number][][] = []): [number, number][][] {
  if (!g) return out;
  const polygons: Position[][][] =
    g.type === "Polygon" ? [g.coordinates] : g.type === "MultiPolygon" ? g.coordinates : g.type === "GeometryCollection" ? [] : [];
  if (g.type === "GeometryCollection") for (const x of g.geometries) projectRings(projection, x, out);
  for (const rings of polygons)
    for (const ring of rings) {
      const px: [number, number][] = [];
      const s = projection.stream({
        point: (x, y) => px.push([x, y]),
        lineStart: noop,
        lineEnd: noop,
        polygonStart: noop,
        polygonEnd: noop,
        sphere: noop
      });
      s.lineStart();
      for (const [lon, lat] of ring) s.point(lon, lat);
      s.lineEnd();
      if (px.length > 2) out.push(px);
    }
  return out;
}

function geometries(domain: GeoJsonObject | null | undefined): Geometry[] {
  if (!domain) return [];
  const d = domain as GeoJsonObject & {features?: Feature[]; geometry?: Geometry};
  if (d.type === "FeatureCollection") return (d.features ?? []).map((f) => f.geometry).filter((g): g is Geometry => !!g);
  if (d.type === "Feature") return d.geometry ? [d.geometry] : [];
  return [domain as Geometry];
}

function positions(g: Geometry | null | undefined, out: Position[] = []): Position[] {
  if (!g) return out;
  switch (g.type) {
    case "Point":
      out.push(g.coordinates);
      break;
    case "MultiPoint":
    case "LineString":
      out.push(...g.coordinates);
      break;
    case "MultiLineString":
    case "Polygon":
      for (const r of g.coordinates) out.push(...r);
      break;
    case "MultiPolygon":
      for (const p of g.coordinates) for (const r of p) out.push(...r);
      break;
    case "GeometryCollection":
      for (const x of g.geometries) positions(x, out);
      break;
  }
  return out;
}

/** [west, south, east, north] of a GeoJSON object (plain min/max: for regional maps, not across the antimeridian). */
export function lonLatBounds(domain: GeoJsonObject | null | undefined): [number, number, number, number] | null {
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const g of geometries(domain))
    for (const [x, y] of positions(g)) {
      if (x < w) w = x;
      if (x > e) e = x;
      if (y < s) s = y;
      if (y > n) n = y;
    }
  return w <= e && s <= n ? [w, s, e, n] : null;
}

/** The largest 1, 2 or 5 × 10ⁿ km not above `maxKm`. */
export function niceKm(maxKm: number): number {
  if (!(maxKm > 0) || !Number.isFinite(maxKm)) return 0;
  const p = 10 ** Math.floor(Math.log10(maxKm));
  const m = maxKm / p;
  const step = m >= 5 ? 5 : m >= 2 ? 2 : 1;
  return +(step * p).toPrecision(12);
}

/** "5 km", "500 m". */
export function formatKm(km: number): string {
  return km >= 1 ? `${+km.toPrecision(12)} km` : `${Math.round(km * 1000)} m`;
}

/** px per km east–west at (lon, lat): two points 1 km apart on the ellipsoid, projected. */
export function pxPerKm(projection: Streamable, lon: number, lat: number): number {
  const half = 0.5 / kmPerDegree(lat).lon; // degrees of longitude for 0.5 km
  const a = projectPoint(projection, lon - half, lat);
  const b = projectPoint(projection, lon + half, lat);
  return a && b ? Math.hypot(b[0] - a[0], b[1] - a[1]) : NaN;
}

/** The scale bar of a map: a round length in km, and its length in px. */
export function scaleBarLength(
  projection: Streamable,
  centre: readonly [number, number],
  maxPx: number
): {km: number; px: number; pxPerKm: number} | null {
  const k = pxPerKm(projection, centre[0], centre[1]);
  if (!(k > 0)) return null;
  const km = niceKm(maxPx / k);
  return km > 0 ? {km, px: km * k, pxPerKm: k} : null;
}

type Box = {x: number; y: number; width: number; height: number};
type Corner = "top-left" | "top-right" | "bottom-left" | "bottom-right";

function inside(rings: [number, number][][], x: number, y: number): boolean {
  let c = false;
  for (const ring of rings)
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i];
      const [xj, yj] = ring[j];
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) c = !c;
    }
  return c;
}

/** Share of a box covered by the polygons (sampled on a 5 × 3 grid). */
function coverage(rings: [number, number][][], box: Box): number {
  if (!rings.length) return 0;
  let n = 0;
  for (let i = 0; i < 5; i++)
    for (let j = 0; j < 3; j++) if (inside(rings, box.x + ((i + 0.5) / 5) * box.width, box.y + ((j + 0.5) / 3) * box.height)) n++;
  return n / 15;
}

function cornerBox(corner: Corner, w: number, h: number, width: number, height: number, pad = 4): Box {
  return {
    x: corner.endsWith("left") ? pad : width - pad - w,
    y: corner.startsWith("top") ? pad : height - pad - h,
    width: w,
    height: h
  };
}

const inBox = (b: Box, x: number, y: number) => x >= b.x && x <= b.x + b.width && y >= b.y && y <= b.y + b.height;

/** Whether segments ab and cd cross (or touch). */
function crosses(a: [number, number], b: [number, number], c: [number, number], d: [number, number]): boolean {
  const side = (p: [number, number], q: [number, number], r: [number, number]) =>
    Math.sign((q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]));
  return side(a, b, c) * side(a, b, d) <= 0 && side(c, d, a) * side(c, d, b) <= 0;
}

/** Whether a box touches the polygons at all: a vertex inside the box, an edge across it, or the box inside them. */
export function boxTouches(rings: [number, number][][], box: Box): boolean {
  const corners: [number, number][] = [
    [box.x, box.y],
    [box.x + box.width, box.y],
    [box.x + box.width, box.y + box.height],
    [box.x, box.y + box.height]
  ];
  if (corners.some(([x, y]) => inside(rings, x, y))) return true;
  for (const ring of rings)
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      if (inBox(box, ring[i][0], ring[i][1])) return true;
      for (let k = 0; k < 4; k++) if (crosses(ring[j], ring[i], corners[k], corners[(k + 1) % 4])) return true;
    }
  return false;
}

/** A corner where a box of w × h touches no polygon, else the emptiest (first of `order` on ties). */
function pickCorner(rings: [number, number][][], order: Corner[], w: number, h: number, width: number, height: number): Corner {
  const clear = order.find((c) => !boxTouches(rings, cornerBox(c, w, h, width, height)));
  if (clear) return clear;
  let best = order[0];
  let bestC = Infinity;
  for (const c of order) {
    const v = coverage(rings, cornerBox(c, w, h, width, height));
    if (v < bestC - 1e-9) {
      bestC = v;
      best = c;
    }
  }
  return best;
}

type Props = Record<string, unknown>;

/**
 * A Plot render function drawing the furniture of a map. Put it last in the
 * marks so that it sits on top; it takes no pointer events, so tooltips of the
 * marks below keep working.
 */
export function mapFurniture(options: MapFurnitureOptions): RenderFunction {
  return (_index, _scales, _values, dimensions, context) => {
    const doc = context.document;
    const g = doc.createElementNS(SVG_NS, "g") as SVGGElement;
    g.setAttribute("class", "atlas-map-furniture");
    g.setAttribute("pointer-events", "none");
    const projection = context.projection as unknown as Streamable | undefined;
    if (!projection) return g;
    const {width, height} = dimensions;
    const el = (name: string, attrs: Record<string, string | number>, parent: Element = g) => {
      const e = doc.createElementNS(SVG_NS, name);
      for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
      parent.append(e);
      return e;
    };
    const halo = {stroke: "var(--plot-background)", "stroke-width": 3, "paint-order": "stroke", "stroke-linejoin": "round"};
    const fontSize = width < 420 ? 10 : 11;
    const within = ([x, y]: [number, number], pad = 0) => x >= pad && x <= width - pad && y >= pad && y <= height - pad;

    // rivers: thin blue lines, the main one wider; names in italics along them
    const rivers = ((options.rivers?.features ?? []) as Feature<Geometry, Props>[]).filter(
      (f) => f.geometry?.type === "LineString" || f.geometry?.type === "MultiLineString"
    ) as Feature<LineString | MultiLineString, Props>[];
    if (rivers.length) {
      const path = context.path();
      const lines = el("g", {
        class: "atlas-river-lines",
        fill: "none",
        stroke: RIVER_COLOR,
        "stroke-linecap": "round",
        "stroke-linejoin": "round"
      });
      const labels = el("g", {class: "atlas-river-labels", fill: RIVER_COLOR, "font-style": "italic", "font-size": fontSize, ...halo});
      for (const r of rivers) {
        const name = String(r.properties?.name ?? "");
        const main = !!options.river && name === options.river;
        const d = path(r as never);
        if (!d) continue;
        const line = el("path", {d, "stroke-width": main ? 1.8 : 1, "stroke-opacity": 0.85}, lines);
        if (name) line.setAttribute("aria-label", name);
        if (!name) continue;
        // the label sits on a vertex inside the map, a third (main river) or a tenth of the way along the part that is visible
        const coords =
          r.geometry.type === "LineString"
            ? r.geometry.coordinates
            : r.geometry.coordinates.reduce((a, b) => (b.length > a.length ? b : a), []);
        const visible = coords
          .map(([lon, lat]) => projectPoint(projection, lon, lat))
          .filter((p): p is [number, number] => !!p && within(p, 12));
        if (!visible.length) continue;
        const [x, y] = visible[Math.round((main ? 0.3 : 0.1) * (visible.length - 1))];
        const anchor = x > width - 90 ? "end" : "start";
        const t = el(
          "text",
          {x: +(x + (anchor === "end" ? -5 : 5)).toFixed(2), y: +y.toFixed(2), "text-anchor": anchor, dy: "0.32em"},
          labels
        );
        if (main) t.setAttribute("font-weight", "bold");
        else t.setAttribute("font-size", String(fontSize - 1));
        t.textContent = name;
      }
    }

    // named places: a dot and the name above it
    const places = ((options.places?.features ?? []) as Feature<Point, Props>[])
      .filter((f) => f.geometry?.type === "Point")
      .map((f) => ({
        name: String(f.properties?.name ?? ""),
        p: projectPoint(projection, f.geometry.coordinates[0], f.geometry.coordinates[1])
      }))
      .filter((d): d is {name: string; p: [number, number]} => !!d.p && within(d.p));
    if (places.length) {
      const dots = el("g", {class: "atlas-place-dots", fill: "currentColor", stroke: "var(--plot-background)", "stroke-width": 1.5});
      const labels = el("g", {
        class: "atlas-place-labels",
        fill: "currentColor",
        "font-weight": "bold",
        "font-size": fontSize + 1,
        ...halo,
        "stroke-width": 3.5
      });
      for (const {name, p} of places) {
        el("circle", {cx: +p[0].toFixed(2), cy: +p[1].toFixed(2), r: 3.5}, dots);
        if (!name) continue;
        const anchor = p[0] < 40 ? "start" : p[0] > width - 40 ? "end" : "middle";
        const below = p[1] < 18;
        const t = el(
          "text",
          {x: +p[0].toFixed(2), y: +(p[1] + (below ? 14 : -7)).toFixed(2), "text-anchor": anchor, dy: below ? "0.32em" : "0"},
          labels
        );
        t.textContent = name;
      }
    }

    // where the domain is, in px: the scale bar and the arrow go to the emptiest corners
    const rings = geometries(options.domain).flatMap((geom) => projectRings(projection, geom));
    const bounds = lonLatBounds(options.domain);

    if (options.scaleBar !== false && bounds) {
      const centre: [number, number] = [(bounds[0] + bounds[2]) / 2, (bounds[1] + bounds[3]) / 2];
      const bar = scaleBarLength(projection, centre, options.maxBarPx ?? Math.min(160, Math.max(40, width / 4)));
      if (bar && bar.px >= 8) {
        const label = formatKm(bar.km);
        const boxW = bar.px + 12;
        const boxH = 26;
        const corner = pickCorner(rings, ["bottom-left", "bottom-right", "top-left", "top-right"], boxW, boxH, width, height);
        const box = cornerBox(corner, boxW, boxH, width, height);
        const s = el("g", {
          class: "atlas-scale-bar",
          transform: `translate(${+box.x.toFixed(2)},${+box.y.toFixed(2)})`,
          "data-km": bar.km,
          "data-px-per-km": +bar.pxPerKm.toFixed(6)
        });
        s.setAttribute("aria-label", `scale bar: ${label} at ${Math.abs(centre[1]).toFixed(2)}° ${centre[1] >= 0 ? "N" : "S"}`);
        el("rect", {x: 0, y: 0, width: +boxW.toFixed(2), height: boxH, rx: 2, fill: "var(--plot-background)", "fill-opacity": 0.75}, s);
        const x0 = 6;
        const x1 = +(6 + bar.px).toFixed(3);
        const y = 19;
        el("line", {class: "atlas-scale-bar-line", x1: x0, x2: x1, y1: y, y2: y, stroke: "currentColor", "stroke-width": 2}, s);
        for (const x of [x0, x1]) el("line", {x1: x, x2: x, y1: y - 4, y2: y + 1, stroke: "currentColor", "stroke-width": 1.5}, s);
        const t = el(
          "text",
          {x: +((x0 + x1) / 2).toFixed(2), y: 12, "text-anchor": "middle", fill: "currentColor", "font-size": fontSize},
          s
        );
        t.textContent = label;
      }
    }

    if (options.northArrow !== false) {
      const w = 22;
      const h = 34;
      // any corner but the scale bar's, top right first
      const used = g.querySelector(".atlas-scale-bar")?.getAttribute("transform") ?? "";
      const order = (["top-right", "top-left", "bottom-right", "bottom-left"] as Corner[]).filter((c) => {
        const b = cornerBox(c, w, h, width, height);
        const m = used.match(/translate\(([-\d.]+),([-\d.]+)\)/);
        if (!m) return true;
        const [bx, by] = [Number(m[1]), Number(m[2])];
        // keep off the scale bar's corner (same side on both axes)
        return !(b.x < width / 2 === bx < width / 2 && b.y < height / 2 === by < height / 2);
      });
      const corner = pickCorner(rings, order, w, h, width, height);
      const box = cornerBox(corner, w, h, width, height);
      const a = el("g", {class: "atlas-north-arrow", transform: `translate(${+box.x.toFixed(2)},${+box.y.toFixed(2)})`});
      a.setAttribute("aria-label", "north arrow: north is up");
      const cx = w / 2;
      el("path", {d: `M${cx},14 L${cx + 6},${h - 2} L${cx},${h - 7} Z`, fill: "currentColor"}, a);
      el(
        "path",
        {d: `M${cx},14 L${cx - 6},${h - 2} L${cx},${h - 7} Z`, fill: "var(--plot-background)", stroke: "currentColor", "stroke-width": 1},
        a
      );
      const t = el(
        "text",
        {x: cx, y: 11, "text-anchor": "middle", fill: "currentColor", "font-weight": "bold", "font-size": 12, ...halo},
        a
      );
      t.textContent = "N";
    }
    return g;
  };
}

/** A caption sentence when some rivers or places are marked `reconstructed` (approximate sketches). */
export function furnitureNote(layers: MapFurnitureLayers): string {
  const sketched = [...(layers.rivers?.features ?? []), ...(layers.places?.features ?? [])].some(
    (f) => f.properties?.reconstructed === true
  );
  return sketched ? " Rivers and places are approximate sketches." : "";
}
