/**
 * Rules for `debugCallback`, the primitive behind `debug.print` and `debug.callback`: it calls a
 * host function on concrete values and returns nothing, as JAX's debug_callback does.
 *
 * Forward mode calls it on the primals (tangents are not shown, and reverse mode's backward pass
 * calls nothing more). Batching calls it once per example, in order, on that example's slice of
 * each mapped operand (unmapped operands are passed whole), as JAX unrolls it. It is not linear,
 * so it has no transpose: partial evaluation keeps it with the known values it reads. Its
 * `effect` keeps the jit passes and dead-code elimination from dropping it.
 */
import { bind, bind1 } from "../interpreter.js";
import { adoptBuffer, NdArray, type ArrayValue } from "../ndarray.js";
import type { EffectPrim } from "../primitives.js";
import type { BatchDim, RuleTable } from "./rule.js";

/** Example `i` of `x`, mapped along `dim` (the whole of `x` when it is not mapped). */
function exampleOf(x: ArrayValue, dim: BatchDim, i: number): ArrayValue {
  if (dim === null) return x;
  const start = x.shape.map((_, a) => (a === dim ? i : 0));
  const limit = x.shape.map((d, a) => (a === dim ? i + 1 : d));
  const row = bind1("slice", [x], { start, limit, strides: x.shape.map(() => 1) });
  return bind1("reshape", [row], { newShape: x.shape.filter((_, a) => a !== dim) });
}

/** A copy the host function may keep: compiled programs reuse the buffers of intermediates. */
function copyOf(x: NdArray): NdArray {
  return adoptBuffer(x.toTypedArray() as never, x.shape, x.dtype);
}

/** Rules for the effect primitives. */
export const debugRules: RuleTable<EffectPrim> = {
  debugCallback: {
    fusion: "opaque",
    effect: "debug",
    abstractEval: () => [],
    impl(args, { callback }) {
      callback(args.map(copyOf));
      return [];
    },
    jvp: (primals, _tangents, params) => [bind("debugCallback", primals, params), []],
    vmap(args, dims, params, axisSize) {
      for (let i = 0; i < axisSize; i++) {
        bind("debugCallback", args.map((x, k) => exampleOf(x, dims[k] ?? null, i)), params);
      }
      return [[], []];
    },
  },
};
