/**
 * The loop an iterative Estimator runs (k-means' Lloyd steps, EM, proximal gradient, coordinate
 * descent): `step` repeated until `converged(previous, next)` or `maxIter` steps, as one
 * `lax.whileLoop`, so the whole fit traces into a single program that `jit` compiles and `vmap`
 * batches (several restarts, several data sets) like any other array code.
 */
import { fail } from "../core/errors.js";
import { ArrayValue } from "../core/ndarray.js";
import * as np from "../core/numpy/index.js";
import { anyValue, count, describeValue, func, readOptions, refine } from "../core/validate.js";
import { whileLoop } from "../transforms/control.js";

/** What `iterate` needs: the first carry, one step, the convergence test and the step limit. */
export interface IterateOptions<C> {
  /** The carry before the first step (a pytree of arrays: centers, params, a residual...). */
  readonly init: C;
  /** One iteration. */
  readonly step: (carry: C) => C;
  /** True (a bool scalar array, or a boolean) when `next` is close enough to `previous` to stop. */
  readonly converged: (previous: C, next: C) => ArrayValue | boolean;
  /** The most steps to take (required: a fit never runs unbounded). */
  readonly maxIter: number;
}

/** What `iterate` returns: the last carry, the steps taken (int32 scalar) and whether the test held (bool scalar). */
export interface IterateResult<C> {
  readonly carry: C;
  readonly iterations: ArrayValue;
  readonly converged: ArrayValue;
}

const positive = refine(count, (n) => n > 0, "a positive integer");

/**
 * Runs `step` from `init` until `converged(previous, next)` holds or `maxIter` steps were taken.
 *
 * @example
 * import { models, np } from "tessera";
 * // Newton's iteration for sqrt(2), to a relative change of 1e-12
 * const { carry, iterations } = models.iterate({
 *   init: np.array(1, { dtype: "float64" }),
 *   step: (x) => x.add(np.divide(2, x)).mul(0.5),
 *   converged: (a, b) => np.abs(a.sub(b)).le(np.abs(b).mul(1e-12)),
 *   maxIter: 50,
 * });
 * carry.item(); // 1.4142135623730951 after iterations.item() = 6 steps
 */
export function iterate<C>(options: IterateOptions<C>): IterateResult<C> {
  const read = readOptions("iterate", options, { init: anyValue, step: func, converged: func, maxIter: positive });
  const missing = (["init", "step", "converged", "maxIter"] as const).filter((name) => read[name] === undefined);
  if (missing.length > 0) fail("iterate", `needs ${missing.join(", ")} (init: the first carry, step, converged(previous, next), maxIter: the most steps a fit may take)`);
  const { step, converged } = options;
  const asFlag = (value: unknown): ArrayValue<"bool"> => {
    if (typeof value === "boolean") return np.array(value);
    if (value instanceof ArrayValue && value.dtype === "bool" && value.ndim === 0) return value as ArrayValue<"bool">;
    return fail("iterate", `converged must return a boolean or a bool scalar array, got ${value instanceof ArrayValue ? `${value.dtype}[${value.shape.join(",")}]` : describeValue(value)}`);
  };
  const maxIter = read.maxIter!;
  const start = { carry: options.init, iterations: np.array(0, { dtype: "int32" }), converged: np.array(false) };
  return whileLoop(
    (s: typeof start) => np.logicalAnd(np.logicalNot(s.converged), np.less(s.iterations, maxIter)),
    (s: typeof start) => {
      const next = step(s.carry);
      return { carry: next, iterations: np.add(s.iterations, 1), converged: asFlag(converged(s.carry, next)) };
    },
    start,
  );
}

