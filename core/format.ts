/**
 * numpy-style printing: `array([[1., 2.], [3., 4.]], dtype=float32)`, with large arrays
 * summarized by `...` (numpy's threshold of 1000 elements, 3 edge items per axis).
 */
import type { DType, TypedArray } from "./dtype.js";
import type { Shape } from "./shape.js";
import { stridesOf } from "./shape.js";

const threshold = 1000;
const edgeItems = 3;
const lineWidth = 75;

/** True when `text` reads back as exactly `x` at the array's precision. */
function roundTrips(text: string, x: number, dtype: DType): boolean {
  const y = Number(text);
  return (dtype === "float32" ? Math.fround(y) : y) === x;
}

/** The fewest fraction digits (at most numpy's precision of 8) that represent x. */
function fractionDigits(x: number, dtype: DType, notation: "fixed" | "scientific"): number {
  for (let digits = 0; digits < maxPrecision; digits++) {
    const text = notation === "fixed" ? x.toFixed(digits) : x.toExponential(digits);
    if (roundTrips(text, x, dtype)) return digits;
  }
  // Not representable within the precision: numpy rounds to 8 digits and drops trailing zeros.
  const text = notation === "fixed" ? x.toFixed(maxPrecision) : x.toExponential(maxPrecision).replace(/e.*$/, "");
  return maxPrecision - (text.length - text.replace(/0+$/, "").length);
}

const maxPrecision = 8;

function formatFloats(values: number[], dtype: DType): (x: number) => string {
  const finite = values.filter((v) => Number.isFinite(v));
  const nonFinite = (x: number) => (Number.isNaN(x) ? "nan" : x > 0 ? "inf" : "-inf");
  const maxAbs = Math.max(0, ...finite.map(Math.abs));
  const minAbs = Math.min(Infinity, ...finite.filter((v) => v !== 0).map(Math.abs));
  // numpy's rule: scientific notation for values >= 1e8, nonzero values < 1e-4, or a range over 1e3.
  if (minAbs !== Infinity && (maxAbs >= 1e8 || minAbs < 1e-4 || maxAbs / minAbs > 1e3)) {
    const digits = Math.max(0, ...finite.map((v) => fractionDigits(v, dtype, "scientific")));
    return (x) => (Number.isFinite(x) ? x.toExponential(digits).replace(".e", "e").replace(/e([+-])(\d)$/, "e$10$2").replace(/^(-?\d)e/, "$1.e") : nonFinite(x));
  }
  // Fixed notation: the fewest digits that represent every value, trailing zeros shown as spaces.
  const digits = Math.max(0, ...finite.map((v) => fractionDigits(v, dtype, "fixed")));
  return (x) => {
    if (!Number.isFinite(x)) return nonFinite(x);
    const own = fractionDigits(x, dtype, "fixed");
    const text = (Object.is(x, -0) ? "-" : "") + x.toFixed(own) + (own === 0 ? "." : "");
    return text.padEnd(text.length + digits - own, " ");
  };
}

/** Formats an array's data as numpy's `repr` does (what `String(x)` shows). */
export function formatArray(data: TypedArray, shape: Shape, dtype: DType): string {
  return formatNumpy(data, shape, dtype, "repr");
}

/**
 * Formats an array's data as numpy's `str` does, which is how `jax.debug.print` shows arrays:
 * `[[0. 1.]\n [2. 3.]]` without `array(`, commas or dtype, and a 0-d array as its scalar (`1.5`,
 * `3`, `True`, `1e-08`).
 */
export function formatArrayStr(data: TypedArray, shape: Shape, dtype: DType): string {
  if (shape.length === 0) return formatScalar(Number(data[0]), dtype);
  return formatNumpy(data, shape, dtype, "str");
}

