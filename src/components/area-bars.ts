// AreaBars: the area of each land-use class per epoch (landuse-areas.arrow),
// grouped by class (one small bar per epoch, so that each class's change
// reads at a glance) or stacked per epoch (composition).
import * as Plot from "@observablehq/plot";
import {CLASS_COLORS, CLASS_ORDER, classLabel, ordinalColors} from "../lib/palette.js";
import {chartFigure, distinct, docOf, ordered, rowsOf, widthOf, type CommonOptions} from "./figure.js";
import type {AreaRow} from "./tables.js";
import {f0, f2, pct} from "./format.js";

export interface AreaBarsOptions extends CommonOptions {
  /** "grouped" (default): a panel per class, a bar per epoch; "stacked": a bar per epoch, classes stacked */
  layout?: "grouped" | "stacked";
  /** "km2" (default) or "share" of the study area */
  value?: "km2" | "share";
  /** chart height, px; default 300 (narrower than 560 px: a row per class, height to fit) */
  height?: number;
}

export function AreaBars(data: Iterable<AreaRow>, options: AreaBarsOptions = {}): HTMLElement {
  const document = docOf(options);
  const width = widthOf(options);
  const rows = rowsOf<AreaRow>(data);
  const layout = options.layout ?? "grouped";
  const value = options.value ?? "km2";
  const classes = ordered(
    distinct(rows, (d) => d.class),
    CLASS_ORDER as readonly string[]
  );
  const epochs = distinct(rows, (d) => d.epoch).sort((a, b) => a - b);
  const color = {...ordinalColors(classes, CLASS_COLORS), type: "ordinal" as const, tickFormat: classLabel, label: "Class"};
  const yLabel = value === "km2" ? "Area (km²)" : "Share of study area";
  const yFormat = value === "km2" ? f0 : (v: number) => pct(v, 0);
  const tipFormat = {
    x: true,
    fx: (c: string) => classLabel(c),
    fill: (c: string) => classLabel(c),
    y: value === "km2" ? f2 : (v: number) => pct(v, 2)
  };
  const endTicks = epochs.length > 2 ? [epochs[0], epochs[epochs.length - 1]] : epochs;
  const shortEpoch = (d: number) => `’${String(d).slice(-2)}`;
  const ariaLabel = `Bar chart of land-use area per class and epoch, ${epochs[0]}–${epochs[epochs.length - 1]}`;
  const common = {
    document,
    width,
    height: options.height ?? 300,
    ariaLabel,
    ariaDescription:
      options.ariaDescription ??
      `Area of ${classes.length} land-use classes (${classes.map(classLabel).join(", ")}) in ${epochs.length} epochs (${epochs.join(", ")}), ${yLabel}.`,
    color,
    y: {label: yLabel, grid: true, tickFormat: yFormat}
  };
  const plot =
    layout === "stacked"
      ? Plot.plot({
          ...common,
          x: {label: "Epoch", type: "band", domain: epochs, tickFormat: (d: number) => String(d)},
          marks: [
            Plot.barY(rows, {
              x: "epoch",
              y: value,
              fill: "class",
              order: classes,
              stroke: "var(--plot-background)",
              strokeWidth: 0.5,
              tip: {format: tipFormat},
              className: "atlas-areas"
            }),
            Plot.ruleY([0])
          ]
        })
      : width >= 560
        ? Plot.plot({
            ...common,
            marginBottom: 24,
            fx: {label: null, domain: classes, tickFormat: classLabel, padding: 0.12},
            x: {label: null, type: "band", domain: epochs, padding: 0.1, ticks: endTicks, tickFormat: shortEpoch},
            marks: [
              Plot.barY(rows, {
                fx: "class",
                x: "epoch",
                y: value,
                fill: "class",
                stroke: "var(--plot-background)",
                strokeWidth: 0.5,
                tip: {format: tipFormat},
                className: "atlas-areas"
              }),
              Plot.ruleY([0])
            ]
          })
        : // narrow screens: a row per class, horizontal bars
          Plot.plot({
            ...common,
            height: options.height ?? Math.max(240, classes.length * (epochs.length * 9 + 16) + 40),
            marginLeft: 100,
            marginRight: 28,
            fy: {label: null, domain: classes, tickFormat: classLabel, padding: 0.15},
            y: {label: null, type: "band", domain: epochs, padding: 0.1, axis: "right", ticks: endTicks, tickFormat: shortEpoch},
            x: {label: yLabel, grid: true, tickFormat: yFormat, ticks: 4},
            marks: [
              Plot.barX(rows, {
                fy: "class",
                y: "epoch",
                x: value,
                fill: "class",
                stroke: "var(--plot-background)",
                strokeWidth: 0.5,
                tip: {format: {...tipFormat, fy: tipFormat.fx, y: true, x: tipFormat.y}},
                className: "atlas-areas"
              }),
              Plot.ruleX([0])
            ]
          });
  const legend = plot.legend("color", {tickFormat: classLabel}) as Element | undefined;
  return chartFigure({
    ...options,
    document,
    kind: "area-bars",
    content: plot,
    legend,
    defaultAriaLabel: ariaLabel,
    defaultCaption: `Area of each land-use class per epoch (${value === "km2" ? "km²" : "share of the study area"}). Source: landuse-areas.arrow, computed by the study pipeline from the classified land-cover rasters.`,
    data: rows,
    columns: ["epoch", "class", "km2", "share"].filter((c) => rows.length && c in rows[0]),
    defaultFilename: "landuse-areas.csv"
  });
}
