/**
 * numpy's NaN-ignoring reductions and scans with JAX's semantics: `nansum nanprod nanmin nanmax
 * nanmean nanvar nanstd nanargmin nanargmax nancumsum nancumprod`. Each replaces NaN by the
 * operation's identity and runs the ordinary reduction (so `axis`, `keepdims`, `where`,
 * `initial` and `dtype` mean what they mean there); integer and bool inputs have no NaN and
 * reduce as the ordinary function. nanmin, nanmax and nanmean give NaN for an all-NaN slice,
 * nansum 0 and nanprod 1, nanargmin/nanargmax -1, as JAX.
 */
import { isFloat, type DType } from "../dtype.js";
import { fail, TesseraError } from "../errors.js";
import { bind1 } from "../interpreter.js";
import { ArrayValue, type ArrayOrScalar } from "../ndarray.js";
import { anyValue, bool, checkArity, finite, readOptions, type OptionCheck } from "../validate.js";
import { isWeak } from "../aval.js";
import { axisOption, dtypeOption, isAxisLike, positional, singleAxisOption } from "./args.js";
import { divide, greater, isnan, logicalNot, multiply, sqrt, subtract, where } from "./elementwise.js";
import { cast, checkOperand, resultDtype, scalar } from "./promote.js";
import {
  all, argmax, argmin, cumprod, cumsum, max, mean, min, prod, sum,
  type ArgOptions, type AxisArgument, type ExtremumOptions, type MeanOptions, type ScanOptions, type SumOptions, type WhereMask,
} from "./reductions.js";

/** Options of nanvar and nanstd: var's, with JAX's `ddof` (nanvar has no `correction`). */
export interface NanVarianceOptions extends MeanOptions {
  ddof?: number;
  mean?: ArrayOrScalar;
}

/** Runs `body`, reporting its errors under `op` (the inner reduction names itself otherwise). */
function as<T>(op: string, body: () => T): T {
  try {
    return body();
  } catch (e) {
    if (e instanceof TesseraError && e.op !== op) throw new TesseraError(op, e.message.replace(/^tessera\.[^:]*: /, ""));
    throw e;
  }
}

/** The operand as an array (JS numbers alone are float32, booleans bool; a weak scalar tracer as its JS number would be). */
function operand(op: string, x: ArrayOrScalar): ArrayValue {
  checkOperand(op, x);
  if (x instanceof ArrayValue) return isWeak(x) ? cast(x, resultDtype([x])) : x;
  return scalar(x, resultDtype([x]));
}

const reduceSpec = { axis: axisOption, keepdims: bool, where: anyValue };

/** Reads the options with `op`'s name (unknown keys, a positional axis); the inner reduction checks the values. */
function read(op: string, options: unknown, spec: Record<string, OptionCheck<unknown>>): Record<string, unknown> {
  return readOptions(op, positional(options, "axis", isAxisLike), { ...reduceSpec, ...spec }) as Record<string, unknown>;
}

/** x with NaN replaced by `fill` (x itself when it cannot hold NaN). */
const withoutNaN = (x: ArrayValue, fill: number): ArrayValue => (isFloat(x.dtype) ? where(isnan(x), scalar(fill, x.dtype), x) : x);

/** The reduce options of `o` without the mask, for the all-NaN test (JAX's test ignores `where`). */
const axesOf = (o: Record<string, unknown>) => ({ axis: (o.axis ?? null) as number | number[] | null, keepdims: (o.keepdims ?? false) as boolean });

/** Sum over `axis` treating NaN as 0 (an all-NaN slice sums to 0); sum's options. */
export function nansum(x: ArrayOrScalar, options?: AxisArgument<SumOptions>): ArrayValue {
  checkArity("nansum", arguments, 2);
  const a = operand("nansum", x);
  const o = read("nansum", options, { dtype: dtypeOption, initial: anyValue });
  return as("nansum", () => sum(withoutNaN(a, 0), o as SumOptions));
}

