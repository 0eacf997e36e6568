/**
 * Training curves without a plotting library: a text chart for the terminal and a standalone
 * SVG document. Both are pure functions of the values (no file or console access here), so a
 * caller decides where the text goes.
 *
 * The values are a real list of numbers (no holes, nested lists or other values). NaN and
 * ±Infinity are allowed and left out of the drawing (a diverged run's loss ends in NaN, and the
 * curve up to then is still worth seeing); at least one value must be finite. With `log`, a
 * value of 0 (a loss that reached 0) is left out like the non-finite ones, and a negative value
 * is an error (it has no place on a log axis, and a negative loss on one is most likely a mistake).
 */
import { fail } from "../core/errors.js";
import { bool, count, describeValue, readOptions, refine, string } from "../core/validate.js";

/** Size and labels of a chart. */
export interface ChartOptions {
  readonly width?: number;
  readonly height?: number;
  readonly title?: string;
  /** Plot log10 of the values (losses spanning decades). */
  readonly log?: boolean;
}

/** The options of both charts: positive integer sizes, a string title, a boolean log. */
const chartSpec = { width: refine(count, (n) => n > 0, "a positive integer"), height: refine(count, (n) => n > 0, "a positive integer"), title: string, log: bool };

/** The finite values to plot and their y range (after the optional log). */
function prepare(values: readonly number[], log: boolean, op: string): { ys: number[]; lo: number; hi: number } {
  if (!Array.isArray(values)) fail(op, `values must be a list of numbers, got ${describeValue(values)}`);
  const given: number[] = [];
  for (let i = 0; i < values.length; i++) {
    if (!(i in values)) fail(op, `values has a hole at index ${i} (a sparse list such as [1, , 3]); fill every entry`);
    const v: unknown = values[i];
    if (typeof v !== "number") fail(op, `values must be a list of numbers, got ${describeValue(v)} at index ${i}`);
    if (log && v < 0) fail(op, `a log chart needs non-negative values (0 is left out), got ${v} at index ${i}`);
    given.push(v);
  }
  if (given.length === 0) fail(op, "no values to plot");
  const ys = given.map((v) => (log ? Math.log10(v) : v));
  let lo = Infinity;
  let hi = -Infinity;
  for (const y of ys) {
    if (!Number.isFinite(y)) continue;
    lo = Math.min(lo, y);
    hi = Math.max(hi, y);
  }
  if (lo === Infinity) fail(op, `no finite values to plot among ${given.length}`);
  // A flat series gets a unit range above it (or its own magnitude where lo + 1 rounds to lo).
  return { ys, lo, hi: hi > lo ? hi : lo + 1 > lo ? lo + 1 : lo + Math.abs(lo) };
}

/** Where y lies between lo and hi, in [0, 1]; halved first so a range wider than the largest double does not overflow. */
function fraction(y: number, lo: number, hi: number): number {
  return (y / 2 - lo / 2) / (hi / 2 - lo / 2);
}

/**
 * A text chart of `values` (one column per bucket of consecutive values, averaged), `height`
 * rows of block characters, with the y range on the left and the step range below.
 */
export function textChart(values: readonly number[], chartOptions?: ChartOptions): string {
  const options: ChartOptions = readOptions("textChart", chartOptions, chartSpec);
  const width = options.width ?? 60;
  const height = options.height ?? 12;
  const { ys, lo, hi } = prepare(values, options.log ?? false, "textChart");
  const columns = Math.min(width, ys.length);
  const levels = Array.from({ length: columns }, (_, c) => {
    const from = Math.floor((c * ys.length) / columns);
    const to = Math.max(from + 1, Math.floor(((c + 1) * ys.length) / columns));
    const bucket = ys.slice(from, to).filter(Number.isFinite);
    // Each term is divided first, so values near the largest double do not overflow their sum.
    const mean = bucket.reduce((a, b) => a + b / bucket.length, 0);
    return bucket.length === 0 ? -1 : Math.round(fraction(mean, lo, hi) * (height - 1));
  });
  const label = (v: number) => (options.log ? `1e${v.toFixed(1)}` : v.toPrecision(3)).padStart(9);
  const rows = Array.from({ length: height }, (_, r) => {
    const level = height - 1 - r;
    const line = levels.map((l) => (l === level ? "•" : l > level ? "│" : " ")).join("");
    const axis = r === 0 ? label(hi) : r === height - 1 ? label(lo) : " ".repeat(9);
    return `${axis} ┤${line}`;
  });
  const footer = `${" ".repeat(10)}└${"─".repeat(columns)}\n${" ".repeat(11)}step 1${" ".repeat(Math.max(1, columns - 6 - String(ys.length).length - 5))}step ${ys.length}`;
  return [options.title === undefined ? [] : [options.title], rows, [footer]].flat().join("\n");
}

/** A standalone SVG document plotting `values` as a polyline, with axes and the y range labelled. */
export function svgChart(values: readonly number[], chartOptions?: ChartOptions): string {
  const options: ChartOptions = readOptions("svgChart", chartOptions, chartSpec);
  const width = options.width ?? 640;
  const height = options.height ?? 360;
  const { ys, lo, hi } = prepare(values, options.log ?? false, "svgChart");
  const margin = { left: 70, right: 20, top: 36, bottom: 40 };
  const plotW = width - margin.left - margin.right;
  const plotH = height - margin.top - margin.bottom;
  const x = (i: number) => margin.left + (ys.length === 1 ? 0 : (i / (ys.length - 1)) * plotW);
  const y = (v: number) => margin.top + (1 - fraction(v, lo, hi)) * plotH;
  const points = ys.flatMap((v, i) => (Number.isFinite(v) ? [`${x(i).toFixed(1)},${y(v).toFixed(1)}`] : [])).join(" ");
  const format = (v: number) => (options.log ? `1e${v.toFixed(2)}` : v.toPrecision(4));
  const title = escapeXml(options.title ?? "");
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">
<rect width="100%" height="100%" fill="white"/>
<text x="${width / 2}" y="20" text-anchor="middle" font-size="14">${title}</text>
<line x1="${margin.left}" y1="${margin.top}" x2="${margin.left}" y2="${margin.top + plotH}" stroke="black"/>
<line x1="${margin.left}" y1="${margin.top + plotH}" x2="${margin.left + plotW}" y2="${margin.top + plotH}" stroke="black"/>
<text x="${margin.left - 6}" y="${margin.top + 4}" text-anchor="end">${format(hi)}</text>
<text x="${margin.left - 6}" y="${margin.top + plotH}" text-anchor="end">${format(lo)}</text>
<text x="${margin.left}" y="${height - 12}">step 1</text>
<text x="${margin.left + plotW}" y="${height - 12}" text-anchor="end">step ${ys.length}</text>
<polyline fill="none" stroke="#1f77b4" stroke-width="1.5" points="${points}"/>
</svg>
`;
}

/** Text safe inside an XML element. */
function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
