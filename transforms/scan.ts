/**
 * Loops over pytrees as higher-order primitives: `scan` (JAX's lax.scan) and `foriLoop`. The
 * body is staged once to a jaxpr on abstract carries and slices, so every transform sees one
 * scan operation with known rules: scans differentiate in both modes, batch, and nest.
 */
import { aval, type Aval } from "../core/aval.js";
import { isInteger } from "../core/dtype.js";
import { describe, describeAll, fail } from "../core/errors.js";
import { bind } from "../core/interpreter.js";
import { ArrayValue, NdArray } from "../core/ndarray.js";
import * as np from "../core/numpy/index.js";
import { avalOf } from "../core/rules/autodiff-helpers.js";
import { hoistConsts } from "../core/jaxpr.js";
import * as tree from "../core/tree.js";
import { treedefToString } from "../core/tree-walk.js";
import type { MapLeaves } from "../core/tree.js";
import { whileLoop } from "./control.js";
import { arrayLeaves, canonicalOutputs, isWeakLeaf } from "./pytree-args.js";
import { bool, checkArity, checkFunction, describeValue, int32, readOptions, type OptionCheck } from "../core/validate.js";
import { stageFlat } from "./staging.js";

/** Options of scan. */
export interface ScanOptions {
  /** The number of iterations: required when there are no xs, else it must match their leading axis. */
  readonly length?: number;
  /** Iterate from the last slice to the first (ys keep the slices' positions). */
  readonly reverse?: boolean;
}

/** A pytree with every leaf an array (what a transform hands a body for a tree of leaves). */
type Arrays<T> = MapLeaves<T, ArrayValue>;

/** A tree structure with each leaf's type in place, for error messages: `{a: f32[3], b: f32[]}`. */
function signature(def: tree.TreeDef, leaves: readonly { readonly shape: readonly number[]; readonly dtype: ArrayValue["dtype"] }[]): string {
  return treedefToString(def, (i) => describe(leaves[i]!));
}

/** The number of iterations: the common leading length of the xs, checked against `length`. */
function scanLength(op: string, xs: readonly ArrayValue[], length: number | undefined): number {
  xs.forEach((x, i) => {
    if (x.ndim === 0) fail(op, `xs leaf ${i} is a scalar (${describeAll([x])}); every leaf of xs needs a leading axis to scan over`);
  });
  const lengths = xs.map((x) => x.shape[0]!);
  if (new Set(lengths).size > 1) fail(op, `the leaves of xs have different leading axis sizes (${lengths.join(", ")}); they must all have the same length`);
  if (length !== undefined) {
    if (lengths.length > 0 && lengths[0] !== length) fail(op, `length ${length} disagrees with the leading axis size ${lengths[0]} of xs`);
    return length;
  }
  if (lengths.length === 0) fail(op, "there are no xs to scan over and no length was given; pass {length}");
  return lengths[0]!;
}

/**
 * Loops `f(carry, x) -> [carry, y]` over the leading axis of `xs` (a pytree; null/undefined with
 * `length` for no xs), returning the final carry and the ys stacked along a new leading axis. The
 * carry keeps its structure, shapes and dtypes across iterations.
 *
 * @example
 * const [total, partialSums] = lax.scan((c, x) => [c.add(x), c.add(x)], 0, np.arange(5)); // 10, [0, 1, 3, 6, 10]
 */
export function scan<C, X, Y>(
  f: (carry: Arrays<C>, x: Arrays<X>) => readonly [unknown, Y],
  init: C,
  xs?: X | null,
  options: ScanOptions | number | null = {},
): [Arrays<C>, Arrays<Y>] {
  const op = "lax.scan";
  checkArity(op, arguments, 4, "pass length and reverse as options: scan(f, init, xs, {length, reverse})");
  checkFunction(op, f, "f (carry, x) => [carry, y]");
  // A number is JAX's positional length (scan(f, init, xs, length)).
  const o = readOptions(op, typeof options === "number" ? { length: options } : options, { length: loopLength, reverse: bool });
  const [initLeaves, carryDef] = arrayLeaves(op, "the initial carry", init);
  const [xsLeaves, xsDef] = arrayLeaves(op, "xs", xs);
  const length = scanLength(op, xsLeaves, o.length);
  const numCarry = initLeaves.length;
  const stageBody = (carryAvals: readonly Aval[]) => {
    let yDef: tree.TreeDef | undefined;
    let carryDefOut: tree.TreeDef | undefined;
    const jaxpr = stageFlat(
      (leaves) => {
        const carry = tree.unflatten(carryDef, leaves.slice(0, numCarry)) as Arrays<C>;
        const x = tree.unflatten(xsDef, leaves.slice(numCarry)) as Arrays<X>;
        const result: unknown = f(carry, x);
        if (!Array.isArray(result) || result.length !== 2) {
          fail(op, `the body must return a pair [carry, y], got ${Array.isArray(result) ? `a list of ${result.length}` : typeof result}`);
        }
        const [carryOut, outDef] = arrayLeaves(op, "the body's carry", result[0]);
        const [ys, def] = arrayLeaves(op, "the body's y", result[1]);
        carryDefOut = outDef;
        yDef = def;
        return [...carryOut, ...ys];
      },
      [...carryAvals, ...xsLeaves.map((x) => aval(x.shape.slice(1), x.dtype))],
      op,
    );
    return { jaxpr, yDef: yDef!, carryDefOut: carryDefOut! };
  };
  // A weak float scalar tracer starts as float32, as the JS number it stands for would.
  let carry = canonicalOutputs(initLeaves);
  let staged = stageBody(carry.map(avalOf));
  // JS numbers in the initial carry are weakly typed (as Python scalars in JAX): a scalar takes
  // the dtype the body gives it.
  const [rawInit] = tree.flatten(init);
  const promoted = carry.map((c, i) => {
    const out = staged.jaxpr.outAvals[i];
    const weak = isWeakLeaf(rawInit[i]) && tree.treedefEq.equals(staged.carryDefOut, carryDef);
    return weak && out !== undefined && out.shape.length === 0 && out.dtype !== c.dtype ? np.astype(c, out.dtype) : c;
  });
  if (promoted.some((c, i) => c !== carry[i])) {
    carry = promoted;
    staged = stageBody(carry.map(avalOf));
  }
  const body = staged.jaxpr;
  const carryOutAvals = body.outAvals.slice(0, tree.numLeaves(staged.carryDefOut));
  const mismatch =
    !tree.treedefEq.equals(staged.carryDefOut, carryDef) ||
    carryOutAvals.some((c, i) => c.dtype !== carry[i]!.dtype || c.shape.join(",") !== carry[i]!.shape.join(","));
  if (mismatch) {
    fail(op, `the body returned a carry of structure ${signature(staged.carryDefOut, carryOutAvals)} but the initial carry has ${signature(carryDef, carry)}; the carry must keep its structure, shapes and dtypes (convert with astype)`);
  }
  // The body's captured values become leading operands, so outer transforms see them.
  const [open, consts] = hoistConsts(body);
  const outs = bind("scan", [...consts, ...carry, ...xsLeaves], {
    body: open,
    numConsts: consts.length,
    numCarry,
    length,
    reverse: o.reverse ?? false,
  });
  return [tree.unflatten(carryDef, outs.slice(0, numCarry)) as Arrays<C>, tree.unflatten(staged.yDef, outs.slice(numCarry)) as Arrays<Y>];
}

