/**
 * jax.lax.select_n: picks, elementwise, one of several cases by an integer (or boolean) `which`.
 * It is a balanced tree of two-way selects (as XLA lowers it), so out-of-range indices fall to the
 * first or last case exactly as JAX's do, and derivatives flow to the case each element took.
 */
import { isInteger } from "../dtype.js";
import { describe, describeAll, fail } from "../errors.js";
import { bind1 } from "../interpreter.js";
import type { ArrayOrScalar, ArrayValue } from "../ndarray.js";
import { scalar } from "../numpy/promote.js";
import { shapesEqual } from "../shape.js";
import { laxOperand, laxOperands } from "./args.js";

/**
 * `cases[which]` elementwise: `which` is bool (at most two cases: false picks the first) or an
 * integer array, a scalar or the cases' shape; the cases share one shape and dtype.
 *
 * @example lax.selectN(np.array([0, 2, 1], "int32"), np.zeros([3]), np.ones([3]), np.full([3], 2)) // array([0, 2, 1], dtype=float32)
 */
export function selectN(which: ArrayOrScalar, ...cases: ArrayOrScalar[]): ArrayValue {
  const op = "lax.selectN";
  const w = typeof which === "number" && Number.isInteger(which) ? scalar(which, "int32") : laxOperand(op, which);
  if (cases.length === 0) fail(op, "needs at least one case");
  const xs = laxOperands(op, cases);
  if (xs.some((x) => x.dtype !== xs[0]!.dtype)) fail(op, `the cases must share one dtype, got ${describeAll(xs)}`);
  if (xs.some((x) => !shapesEqual(x.shape, xs[0]!.shape))) fail(op, `the cases must share one shape, got ${describeAll(xs)}`);
  if (w.dtype !== "bool" && !isInteger(w.dtype)) fail(op, `which must be a bool or integer array, got ${describe(w)}`);
  if (w.dtype === "bool" && xs.length > 2) fail(op, `a boolean which selects between at most two cases, got ${xs.length}`);
  if (w.ndim !== 0 && !shapesEqual(w.shape, xs[0]!.shape)) fail(op, `which must be a scalar or have the cases' shape [${xs[0]!.shape.join(",")}], got ${describe(w)}`);
  const pick = (offset: number, part: readonly ArrayValue[]): ArrayValue => {
    if (part.length === 1) return part[0]!;
    const mid = part.length >> 1;
    // A bool which is its own predicate: true picks the second case.
    const second = w.dtype === "bool" ? w : bind1("ge", [w, scalar(offset + mid, w.dtype)], {});
    return bind1("select", [second, pick(offset + mid, part.slice(mid)), pick(offset, part.slice(0, mid))], {});
  };
  return pick(0, xs);
}
