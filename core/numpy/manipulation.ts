/**
 * numpy's array manipulation built from the movement functions: rolling and rotating, finite
 * differences, the Kronecker product, the stacking helpers, `atleast*`, `meshgrid`, `cross`,
 * `takeAlongAxis` and `select`. All static-shape compositions, so they differentiate, jit and
 * vmap like the functions they are made of.
 */
import { isFloat } from "../dtype.js";
import { fail } from "../errors.js";
import { bind1 } from "../interpreter.js";
import { ArrayValue, type ArrayOrScalar } from "../ndarray.js";
import { broadcastShapes, normalizeAxis, range, stridesOf } from "../shape.js";
import { anyValue, bool, checkArity, count, integer, describeValue, isPlainRecord, listOf, oneOf, readOptions } from "../validate.js";
import { axesOption, axisOption, isAxisLike, positional, singleAxisOption } from "./args.js";
import { add, multiply, notEqual, subtract, where } from "./elementwise.js";
import { broadcastTo, concatenate, flip, moveaxis, reshape, ravel, swapaxes } from "./movement.js";
import { checkOperand, promote, resultDtype, scalar } from "./promote.js";

const shapeText = (shape: readonly number[]): string => `[${shape.join(",")}]`;

/** The array behind an array-or-scalar argument. */
function operand(op: string, x: unknown, position = 0): ArrayValue {
  return promote(op, checkOperand(op, x, position))[0]!;
}

/** `x[start:limit]` along one axis. */
function sliceAxis(x: ArrayValue, axis: number, start: number, limit: number): ArrayValue {
  return bind1("slice", [x], {
    start: x.shape.map((_, i) => (i === axis ? start : 0)),
    limit: x.shape.map((d, i) => (i === axis ? limit : d)),
    strides: x.shape.map(() => 1),
  });
}

/** A list of arrays (the stacking helpers' argument), checked element by element. */
function arrays(op: string, xs: unknown): ArrayValue[] {
  if (!Array.isArray(xs) || xs.length === 0) fail(op, `expected a non-empty list of arrays such as np.${op}([a, b]), got ${describeValue(xs)}`);
  return listOf((_op, _name, v) => v)(op, "arrays", xs).map((x, i) => operand(op, x, i));
}

// ---------------------------------------------------------------------------------------------
// rolling, rotating, differences

/** Options of roll: the axis or axes to roll along (null or absent: the flattened array). */
export interface RollOptions {
  readonly axis?: number | readonly number[] | null;
}

/** Shifts elements by `shift` along `axis` (the flattened array by default), wrapping around; shifts and axes may be lists of equal length. */
export function roll(x: ArrayOrScalar, shift: number | readonly number[], options?: RollOptions | number | readonly number[] | null): ArrayValue {
  checkArity("roll", arguments, 3);
  const a = operand("roll", x);
  const shifts = axesOption("roll", "shift", shift);
  const o = readOptions("roll", positional(options, "axis", isAxisLike), { axis: axisOption });
  if (o.axis === undefined || o.axis === null) {
    if (typeof shifts !== "number") fail("roll", `a list of shifts ${describeValue(shifts)} needs a matching list of axes`);
    return reshape(roll(ravel(a), shifts, 0), a.shape);
  }
  const axes = (typeof o.axis === "number" ? [o.axis] : o.axis).map((ax) => normalizeAxis("roll", ax, a.ndim));
  const shiftList = typeof shifts === "number" ? axes.map(() => shifts) : shifts;
  if (shiftList.length !== axes.length) fail("roll", `got ${shiftList.length} shifts for ${axes.length} axes; expected one shift per axis (or a single shift)`);
  let out = a;
  axes.forEach((axis, i) => {
    const n = out.shape[axis]!;
    if (n === 0) return;
    const s = ((shiftList[i]! % n) + n) % n;
    if (s !== 0) out = concatenate([sliceAxis(out, axis, n - s, n), sliceAxis(out, axis, 0, n - s)], axis);
  });
  return out;
}

/** Options of rot90: the number of quarter turns and the plane of rotation. */
export interface Rot90Options {
  readonly k?: number;
  readonly axes?: readonly [number, number];
}

