/**
 * Numeric CSV text to arrays: features x, labels y and the column names. Only text: reading a
 * file is the Node entry's loadCsv (node/csv.ts), which shares this parser. Every field must be
 * a number as CSV writers print them (or nan / inf); anything else is an error naming its line
 * and column, never a number JavaScript's Number() would make of it.
 */
import { dtypes, isFloat, type DType } from "../core/dtype.js";
import { fail } from "../core/errors.js";
import * as np from "../core/numpy/index.js";
import { bool, describeValue, either, integer, oneOf, readOptions, string } from "../core/validate.js";
import type { ArrayValue } from "../core/ndarray.js";


/** Options of parseCsv/loadCsv. */
export interface CsvOptions {
  /** Whether the first line names the columns (default true). */
  readonly header?: boolean;
  /** The label column: an index (negative counts from the end) or a header name; default the last column. */
  readonly labelColumn?: number | string;
  /** The dtype of x (default float32). */
  readonly dtype?: DType;
  /** The dtype of y (default int32 when every label is an integer, float32 otherwise). */
  readonly labelDtype?: DType;
}

/** A numeric data set: features x [rows, columns], labels y [rows], and the feature column names. */
export interface CsvData {
  readonly x: ArrayValue;
  readonly y: ArrayValue;
  readonly columns: string[];
  readonly labelName: string;
}

/** A decimal number as CSV writers print it: sign, digits, optional fraction and exponent (no hex, binary or "1_000"). */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * A field's number: a decimal, "nan", or "inf" / "infinity" with an optional sign. An empty
 * field is an error (a missing value must be written as nan). Anything else ("0x10", "1,5", "true") is an error, never a
 * number JavaScript's Number() would make of it.
 */
function parseNumber(op: string, field: string, line: number, column: number): number {
  const text = field.trim();
  if (/^nan$/i.test(text)) return NaN;
  const infinity = /^([+-]?)inf(inity)?$/i.exec(text);
  if (infinity !== null) return infinity[1] === "-" ? -Infinity : Infinity;
  if (!DECIMAL.test(text)) fail(op, `line ${line}, column ${column + 1}: expected a number, got ${describeValue(field)}`);
  return Number(text);
}

/** Reads the options of parseCsv or loadCsv (null means none). */
export function readCsvOptions(op: string, options: unknown): CsvOptions {
  const dtype = oneOf<DType>(dtypes);
  return readOptions(op, options, { header: bool, labelColumn: either<number, string>(integer, string, "a column index or a header name"), dtype, labelDtype: dtype });
}

/**
 * Parses numeric CSV text (comma-separated, no quoted fields; as the shared digits, iris and
 * diabetes files: a header row, the label in the last column) into `{x, y, columns, labelName}`.
 */
export function parseCsv(text: string, csvOptions?: CsvOptions): CsvData {
  const options = readCsvOptions("parseCsv", csvOptions);
  string("parseCsv", "text", text);
  return parseCsvText("parseCsv", text, options);
}

/** parseCsv's work on checked text and options, its errors named after `op` (loadCsv calls it too). */
export function parseCsvText(op: string, text: string, options: CsvOptions): CsvData {
  const lines = text.split(/\r?\n/).map((line, i) => ({ line, number: i + 1 })).filter(({ line }) => line.trim() !== "");
  const header = options.header ?? true;
  if (lines.length === 0) fail(op, "the CSV has no lines");
  const width = lines[0]!.line.split(",").length;
  const names = header ? lines[0]!.line.split(",").map((name) => name.trim().replace(/^"(.*)"$/, "$1")) : Array.from({ length: width }, (_, i) => `column_${i}`);
  if (width < 2) fail(op, `needs at least two columns (features and a label), got ${width}`);
  const given = options.labelColumn ?? -1;
  const label = typeof given === "string" ? names.indexOf(given) : given < 0 ? width + given : given;
  if (!Number.isInteger(label) || label < 0 || label >= width) {
    fail(op, `labelColumn ${describeValue(given)} names no column of ${width}${header ? ` (${names.join(", ")})` : ""}`);
  }
  const rows = lines.slice(header ? 1 : 0);
  const features = new Float64Array(rows.length * (width - 1));
  const labels = new Float64Array(rows.length);
  rows.forEach(({ line, number }, r) => {
    const fields = line.split(",");
    if (fields.length !== width) fail(op, `line ${number} has ${fields.length} fields, expected ${width}`);
    let c = 0;
    fields.forEach((field, i) => {
      const value = parseNumber(op, field, number, i);
      if (i === label) labels[r] = value;
      else features[r * (width - 1) + c++] = value;
    });
  });
  const labelDtype = options.labelDtype ?? (labels.every(Number.isInteger) ? "int32" : "float32");
  if (!isFloat(labelDtype)) {
    // Integer labels must fit the dtype exactly: a cast would clamp or wrap them silently.
    const [lo, hi] = labelDtype === "uint32" ? [0, 2 ** 32 - 1] : labelDtype === "bool" ? [0, 1] : [-(2 ** 31), 2 ** 31 - 1];
    const bad = labels.findIndex((v) => !Number.isInteger(v) || v < lo || v > hi);
    if (bad >= 0) {
      fail(op, `label ${labels[bad]} on data row ${bad + 1} of column ${names[label]} does not fit labelDtype ${labelDtype} (integers in [${lo}, ${hi}]); give labelDtype "float32" or "float64"`);
    }
  }
  return {
    x: np.array(features, { dtype: options.dtype ?? "float32", shape: [rows.length, width - 1] }),
    y: np.array(labels, { dtype: labelDtype }),
    columns: names.filter((_, i) => i !== label),
    labelName: names[label]!,
  };
}
