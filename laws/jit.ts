/**
 * Laws of jit as pure predicates: a jitted function computes what the function computes, and
 * jit commutes with grad and vmap (`jit(grad(f))`, `grad(jit(f))`, `jit(vmap(f))`,
 * `vmap(jit(f))` all equal the unjitted transform). Results are compared on the raw data:
 * integer and bool leaves bit for bit, float leaves within a tight tolerance per dtype (the
 * compiler may round float32 intermediates at other points than eager code, but never
 * reassociates), with NaN only where the reference has NaN and infinities equal. fast-check
 * runners over random programs live in `laws/jit-runners.ts`.
 *
 * @example
 * const f = (x: ArrayValue) => np.sum(np.tanh(np.multiply(x, 2)), { axis: 0 });
 * jitMatchesEager(f, [np.ones([3, 2])]); // { ok: true }
 */
import { isFloat, type DType } from "../core/dtype.js";
import { describe } from "../core/errors.js";
import type { ArrayValue } from "../core/ndarray.js";
import { shapesEqual } from "../core/shape.js";
import { grad } from "../transforms/autodiff.js";
import { vmap } from "../transforms/vmap.js";
import { jit } from "../transforms/jit/jit.js";
import { allHold, holds, identical, violated, type LawResult, type Tolerance } from "./arrays.js";
import { closeNormwise, ofFloatArguments, outputLeaves, type ArrayFunction, type InAxis } from "./transforms.js";

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/** Tolerances of the jit laws per float dtype (normwise: relative to the largest magnitude in the result). */
export interface JitTolerance {
  readonly float32?: Tolerance;
  readonly float64?: Tolerance;
}

/** The default tolerances of jit against the same computation unjitted: rounding of intermediates only. */
export const jitTolerance: Required<JitTolerance> = {
  float32: { rtol: 1e-6, atol: 0 },
  float64: { rtol: 1e-12, atol: 0 },
};

/**
 * The default tolerances of `grad(jit(f))` against `grad(f)`: transposing a jit call adds up
 * cotangents in another (equally valid) order than eager reverse mode does, so a gradient that
 * cancels to near zero may differ by a rounding of its terms; the absolute part is one rounding
 * of terms of order one (what random programs keep their values to).
 */
export const gradOfJitTolerance: Required<JitTolerance> = {
  float32: { rtol: 1e-6, atol: 1e-6 },
  float64: { rtol: 1e-12, atol: 1e-12 },
};

// -------------------------------------------------------------------------------------
// comparisons
// -------------------------------------------------------------------------------------

/**
 * `actual` is `expected` up to the jit tolerance: same shape and dtype; integers and bools
 * identical; floats within `atol + rtol * m` (m: the largest finite magnitude in either),
 * NaN exactly where `expected` has NaN, infinities equal.
 *
 * @example
 * agreesWithReference(np.array([1, NaN]), np.array([1, NaN]), "result"); // { ok: true }
 */
export function agreesWithReference(actual: ArrayValue, expected: ArrayValue, what: string, tol: JitTolerance = jitTolerance): LawResult {
  if (!shapesEqual(actual.shape, expected.shape) || actual.dtype !== expected.dtype) return violated(`${what} is ${describe(actual)}, expected ${describe(expected)}`);
  const dtype: DType = expected.dtype;
  if (!isFloat(dtype)) return identical(actual, expected, what);
  const t = (dtype === "float32" ? tol.float32 : tol.float64) ?? jitTolerance[dtype === "float32" ? "float32" : "float64"];
  return closeNormwise(actual, expected, { rtol: 0, atol: 0, ...t }, `${what} (${dtype})`);
}

/** Every leaf of `actual` agrees with the same leaf of `expected` (see `agreesWithReference`). */
export function leavesAgree(actual: unknown, expected: unknown, what: string, tol: JitTolerance = jitTolerance): LawResult {
  const a = outputLeaves(actual);
  const b = outputLeaves(expected);
  if (a.length !== b.length) return violated(`${what}: ${a.length} output leaves, expected ${b.length}`);
  return allHold(...a.map((x, k) => agreesWithReference(x, b[k]!, a.length === 1 ? what : `${what}, output leaf ${k}`, tol)));
}

// -------------------------------------------------------------------------------------
// laws
// -------------------------------------------------------------------------------------

/**
 * `jit(f)(...args)` equals `f(...args)`: integer and bool results bit for bit, floats within
 * the jit tolerance. The jitted function runs twice: the second call (from the cache, in reused
 * buffers) must agree too, must leave the first call's results as they were, and neither may
 * write its arguments.
 */
export function jitMatchesEager(f: ArrayFunction, args: readonly ArrayValue[], tol: JitTolerance = jitTolerance): LawResult {
  const before = args.map((x) => x.toTypedArray().slice());
  const expected = f(...args);
  const jitted = jit(f);
  const first = jitted(...args);
  const second = jitted(...args);
  const unchanged = args.map((x, i) => {
    const now = x.toTypedArray();
    const at = before[i]!.findIndex((v, k) => !Object.is(v, now[k]));
    return at < 0 ? holds : violated(`jit(f) wrote argument ${i} (${describe(x)}) at flat index ${at}: ${before[i]![at]} became ${now[at]}`);
  });
  return allHold(...unchanged, leavesAgree(first, expected, "jit(f) versus f (first call, read after the second)", tol), leavesAgree(second, expected, "jit(f), second call, versus f", tol));
}

/**
 * For a scalar `f`, `jit(grad(f))` and `grad(jit(f))` equal `grad(f)`, the gradients taken with
 * respect to every float argument (the others held fixed). `tol` applies to both; by default
 * `jit(grad(f))` is held to `jitTolerance` and `grad(jit(f))` to `gradOfJitTolerance`.
 */
export function jitCommutesWithGrad(f: ArrayFunction, args: readonly ArrayValue[], tol?: JitTolerance): LawResult {
  const [g, xs] = ofFloatArguments(f, args);
  if (xs.length === 0) return holds;
  const argnums = xs.map((_, i) => i);
  const expected = grad(g, { argnums })(...xs);
  return allHold(
    leavesAgree(jit(grad(g, { argnums }))(...xs), expected, "jit(grad(f)) versus grad(f)", tol ?? jitTolerance),
    leavesAgree(grad(jit(g), { argnums })(...xs), expected, "grad(jit(f)) versus grad(f)", tol ?? gradOfJitTolerance),
  );
}

/**
 * `jit(vmap(f))` and `vmap(jit(f))` equal `vmap(f)` on batched arguments, for the given
 * `inAxes` (null: not mapped) and `outAxes` (one axis, or one per output leaf in flattening
 * order); `axisSize` is needed when no argument is mapped.
 */
export function jitCommutesWithVmap(
  f: ArrayFunction,
  args: readonly ArrayValue[],
  inAxes: readonly InAxis[],
  outAxes: unknown = 0,
  axisSize?: number,
  tol: JitTolerance = jitTolerance,
): LawResult {
  const options = { inAxes: [...inAxes], outAxes, ...(axisSize === undefined ? {} : { axisSize }) };
  const expected = vmap(f, options)(...args);
  const what = `vmap(inAxes ${JSON.stringify(inAxes)}, outAxes ${JSON.stringify(outAxes)})`;
  return allHold(
    leavesAgree(jit(vmap(f, options))(...args), expected, `jit(${what}(f)) versus ${what}(f)`, tol),
    leavesAgree(vmap(jit(f), options)(...args), expected, `${what}(jit(f)) versus ${what}(f)`, tol),
  );
}