/** Rotates by 90 degrees `k` times in the plane of `axes` (default [0, 1]), from the first axis toward the second. */
export function rot90(m: ArrayOrScalar, options?: Rot90Options | number | null): ArrayValue {
  checkArity("rot90", arguments, 2);
  const a = operand("rot90", m);
  const o = readOptions("rot90", positional(options, "k", (v) => typeof v === "number"), { k: integer, axes: listOf(axisInteger, { min: 2, max: 2 }) });
  if (a.ndim < 2) fail("rot90", `expected an array of rank >= 2, got shape ${shapeText(a.shape)}`);
  const [first, second] = (o.axes ?? [0, 1]).map((ax) => normalizeAxis("rot90", ax, a.ndim));
  if (first === second) fail("rot90", `axes must be two different axes, got ${describeValue(o.axes)}`);
  const k = (((o.k ?? 1) % 4) + 4) % 4;
  if (k === 0) return a;
  if (k === 2) return flip(a, [first!, second!]);
  return k === 1 ? swapaxes(flip(a, second!), first!, second!) : flip(swapaxes(a, first!, second!), second!);
}
const axisInteger = (op: string, name: string, v: unknown): number => singleAxisOption(op, name, v) ?? fail(op, `${name} must hold integers, got null`);

/** Options of diff: how many times to difference, along which axis, and values joined before/after. */
export interface DiffOptions {
  readonly n?: number;
  readonly axis?: number;
  readonly prepend?: ArrayOrScalar;
  readonly append?: ArrayOrScalar;
}

