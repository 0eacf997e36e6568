/**
 * Training curves without a plotting library: a text chart for the terminal and a standalone
 * SVG document. Both are pure functions of the values (no file or console access here), so a
 * caller decides where the text goes.
 *
 * A chart draws one list of numbers, or several named series on shared axes with a legend:
 * `{ train: history.loss, validation: history.validation }` or `[{ name, values }, ...]`. A
 * shorter series is spread over the same steps as the longest (a score per epoch lines up with a
 * loss per step). The axes carry ticks at round values, labelled as numbers on a log axis too.
 * What counts as a valid series (NaN left out, 0 left out of a log chart) is in models/chart-scale.ts.
 *
 * @example
 * const train = [2.3, 1.1, 0.52, 0.31, 0.2, 0.14];
 * const validation = [1.4, 0.45, 0.27]; // one score per epoch, spread over the same steps
 * console.log(textChart({ train, validation }, { log: true, title: "loss" }));
 */
import { bool, count, readOptions, refine, string } from "../core/validate.js";
import { axisTicks, fraction, niceTicks, readScale, stepOf, tickLabel, type PlottedSeries, type Scale } from "./chart-scale.js";

export type { ChartData, NamedSeries } from "./chart-scale.js";
import type { ChartData } from "./chart-scale.js";

/** Size and labels of a chart. */
export interface ChartOptions {
  readonly width?: number;
  readonly height?: number;
  readonly title?: string;
  /** Plot log10 of the values (losses spanning decades); the axis is still labelled with the values. */
  readonly log?: boolean;
}

/** The options of both charts: positive integer sizes, a string title, a boolean log. */
const chartSpec = { width: refine(count, (n) => n > 0, "a positive integer"), height: refine(count, (n) => n > 0, "a positive integer"), title: string, log: bool };

/** The marker of each series in a text chart, in order (a lone series is drawn as filled columns). */
const textMarkers = ["•", "○", "×", "◆", "+", "▲"];

/** The stroke colour of each series in an SVG chart, in order. */
const colours = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b"];

/**
 * A text chart: one column per bucket of consecutive steps (averaged), `height` rows, y ticks on
 * the left, step ticks below, and a legend line when the series are named.
 */
export function textChart(values: ChartData, chartOptions?: ChartOptions): string {
  const options: ChartOptions = readOptions("textChart", chartOptions, chartSpec);
  const width = options.width ?? 60;
  const height = options.height ?? 12;
  const log = options.log ?? false;
  const scale = readScale("textChart", values, log);
  const columns = Math.min(width, scale.steps);
  const levels = scale.series.map((s) => columnLevels(s, scale, columns, height));
  const yTicks = new Map<number, string>();
  for (const t of axisTicks(scale.lo, scale.hi, Math.max(2, Math.floor(height / 2)), log)) {
    const level = Math.round(fraction(t, scale.lo, scale.hi) * (height - 1));
    if (!yTicks.has(level)) yTicks.set(level, tickLabel(t, log));
  }
  const margin = Math.max(4, ...[...yTicks.values()].map((l) => l.length));
  const filled = scale.series.length === 1;
  const rows = Array.from({ length: height }, (_, r) => {
    const level = height - 1 - r;
    const cells = Array.from({ length: columns }, (_, c) => {
      // A later series draws over an earlier one where they meet.
      for (let k = levels.length - 1; k >= 0; k--) if (levels[k]![c] === level) return textMarkers[k % textMarkers.length]!;
      return filled && levels[0]![c]! > level ? "│" : " ";
    });
    const tick = yTicks.get(level);
    return `${(tick ?? "").padStart(margin)} ${tick === undefined ? "│" : "┤"}${cells.join("")}`;
  });
  const [axis, labels] = stepAxis(scale.steps, columns);
  const footer = [`${" ".repeat(margin + 1)}└${axis}`, `${"step".padStart(margin)}  ${labels}`.trimEnd()];
  const named = scale.series.some((s) => s.name !== null);
  const legend = named ? [`${" ".repeat(margin + 2)}${scale.series.map((s, i) => `${textMarkers[i % textMarkers.length]} ${s.name}`).join("   ")}`] : [];
  return [options.title === undefined ? [] : [options.title], rows, footer, legend].flat().join("\n");
}

/**
 * A standalone SVG document: one polyline per series, axes with ticks at round values and light
 * grid lines, and a legend in the top right corner when the series are named.
 */
