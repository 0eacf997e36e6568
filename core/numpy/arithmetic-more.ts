/**
 * More of numpy's arithmetic with JAX's semantics: NaN/infinity cleanup (`nanToNum`,
 * `isposinf`, `isneginf`), `divmod` and `modf`, the integer `gcd`/`lcm`, `spacing`, finite
 * differences and integrals (`ediff1d`, `trapezoid`), 1-D `convolve`/`correlate`, the vector
 * products `vecdot`/`matvec`/`vecmat`, and the shape helpers `arrayEquiv`/`broadcastShapes`.
 * All are static-shape compositions of existing primitives, so they differentiate, jit and vmap.
 */
import { isFloat, isInteger } from "../dtype.js";
import { fail } from "../errors.js";
import { bind1 } from "../interpreter.js";
import { ArrayValue, type ArrayOrScalar } from "../ndarray.js";
import { broadcastShapes as broadcastShapesOf, normalizeAxis, type Shape } from "../shape.js";
import { anyValue, checkArity, integer, nullable, number, oneOf, readOptions, validShape } from "../validate.js";
import { positional } from "./args.js";
import { matmul } from "./contract.js";
import {
  abs, add, ceil, divide as divide2, equal, floor, floorDivide, greater, greaterEqual, isnan, less, logicalAnd, multiply, negative, nextafter, notEqual, remainder,
  subtract, where,
} from "./elementwise.js";
import { diff } from "./manipulation.js";
import { broadcastTo, concatenate, expandDims, flip, moveaxis, pad, ravel, reshape } from "./movement.js";
import { cast, checkOperand, promote, promoteNumeric, promoteToFloat, scalar } from "./promote.js";
import { all, cumsum, sum } from "./reductions.js";
import { copysign } from "./ufuncs.js";

const shapeText = (shape: readonly number[]): string => `[${shape.join(",")}]`;

/** The largest finite value of a float dtype. */
const largest = (dtype: string): number => (dtype === "float32" ? 3.4028234663852886e38 : Number.MAX_VALUE);

/** `x[start:limit]` of a 1-D array. */
const slice1 = (x: ArrayValue, start: number, limit: number): ArrayValue => bind1("slice", [x], { start: [start], limit: [limit], strides: [1] });

// ---------------------------------------------------------------------------------------------
// infinities and NaN

/** Options of nanToNum: the replacements (defaults: 0, and the dtype's largest/smallest finite value). */
export interface NanToNumOptions {
  readonly nan?: number;
  readonly posinf?: number | null;
  readonly neginf?: number | null;
}

/**
 * x with NaN replaced by `nan` (default 0) and +-Infinity by `posinf`/`neginf` (default: the
 * dtype's largest and smallest finite values). Integer and bool arrays come back unchanged.
 *
 * @example
 * ```ts
 * np.nanToNum(np.array([NaN, Infinity, 1]), { posinf: 9 }); // [0, 9, 1]
 * ```
 */
export function nanToNum(x: ArrayOrScalar, options?: NanToNumOptions | null): ArrayValue {
  checkArity("nanToNum", arguments, 2);
  const a = promote("nanToNum", checkOperand("nanToNum", x))[0]!;
  const o = readOptions("nanToNum", options, { nan: number, posinf: nullable(number), neginf: nullable(number) });
  if (!isFloat(a.dtype)) return a;
  const top = o.posinf ?? largest(a.dtype);
  const bottom = o.neginf ?? -largest(a.dtype);
  let out = where(isnan(a), scalar(o.nan ?? 0, a.dtype), a);
  out = where(equal(out, scalar(Infinity, a.dtype)), scalar(top, a.dtype), out);
  return where(equal(out, scalar(-Infinity, a.dtype)), scalar(bottom, a.dtype), out);
}

function infinityTest(op: string, x: ArrayOrScalar, sign: 1 | -1): ArrayValue {
  const a = promote(op, checkOperand(op, x))[0]!;
  // Integers and bools are never infinite: an all-false array of x's shape.
  if (!isFloat(a.dtype)) return notEqual(a, a);
  return equal(a, scalar(sign * Infinity, a.dtype));
}