/** The n-th discrete difference along `axis` (default -1): `x[1:] - x[:-1]`, n times; bools differ by `!=`. */
export function diff(x: ArrayOrScalar, options?: DiffOptions | number | null): ArrayValue {
  checkArity("diff", arguments, 2);
  const a = operand("diff", x);
  const o = readOptions("diff", positional(options, "n", (v) => typeof v === "number"), { n: count, axis: axisInteger, prepend: anyValue, append: anyValue });
  if (a.ndim === 0) fail("diff", "diff requires an array of rank >= 1, got shape []");
  const axis = normalizeAxis("diff", o.axis ?? -1, a.ndim);
  const parts: ArrayOrScalar[] = [a];
  const edge = (value: ArrayOrScalar): ArrayValue => {
    const v = operand("diff", value);
    if (v.ndim > 0) return v;
    return broadcastTo(v, a.shape.map((d, i) => (i === axis ? 1 : d)));
  };
  if (o.prepend !== undefined) parts.unshift(checkOperand("diff", o.prepend as unknown, 1));
  if (o.append !== undefined) parts.push(checkOperand("diff", o.append as unknown, 1));
  // Join with promotion (a JS number is weak), then give scalar edges the array's shape.
  const dtype = resultDtype(parts);
  const joined = parts.map((p) => (p === a ? a : edge(p))).map((p) => bind1("convert", [p], { dtype }));
  let out = joined.length === 1 ? joined[0]! : concatenate(joined, axis);
  for (let i = 0; i < (o.n ?? 1); i++) {
    const len = out.shape[axis]!;
    if (len === 0) break;
    const [later, earlier] = [sliceAxis(out, axis, 1, len), sliceAxis(out, axis, 0, len - 1)];
    out = out.dtype === "bool" ? notEqual(later, earlier) : subtract(later, earlier);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// products and joins

/** The Kronecker product: blocks `a[i, j] * b` (ranks are matched by leading size-1 axes). */
export function kron(a: ArrayOrScalar, b: ArrayOrScalar): ArrayValue {
  checkArity("kron", arguments, 2);
  let [x, y] = promote("kron", checkOperand("kron", a, 0), checkOperand("kron", b, 1));
  const rank = Math.max(x!.ndim, y!.ndim);
  x = reshape(x!, [...Array(rank - x!.ndim).fill(1), ...x!.shape]);
  y = reshape(y!, [...Array(rank - y!.ndim).fill(1), ...y!.shape]);
  // Interleave: x as [x0, 1, x1, 1, ...] times y as [1, y0, 1, y1, ...], then merge the pairs.
  const product = multiply(reshape(x, x.shape.flatMap((d) => [d, 1])), reshape(y, y.shape.flatMap((d) => [1, d])));
  return reshape(product, x.shape.map((d, i) => d * y!.shape[i]!));
}

/** x with at least one axis (a scalar becomes shape [1]). */
export function atleast1d(x: ArrayOrScalar): ArrayValue {
  checkArity("atleast1d", arguments, 1);
  const a = operand("atleast1d", x);
  return a.ndim >= 1 ? a : reshape(a, [1]);
}

/** x with at least two axes (shape [n] becomes [1, n]). */
export function atleast2d(x: ArrayOrScalar): ArrayValue {
  checkArity("atleast2d", arguments, 1);
  const a = operand("atleast2d", x);
  return a.ndim >= 2 ? a : reshape(a, [1, ...(a.ndim === 1 ? a.shape : [1])]);
}

/** x with at least three axes ([n] becomes [1, n, 1], [m, n] becomes [m, n, 1]). */
export function atleast3d(x: ArrayOrScalar): ArrayValue {
  checkArity("atleast3d", arguments, 1);
  const a = operand("atleast3d", x);
  if (a.ndim >= 3) return a;
  return reshape(a, a.ndim === 0 ? [1, 1, 1] : a.ndim === 1 ? [1, a.shape[0]!, 1] : [...a.shape, 1]);
}

/** Stacks arrays as rows: 1-D arrays become rows, then they join along axis 0. */
export function vstack(xs: readonly ArrayOrScalar[]): ArrayValue {
  checkArity("vstack", arguments, 1, "pass the arrays as one list: np.vstack([a, b])");
  return concatenate(arrays("vstack", xs).map((x) => atleast2d(x)), 0);
}

/** Stacks arrays horizontally: 1-D arrays join end to end, others along axis 1. */
export function hstack(xs: readonly ArrayOrScalar[]): ArrayValue {
  checkArity("hstack", arguments, 1, "pass the arrays as one list: np.hstack([a, b])");
  const list = arrays("hstack", xs).map((x) => atleast1d(x));
  return concatenate(list, list[0]!.ndim === 1 ? 0 : 1);
}

/** Stacks arrays along the third axis (after atleast3d). */
export function dstack(xs: readonly ArrayOrScalar[]): ArrayValue {
  checkArity("dstack", arguments, 1, "pass the arrays as one list: np.dstack([a, b])");
  return concatenate(arrays("dstack", xs).map((x) => atleast3d(x)), 2);
}

/** Stacks 1-D arrays as columns of a matrix (2-D arrays join as they are, along axis 1). */
export function columnStack(xs: readonly ArrayOrScalar[]): ArrayValue {
  checkArity("columnStack", arguments, 1, "pass the arrays as one list: np.columnStack([a, b])");
  return concatenate(arrays("columnStack", xs).map((x) => (x.ndim < 2 ? reshape(x, [x.size, 1]) : x)), 1);
}

/** Reverses axis 1 (left/right); x needs rank >= 2. */
export function fliplr(x: ArrayOrScalar): ArrayValue {
  checkArity("fliplr", arguments, 1);
  const a = operand("fliplr", x);
  if (a.ndim < 2) fail("fliplr", `expected an array of rank >= 2, got shape ${shapeText(a.shape)}`);
  return flip(a, 1);
}

/** Reverses axis 0 (up/down); x needs rank >= 1. */
export function flipud(x: ArrayOrScalar): ArrayValue {
  checkArity("flipud", arguments, 1);
  const a = operand("flipud", x);
  if (a.ndim < 1) fail("flipud", "expected an array of rank >= 1, got shape []");
  return flip(a, 0);
}

/** Options of meshgrid: "xy" (cartesian, the default) or "ij" (matrix) indexing, and sparse outputs. */
export interface MeshgridOptions {
  readonly indexing?: "xy" | "ij";
  readonly sparse?: boolean;
}

/**
 * Coordinate arrays from 1-D coordinate vectors: `meshgrid(x, y)` gives two [len(y), len(x)]
 * arrays ("xy"), or [len(x), len(y)] with `{indexing: "ij"}`; an options record may follow the
 * vectors. Sparse outputs keep size-1 axes instead of broadcasting.
 */
export function meshgrid(...args: (ArrayOrScalar | MeshgridOptions)[]): ArrayValue[] {
  const last = args[args.length - 1];
  const hasOptions = isPlainRecord(last) || last === null;
  const o = readOptions("meshgrid", hasOptions ? last : undefined, { indexing: oneOf(["xy", "ij"] as const), sparse: bool });
  const vectors = (hasOptions ? args.slice(0, -1) : args).map((x, i) => ravel(operand("meshgrid", x, i)));
  const n = vectors.length;
  const shape = vectors.map((v) => v.shape[0]!);
  const xy = (o.indexing ?? "xy") === "xy" && n >= 2;
  if (xy) [shape[0], shape[1]] = [shape[1]!, shape[0]!];
  return vectors.map((v, i) => {
    const position = xy && i < 2 ? 1 - i : i;
    const sparseShape = range(n).map((k) => (k === position ? v.shape[0]! : 1));
    const placed = reshape(v, sparseShape);
    return o.sparse ? placed : broadcastTo(placed, shape);
  });
}

/** Options of cross: the vector axis of a, b and the result (`axis` sets all three). */
export interface CrossOptions {
  readonly axisa?: number;
  readonly axisb?: number;
  readonly axisc?: number;
  readonly axis?: number | null;
}

/** The cross product of 2- or 3-vectors along the vector axes (default last), broadcasting the rest; 2-vectors give the z component. */
export function cross(a: ArrayOrScalar, b: ArrayOrScalar, options?: CrossOptions | null): ArrayValue {
  checkArity("cross", arguments, 3);
  const [x0, y0] = promote("cross", checkOperand("cross", a, 0), checkOperand("cross", b, 1));
  const o = readOptions("cross", options, { axisa: axisInteger, axisb: axisInteger, axisc: axisInteger, axis: singleAxisOption });
  const axisOf = (name: "axisa" | "axisb" | "axisc") => (o.axis !== undefined && o.axis !== null ? o.axis : (o[name] ?? -1));
  if (x0!.ndim === 0 || y0!.ndim === 0) fail("cross", `expected vectors, got shapes ${shapeText(x0!.shape)} and ${shapeText(y0!.shape)}`);
  const x = moveaxis(x0!, normalizeAxis("cross", axisOf("axisa"), x0!.ndim), -1);
  const y = moveaxis(y0!, normalizeAxis("cross", axisOf("axisb"), y0!.ndim), -1);
  const [m, n] = [x.shape[x.ndim - 1]!, y.shape[y.ndim - 1]!];
  if ((m !== 2 && m !== 3) || (n !== 2 && n !== 3)) {
    fail("cross", `incompatible vector sizes ${m} and ${n} (shapes ${shapeText(x0!.shape)} and ${shapeText(y0!.shape)}); expected 2 or 3`);
  }
  const component = (v: ArrayValue, i: number) => (i < v.shape[v.ndim - 1]! ? reshape(sliceAxis(v, v.ndim - 1, i, i + 1), v.shape.slice(0, -1)) : null);
  const [x1, x2, x3] = [0, 1, 2].map((i) => component(x, i));
  const [y1, y2, y3] = [0, 1, 2].map((i) => component(y, i));
  const z = subtract(multiply(x1!, y2!), multiply(x2!, y1!));
  if (m === 2 && n === 2) return z;
  const times = (p: ArrayValue | null, q: ArrayValue | null) => (p === null || q === null ? null : multiply(p, q));
  const minus = (p: ArrayValue | null, q: ArrayValue | null) => (p === null ? multiply(q!, -1) : q === null ? p : subtract(p, q));
  const parts = [minus(times(x2, y3), times(x3, y2)), minus(times(x3, y1), times(x1, y3)), z];
  const shape = broadcastShapes("cross", ...parts.map((p) => p!.shape));
  const stacked = concatenate(parts.map((p) => reshape(broadcastTo(p!, shape), [...shape, 1])), -1);
  return moveaxis(stacked, -1, normalizeAxis("cross", axisOf("axisc"), stacked.ndim));
}

// ---------------------------------------------------------------------------------------------
// selection

/** The value take_along_axis puts at out-of-range indices (JAX's "fill" mode). */
function fillValue(dtype: ArrayValue["dtype"]): number | boolean {
  if (isFloat(dtype)) return NaN;
  return dtype === "int32" ? -(2 ** 31) : dtype === "uint32" ? 2 ** 32 - 1 : true;
}

/**
 * Elements of `arr` at `indices` along `axis` (null: of the flattened array), `indices` having
 * arr's rank and broadcasting with it on the other axes. Negative indices count from the end;
 * out-of-range ones give NaN (integers: the most negative value), as JAX's default "fill" mode.
 */
export function takeAlongAxis(arr: ArrayOrScalar, indices: ArrayValue, axis: number | null): ArrayValue {
  checkArity("takeAlongAxis", arguments, 3);
  let a = operand("takeAlongAxis", arr);
  if (!(indices instanceof ArrayValue)) fail("takeAlongAxis", `indices must be an integer array, got ${describeValue(indices)}`);
  checkOperand("takeAlongAxis", indices, 1);
  if (indices.dtype !== "int32" && indices.dtype !== "uint32") fail("takeAlongAxis", `indices must be integers, got dtype ${indices.dtype}`);
  if (axis === undefined) fail("takeAlongAxis", "expected an axis (an integer, or null for the flattened array)");
  let idx = indices.dtype === "int32" ? indices : bind1("convert", [indices], { dtype: "int32" });
  if (axis === null) {
    a = ravel(a);
    idx = ravel(idx);
  }
  const ax = normalizeAxis("takeAlongAxis", singleAxisOption("takeAlongAxis", "axis", axis) ?? 0, a.ndim);
  if (idx.ndim !== a.ndim) fail("takeAlongAxis", `indices must have the array's rank ${a.ndim}, got shapes ${shapeText(idx.shape)} and ${shapeText(a.shape)}`);
  const n = a.shape[ax]!;
  const outShape = broadcastShapes("takeAlongAxis", a.shape.map((d, i) => (i === ax ? 1 : d)), idx.shape.map((d, i) => (i === ax ? 1 : d)));
  outShape[ax] = idx.shape[ax]!;
  const source = broadcastTo(a, outShape.map((d, i) => (i === ax ? n : d)));
  const wrapped = where(bind1("lt", [idx, scalar(0, "int32")], {}), add(idx, n), idx);
  const inRange = bind1("and", [bind1("ge", [wrapped, scalar(0, "int32")], {}), bind1("lt", [wrapped, scalar(n, "int32")], {})], {});
  const safe = broadcastTo(where(inRange, wrapped, 0), outShape);
  // Flat positions into the broadcast source: row-major offsets of every other axis plus the index.
  const strides = stridesOf(source.shape);
  let flat = multiply(safe, strides[ax]!);
  outShape.forEach((d, i) => {
    if (i !== ax && d > 1) flat = add(flat, multiply(bind1("iota", [], { dtype: "int32", shape: outShape, dimension: i }), strides[i]!));
  });
  const picked = n === 0 ? broadcastTo(scalar(fillValue(a.dtype) as number, a.dtype), outShape) : bind1("gather", [ravel(source), flat], { axis: 0 });
  return where(broadcastTo(inRange, outShape), picked, fillValue(a.dtype));
}

/**
 * numpy's select: the element of the first choice whose condition holds, `defaultValue` (0 by
 * default) where none does; conditions and choices broadcast together.
 */
export function select(condlist: readonly ArrayOrScalar[], choicelist: readonly ArrayOrScalar[], defaultValue: ArrayOrScalar = 0): ArrayValue {
  checkArity("select", arguments, 3);
  if (!Array.isArray(condlist) || !Array.isArray(choicelist)) fail("select", `expected a list of conditions and a list of choices, got ${describeValue(condlist)} and ${describeValue(choicelist)}`);
  if (condlist.length !== choicelist.length) fail("select", `got ${condlist.length} conditions but ${choicelist.length} choices; expected one choice per condition`);
  if (condlist.length === 0) fail("select", "condlist must be non-empty");
  const conds = condlist.map((c, i) => operand("select", c, i));
  conds.forEach((c, i) => {
    if (c.dtype !== "bool") fail("select", `condition ${i} must be a bool array, got dtype ${c.dtype}`);
  });
  const choices = promote("select", ...choicelist.map((c, i) => checkOperand("select", c, i)), checkOperand("select", defaultValue, 2));
  let out = choices[choices.length - 1]!;
  for (let i = conds.length - 1; i >= 0; i--) out = where(conds[i]!, choices[i]!, out);
  const shape = broadcastShapes("select", out.shape, ...conds.map((c) => c.shape), ...choices.map((c) => c.shape));
  return broadcastTo(out, shape);
}
