/**
 * numpy's products: matmul, dot, vdot, inner, outer and tensordot, each lowered to one
 * dotGeneral plus reshapes and a transpose. Operands are promoted to one dtype; bool products
 * are computed in int32 and turned back into bools (nonzero), as numpy's logical products are.
 */
import { describe, fail } from "../errors.js";
import { checkArity, describeValue } from "../validate.js";
import { concrete } from "./args.js";
import { bind1 } from "../interpreter.js";
import type { ArrayOrScalar, ArrayValue } from "../ndarray.js";
import { range, type Shape } from "../shape.js";
import { multiply } from "./elementwise.js";
import { cast, promote, scalar } from "./promote.js";
import type { SumOf } from "../static-dtype.js";

/** Promotes two operands to a common dtype that dotGeneral accepts, remembering whether it was bool. */
function contractionOperands(op: string, operands: readonly ArrayOrScalar[]): { arrays: ArrayValue[]; wasBool: boolean } {
  const arrays = promote(op, ...operands);
  const wasBool = arrays[0]!.dtype === "bool";
  return { arrays: wasBool ? arrays.map((x) => cast(x, "int32")) : arrays, wasBool };
}

/** Turns an int32 count back into a bool result when the operands were bools. */
function restoreBool(x: ArrayValue, wasBool: boolean): ArrayValue {
  return wasBool ? bind1("ne", [x, scalar(0, "int32")], {}) : x;
}

/** The reshape primitive, skipped when the shape is unchanged. */
function reshapeTo(x: ArrayValue, shape: Shape): ArrayValue {
  const same = x.shape.length === shape.length && x.shape.every((d, i) => d === shape[i]);
  return same ? x : bind1("reshape", [x], { newShape: [...shape] });
}

/** The transpose primitive, skipped for the identity permutation. */
function transposeTo(x: ArrayValue, permutation: readonly number[]): ArrayValue {
  return permutation.every((p, i) => p === i) ? x : bind1("transpose", [x], { permutation: [...permutation] });
}

/** dotGeneral with the operands' dtype: output axes batch, lhs free, rhs free. */
function dotGeneralOf(
  lhs: ArrayValue,
  rhs: ArrayValue,
  contracting: readonly [readonly number[], readonly number[]],
  batch: readonly [readonly number[], readonly number[]] = [[], []],
): ArrayValue {
  return bind1("dotGeneral", [lhs, rhs], { contracting, batch, preferredDtype: null });
}

/**
 * The matrix product with numpy's rules: a 1-D operand is a row (lhs) or column (rhs) vector
 * whose added axis is removed again, and leading batch axes broadcast.
 */
export function matmul<X extends ArrayOrScalar, Y extends ArrayOrScalar>(x: X, y: Y): ArrayValue<SumOf<X, Y>>;
export function matmul(x: ArrayOrScalar, y: ArrayOrScalar): ArrayValue {
  checkArity("matmul", arguments, 2);
  const { arrays, wasBool } = contractionOperands("matmul", [x, y]);
  const [a, b] = arrays as [ArrayValue, ArrayValue];
  if (a.ndim === 0 || b.ndim === 0) {
    fail("matmul", `operands must have at least 1 axis, got ${describe(a)} and ${describe(b)}; use multiply for scalars`);
  }
  const a2 = a.ndim === 1 ? reshapeTo(a, [1, a.shape[0]!]) : a;
  const b2 = b.ndim === 1 ? reshapeTo(b, [b.shape[0]!, 1]) : b;
  const k1 = a2.shape[a2.ndim - 1]!;
  const k2 = b2.shape[b2.ndim - 2]!;
  if (k1 !== k2) {
    fail("matmul", `contracting sizes differ: ${describe(a)} has ${k1} columns but ${describe(b)} has ${k2} rows; expected lhs.shape[-1] == rhs.shape[-2]`);
  }
  let result = batchedMatmul(a2, b2, a, b);
  const shape = [...result.shape];
  if (b.ndim === 1) shape.splice(shape.length - 1, 1);
  if (a.ndim === 1) shape.splice(shape.length - (b.ndim === 1 ? 1 : 2), 1);
  result = reshapeTo(result, shape);
  return restoreBool(result, wasBool);
}

/**
 * [..., m, k] @ [..., k, n] with broadcast batch axes, without materializing the broadcast: a
 * batch axis of size 1 on one side becomes a free axis of the other side's operand.
 */
