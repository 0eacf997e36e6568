/**
 * jax.lax's general scatters with `ScatterDimensionNumbers`: `scatter` (replace), `scatterSub`,
 * `scatterMul`, `scatterMin`, `scatterMax` and `scatterApply`. core/lax/scatter.ts checks the
 * arguments and finds each update element's flat operand position; subtraction adds the negated
 * updates through the scatterAdd primitive, `scatter` finds the last write to each position by a
 * stable sort (as JAX's sequential CPU scatter, the last write wins), and the other combiners run
 * as a scan over the update elements in order (so a later update to the same position sees the
 * earlier ones). All of them differentiate, jit and batch; the scan costs one pass over the
 * operand per update element, so `scatterMul`/`Min`/`Max`/`Apply` with many updates are slow.
 */
import { describeAll, fail } from "../core/errors.js";
import { ArrayValue } from "../core/ndarray.js";
import * as lax from "../core/lax/index.js";
import { arrayArg } from "../core/lax/args.js";
import { flatOperands, planScatter, scatterAddPlanned, scatterOptions, setPlanned, unflatten, type ScatterDimensionNumbers, type ScatterOptions, type ScatterPlan } from "../core/lax/scatter.js";
import { anyValue, checkArity, checkFunction, describeValue, readOptions, validShape } from "../core/validate.js";
import { scan } from "./scan.js";

export type { ScatterDimensionNumbers, ScatterMode, ScatterOptions } from "../core/lax/scatter.js";

/** The checked operand, indices and updates of a scatter with updates, and its plan. */
function prepare(op: string, operand: unknown, scatterIndices: unknown, updates: unknown, dimensionNumbers: unknown, options: unknown): [ArrayValue, ArrayValue, ScatterPlan] {
  const x = arrayArg(op, operand, "operand");
  const idx = arrayArg(op, scatterIndices, "scatterIndices");
  const u = arrayArg(op, updates, "updates");
  if (u.dtype !== x.dtype) fail(op, `updates must have the operand's dtype (lax does not promote), got ${describeAll([x, u])}`);
  const o = scatterOptions(op, options);
  return [x, u, planScatter(op, x, idx, u.shape, dimensionNumbers, o.mode, o.uniqueIndices)];
}

/** operand with each update element combined, in order, into its position: `combine(old, update)` on scalars. */
function combineInOrder(operand: ArrayValue, updates: ArrayValue, plan: ScatterPlan, combine: (old: ArrayValue, update: ArrayValue) => ArrayValue): ArrayValue {
  const [padded, positions, values] = flatOperands(operand, updates, plan);
  if (values.size === 0) return operand;
  const [result] = scan(
    (flat: ArrayValue, [at, value]: ArrayValue[]) => {
      const old = lax.reshape(lax.dynamicSlice(flat, [at!], [1]), []);
      return [lax.dynamicUpdateSlice(flat, lax.reshape(combine(old, value!), [1]), [at!]), null];
    },
    padded,
    [positions, values],
  );
  return unflatten(result, operand, plan.size);
}

/**
 * operand with the windows of `updates` written at `scatterIndices` (a later write to the same
 * element wins). Its gradient is JAX's for unique indices: the overwritten operand elements get none.
 *
 * @example
 * const dn = { updateWindowDims: [], insertedWindowDims: [0], scatterDimsToOperandDims: [0] };
 * lax.scatter(np.zeros([4]), np.array([[1], [3]], "int32"), np.array([5, 6]), dn) // array([0, 5, 0, 6], dtype=float32)
 */
export function scatter(operand: ArrayValue, scatterIndices: ArrayValue, updates: ArrayValue, dimensionNumbers: ScatterDimensionNumbers, options: ScatterOptions | null = {}): ArrayValue {
  const op = "lax.scatter";
  checkArity(op, arguments, 5, "pass indicesAreSorted, uniqueIndices and mode as options");
  const [x, u, plan] = prepare(op, operand, scatterIndices, updates, dimensionNumbers, options);
  return setPlanned(x, u, plan);
}

/**
 * operand with the windows of `updates` subtracted at `scatterIndices` (duplicates accumulate).
 *
 * @example
 * const dn = { updateWindowDims: [], insertedWindowDims: [0], scatterDimsToOperandDims: [0] };
 * lax.scatterSub(np.ones([3]), np.array([[0], [0]], "int32"), np.array([1, 2]), dn) // array([-2, 1, 1], dtype=float32)
 */
