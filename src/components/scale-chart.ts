// ScaleChart: how the bivariate Moran results depend on the cell size
// (moran.arrow): global I per cell size and epoch (a line per epoch; filled
// dots significant, hollow not), and the share of cells of each LISA type per
// cell size (stacked bars, a panel per epoch).
import * as d3 from "d3";
import * as Plot from "@observablehq/plot";
import {LISA_COLORS, epochColors, lisaLabel, ordinalColors} from "../lib/palette.js";
import {chartFigure, distinct, docOf, rowsOf, widthOf, type CommonOptions} from "./figure.js";
import type {MoranRow} from "./tables.js";
import {f0, f3, f4, pct} from "./format.js";
import {COUNTED_LABELS, countColumn} from "../lib/moran.js";

export interface ScaleChartOptions extends CommonOptions {
  /** which permutation null to read p from: "pairs" (GeoDa, spdep; default) or "y" (esda) */
  nullModel?: "pairs" | "y";
  /** significance level; default the rows' `alpha`, else 0.05 */
  alpha?: number;
  /** only this epoch in the bars panel; default every epoch */
  epoch?: number;
  /** height of each panel, px; default 260 */
  height?: number;
}

export function ScaleChart(data: Iterable<MoranRow>, options: ScaleChartOptions = {}): HTMLElement {
  const document = docOf(options);
  const width = widthOf(options);
  const rows = rowsOf<MoranRow>(data).sort((a, b) => a.epoch - b.epoch || a.cell_km - b.cell_km);
  const nullModel = options.nullModel ?? "pairs";
  const pOf = (d: MoranRow) => (nullModel === "pairs" ? d.p_sim_pairs : d.p_sim) ?? null;
  const alpha = options.alpha ?? rows.find((d) => d.alpha != null)?.alpha ?? 0.05;
  const epochs = distinct(rows, (d) => d.epoch);
  const sizes = distinct(rows, (d) => d.cell_km).sort((a, b) => a - b);
  const epochRange = epochColors(epochs.length);
  const height = options.height ?? 260;
  const points = rows.map((d) => {
    const p = pOf(d);
    return {...d, pv: p, significant: p != null && p <= alpha};
  });
  const ariaI = `Line chart of global bivariate Moran's I against cell size, one line per epoch`;
  const iPlot = Plot.plot({
    document,
    width,
    height,
    ariaLabel: ariaI,
    ariaDescription: `Global bivariate Moran's I of carbon intensity and lagged ESV intensity for cell sizes ${sizes.join(", ")} km and epochs ${epochs.join(", ")}; filled dots: pseudo p ≤ ${alpha} (${nullModel === "pairs" ? "pairs permuted, as GeoDa and spdep" : "y permuted, as esda"}).`,
    x: {
      type: "linear",
      domain: [0, (d3.max(sizes) ?? 1) * 1.08],
      ticks: sizes,
      label: "Cell size (km)",
      tickFormat: (d: number) => `${d} km`
    },
    y: {label: "Global bivariate Moran's I", grid: true},
    color: {type: "ordinal", domain: epochs, range: epochRange, label: "Epoch", tickFormat: (d: number) => String(d)},
    marks: [
      Plot.ruleY([0], {stroke: "currentColor", strokeOpacity: 0.5}),
      Plot.line(points, {x: "cell_km", y: "i", stroke: "epoch", strokeWidth: 1.5, className: "atlas-i-per-epoch"}),
      Plot.dot(points, {
        x: "cell_km",
        y: "i",
        stroke: "epoch",
        fill: (d: {significant: boolean; epoch: number}) =>
          d.significant ? epochRange[epochs.indexOf(d.epoch)] : "var(--plot-background)",
        r: 4,
        strokeWidth: 1.5,
        channels: {Epoch: "epoch", "Cell size (km)": "cell_km", "Pseudo p": "pv", Cells: "n"},
        tip: {
          format: {
            x: false,
            stroke: false,
            fill: false,
            y: f3,
            Epoch: (d: number) => String(d),
            "Pseudo p": f4,
            Cells: f0
          }
        },
        className: "atlas-i"
      })
    ]
  });
  const shares = rows
    .filter((d) => options.epoch === undefined || d.epoch === options.epoch)
    .flatMap((d) =>
      COUNTED_LABELS.map((t) => ({
        epoch: d.epoch,
        cell_km: d.cell_km,
        type: t as string,
        cells: d[countColumn(t)],
        share:
          d[countColumn(t)] /
          Math.max(
            1,
            COUNTED_LABELS.reduce((s, u) => s + d[countColumn(u)], 0)
          )
      }))
    );
  const typeCodes: string[] = [...COUNTED_LABELS];
  const barEpochs = distinct(shares, (d) => d.epoch);
  const ariaBars = `Stacked bar chart of the share of cells of each LISA type per cell size${barEpochs.length > 1 ? ", a panel per epoch" : ""}`;
  const barsPlot = Plot.plot({
    document,
    width,
    height,
    marginBottom: 32,
    ariaLabel: ariaBars,
    ariaDescription: `Share of grid cells that are High-High, Low-Low, Low-High, High-Low or not significant, per cell size (${sizes.join(", ")} km) and epoch (${barEpochs.join(", ")}).`,
    fx: barEpochs.length > 1 ? {label: null, tickFormat: (d: number) => String(d), padding: 0.1} : undefined,
    x: {type: "band", domain: sizes, label: "Cell size (km)", tickFormat: (d: number) => String(d), padding: 0.15},
    y: {label: "Share of cells", tickFormat: (v: number) => pct(v, 0), grid: true, domain: [0, 1]},
    color: {...ordinalColors(typeCodes, LISA_COLORS), type: "ordinal", tickFormat: lisaLabel, label: "LISA type"},
    marks: [
      Plot.barY(shares, {
        fx: barEpochs.length > 1 ? "epoch" : undefined,
        x: "cell_km",
        y: "share",
        fill: "type",
        order: typeCodes,
        stroke: "var(--plot-background)",
        strokeWidth: 0.5,
        channels: {Cells: "cells"},
        tip: {
          format: {fill: lisaLabel, y: (v: number) => pct(v, 1), x: (d: number) => `${d} km`, fx: (d: number) => String(d), Cells: f0}
        },
        className: "atlas-lisa-types"
      })
    ]
  });
  const iLegend = iPlot.legend("color", {tickFormat: (d: number) => String(d)}) as Element | undefined;
  const key = document.createElement("div");
  key.className = "atlas-key";
  key.innerHTML = `<svg width="12" height="12" aria-hidden="true"><circle cx="6" cy="6" r="4" fill="currentColor" stroke="currentColor"></circle></svg> pseudo p ≤ ${alpha} <svg width="12" height="12" aria-hidden="true" class="atlas-key-gap"><circle cx="6" cy="6" r="4" fill="none" stroke="currentColor" stroke-width="1.5"></circle></svg> not significant`;
  const barsLegend = barsPlot.legend("color", {tickFormat: lisaLabel}) as Element | undefined;
  if (barsLegend) barsLegend.classList.add("atlas-legend");
  const content: Element[] = [iPlot, ...(barsLegend ? [barsLegend] : []), barsPlot];
  return chartFigure({
    ...options,
    document,
    kind: "scale-chart",
    content,
    legend: [iLegend, key],
    defaultAriaLabel: "Moran's I and LISA types by cell size",
    defaultCaption: `Scale dependence of the coupling: global bivariate Moran's I of carbon intensity and lagged ESV intensity per cell size and epoch (filled: pseudo p ≤ ${alpha}, ${nullModel === "pairs" ? "permuting (x, y) pairs as GeoDa and spdep do" : "permuting y as esda does"}), and the share of cells of each LISA type. Source: moran.arrow, computed by the study pipeline.`,
    data: rows,
    defaultFilename: "moran.csv"
  });
}
