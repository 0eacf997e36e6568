/**
 * jax.lax.map: a function applied to each slice of xs along its leading axis, as a scan with no
 * carry (one staged body, so the loop jits, differentiates and batches as scan does). With
 * `batchSize` the slices go `batchSize` at a time through vmap inside the scan, and the
 * remainder that does not fill a batch through one more vmap, as JAX does.
 */
import { fail } from "../core/errors.js";
import { ArrayValue } from "../core/ndarray.js";
import * as tree from "../core/tree.js";
import type { MapLeaves } from "../core/tree.js";
import * as lax from "../core/lax/index.js";
import { checkArity, checkFunction, count, readOptions } from "../core/validate.js";
import { arrayLeaves } from "./pytree-args.js";
import { scan } from "./scan.js";
import { vmap } from "./vmap.js";

/** Options of map. */
export interface MapOptions {
  /** Slices per vmapped step; 0 means all of them in one vmap (JAX's batch_size). */
  readonly batchSize?: number | null;
}

/**
 * `f` applied to each slice of the pytree `xs` along the leading axis, the results stacked.
 *
 * @example lax.map((x) => x.mul(2), np.arange(5), { batchSize: 2 }) // array([0, 2, 4, 6, 8], dtype=int32)
 */
export function map<X, Y>(f: (x: MapLeaves<X, ArrayValue>) => Y, xs: X, options: MapOptions | null = {}): MapLeaves<Y, ArrayValue> {
  const op = "lax.map";
  checkArity(op, arguments, 3, "pass batchSize as an option: map(f, xs, {batchSize})");
  checkFunction(op, f, "f (x) => y");
  const o = readOptions(op, options, { batchSize: (p, n, v) => (v === null ? null : count(p, n, v)) });
  const batchSize = o.batchSize ?? null;
  if (batchSize === null) return scan((c: null, x) => [c, f(x as MapLeaves<X, ArrayValue>)], null, xs)[1] as MapLeaves<Y, ArrayValue>;
  const [leaves, def] = arrayLeaves(op, "xs", xs);
  if (leaves.length === 0) fail(op, "xs has no arrays to map over");
  if (leaves.some((x) => x.ndim === 0)) fail(op, "every leaf of xs needs a leading axis to map over");
  const n = leaves[0]!.shape[0]!;
  if (leaves.some((x) => x.shape[0] !== n)) fail(op, `the leaves of xs have different leading axis sizes (${leaves.map((x) => x.shape[0]).join(", ")})`);
  const batches = batchSize === 0 ? 0 : Math.floor(n / batchSize);
  const whole = batches * batchSize;
  const batched = vmap(f as (x: unknown) => unknown);
  const rows = (x: ArrayValue, start: number, stop: number) => lax.sliceInDim(x, start, stop, 1, 0);
  let scanned: ArrayValue[] | null = null;
  let outDef: tree.TreeDef | undefined;
  if (batches > 0) {
    const chunked = leaves.map((x) => lax.reshape(rows(x, 0, whole), [batches, batchSize, ...x.shape.slice(1)]));
    const [, ys] = scan((c: null, chunk) => [c, batched(tree.unflatten(def, chunk as ArrayValue[]))], null, chunked);
    const [flat, d] = arrayLeaves(op, "the output of f", ys);
    scanned = flat.map((y) => lax.reshape(y, [whole, ...y.shape.slice(2)]));
    outDef = d;
  }
  if (whole === n) return tree.unflatten(outDef!, scanned!) as MapLeaves<Y, ArrayValue>;
  const [rest, restDef] = arrayLeaves(op, "the output of f", batched(tree.unflatten(def, leaves.map((x) => rows(x, whole, n)))));
  if (scanned === null) return tree.unflatten(restDef, rest) as MapLeaves<Y, ArrayValue>;
  return tree.unflatten(restDef, rest.map((r, i) => lax.concatenate([scanned![i]!, r], 0))) as MapLeaves<Y, ArrayValue>;
}