/** A scalar as Python prints it: the shortest digits that read back at the dtype's precision. */
export function formatScalar(x: number, dtype: DType): string {
  if (dtype === "bool") return x ? "True" : "False";
  if (dtype !== "float32" && dtype !== "float64") return String(x);
  if (Number.isNaN(x)) return "nan";
  if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  let digits = 1;
  while (digits < 17 && !roundTrips(x.toExponential(digits - 1), x, dtype)) digits++;
  const [mantissa, exponentText] = x.toExponential(digits - 1).split("e") as [string, string];
  const exponent = Number(exponentText);
  // Python's repr: positional for exponents in [-4, 16), scientific with two exponent digits otherwise.
  if (exponent < -4 || exponent >= 16) {
    const sign = exponent < 0 ? "-" : "+";
    return `${mantissa}e${sign}${String(Math.abs(exponent)).padStart(2, "0")}`;
  }
  const fixed = x.toFixed(Math.max(0, digits - 1 - exponent));
  return fixed.includes(".") ? fixed : `${fixed}.0`;
}

function formatNumpy(data: TypedArray, shape: Shape, dtype: DType, style: "repr" | "str"): string {
  const comma = style === "repr" ? "," : "";
  const size = data.length;
  const summarize = size > threshold;
  const strides = stridesOf(shape);
  // Which indices along an axis are shown (all, or the edges with a gap marker -1).
  const shown = (axis: number): number[] => {
    const n = shape[axis]!;
    if (!summarize || n <= 2 * edgeItems) return Array.from({ length: n }, (_, i) => i);
    return [...Array.from({ length: edgeItems }, (_, i) => i), -1, ...Array.from({ length: edgeItems }, (_, i) => n - edgeItems + i)];
  };
  const visible: number[] = [];
  const collect = (axis: number, offset: number): void => {
    if (axis === shape.length) {
      visible.push(data[offset]!);
      return;
    }
    for (const i of shown(axis)) if (i >= 0) collect(axis + 1, offset + i * strides[axis]!);
  };
  collect(0, 0);
  const element =
    dtype === "bool"
      ? (x: number) => (x ? " True" : "False")
      : dtype === "float32" || dtype === "float64"
        ? formatFloats(visible, dtype)
        : (x: number) => String(x);
  const width = Math.max(0, ...visible.map((v) => element(v).length));
  const pad = (s: string) => s.padStart(width);
  const prefix = style === "repr" ? "array(" : "";
  const render = (axis: number, offset: number, indent: string): string => {
    if (axis === shape.length) return pad(element(data[offset]!));
    const parts = shown(axis).map((i) => (i < 0 ? "..." : render(axis + 1, offset + i * strides[axis]!, indent + " ")));
    if (axis === shape.length - 1) {
      // Wrap long rows at numpy's line width.
      const lines: string[] = [];
      let line = "";
      for (const part of parts) {
        const candidate = line === "" ? part : `${line}${comma} ${part}`;
        if (candidate.length + indent.length + 2 > lineWidth && line !== "") {
          lines.push(line + comma);
          line = part;
        } else line = candidate;
      }
      lines.push(line);
      return `[${lines.join(`\n${indent} `)}]`;
    }
    const separator = comma + "\n" + "\n".repeat(shape.length - axis - 2) + indent + " ";
    return `[${parts.join(separator)}]`;
  };
  const body = size === 0 ? `[]` : render(0, 0, " ".repeat(prefix.length));
  if (style === "str") return body;
  // numpy 2's suffix: the shape when summarized (or empty and not 1-D), the dtype unless implied.
  const extras: string[] = [];
  if (summarize || (size === 0 && !(shape.length === 1))) extras.push(`shape=(${shape.join(", ")}${shape.length === 1 ? "," : ""})`);
  if ((dtype !== "float64" && dtype !== "bool") || size === 0) extras.push(`dtype=${dtype}`);
  const text = prefix + body;
  if (extras.length === 0) return `${text})`;
  const extra = `${extras.join(", ")})`;
  const lastLine = text.length + 1 - (text.lastIndexOf("\n") + 1);
  const spacer = lastLine + extra.length + 1 > lineWidth ? `\n${" ".repeat(prefix.length)}` : " ";
  return `${text},${spacer}${extra}`;
}