export function svgChart(values: ChartData, chartOptions?: ChartOptions): string {
  const options: ChartOptions = readOptions("svgChart", chartOptions, chartSpec);
  const width = options.width ?? 640;
  const height = options.height ?? 360;
  const log = options.log ?? false;
  const scale = readScale("svgChart", values, log);
  const margin = { left: 70, right: 20, top: 36, bottom: 40 };
  const plotW = width - margin.left - margin.right;
  const plotH = height - margin.top - margin.bottom;
  const x = (step: number) => margin.left + (scale.steps === 1 ? 0 : ((step - 1) / (scale.steps - 1)) * plotW);
  const y = (v: number) => margin.top + (1 - fraction(v, scale.lo, scale.hi)) * plotH;
  const bottom = margin.top + plotH;
  const yTicks = axisTicks(scale.lo, scale.hi, Math.max(2, Math.floor(plotH / 50)), log).map((t) => {
    const at = y(t).toFixed(1);
    return `<line x1="${margin.left}" y1="${at}" x2="${margin.left + plotW}" y2="${at}" stroke="#ddd"/>\n<text x="${margin.left - 6}" y="${at}" text-anchor="end" dominant-baseline="middle">${tickLabel(t, log)}</text>`;
  });
  const xTicks = stepTicks(scale.steps, Math.max(2, Math.floor(plotW / 80))).map((step) => {
    const at = x(step).toFixed(1);
    return `<line x1="${at}" y1="${bottom}" x2="${at}" y2="${bottom + 5}" stroke="black"/>\n<text x="${at}" y="${bottom + 18}" text-anchor="middle">${step}</text>`;
  });
  const lines = scale.series.map((s, k) => {
    const points = s.ys.flatMap((v, i) => (Number.isFinite(v) ? [`${x(stepOf(i, s.ys.length, scale.steps)).toFixed(1)},${y(v).toFixed(1)}`] : [])).join(" ");
    return `<polyline fill="none" stroke="${colours[k % colours.length]}" stroke-width="1.5" points="${points}"/>`;
  });
  const named = scale.series.some((s) => s.name !== null);
  const legend = named ? svgLegend(scale.series, margin.left + plotW - 8, margin.top + 8) : [];
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">
<rect width="100%" height="100%" fill="white"/>
<text x="${width / 2}" y="20" text-anchor="middle" font-size="14">${escapeXml(options.title ?? "")}</text>
${[...yTicks, ...xTicks].join("\n")}
<line x1="${margin.left}" y1="${margin.top}" x2="${margin.left}" y2="${bottom}" stroke="black"/>
<line x1="${margin.left}" y1="${bottom}" x2="${margin.left + plotW}" y2="${bottom}" stroke="black"/>
<text x="${margin.left + plotW / 2}" y="${height - 4}" text-anchor="middle">step</text>
${[...lines, ...legend].join("\n")}
</svg>
`;
}

// -------------------------------------------------------------------------------------
// internals
// -------------------------------------------------------------------------------------

/** The row (0 = bottom) of each column's mean value for one series, or -1 where it has no finite value. */
function columnLevels(series: PlottedSeries, scale: Scale, columns: number, height: number): number[] {
  const n = series.ys.length;
  const columnOf = series.ys.map((_, i) => Math.min(columns - 1, Math.floor(((stepOf(i, n, scale.steps) - 1) * columns) / scale.steps)));
  const counts = new Array<number>(columns).fill(0);
  series.ys.forEach((y, i) => {
    if (Number.isFinite(y)) counts[columnOf[i]!]!++;
  });
  // Each term is divided first, so values near the largest double do not overflow their sum.
  const means = new Array<number>(columns).fill(0);
  series.ys.forEach((y, i) => {
    if (Number.isFinite(y)) means[columnOf[i]!]! += y / counts[columnOf[i]!]!;
  });
  return means.map((mean, c) => (counts[c] === 0 ? -1 : Math.round(fraction(mean, scale.lo, scale.hi) * (height - 1))));
}

/** Round step numbers in [1, steps] for the x axis: 1 and the multiples of a round stride. */
function stepTicks(steps: number, target: number): number[] {
  if (steps === 1) return [1];
  const ticks = niceTicks(0, steps, target).filter((t) => t >= 1 && Number.isInteger(t));
  return ticks[0] === 1 ? ticks : [1, ...ticks];
}

/** The text x axis (`─` with `┬` at tick columns) and the labels line under it, labels centred and never overlapping. */
function stepAxis(steps: number, columns: number): [string, string] {
  const axis = Array.from({ length: columns }, () => "─");
  let labels = "";
  for (const step of stepTicks(steps, Math.max(2, Math.floor(columns / 10)))) {
    const c = Math.min(columns - 1, Math.floor(((step - 1) * columns) / steps));
    const text = String(step);
    const start = Math.max(0, c - Math.floor((text.length - 1) / 2));
    if (start < labels.length + (labels.length > 0 ? 1 : 0)) continue;
    axis[c] = "┬";
    labels = labels.padEnd(start) + text;
  }
  return [axis.join(""), labels];
}

/** The legend of an SVG chart: a short line in each series' colour and its name, right-aligned at `right`. */
function svgLegend(series: readonly PlottedSeries[], right: number, top: number): string[] {
  // A white box (its width guessed from the longest name) keeps the curves behind it from crossing the text.
  const boxWidth = 44 + 7 * Math.max(...series.map((s) => (s.name ?? "").length));
  const box = `<rect x="${right - boxWidth}" y="${top}" width="${boxWidth}" height="${16 * series.length + 2}" fill="white" fill-opacity="0.85"/>`;
  return [box, ...series.flatMap((s, k) => {
    const y = top + 16 * k + 8;
    const colour = colours[k % colours.length]!;
    return [
      `<line x1="${right - 24}" y1="${y}" x2="${right - 4}" y2="${y}" stroke="${colour}" stroke-width="2"/>`,
      `<text class="legend" x="${right - 30}" y="${y}" text-anchor="end" dominant-baseline="middle">${escapeXml(s.name ?? "")}</text>`,
    ];
  })];
}

/** Text safe inside an XML element. */
function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