/** A trip count: a non-negative integer within int32 (JAX's bound for loop lengths). */
const loopLength: OptionCheck<number> = (op, name, value) => {
  if (!Number.isSafeInteger(value) || (value as number) < 0 || (value as number) > 2 ** 31 - 1) {
    fail(op, `${name} must be a non-negative integer at most 2^31 - 1, got ${describeValue(value)}`);
  }
  return value as number;
};

/** A loop bound known now (a JS number or a concrete array), or null when it is traced. */
function staticBound(op: string, bound: number | ArrayValue, name: string): number | null {
  const value = bound instanceof NdArray ? (bound.ndim === 0 ? bound.item() : fail(op, `${name} must be a scalar, got shape [${bound.shape.join(",")}]`)) : bound;
  if (value instanceof ArrayValue) return null;
  // JAX's loop counters are int32: a bound outside that range is an error, not a near-endless loop.
  return int32(op, name, value);
}

/**
 * `for (i = lower; i < upper; i++) val = body(i, val)`, with `i` an int32 scalar. With bounds
 * known now (JS numbers or concrete arrays) it lowers to a scan, differentiable in both modes;
 * with a traced bound it lowers to whileLoop (forward mode and vmap only, as in JAX).
 *
 * @example
 * lax.foriLoop(0, 10, (i, x) => x.mul(2), np.array(1)) // 1024
 */
export function foriLoop<T>(lower: number | ArrayValue, upper: number | ArrayValue, body: (i: ArrayValue, val: Arrays<T>) => unknown, init: T): Arrays<T> {
  const op = "lax.foriLoop";
  checkArity(op, arguments, 4);
  checkFunction(op, body, "body (i, val) => val");
  for (const [bound, name] of [[lower, "lower"], [upper, "upper"]] as const) {
    if (bound instanceof ArrayValue && (!isInteger(bound.dtype) || bound.ndim !== 0)) {
      fail(op, `${name} must be an integer scalar, got ${describeAll([bound])}`);
    }
  }
  const lo = staticBound(op, lower, "lower");
  const hi = staticBound(op, upper, "upper");
  if (lo !== null && hi !== null) {
    if (hi - lo > 2 ** 31 - 1) fail(op, `the trip count upper - lower = ${hi - lo} exceeds 2^31 - 1 (the counter is int32)`);
    const start = np.array(lo, { dtype: "int32" });
    const [[, result]] = scan<[ArrayValue, T], null, null>(
      ([i, val]) => [[np.add(i, 1), body(i, val)], null],
      [start, init],
      null,
      { length: Math.max(hi - lo, 0) },
    );
    return result;
  }
  // Both bounds share the traced bound's integer dtype (a JS number adapts to it, as JAX's weak types).
  const dtype = lower instanceof ArrayValue ? lower.dtype : (upper as ArrayValue).dtype;
  const asBound = (b: number | ArrayValue) => (b instanceof ArrayValue ? (b.dtype === dtype ? b : np.astype(b, dtype)) : np.array(b, { dtype }));
  const [, , result] = whileLoop(
    (state: unknown) => {
      const [i, end] = state as [ArrayValue, ArrayValue];
      return np.less(i, end);
    },
    (state: unknown) => {
      const [i, end, val] = state as [ArrayValue, ArrayValue, Arrays<T>];
      return [np.add(i, 1), end, body(i, val)];
    },
    [asBound(lower), asBound(upper), init],
  ) as unknown as [ArrayValue, ArrayValue, Arrays<T>];
  return result;
}