/** Product over `axis` treating NaN as 1 (an all-NaN slice gives 1); prod's options. */
export function nanprod(x: ArrayOrScalar, options?: AxisArgument<SumOptions>): ArrayValue {
  checkArity("nanprod", arguments, 2);
  const a = operand("nanprod", x);
  const o = read("nanprod", options, { dtype: dtypeOption, initial: anyValue });
  return as("nanprod", () => prod(withoutNaN(a, 1), o as SumOptions));
}

function nanExtremum(op: "nanmax" | "nanmin", x: ArrayOrScalar, options: unknown): ArrayValue {
  const a = operand(op, x);
  const o = read(op, options, { initial: anyValue });
  const reduce = op === "nanmax" ? max : min;
  return as(op, () => {
    const r = reduce(withoutNaN(a, op === "nanmax" ? -Infinity : Infinity), o as ExtremumOptions);
    // With an initial value the result is never empty, so JAX leaves it as it is.
    if (!isFloat(a.dtype) || o.initial !== undefined) return r;
    return where(all(isnan(a), axesOf(o)), NaN, r);
  });
}

/** Maximum over `axis` ignoring NaN; NaN where every element is NaN (unless `initial` is given). max's options. */
export function nanmax(x: ArrayOrScalar, options?: AxisArgument<ExtremumOptions>): ArrayValue {
  checkArity("nanmax", arguments, 2);
  return nanExtremum("nanmax", x, options);
}

/** Minimum over `axis` ignoring NaN; NaN where every element is NaN (unless `initial` is given). min's options. */
export function nanmin(x: ArrayOrScalar, options?: AxisArgument<ExtremumOptions>): ArrayValue {
  checkArity("nanmin", arguments, 2);
  return nanExtremum("nanmin", x, options);
}

/** The number of non-NaN elements over the reduced axes (under `where`), in `dtype`. */
function countNotNaN(a: ArrayValue, o: Record<string, unknown>, dtype: DType): ArrayValue {
  return sum(logicalNot(isnan(a)), { ...axesOf(o), dtype, ...(o.where === undefined ? {} : { where: o.where as WhereMask }) });
}

/** Mean over `axis` of the non-NaN elements (NaN where there are none); integers and bools as mean. mean's options. */
export function nanmean(x: ArrayOrScalar, options?: AxisArgument<MeanOptions>): ArrayValue {
  checkArity("nanmean", arguments, 2);
  const a = operand("nanmean", x);
  const o = read("nanmean", options, { dtype: dtypeOption });
  return as("nanmean", () => {
    if (!isFloat(a.dtype)) return mean(a, o as MeanOptions);
    const dtype = (o.dtype as DType | undefined) ?? a.dtype;
    const total = sum(withoutNaN(a, 0), { ...(o as SumOptions), dtype });
    const count = countNotNaN(a, o, dtype);
    // An integer dtype divides with truncation (JAX's lax.div).
    return isFloat(dtype) ? divide(total, count) : bindDiv(total, count);
  });
}

/** Integer division truncating toward zero (JAX's lax.div), in x's integer dtype. */
const bindDiv = (x: ArrayValue, y: ArrayValue): ArrayValue => bind1("div", [x, cast(y, x.dtype)], {});