/** True where x is +Infinity (all false for integers and bools). */
export function isposinf(x: ArrayOrScalar): ArrayValue {
  checkArity("isposinf", arguments, 1);
  return infinityTest("isposinf", x, 1);
}

/** True where x is -Infinity (all false for integers and bools). */
export function isneginf(x: ArrayOrScalar): ArrayValue {
  checkArity("isneginf", arguments, 1);
  return infinityTest("isneginf", x, -1);
}

// ---------------------------------------------------------------------------------------------
// quotients, parts and divisors

/** `[floorDivide(x, y), remainder(x, y)]`: Python's divmod, elementwise. */
export function divmod(x: ArrayOrScalar, y: ArrayOrScalar): [ArrayValue, ArrayValue] {
  checkArity("divmod", arguments, 2);
  const [a, b] = promoteNumeric("divmod", x, y);
  return [floorDivide(a!, b!), remainder(a!, b!)];
}

/** `[fractional, whole]` parts of x, both with x's sign (integers are promoted to float). */
export function modf(x: ArrayOrScalar): [ArrayValue, ArrayValue] {
  checkArity("modf", arguments, 1);
  const a = promoteToFloat("modf", x)[0]!;
  const whole = where(greaterEqual(a, 0), floor(a), ceil(a));
  return [subtract(a, whole), whole];
}

/** Euclid's steps for 32-bit integers: consecutive Fibonacci numbers need the most, fewer than 48. */
const EUCLID_STEPS = 48;

function integerOperands(op: string, x: ArrayOrScalar, y: ArrayOrScalar): [ArrayValue, ArrayValue] {
  const [a, b] = promoteNumeric(op, x, y);
  if (!isInteger(a!.dtype)) fail(op, `arguments must be integers, got ${a!.dtype}`);
  const shape = broadcastShapesOf(op, a!.shape, b!.shape);
  return [broadcastTo(a!, shape), broadcastTo(b!, shape)];
}

function gcdOf(a: ArrayValue, b: ArrayValue): ArrayValue {
  // JAX's loop body, unrolled to the worst case so it needs no data-dependent loop: (x, y) ->
  // (y, x mod y) while y != 0, then ordered so the larger comes first.
  let x = abs(a);
  let y = abs(b);
  const zero = scalar(0, a.dtype);
  for (let step = 0; step < EUCLID_STEPS; step++) {
    const live = notEqual(y, zero);
    const nx = where(live, y, x);
    const ny = where(live, bind1("rem", [x, where(live, y, scalar(1, a.dtype))], {}), zero);
    const swap = bind1("lt", [nx, ny], {});
    x = where(swap, ny, nx);
    y = where(swap, nx, ny);
  }
  return x;
}

/** The greatest common divisor of |x| and |y|, elementwise (integers only; gcd(0, 0) = 0). */
export function gcd(x: ArrayOrScalar, y: ArrayOrScalar): ArrayValue {
  checkArity("gcd", arguments, 2);
  return gcdOf(...integerOperands("gcd", x, y));
}

/** The least common multiple of |x| and |y|, elementwise (integers only; 0 when either is 0). */
export function lcm(x: ArrayOrScalar, y: ArrayOrScalar): ArrayValue {
  checkArity("lcm", arguments, 2);
  const [a, b] = integerOperands("lcm", x, y);
  const d = gcdOf(a, b);
  const zero = scalar(0, d.dtype);
  const safe = where(equal(d, zero), scalar(1, d.dtype), d);
  return where(equal(d, zero), zero, abs(multiply(a, floorDivide(b, safe))));
}

/** The distance from x to the next representable float away from zero, with x's sign (JAX's spacing). */
export function spacing(x: ArrayOrScalar): ArrayValue {
  checkArity("spacing", arguments, 1);
  const a = promoteToFloat("spacing", x)[0]!;
  const inf = scalar(Infinity, a.dtype);
  const result = subtract(nextafter(a, copysign(inf, a)), a);
  const tiny = a.dtype === "float32" ? 1.401298464324817e-45 : Number.MIN_VALUE;
  return where(equal(result, scalar(0, a.dtype)), copysign(scalar(tiny, a.dtype), a), result);
}

// ---------------------------------------------------------------------------------------------
// differences and integrals