function batchedMatmul(a: ArrayValue, b: ArrayValue, originalA: ArrayValue, originalB: ArrayValue): ArrayValue {
  const ra = a.ndim - 2;
  const rb = b.ndim - 2;
  const rank = Math.max(ra, rb);
  const batchA = [...new Array<number>(rank - ra).fill(1), ...a.shape.slice(0, ra)];
  const batchB = [...new Array<number>(rank - rb).fill(1), ...b.shape.slice(0, rb)];
  const shared: number[] = [];
  const onlyA: number[] = [];
  const onlyB: number[] = [];
  const fullBatch: number[] = [];
  for (let t = 0; t < rank; t++) {
    const sa = batchA[t]!;
    const sb = batchB[t]!;
    if (sa !== sb && sa !== 1 && sb !== 1) {
      fail("matmul", `batch axes cannot be broadcast: ${describe(originalA)} and ${describe(originalB)} (batch sizes ${sa} and ${sb})`);
    }
    fullBatch.push(Math.max(sa, sb));
    if (sa === sb && sa !== 1) shared.push(t);
    else if (sa !== 1) onlyA.push(t);
    else if (sb !== 1) onlyB.push(t);
  }
  const [m, k] = a.shape.slice(ra) as [number, number];
  const n = b.shape[b.ndim - 1]!;
  // Each operand keeps only its non-1 batch axes, in order: a pure reshape.
  const keptA = [...shared, ...onlyA].sort((p, q) => p - q);
  const keptB = [...shared, ...onlyB].sort((p, q) => p - q);
  const lhs = reshapeTo(a, [...keptA.map((t) => batchA[t]!), m, k]);
  const rhs = reshapeTo(b, [...keptB.map((t) => batchB[t]!), k, n]);
  const product = dotGeneralOf(lhs, rhs, [[keptA.length + 1], [keptB.length]], [shared.map((t) => keptA.indexOf(t)), shared.map((t) => keptB.indexOf(t))]);
  // dotGeneral's output axes: shared batch, A's own batch, m, B's own batch, n. Put batch axes in order.
  const labels: (number | "m" | "n")[] = [...shared, ...keptA.filter((t) => !shared.includes(t)), "m", ...keptB.filter((t) => !shared.includes(t)), "n"];
  const order = [...[...shared, ...onlyA, ...onlyB].sort((p, q) => p - q), "m", "n"] as const;
  const permutation = order.map((label) => labels.indexOf(label));
  return reshapeTo(transposeTo(product, permutation), [...fullBatch, m, n]);
}

/**
 * numpy's dot: scalars multiply; otherwise the sum over the last axis of x and the
 * second-to-last of y (the only axis when y is 1-D).
 */
export function dot<X extends ArrayOrScalar, Y extends ArrayOrScalar>(x: X, y: Y): ArrayValue<SumOf<X, Y>>;
export function dot(x: ArrayOrScalar, y: ArrayOrScalar): ArrayValue {
  checkArity("dot", arguments, 2);
  const { arrays, wasBool } = contractionOperands("dot", [x, y]);
  const [a, b] = arrays as [ArrayValue, ArrayValue];
  if (a.ndim === 0 || b.ndim === 0) return restoreBool(multiply(a, b), wasBool);
  const axisA = a.ndim - 1;
  const axisB = b.ndim === 1 ? 0 : b.ndim - 2;
  if (a.shape[axisA] !== b.shape[axisB]) {
    fail("dot", `shapes ${describe(a)} and ${describe(b)} are not aligned: axis ${axisA} has size ${a.shape[axisA]} but axis ${axisB} has size ${b.shape[axisB]}`);
  }
  return restoreBool(dotGeneralOf(a, b, [[axisA], [axisB]]), wasBool);
}

/** The dot product of the flattened operands (no conjugation: tessera has no complex dtypes). */
export function vdot(x: ArrayOrScalar, y: ArrayOrScalar): ArrayValue {
  checkArity("vdot", arguments, 2);
  const { arrays, wasBool } = contractionOperands("vdot", [x, y]);
  const [a, b] = arrays as [ArrayValue, ArrayValue];
  if (a.size !== b.size) fail("vdot", `operands must have the same number of elements, got ${describe(a)} and ${describe(b)}`);
  return restoreBool(dotGeneralOf(reshapeTo(a, [a.size]), reshapeTo(b, [b.size]), [[0], [0]]), wasBool);
}