function nanVarianceOf(op: "nanvar" | "nanstd", x: ArrayOrScalar, options: unknown): ArrayValue {
  const a = operand(op, x);
  const o = read(op, options, { dtype: dtypeOption, ddof: finite, mean: anyValue });
  return as(op, () => {
    if (o.dtype !== undefined && !isFloat(o.dtype as DType)) fail(op, `dtype must be a float dtype, got ${String(o.dtype)}`);
    const dtype = (o.dtype as DType | undefined) ?? (isFloat(a.dtype) ? a.dtype : "float32");
    const f = cast(a, dtype);
    const masked = o.where === undefined ? {} : { where: o.where as WhereMask };
    const center = o.mean === undefined ? nanmean(f, { ...axesOf(o), keepdims: true, dtype, ...masked }) : operand(op, o.mean as ArrayOrScalar);
    // The double where: NaN entries contribute 0 and receive no gradient.
    const centered = where(isnan(f), scalar(0, dtype), subtract(f, cast(center, dtype)));
    const squares = sum(multiply(centered, centered), { ...axesOf(o), ...masked });
    const divisor = subtract(countNotNaN(f, o, "int32"), scalar(o.ddof as number | undefined ?? 0, "int32"));
    const positive = greater(divisor, 0);
    return where(positive, divide(squares, cast(where(positive, divisor, 1), dtype)), NaN);
  });
}

/** Variance over `axis` of the non-NaN elements, divided by their count minus `ddof`; NaN where that is not positive. */
export function nanvar(x: ArrayOrScalar, options?: AxisArgument<NanVarianceOptions>): ArrayValue {
  checkArity("nanvar", arguments, 2);
  return nanVarianceOf("nanvar", x, options);
}

/** Standard deviation over `axis` ignoring NaN: the square root of nanvar with the same options. */
export function nanstd(x: ArrayOrScalar, options?: AxisArgument<NanVarianceOptions>): ArrayValue {
  checkArity("nanstd", arguments, 2);
  return sqrt(nanVarianceOf("nanstd", x, options));
}

function nanArg(op: "nanargmax" | "nanargmin", x: ArrayOrScalar, options: unknown): ArrayValue {
  const a = operand(op, x);
  const o = readOptions(op, positional(options, "axis", isAxisLike), { axis: singleAxisOption, keepdims: bool }) as ArgOptions;
  return as(op, () => {
    const arg = op === "nanargmax" ? argmax : argmin;
    if (!isFloat(a.dtype)) return arg(a, o);
    const r = arg(where(isnan(a), op === "nanargmax" ? -Infinity : Infinity, a), o);
    const allNaN = all(isnan(a), { axis: o.axis ?? null, keepdims: o.keepdims ?? false });
    return where(allNaN, scalar(-1, "int32"), r);
  });
}

/** Index (int32) of the first maximum along `axis` ignoring NaN (of the flattened array by default); -1 where all are NaN. */
export function nanargmax(x: ArrayOrScalar, options?: ArgOptions | number | null): ArrayValue {
  checkArity("nanargmax", arguments, 2);
  return nanArg("nanargmax", x, options);
}

/** Index (int32) of the first minimum along `axis` ignoring NaN (of the flattened array by default); -1 where all are NaN. */
export function nanargmin(x: ArrayOrScalar, options?: ArgOptions | number | null): ArrayValue {
  checkArity("nanargmin", arguments, 2);
  return nanArg("nanargmin", x, options);
}

/** Running sum along `axis` (of the flattened array by default) treating NaN as 0; cumsum's options. */
export function nancumsum(x: ArrayOrScalar, options?: ScanOptions | number | null): ArrayValue {
  checkArity("nancumsum", arguments, 2);
  const a = operand("nancumsum", x);
  const o = readOptions("nancumsum", positional(options, "axis", isAxisLike), { axis: singleAxisOption, dtype: dtypeOption });
  return as("nancumsum", () => cumsum(withoutNaN(a, 0), o));
}

/** Running product along `axis` (of the flattened array by default) treating NaN as 1; cumprod's options. */
export function nancumprod(x: ArrayOrScalar, options?: ScanOptions | number | null): ArrayValue {
  checkArity("nancumprod", arguments, 2);
  const a = operand("nancumprod", x);
  const o = readOptions("nancumprod", positional(options, "axis", isAxisLike), { axis: singleAxisOption, dtype: dtypeOption });
  return as("nancumprod", () => cumprod(withoutNaN(a, 1), o));
}