/** Options of ediff1d: values put before and after the differences (cast to x's dtype). */
export interface Ediff1dOptions {
  readonly toBegin?: ArrayOrScalar | null;
  readonly toEnd?: ArrayOrScalar | null;
}

/** The differences of consecutive elements of the flattened x, with `toBegin`/`toEnd` joined around them. */
export function ediff1d(x: ArrayOrScalar, options?: Ediff1dOptions | null): ArrayValue {
  checkArity("ediff1d", arguments, 2);
  const a = ravel(promote("ediff1d", checkOperand("ediff1d", x))[0]!);
  const o = readOptions("ediff1d", options, { toBegin: anyValue, toEnd: anyValue });
  const n = a.shape[0]!;
  const d = n === 0 ? a : subtract(slice1(a, 1, n), slice1(a, 0, n - 1));
  const edge = (value: unknown, name: string): ArrayValue => cast(ravel(promote("ediff1d", checkOperand("ediff1d", value, name === "toBegin" ? 1 : 2))[0]!), a.dtype);
  const parts: ArrayValue[] = [];
  if (o.toBegin !== undefined && o.toBegin !== null) parts.push(edge(o.toBegin, "toBegin"));
  parts.push(d);
  if (o.toEnd !== undefined && o.toEnd !== null) parts.push(edge(o.toEnd, "toEnd"));
  return parts.length === 1 ? d : concatenate(parts);
}

/** Options of trapezoid: the sample points `x` (or the spacing `dx`, default 1) and the axis (default -1). */
export interface TrapezoidOptions {
  readonly x?: ArrayOrScalar | null;
  readonly dx?: number;
  readonly axis?: number;
}

/**
 * The integral of y along `axis` by the trapezoidal rule, at sample points `x` (1-D along the
 * axis, or y's shape) or evenly spaced by `dx`.
 *
 * @example
 * ```ts
 * np.trapezoid(np.array([1, 2, 3])); // 4
 * ```
 */
export function trapezoid(y: ArrayOrScalar, options?: TrapezoidOptions | null): ArrayValue {
  checkArity("trapezoid", arguments, 2);
  const o = readOptions("trapezoid", options, { x: anyValue, dx: number, axis: integer });
  if (o.x !== undefined && o.x !== null && o.dx !== undefined) fail("trapezoid", "pass either x or dx, not both");
  const hasX = o.x !== undefined && o.x !== null;
  const [ya, xa] = hasX ? promoteToFloat("trapezoid", checkOperand("trapezoid", y), checkOperand("trapezoid", o.x, 1)) : promoteToFloat("trapezoid", y);
  if (ya!.ndim === 0) fail("trapezoid", "y must have at least one axis, got shape []");
  const axis = normalizeAxis("trapezoid", o.axis ?? -1, ya!.ndim);
  let dx: ArrayOrScalar = o.dx ?? 1;
  if (xa !== undefined) dx = xa.ndim === 1 ? diff(xa) : moveaxis(diff(xa, { axis }), axis, -1);
  const moved = moveaxis(ya!, axis, -1);
  const n = moved.shape[moved.ndim - 1]!;
  if (n === 0) return sum(moved, -1);
  const last = (start: number, limit: number) =>
    bind1("slice", [moved], { start: moved.shape.map((_, i) => (i === moved.ndim - 1 ? start : 0)), limit: moved.shape.map((d, i) => (i === moved.ndim - 1 ? limit : d)), strides: moved.shape.map(() => 1) });
  return multiply(sum(multiply(dx, add(last(1, n), last(0, n - 1))), -1), 0.5);
}

// ---------------------------------------------------------------------------------------------
// 1-D convolution

/** How much of the sliding product convolve/correlate keep. */
export type ConvolveMode = "full" | "same" | "valid";

