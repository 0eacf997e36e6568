/**
 * What both charts of models/plot.ts draw from: the series read and checked, their common y range
 * (after the optional log10), the x position of each value, and "nice" axis ticks with labels that
 * read as numbers (`2.5`, `100`, `1e-3`; on a log axis the value, never its exponent).
 *
 * A series is a real list of numbers (no holes, nested lists or other values). NaN and ±Infinity
 * are allowed and left out of the drawing (a diverged run's loss ends in NaN, and the curve up to
 * then is still worth seeing); at least one value must be finite. With `log`, a value of 0 (a loss
 * that reached 0) is left out like the non-finite ones, and a negative value is an error.
 */
import { fail } from "../core/errors.js";
import { describeValue, isPlainRecord } from "../core/validate.js";

/** A named series, for charts of several (`[{ name: "train", values }, { name: "validation", values }]`). */
export interface NamedSeries {
  readonly name: string;
  readonly values: readonly number[];
}

/** What a chart plots: one list of numbers, or named series as a record (`{ train, validation }`) or a list of `{ name, values }`. */
export type ChartData = readonly number[] | Readonly<Record<string, readonly number[]>> | readonly NamedSeries[];

/** A series ready to draw: its name (null for a lone unnamed list) and its plotted values (log10 taken when asked). */
export interface PlottedSeries {
  readonly name: string | null;
  readonly ys: readonly number[];
}

/** The series of a chart and the y range they share. */
export interface Scale {
  readonly series: readonly PlottedSeries[];
  readonly lo: number;
  readonly hi: number;
  /** The number of steps on the x axis: the longest series' length. */
  readonly steps: number;
}

/** Reads `data` (see `ChartData`), checking every value; `op` names the chart in errors. */
export function readScale(op: string, data: unknown, log: boolean): Scale {
  const series = readSeries(op, data).map(({ name, values }) => ({ name, ys: plotted(op, name === null ? "values" : `series "${name}"`, values, log) }));
  let lo = Infinity;
  let hi = -Infinity;
  for (const { ys } of series) {
    for (const y of ys) {
      if (!Number.isFinite(y)) continue;
      lo = Math.min(lo, y);
      hi = Math.max(hi, y);
    }
  }
  const count = series.reduce((n, s) => n + s.ys.length, 0);
  if (count === 0) fail(op, "no values to plot");
  if (lo === Infinity) fail(op, `no finite values to plot among ${count}`);
  // A flat chart gets a unit range above it (or its own magnitude where lo + 1 rounds to lo).
  hi = hi > lo ? hi : lo + 1 > lo ? lo + 1 : lo + Math.abs(lo);
  return { series, lo, hi, steps: Math.max(...series.map((s) => s.ys.length)) };
}

/** Where y lies between lo and hi, in [0, 1]; halved first so a range wider than the largest double does not overflow. */
export function fraction(y: number, lo: number, hi: number): number {
  return (y / 2 - lo / 2) / (hi / 2 - lo / 2);
}

/**
 * The step (1 to `steps`) at which value i of a series of `length` values is drawn: a shorter
 * series is spread over the same run, so a validation score per epoch lines up with the training
 * loss per step (value i of n sits at step (i + 1) · steps / n).
 */
export function stepOf(i: number, length: number, steps: number): number {
  return length === steps ? i + 1 : ((i + 1) * steps) / length;
}

/**
 * The ticks of a y axis, as plotted values: round values, or on a log axis whole decades (1e-3,
 * 0.01, ...) when it spans one or more, else round values inside the decade (2, 2.5, 3).
 */
export function axisTicks(lo: number, hi: number, target: number, log: boolean): number[] {
  if (!log) return niceTicks(lo, hi, target);
  if (hi - lo >= 1) return niceTicks(lo, hi, target, 1);
  return niceTicks(10 ** lo, 10 ** hi, target)
    .filter((v) => v > 0)
    .map(Math.log10);
}