export function scatterSub(operand: ArrayValue, scatterIndices: ArrayValue, updates: ArrayValue, dimensionNumbers: ScatterDimensionNumbers, options: ScatterOptions | null = {}): ArrayValue {
  const op = "lax.scatterSub";
  checkArity(op, arguments, 5, "pass indicesAreSorted, uniqueIndices and mode as options");
  const [x, u, plan] = prepare(op, operand, scatterIndices, updates, dimensionNumbers, options);
  return scatterAddPlanned(x, lax.neg(u), plan);
}

/** A scatter combining old and new elements by `combine`. */
function combining(op: string, combine: (old: ArrayValue, update: ArrayValue) => ArrayValue) {
  return function (operand: ArrayValue, scatterIndices: ArrayValue, updates: ArrayValue, dimensionNumbers: ScatterDimensionNumbers, options: ScatterOptions | null = {}): ArrayValue {
    checkArity(op, arguments, 5, "pass indicesAreSorted, uniqueIndices and mode as options");
    const [x, u, plan] = prepare(op, operand, scatterIndices, updates, dimensionNumbers, options);
    return combineInOrder(x, u, plan, combine);
  };
}

/**
 * operand with its elements at `scatterIndices` multiplied by the windows of `updates`.
 *
 * @example
 * const dn = { updateWindowDims: [], insertedWindowDims: [0], scatterDimsToOperandDims: [0] };
 * lax.scatterMul(np.full([3], 2), np.array([[1], [1]], "int32"), np.array([3, 4]), dn) // array([2, 24, 2], dtype=float32)
 */
export const scatterMul = combining("lax.scatterMul", (old, update) => lax.mul(old, update));

/**
 * operand with its elements at `scatterIndices` replaced by their minimum with the windows of `updates`.
 *
 * @example
 * const dn = { updateWindowDims: [], insertedWindowDims: [0], scatterDimsToOperandDims: [0] };
 * lax.scatterMin(np.zeros([3]), np.array([[2]], "int32"), np.array([-1]), dn) // array([0, 0, -1], dtype=float32)
 */
export const scatterMin = combining("lax.scatterMin", (old, update) => lax.min(old, update));

/**
 * operand with its elements at `scatterIndices` replaced by their maximum with the windows of `updates`.
 *
 * @example
 * const dn = { updateWindowDims: [], insertedWindowDims: [0], scatterDimsToOperandDims: [0] };
 * lax.scatterMax(np.zeros([3]), np.array([[2]], "int32"), np.array([4]), dn) // array([0, 0, 4], dtype=float32)
 */
export const scatterMax = combining("lax.scatterMax", (old, update) => lax.max(old, update));

/** Options of scatterApply: the scatter options and the shape of the (absent) updates. */
export interface ScatterApplyOptions extends ScatterOptions {
  /** The shape updates would have (default []): it places the windows, as JAX's update_shape. */
  readonly updateShape?: readonly number[];
}

/**
 * operand with `func` applied to each element a window at `scatterIndices` covers (once per
 * covering window); `func` maps a scalar to a scalar of the same dtype.
 *
 * @example
 * const dn = { updateWindowDims: [], insertedWindowDims: [0], scatterDimsToOperandDims: [0] };
 * lax.scatterApply(np.arange(3).astype("float32"), np.array([[2]], "int32"), (v) => v.mul(10), dn, { updateShape: [1] }) // array([0, 1, 20], dtype=float32)
 */
export function scatterApply(operand: ArrayValue, scatterIndices: ArrayValue, func: (x: ArrayValue) => ArrayValue, dimensionNumbers: ScatterDimensionNumbers, options: ScatterApplyOptions | null = {}): ArrayValue {
  const op = "lax.scatterApply";
  checkArity(op, arguments, 5, "pass updateShape, indicesAreSorted, uniqueIndices and mode as options");
  checkFunction(op, func, "func (x) => y");
  const x = arrayArg(op, operand, "operand");
  const idx = arrayArg(op, scatterIndices, "scatterIndices");
  const { updateShape, ...rest } = readOptions(op, options, { updateShape: anyValue, indicesAreSorted: anyValue, uniqueIndices: anyValue, mode: anyValue });
  const shape = validShape(op, updateShape ?? [], x.dtype, "updateShape");
  const o = scatterOptions(op, rest);
  const plan = planScatter(op, x, idx, shape, dimensionNumbers, o.mode, o.uniqueIndices);
  const placeholder = lax.full(shape, 0, x.dtype);
  return combineInOrder(x, placeholder, plan, (old) => {
    const out = func(old);
    if (!(out instanceof ArrayValue) || out.dtype !== x.dtype || out.ndim !== 0) {
      fail(op, `func must map a scalar to a scalar of the operand's dtype ${x.dtype}, got ${out instanceof ArrayValue ? describeAll([out]) : describeValue(out)}`);
    }
    return out;
  });
}