function sliding(op: "convolve" | "correlate", a: ArrayOrScalar, v: ArrayOrScalar, mode: unknown): ArrayValue {
  const m = oneOf<ConvolveMode>(["full", "same", "valid"])(op, "mode", mode ?? "full");
  const [x0, y0] = promoteToFloat(op, checkOperand(op, a), checkOperand(op, v, 1));
  if (x0!.ndim !== 1 || y0!.ndim !== 1) fail(op, `only 1-D inputs are supported, got shapes ${shapeText(x0!.shape)} and ${shapeText(y0!.shape)}`);
  if (x0!.shape[0] === 0 || y0!.shape[0] === 0) fail(op, `inputs cannot be empty, got shapes ${shapeText(x0!.shape)} and ${shapeText(y0!.shape)}`);
  let x = x0!;
  let y = y0!;
  let reverse = false;
  if (x.shape[0]! < y.shape[0]!) {
    [x, y] = [y, x];
    reverse = op === "correlate";
  }
  if (op === "convolve") y = flip(y);
  const k = y.shape[0]!;
  const [before, after] = m === "valid" ? [0, 0] : m === "same" ? [Math.floor(k / 2), k - Math.floor(k / 2) - 1] : [k - 1, k - 1];
  const padded = pad(x, [[before, after]]);
  const length = padded.shape[0]! - k + 1;
  // out[i] = sum_j padded[i + j] * y[j]: one shifted slice per kernel tap.
  let out: ArrayValue | null = null;
  for (let j = 0; j < k; j++) {
    const term = multiply(slice1(padded, j, j + length), reshape(slice1(y, j, j + 1), []));
    out = out === null ? term : add(out, term);
  }
  return reverse ? flip(out!) : out!;
}

/**
 * The discrete linear convolution of two 1-D arrays (`mode` "full" (default), "same" or
 * "valid"); integers are promoted to float, as JAX does.
 *
 * @example
 * ```ts
 * np.convolve(np.array([1, 2, 3]), np.array([0, 1, 0.5])); // [0, 1, 2.5, 4, 1.5]
 * ```
 */
export function convolve(a: ArrayOrScalar, v: ArrayOrScalar, options?: { readonly mode?: ConvolveMode } | ConvolveMode | null): ArrayValue {
  checkArity("convolve", arguments, 3);
  const o = readOptions("convolve", positional(options, "mode", (x) => typeof x === "string"), { mode: anyValue });
  return sliding("convolve", a, v, o.mode);
}

/** The cross-correlation of two 1-D arrays, `sum_n a[n + k] * v[n]` (`mode` "valid" (default), "same" or "full"). */
export function correlate(a: ArrayOrScalar, v: ArrayOrScalar, options?: { readonly mode?: ConvolveMode } | ConvolveMode | null): ArrayValue {
  checkArity("correlate", arguments, 3);
  const o = readOptions("correlate", positional(options, "mode", (x) => typeof x === "string"), { mode: anyValue });
  return sliding("correlate", a, v, o.mode ?? "valid");
}

// ---------------------------------------------------------------------------------------------
// vector products

/** The dot product of x and y along `axis` (default -1), broadcasting the other axes. */
export function vecdot(x: ArrayOrScalar, y: ArrayOrScalar, options?: { readonly axis?: number } | null): ArrayValue {
  checkArity("vecdot", arguments, 3);
  const o = readOptions("vecdot", options, { axis: integer });
  const [a, b] = promote("vecdot", checkOperand("vecdot", x), checkOperand("vecdot", y, 1));
  if (a!.ndim === 0 || b!.ndim === 0) fail("vecdot", `operands must have at least 1 axis, got shapes ${shapeText(a!.shape)} and ${shapeText(b!.shape)}`);
  const axis = o.axis ?? -1;
  const am = moveaxis(a!, normalizeAxis("vecdot", axis, a!.ndim), -1);
  const bm = moveaxis(b!, normalizeAxis("vecdot", axis, b!.ndim), -1);
  if (am.shape[am.ndim - 1] !== bm.shape[bm.ndim - 1]) {
    fail("vecdot", `axes must match; got shapes ${shapeText(a!.shape)} and ${shapeText(b!.shape)} with axis=${axis}`);
  }
  const product = matmul(expandDims(am, -2), expandDims(bm, -1));
  return reshape(product, product.shape.slice(0, -2));
}

/** The matrix-vector product of x1 [..., m, n] and x2 [..., n], broadcasting the batch axes: [..., m]. */
export function matvec(x1: ArrayOrScalar, x2: ArrayOrScalar): ArrayValue {
  checkArity("matvec", arguments, 2);
  const [a, b] = promote("matvec", checkOperand("matvec", x1), checkOperand("matvec", x2, 1));
  if (a!.ndim < 2 || b!.ndim < 1) fail("matvec", `expected a matrix [..., m, n] and a vector [..., n], got shapes ${shapeText(a!.shape)} and ${shapeText(b!.shape)}`);
  const product = matmul(a!, expandDims(b!, -1));
  return reshape(product, product.shape.slice(0, -1));
}

