/**
 * Functions that take user functions, after JAX: `piecewise` (a function or constant per
 * condition), `applyAlongAxis` (a function of 1-D slices) and `applyOverAxes` (a reduction
 * applied axis by axis). JAX maps its functions with vmap; core/ cannot import the transforms, so
 * applyAlongAxis calls its function once per slice and stacks the results (the same values for a
 * pure function, traced once per slice under jit). All are compositions of the caller's
 * function with movement and `where`, so they jit, vmap and differentiate as the function does.
 */
import { fail } from "../errors.js";
import { bind1 } from "../interpreter.js";
import { ArrayValue, type ArrayOrScalar } from "../ndarray.js";
import { normalizeAxis } from "../shape.js";
import { checkArity, checkFunction, describeValue, integer, integerList } from "../validate.js";
import { notEqual, where } from "./elementwise.js";
import { broadcastTo, expandDims, moveaxis, reshape, stack, transpose } from "./movement.js";
import { checkOperand, cast, promote } from "./promote.js";
import { zeros } from "./creation.js";

const shapeText = (shape: readonly number[]): string => `[${shape.join(",")}]`;

/** The array behind an array-or-scalar argument. */
function operand(op: string, x: unknown, position = 0): ArrayValue {
  return promote(op, checkOperand(op, x, position))[0]!;
}

/** A result of a user function must be an array (or a JS number/boolean). */
function resultOf(op: string, value: unknown, what: string): ArrayValue {
  if (value instanceof ArrayValue) return value;
  if (typeof value === "number" || typeof value === "boolean") return operand(op, value);
  return fail(op, `${what} must return an array, got ${describeValue(value)}`);
}

/** One piece of piecewise: a function of x, or a constant. */
export type Piece = ArrayOrScalar | ((x: ArrayValue) => ArrayOrScalar);

/**
 * x mapped piece by piece: where condition i holds (the last true one, when several do), the
 * result is `funclist[i]` (a function of x, applied elementwise, or a constant); where none
 * holds, 0, or the extra last entry of funclist (funclist may have one more entry than
 * condlist: the default). The result has x's dtype. `condlist` is a list of bool arrays with
 * x's shape, or one bool array whose rows are the conditions.
 *
 * @example np.piecewise(np.array([-2, 0, 3]), [np.less(np.array([-2, 0, 3]), 0)], [(t) => np.negative(t), (t) => np.multiply(t, 10)]) // array([2., 0., 30.], dtype=float32)
 */
export function piecewise(x: ArrayOrScalar, condlist: ArrayOrScalar | readonly ArrayOrScalar[], funclist: readonly Piece[]): ArrayValue {
  const op = "piecewise";
  checkArity(op, arguments, 3);
  const a = operand(op, x);
  let conds: ArrayValue[];
  if (Array.isArray(condlist)) {
    conds = condlist.map((c, i) => operand(op, c, i + 1));
  } else {
    const all = operand(op, condlist, 1);
    conds = all.ndim === 0 ? [all] : Array.from({ length: all.shape[0]! }, (_, i) => takeRow(all, i));
  }
  if (!Array.isArray(funclist)) fail(op, `funclist must be a list of functions or constants, got ${describeValue(funclist)}`);
  const nc = conds.length;
  const nf = funclist.length;
  if (nf !== nc && nf !== nc + 1) fail(op, `with ${nc} condition(s), either ${nc} or ${nc + 1} functions are expected; got ${nf}`);
  // The default piece first: the extra last function, or 0.
  const pieces: Piece[] = nf === nc + 1 ? [funclist[nc]!, ...funclist.slice(0, nc)] : [0, ...funclist];
  const evaluate = (piece: Piece, i: number): ArrayValue => {
    const value = typeof piece === "function" ? resultOf(op, piece(a), `funclist[${i}]`) : operand(op, piece, 2);
    if (typeof piece !== "function" && value.ndim !== 0) fail(op, `constant funclist[${i}] must be a scalar, got shape ${shapeText(value.shape)}`);
    try {
      return broadcastTo(cast(value, a.dtype), a.shape);
    } catch {
      return fail(op, `funclist[${i}] returned shape ${shapeText(value.shape)}, expected x's shape ${shapeText(a.shape)} (the function is applied elementwise)`);
    }
  };
  const place = (k: number) => (k === 0 ? nc : k - 1);
  let out = evaluate(pieces[0]!, place(0));
  conds.forEach((c, i) => {
    const cond = c.dtype === "bool" ? c : notEqual(c, 0);
    let mask: ArrayValue;
    try {
      mask = broadcastTo(cond, a.shape);
    } catch {
      return fail(op, `condition ${i} has shape ${shapeText(cond.shape)}, expected x's shape ${shapeText(a.shape)}`);
    }
    out = where(mask, evaluate(pieces[i + 1]!, place(i + 1)), out);
  });
  return out;
}