/** About `target` round values (1, 2 or 5 times a power of ten apart, at least `minStep`) inside [lo, hi]. */
export function niceTicks(lo: number, hi: number, target: number, minStep = 0): number[] {
  const span = hi - lo;
  if (!Number.isFinite(span) || span <= 0) return [lo];
  const rough = span / Math.max(1, target);
  const power = 10 ** Math.floor(Math.log10(rough));
  // The stride whose tick count comes closest to the target.
  const closest = [1, 2, 5, 10].map((m) => m * power).reduce((best, s) => (Math.abs(span / s - target) < Math.abs(span / best - target) ? s : best));
  const step = Math.max(closest, minStep);
  const ticks: number[] = [];
  for (let k = Math.ceil(lo / step); k * step <= hi + step * 1e-9; k++) ticks.push(roundTo(k * step, step));
  return ticks;
}

/** The label of an axis value: the number itself, or 10 to its power on a log axis. */
export function tickLabel(value: number, log: boolean): string {
  return formatNumber(log ? 10 ** value : value);
}

/** A number as a short label: `2.5`, `100`, `0.05`, `1e-3`, `2.5e6` (three significant digits at most). */
export function formatNumber(value: number): string {
  if (value === 0 || !Number.isFinite(value)) return String(value);
  const magnitude = Math.abs(value);
  if (magnitude >= 0.01 && magnitude < 1e5) return String(Number(value.toPrecision(3)));
  const [mantissa, exponent] = value.toExponential(2).split("e") as [string, string];
  return `${Number(mantissa)}e${Number(exponent)}`;
}

// -------------------------------------------------------------------------------------
// internals
// -------------------------------------------------------------------------------------

/** A tick value without the float noise of `k * step` (0.30000000000000004 becomes 0.3). */
function roundTo(value: number, step: number): number {
  const digits = Math.max(0, -Math.floor(Math.log10(step)) + 1);
  return Number(value.toFixed(Math.min(20, digits)));
}

/** The series in `data`, named unless it is one plain list. */
function readSeries(op: string, data: unknown): { name: string | null; values: unknown }[] {
  const expected = "values must be a list of numbers or named series (such as { train: [...], validation: [...] })";
  if (Array.isArray(data)) {
    // A list whose entries are all records is a list of { name, values }; any other list is one series.
    if (data.length === 0 || !data.every((entry) => isPlainRecord(entry))) return [{ name: null, values: data }];
    const names = new Set<string>();
    return data.map((entry: Record<string, unknown>, i) => {
      const keys = Object.keys(entry).sort();
      if (keys.join() !== "name,values") fail(op, `series ${i} must be { name, values }, got ${describeValue(entry)}`);
      const name = entry["name"];
      if (typeof name !== "string") fail(op, `series ${i} needs a string name, got ${describeValue(name)}`);
      if (names.has(name)) fail(op, `two series are named "${name}"; give each its own name for the legend`);
      names.add(name);
      return { name, values: entry["values"] };
    });
  }
  if (!isPlainRecord(data)) fail(op, `${expected}, got ${describeValue(data)}`);
  const entries = Object.entries(data);
  if (entries.length === 0) fail(op, `${expected}, got {} (no series)`);
  return entries.map(([name, values]) => ({ name, values }));
}

/** One series' values checked and taken to the plotted scale. */
function plotted(op: string, what: string, values: unknown, log: boolean): number[] {
  if (!Array.isArray(values)) fail(op, `${what} must be a list of numbers, got ${describeValue(values)}`);
  const ys: number[] = [];
  for (let i = 0; i < values.length; i++) {
    if (!(i in values)) fail(op, `${what} has a hole at index ${i} (a sparse list such as [1, , 3]); fill every entry`);
    const v: unknown = values[i];
    if (typeof v !== "number") fail(op, `${what} must be a list of numbers, got ${describeValue(v)} at index ${i}`);
    if (log && v < 0) fail(op, `a log chart needs non-negative values (0 is left out), got ${v} at index ${i}${what === "values" ? "" : ` of ${what}`}`);
    ys.push(log ? Math.log10(v) : v);
  }
  return ys;
}