/** The vector-matrix product of x1 [..., m] and x2 [..., m, n], broadcasting the batch axes: [..., n]. */
export function vecmat(x1: ArrayOrScalar, x2: ArrayOrScalar): ArrayValue {
  checkArity("vecmat", arguments, 2);
  const [a, b] = promote("vecmat", checkOperand("vecmat", x1), checkOperand("vecmat", x2, 1));
  if (a!.ndim < 1 || b!.ndim < 2) fail("vecmat", `expected a vector [..., m] and a matrix [..., m, n], got shapes ${shapeText(a!.shape)} and ${shapeText(b!.shape)}`);
  const product = matmul(expandDims(a!, -2), b!);
  return reshape(product, [...product.shape.slice(0, -2), product.shape[product.ndim - 1]!]);
}

// ---------------------------------------------------------------------------------------------
// shapes

/** Whether a and b broadcast together and are then equal everywhere (NaN never equals NaN). Reads values, so needs concrete arrays. */
export function arrayEquiv(a: ArrayOrScalar, b: ArrayOrScalar): boolean {
  checkArity("arrayEquiv", arguments, 2);
  const [x, y] = promote("arrayEquiv", checkOperand("arrayEquiv", a), checkOperand("arrayEquiv", b, 1));
  try {
    broadcastShapesOf("arrayEquiv", x!.shape, y!.shape);
  } catch {
    return false;
  }
  return Boolean(all(equal(x!, y!)).item());
}

/** The shape the given shapes broadcast to, numpy's rules (an error naming them when they do not). */
export function broadcastShapes(...shapes: readonly (readonly number[] | number)[]): number[] {
  const checked: Shape[] = shapes.map((s, i) => validShape("broadcastShapes", typeof s === "number" ? [s] : s, undefined, `shape ${i}`));
  return broadcastShapesOf("broadcastShapes", ...checked);
}

// ---------------------------------------------------------------------------------------------
// phases and numerical derivatives

/** `x[start:limit]` along one axis. */
function sliceAxis(x: ArrayValue, axis: number, start: number, limit: number): ArrayValue {
  return bind1("slice", [x], {
    start: x.shape.map((_, i) => (i === axis ? start : 0)),
    limit: x.shape.map((d, i) => (i === axis ? limit : d)),
    strides: x.shape.map(() => 1),
  });
}

/** Options of unwrap: the jump size that counts as a wrap (default period/2), the axis (default -1) and the period (default 2π). */
export interface UnwrapOptions {
  readonly discont?: number | null;
  readonly axis?: number;
  readonly period?: number;
}

/** p with jumps larger than `discont` between neighbours along `axis` undone by adding multiples of `period`. */
export function unwrap(p: ArrayOrScalar, options?: UnwrapOptions | null): ArrayValue {
  checkArity("unwrap", arguments, 2);
  const o = readOptions("unwrap", options, { discont: nullable(number), axis: integer, period: number });
  const period = o.period ?? 2 * Math.PI;
  const [a, per] = promote("unwrap", checkOperand("unwrap", p), period);
  if (a!.ndim === 0) fail("unwrap", "p must have at least one axis, got shape []");
  const axis = normalizeAxis("unwrap", o.axis ?? -1, a!.ndim);
  const n = a!.shape[axis]!;
  if (n === 0) return a!;
  const interval = isInteger(a!.dtype) ? floorDivide(per!, 2) : multiply(per!, 0.5);
  const discont = o.discont ?? null;
  const dd = diff(a!, { axis });
  let ddmod = subtract(remainder(add(dd, interval), per!), interval);
  ddmod = where(logicalAnd(equal(ddmod, negative(interval)), greater(dd, 0)), interval, ddmod);
  const correction = where(less(abs(dd), discont ?? period / 2), 0, subtract(ddmod, dd));
  const rest = add(sliceAxis(a!, axis, 1, n), cumsum(correction, { axis }));
  return concatenate([sliceAxis(a!, axis, 0, 1), cast(rest, a!.dtype)], axis);
}