/** The sum product over the last axes of x and y; scalars multiply. */
export function inner(x: ArrayOrScalar, y: ArrayOrScalar): ArrayValue {
  checkArity("inner", arguments, 2);
  const { arrays, wasBool } = contractionOperands("inner", [x, y]);
  const [a, b] = arrays as [ArrayValue, ArrayValue];
  if (a.ndim === 0 || b.ndim === 0) return restoreBool(multiply(a, b), wasBool);
  const axisA = a.ndim - 1;
  const axisB = b.ndim - 1;
  if (a.shape[axisA] !== b.shape[axisB]) {
    fail("inner", `last axes differ in size: ${describe(a)} and ${describe(b)}`);
  }
  return restoreBool(dotGeneralOf(a, b, [[axisA], [axisB]]), wasBool);
}

/** The outer product of the flattened operands: `out[i, j] = x[i] * y[j]`. */
export function outer(x: ArrayOrScalar, y: ArrayOrScalar): ArrayValue {
  checkArity("outer", arguments, 2);
  const { arrays, wasBool } = contractionOperands("outer", [x, y]);
  const [a, b] = arrays as [ArrayValue, ArrayValue];
  return restoreBool(dotGeneralOf(reshapeTo(a, [a.size]), reshapeTo(b, [b.size]), [[], []]), wasBool);
}

/** Checks tensordot's axes: an integer, or a pair of integers or integer lists (concrete arrays are read). */
function tensordotAxes(axes: unknown): number | readonly [number | readonly number[], number | readonly number[]] {
  const bad = (): never =>
    fail("tensordot", `axes must be an integer or a pair [axesOfX, axesOfY] of integers or lists of integers, got ${describeValue(axes)}`);
  if (typeof axes === "number") return Number.isSafeInteger(axes) ? axes : bad();
  if (!Array.isArray(axes) || axes.length !== 2 || !(0 in axes) || !(1 in axes)) return bad();
  const side = (v: unknown): number | number[] => {
    const c = concrete("tensordot", "axes", v);
    if (Number.isSafeInteger(c)) return c as number;
    if (Array.isArray(c) && c.every((a, i) => i in c && Number.isSafeInteger(a))) return [...(c as number[])];
    return bad();
  };
  return [side(axes[0]), side(axes[1])];
}

/**
 * Sums products over the given axes: `axes = n` pairs the last n axes of x with the first n of y;
 * `[axesX, axesY]` pairs them explicitly (numbers or lists). Output: x's free axes, then y's.
 */
export function tensordot(x: ArrayOrScalar, y: ArrayOrScalar, axes: number | readonly [number | readonly number[], number | readonly number[]] = 2): ArrayValue {
  checkArity("tensordot", arguments, 3);
  const { arrays, wasBool } = contractionOperands("tensordot", [x, y]);
  const [a, b] = arrays as [ArrayValue, ArrayValue];
  let axesA: number[];
  let axesB: number[];
  axes = tensordotAxes(concrete("tensordot", "axes", axes));
  if (typeof axes === "number") {
    if (!Number.isInteger(axes) || axes < 0 || axes > a.ndim || axes > b.ndim) {
      fail("tensordot", `axes=${axes} must be an integer in [0, ${Math.min(a.ndim, b.ndim)}] for ${describe(a)} and ${describe(b)}`);
    }
    axesA = range(a.ndim - axes, a.ndim);
    axesB = range(axes);
  } else {
    const list = (v: number | readonly number[]): number[] => (typeof v === "number" ? [v] : [...v]);
    axesA = list(axes[0]);
    axesB = list(axes[1]);
    if (axesA.length !== axesB.length) fail("tensordot", `axes lists differ in length: ${describeValue(axesA)} and ${describeValue(axesB)}`);
    const normalize = (axis: number, x: ArrayValue): number => {
      if (!Number.isInteger(axis) || axis < -x.ndim || axis >= x.ndim) fail("tensordot", `axis ${axis} is out of range for ${describe(x)}`);
      return axis < 0 ? axis + x.ndim : axis;
    };
    axesA = axesA.map((axis) => normalize(axis, a));
    axesB = axesB.map((axis) => normalize(axis, b));
  }
  axesA.forEach((axis, i) => {
    if (a.shape[axis] !== b.shape[axesB[i]!]) {
      fail("tensordot", `shape mismatch for sum: ${describe(a)} axis ${axis} has size ${a.shape[axis]} but ${describe(b)} axis ${axesB[i]} has size ${b.shape[axesB[i]!]}`);
    }
  });
  if (new Set(axesA).size !== axesA.length || new Set(axesB).size !== axesB.length) {
    fail("tensordot", `repeated axis in ${describeValue(axesA)} or ${describeValue(axesB)}`);
  }
  return restoreBool(dotGeneralOf(a, b, [axesA, axesB]), wasBool);
}
