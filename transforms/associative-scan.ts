/**
 * jax.lax.associative_scan: all prefix combinations of the slices along an axis under an
 * associative `fn`, by the parallel-prefix (Blelloch-style) recursion JAX uses: combine pairs,
 * scan the half-size result, fill in the even positions, interleave. `fn` only ever sees whole
 * slices (`fn(a, b)` with a before b, so it need not commute), and the whole thing is slicing,
 * concatenation and calls of `fn`, so it jits, batches and differentiates as they do.
 */
import { describeAll, fail } from "../core/errors.js";
import type { ArrayValue } from "../core/ndarray.js";
import * as lax from "../core/lax/index.js";
import { scalar } from "../core/numpy/promote.js";
import { normalizeAxis } from "../core/shape.js";
import * as tree from "../core/tree.js";
import type { MapLeaves } from "../core/tree.js";
import { bool, checkArity, checkFunction, integer, readOptions } from "../core/validate.js";
import { arrayLeaves } from "./pytree-args.js";

/** Options of associativeScan. */
export interface AssociativeScanOptions {
  /** Scan from the last slice to the first (results keep the slices' positions). */
  readonly reverse?: boolean;
  /** The axis to scan along (default 0; negative counts from the end). */
  readonly axis?: number;
}

/**
 * The inclusive prefix combinations `[e0, fn(e0, e1), fn(fn(e0, e1), e2), ...]` of the slices of
 * the pytree `elems` along `axis`, for an associative `fn` applied to whole (batched) slices.
 *
 * @example lax.associativeScan((a, b) => a.add(b), np.arange(5)) // array([0, 1, 3, 6, 10], dtype=int32)
 */
export function associativeScan<T>(
  fn: (a: MapLeaves<T, ArrayValue>, b: MapLeaves<T, ArrayValue>) => unknown,
  elems: T,
  options: AssociativeScanOptions | null = {},
): MapLeaves<T, ArrayValue> {
  const op = "lax.associativeScan";
  checkArity(op, arguments, 3, "pass reverse and axis as options: associativeScan(fn, elems, {reverse, axis})");
  checkFunction(op, fn, "fn (a, b) => combined");
  const o = readOptions(op, options, { reverse: bool, axis: integer });
  const [leaves, def] = arrayLeaves(op, "elems", elems);
  if (leaves.length === 0) fail(op, "elems has no arrays to scan");
  const rank = leaves[0]!.ndim;
  if (leaves.some((x) => x.ndim === 0)) fail(op, `every leaf of elems needs the axis to scan along, got ${describeAll(leaves)}`);
  const axis = normalizeAxis(op, o.axis ?? 0, rank);
  if (leaves.some((x) => x.ndim <= axis || x.shape[axis] !== leaves[0]!.shape[axis])) {
    fail(op, `every leaf of elems must have the same size along axis ${axis}, got ${describeAll(leaves)}`);
  }
  const reverse = o.reverse ?? false;
  const flip = (xs: ArrayValue[]) => (reverse ? xs.map((x) => lax.rev(x, [axis])) : xs);

  const combine = (a: ArrayValue[], b: ArrayValue[]): ArrayValue[] => {
    const [out, outDef] = arrayLeaves(op, "the output of fn", fn(tree.unflatten(def, a) as never, tree.unflatten(def, b) as never));
    if (!tree.treedefEq.equals(outDef, def)) fail(op, "fn must return a pytree of the same structure as elems");
    const expected = a[0]!.shape[axis];
    out.forEach((c, i) => {
      if (c.shape[axis] !== expected || c.dtype !== a[i]!.dtype) {
        fail(op, `fn must return slices shaped and typed as its inputs (${describeAll([a[i]!])}), got ${describeAll([c])}`);
      }
    });
    return out;
  };
  const slice = (xs: ArrayValue[], start: number, stop: number | null, stride = 1) => xs.map((x) => lax.sliceInDim(x, start, stop, stride, axis));

  const scan = (xs: ArrayValue[]): ArrayValue[] => {
    const n = xs[0]!.shape[axis]!;
    if (n < 2) return xs;
    // Pairs (0,1), (2,3), ... combined; their prefixes are the prefixes at the odd positions.
    const odd = scan(combine(slice(xs, 0, n - (n % 2), 2), slice(xs, 1, null, 2)));
    // Each even position after the first is the previous odd prefix combined with its element.
    const evenTail = combine(n % 2 === 0 ? slice(odd, 0, odd[0]!.shape[axis]! - 1) : odd, slice(xs, 2, null, 2));
    const even = xs.map((x, i) => lax.concatenate([lax.sliceInDim(x, 0, 1, 1, axis), evenTail[i]!], axis));
    return even.map((e, i) => interleave(e, odd[i]!, axis));
  };
  return tree.unflatten(def, flip(scan(flip(leaves)))) as MapLeaves<T, ArrayValue>;
}

/** `[a0, b0, a1, b1, ...]` along `axis`, where a has as many slices as b or one more. */
function interleave(a: ArrayValue, b: ArrayValue, axis: number): ArrayValue {
  const na = a.shape[axis]!;
  const nb = b.shape[axis]!;
  const padded = na === nb ? b : lax.pad(b, scalar(b.dtype === "bool" ? false : 0, b.dtype), b.shape.map((_, i) => [0, i === axis ? 1 : 0, 0] as const));
  const pairs = lax.concatenate([lax.expandDims(a, [axis + 1]), lax.expandDims(padded, [axis + 1])], axis + 1);
  const merged = lax.reshape(pairs, a.shape.map((d, i) => (i === axis ? 2 * d : d)));
  return na === nb ? merged : lax.sliceInDim(merged, 0, na + nb, 1, axis);
}