/** Options of gradient: the sample spacing (one for all axes, or one per axis; each a number or the 1-D coordinates) and the axes. */
export interface GradientOptions {
  readonly spacing?: ArrayOrScalar | readonly ArrayOrScalar[] | null;
  readonly axis?: number | readonly number[] | null;
}

/**
 * The derivative of sampled values f along each axis: central differences inside, one-sided
 * ones at the edges (numpy's edge order 1), with uniform or coordinate spacing. One axis gives
 * an array, several a list (one per axis).
 *
 * @example
 * ```ts
 * np.gradient(np.array([1, 4, 9, 16])); // [3, 4, 6, 7]
 * ```
 */
export function gradient(f: ArrayOrScalar, options?: GradientOptions | null): ArrayValue | ArrayValue[] {
  checkArity("gradient", arguments, 2);
  const o = readOptions("gradient", options, { spacing: anyValue, axis: anyValue });
  const raw = o.spacing === undefined || o.spacing === null ? [] : Array.isArray(o.spacing) ? (o.spacing as ArrayOrScalar[]) : [o.spacing as ArrayOrScalar];
  const [a, ...spacings] = promoteToFloat("gradient", checkOperand("gradient", f), ...raw.map((s, i) => checkOperand("gradient", s, i + 1)));
  const axisArg = o.axis ?? null;
  const axes = axisArg === null ? a!.shape.map((_, i) => i) : (typeof axisArg === "number" ? [axisArg] : (axisArg as number[])).map((ax) => normalizeAxis("gradient", ax, a!.ndim));
  if (axes.length === 0) return [];
  if (axes.some((ax) => a!.shape[ax]! < 2)) fail("gradient", `every differentiated axis needs at least 2 samples, got shape ${shapeText(a!.shape)}`);
  const steps = spacings.length === 0 ? axes.map(() => null) : spacings.length === 1 ? axes.map(() => spacings[0]!) : spacings;
  if (steps.length !== axes.length) fail("gradient", `got ${spacings.length} spacings for ${axes.length} axes; expected none, one, or one per axis`);
  const along = (h: ArrayValue | null, axis: number): ArrayValue => {
    const n = a!.shape[axis]!;
    const part = (start: number, limit: number) => sliceAxis(a!, axis, start, limit);
    let upper = subtract(part(1, 2), part(0, 1));
    let lower = subtract(part(n - 1, n), part(n - 2, n - 1));
    let inner: ArrayValue;
    if (h === null || h.ndim === 0) {
      const step: ArrayOrScalar = h ?? 1;
      inner = divide2(multiply(subtract(part(2, n), part(0, n - 2)), 0.5), step);
      upper = divide2(upper, step);
      lower = divide2(lower, step);
    } else if (h.ndim === 1) {
      if (h.shape[0] !== n) fail("gradient", `a spacing array must have the axis' length ${n}, got shape ${shapeText(h.shape)}`);
      const shape = a!.shape.map((_, i) => (i === axis ? n : 1));
      const hs = reshape(h, shape);
      const at = (start: number, limit: number) => sliceAxis(hs, axis, start, limit);
      upper = divide2(upper, subtract(at(1, 2), at(0, 1)));
      lower = divide2(lower, subtract(at(n - 1, n), at(n - 2, n - 1)));
      const dx1 = subtract(at(1, n - 1), at(0, n - 2));
      const dx2 = subtract(at(2, n), at(1, n - 1));
      const wa = divide2(negative(dx2), multiply(dx1, add(dx1, dx2)));
      const wb = divide2(subtract(dx2, dx1), multiply(dx1, dx2));
      const wc = divide2(dx1, multiply(dx2, add(dx1, dx2)));
      inner = add(add(multiply(wa, part(0, n - 2)), multiply(wb, part(1, n - 1))), multiply(wc, part(2, n)));
    } else {
      fail("gradient", `spacings must be numbers or 1-D arrays, got shape ${shapeText(h.shape)}`);
    }
    return concatenate([upper, inner, lower], axis);
  };
  const out = axes.map((axis, i) => along(steps[i] ?? null, axis));
  return out.length === 1 ? out[0]! : out;
}
