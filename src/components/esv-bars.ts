// EsvBars: ecosystem service value per epoch (esv.arrow), stacked by land-use
// class or by service (the 11 services of Xie et al. 2015, coloured by
// service group). Negative values (e.g. paddy fields' water supply) stack
// below zero.
import * as d3 from "d3";
import * as Plot from "@observablehq/plot";
import {CLASS_COLORS, CLASS_ORDER, SERVICE_COLORS, SERVICES, classLabel, ordinalColors, serviceLabel} from "../lib/palette.js";
import {chartFigure, distinct, docOf, ordered, rowsOf, widthOf, type CommonOptions} from "./figure.js";
import type {EsvRow} from "./tables.js";
import {f0, f2} from "./format.js";

export interface EsvBarsOptions extends CommonOptions {
  /** stack by "class" (default) or by "service" */
  by?: "class" | "service";
  /** "e8yuan" (10⁸ yuan/yr, default) or "yuan" */
  unit?: "e8yuan" | "yuan";
  /** chart height, px; default 340 */
  height?: number;
}

interface Summed {
  epoch: number;
  key: string;
  value: number;
}

export function EsvBars(data: Iterable<EsvRow>, options: EsvBarsOptions = {}): HTMLElement {
  const document = docOf(options);
  const width = widthOf(options);
  const rows = rowsOf<EsvRow>(data);
  const by = options.by ?? "class";
  const unit = options.unit ?? "e8yuan";
  const unitLabel = unit === "e8yuan" ? "10⁸ yuan/yr" : "yuan/yr";
  const f = unit === "e8yuan" ? f2 : f0;
  const keyOf = (d: EsvRow) => (by === "class" ? d.class : d.service);
  const keys = ordered(distinct(rows, keyOf), (by === "class" ? CLASS_ORDER : SERVICES) as readonly string[]);
  const label = by === "class" ? classLabel : serviceLabel;
  const epochs = distinct(rows, (d) => d.epoch).sort((a, b) => a - b);
  const summed: Summed[] = [];
  for (const [epoch, m] of d3.rollup(
    rows,
    (v) => d3.sum(v, (d) => d[unit]),
    (d) => d.epoch,
    keyOf
  )) {
    for (const [key, value] of m) summed.push({epoch, key, value});
  }
  summed.sort((a, b) => a.epoch - b.epoch || keys.indexOf(a.key) - keys.indexOf(b.key));
  const totals = epochs.map((epoch) => ({epoch, total: d3.sum(summed, (d) => (d.epoch === epoch ? d.value : 0))}));
  const bars = summed.filter((d) => d.value !== 0);
  const ariaLabel = `Stacked bar chart of ecosystem service value per epoch, by ${by}`;
  const plot = Plot.plot({
    document,
    width,
    height: options.height ?? 340,
    insetTop: 16,
    ariaLabel,
    ariaDescription:
      options.ariaDescription ??
      `Ecosystem service value (${unitLabel}) per epoch, stacked by ${by} (${keys.length}); totals ${totals.map((d) => `${d.epoch}: ${f(d.total)}`).join(", ")}.`,
    x: {type: "band", domain: epochs, label: "Epoch", tickFormat: (d: number) => String(d), padding: 0.25},
    y: {label: `ESV (${unitLabel})`, grid: true},
    color: {
      ...ordinalColors(keys, by === "class" ? CLASS_COLORS : SERVICE_COLORS),
      type: "ordinal",
      tickFormat: label,
      label: by === "class" ? "Class" : "Service"
    },
    marks: [
      Plot.barY(bars, {
        x: "epoch",
        y: "value",
        fill: "key",
        order: keys,
        stroke: "var(--plot-background)",
        strokeWidth: 0.5,
        tip: {format: {x: (d: number) => String(d), fill: label, y: f}},
        className: by === "class" ? "atlas-classes" : "atlas-services"
      }),
      Plot.ruleY([0]),
      Plot.text(totals, {
        x: "epoch",
        y: "total",
        text: (d: {total: number}) => f(d.total),
        dy: -8,
        fill: "currentColor",
        stroke: "var(--plot-background)",
        strokeWidth: 3,
        paintOrder: "stroke",
        className: "atlas-totals"
      })
    ]
  });
  const legend = plot.legend("color", {tickFormat: label}) as Element | undefined;
  return chartFigure({
    ...options,
    document,
    kind: "esv-bars",
    content: plot,
    legend,
    defaultAriaLabel: ariaLabel,
    defaultCaption: `Ecosystem service value per epoch (${unitLabel}), by ${by === "class" ? "land-use class" : "service"}; numbers above the bars are totals. Equivalent-factor method (Xie et al. 2015): value = area × factor × standard equivalent. Source: esv.arrow, computed by the study pipeline.`,
    data: rows,
    columns: ["epoch", "class", "service", "yuan", "e8yuan"],
    defaultFilename: "esv.csv"
  });
}
