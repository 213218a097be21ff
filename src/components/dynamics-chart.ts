// DynamicsChart: single land-use dynamic degree K = (U_b − U_a)/U_a / T × 100 %
// per class and period (bars grouped by period), and the comprehensive
// dynamic degree (rows with class "all") as a dashed line with dots across the periods,
// from dynamics.arrow.
import * as d3 from "d3";
import * as Plot from "@observablehq/plot";
import {CLASS_COLORS, CLASS_ORDER, classLabel, ordinalColors} from "../lib/palette.js";
import {chartFigure, distinct, docOf, ordered, rowsOf, widthOf, type CommonOptions} from "./figure.js";
import type {DynamicsRow} from "./tables.js";
import {f2, f3, sf2} from "./format.js";

export interface DynamicsChartOptions extends CommonOptions {
  /** periods to show, in order; default every period in the rows except the whole span when sub-periods exist */
  periods?: string[];
  /** y scale type; default "linear" ("symlog" helps when one class changes far faster) */
  yType?: "linear" | "symlog";
  /** chart height, px; default 320 */
  height?: number;
}

export function DynamicsChart(data: Iterable<DynamicsRow>, options: DynamicsChartOptions = {}): HTMLElement {
  const document = docOf(options);
  const width = widthOf(options);
  const all = rowsOf<DynamicsRow>(data);
  let periods = options.periods ?? distinct(all, (d) => d.period);
  if (!options.periods && periods.length > 2) {
    // the whole span (first–last epoch) beside its sub-periods would change the reading: leave it out unless asked
    const min = d3.min(all, (d) => d.from_epoch);
    const max = d3.max(all, (d) => d.to_epoch);
    periods = periods.filter((p) => !all.some((d) => d.period === p && d.from_epoch === min && d.to_epoch === max));
  }
  const rows = all.filter((d) => periods.includes(d.period));
  const bars = rows.filter((d) => d.class !== "all");
  const comprehensive = rows.filter((d) => d.class === "all");
  const classes = ordered(
    distinct(bars, (d) => d.class),
    CLASS_ORDER as readonly string[]
  );
  // bars grouped by period on a linear x (period i spans [i, i + 1]) so that the comprehensive degree can be one line across periods
  const slot = 0.8 / Math.max(1, classes.length);
  const pi = new Map(periods.map((p, i) => [p, i]));
  const bar = bars.map((d) => {
    const x1 = pi.get(d.period)! + 0.1 + classes.indexOf(d.class) * slot;
    return {...d, x1: x1 + slot * 0.05, x2: x1 + slot * 0.95};
  });
  const line = comprehensive.map((d) => ({...d, x: pi.get(d.period)! + 0.5})).sort((a, b) => a.x - b.x);
  const ariaLabel = `Bar chart of single land-use dynamic degrees per class and period, with the comprehensive dynamic degree as a line`;
  const plot = Plot.plot({
    document,
    width,
    height: options.height ?? 320,
    marginBottom: 30,
    ariaLabel,
    ariaDescription:
      options.ariaDescription ??
      `Single dynamic degree (% per year) of ${classes.length} classes in ${periods.length} periods (${periods.join(", ")}); the line gives the comprehensive dynamic degree: ${line.map((d) => `${d.period} ${f3(d.dynamic_pct_per_year)}`).join(", ")}.`,
    x: {
      domain: [0, periods.length],
      ticks: periods.map((_, i) => i + 0.5),
      // narrow screens: the two-digit years ("’03–’08") instead of four, so that the period names do not run into each other
      tickFormat: (x: number) => {
        const p = periods[Math.round(x - 0.5)] ?? "";
        return width < 480 ? p.replace(/\b(?:19|20)(\d\d)\b/g, "’$1") : p;
      },
      tickSize: 0,
      label: null
    },
    y: {label: "Dynamic degree (% / yr)", grid: true, type: options.yType ?? "linear"},
    color: {...ordinalColors(classes, CLASS_COLORS), type: "ordinal", tickFormat: classLabel, label: "Class"},
    marks: [
      Plot.rectY(bar, {
        x1: "x1",
        x2: "x2",
        y: "dynamic_pct_per_year",
        fill: "class",
        stroke: "var(--plot-background)",
        strokeWidth: 0.5,
        channels: {Period: "period", "Change (km²)": "change_km2", "Start (km²)": "km2_start", "End (km²)": "km2_end"},
        tip: {
          format: {
            fill: classLabel,
            x1: false,
            x2: false,
            x: false,
            y: sf2,
            Period: true,
            "Change (km²)": sf2,
            "Start (km²)": f2,
            "End (km²)": f2
          }
        },
        className: "atlas-single-dynamic-degree"
      }),
      Plot.ruleY([0]),
      Plot.line(line, {
        x: "x",
        y: "dynamic_pct_per_year",
        stroke: "currentColor",
        strokeWidth: 1.5,
        strokeDasharray: "4,3",
        className: "atlas-comprehensive-line"
      }),
      Plot.dot(line, {
        x: "x",
        y: "dynamic_pct_per_year",
        r: 3.5,
        fill: "currentColor",
        stroke: "var(--plot-background)",
        channels: {Period: "period", Comprehensive: "dynamic_pct_per_year"},
        tip: {format: {x: false, y: false, Period: true, Comprehensive: (v: number) => `${f3(v)} % / yr`}},
        className: "atlas-comprehensive-dynamic-degree"
      })
    ]
  });
  const legend = plot.legend("color", {tickFormat: classLabel}) as Element | undefined;
  const key = document.createElement("div");
  key.className = "atlas-key";
  key.innerHTML = `<svg width="26" height="10" aria-hidden="true"><line x1="1" x2="25" y1="5" y2="5" stroke="currentColor" stroke-width="1.5" stroke-dasharray="4,3"></line><circle cx="13" cy="5" r="3.5" fill="currentColor"></circle></svg> comprehensive dynamic degree (all classes)`;
  return chartFigure({
    ...options,
    document,
    kind: "dynamics-chart",
    content: plot,
    legend: [legend, key],
    defaultAriaLabel: ariaLabel,
    defaultCaption:
      "Single land-use dynamic degree per class and period, K = (area at the end − area at the start) / area at the start / years × 100 %; dashed line: the comprehensive dynamic degree of each period (area changing class / total area / years × 100 %). Source: dynamics.arrow, computed by the study pipeline.",
    data: rows,
    columns: ["period", "from_epoch", "to_epoch", "class", "km2_start", "km2_end", "change_km2", "dynamic_pct_per_year"],
    defaultFilename: "dynamics.csv"
  });
}