/** Row i of a (its first axis removed). */
function takeRow(a: ArrayValue, i: number): ArrayValue {
  const start = a.shape.map((_, k) => (k === 0 ? i : 0));
  const limit = a.shape.map((d, k) => (k === 0 ? i + 1 : d));
  return reshape(bind1("slice", [a], { start, limit, strides: a.shape.map(() => 1) }), a.shape.slice(1));
}

/**
 * `func1d` applied to every 1-D slice of `arr` along `axis`: the result's shape is arr's with
 * that axis replaced by the shape func1d returns (removed when it returns a scalar).
 *
 * @example np.applyAlongAxis((row) => np.sum(row), 1, np.array([[1, 2], [3, 4]])) // array([3., 7.], dtype=float32)
 */
export function applyAlongAxis(func1d: (slice: ArrayValue) => ArrayOrScalar, axis: number, arr: ArrayOrScalar): ArrayValue {
  const op = "applyAlongAxis";
  checkArity(op, arguments, 3, "pass extra arguments to func1d through a closure");
  checkFunction(op, func1d, "func1d");
  const a = operand(op, arr, 2);
  if (a.ndim === 0) fail(op, "arr must have at least one axis, got a scalar");
  const ax = normalizeAxis(op, integer(op, "axis", axis), a.ndim);
  const outer = a.shape.filter((_, i) => i !== ax);
  const n = a.shape[ax]!;
  const rows = reshape(moveaxis(a, ax, -1), [-1, n]);
  const count = rows.shape[0]!;
  const call = (row: ArrayValue) => resultOf(op, func1d(row), "func1d");
  // With no slices there is nothing to call: a zero slice shows the result's shape and dtype.
  const results = count === 0 ? [] : Array.from({ length: count }, (_, i) => call(takeRow(rows, i)));
  const first = count === 0 ? call(zeros([n], a.dtype)) : results[0]!;
  results.forEach((r, i) => {
    if (r.dtype !== first.dtype || r.ndim !== first.ndim || r.shape.some((d, k) => d !== first.shape[k])) {
      fail(op, `func1d returned ${r.dtype}${shapeText(r.shape)} for slice ${i} but ${first.dtype}${shapeText(first.shape)} for slice 0; every slice must give one shape and dtype`);
    }
  });
  const stacked = count === 0 ? zeros([0, ...first.shape], first.dtype) : stack(results);
  // [outer..., result...] -> arr's axes before `axis`, the result's, then the axes after.
  const grouped = reshape(stacked, [...outer, ...first.shape]);
  const r = first.ndim;
  const perm = [...range(0, ax), ...range(outer.length, outer.length + r), ...range(ax, outer.length)];
  return transpose(grouped, perm);
}

const range = (start: number, stop: number): number[] => Array.from({ length: Math.max(0, stop - start) }, (_, i) => start + i);

/**
 * `func(a, axis)` applied for each axis in turn, each result kept at a's rank (an axis the
 * function removed comes back with size 1), as numpy's apply_over_axes.
 *
 * @example np.applyOverAxes((x, axis) => np.sum(x, axis), np.ones([2, 3, 4]), [0, 2]).shape // [1, 3, 1]
 */
export function applyOverAxes(func: (a: ArrayValue, axis: number) => ArrayOrScalar, a: ArrayOrScalar, axes: number | readonly number[]): ArrayValue {
  const op = "applyOverAxes";
  checkArity(op, arguments, 3);
  checkFunction(op, func, "func");
  let x = operand(op, a, 1);
  for (const axis of integerList(op, "axes", typeof axes === "number" ? [axes] : axes)) {
    const b = resultOf(op, func(x, axis), "func");
    if (b.ndim === x.ndim) x = b;
    else if (b.ndim === x.ndim - 1) x = expandDims(b, axis);
    else fail(op, `func returned rank ${b.ndim} for an array of rank ${x.ndim} at axis ${axis}; expected rank ${x.ndim} or ${x.ndim - 1}`);
  }
  return x;
}
