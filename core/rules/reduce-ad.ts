/**
 * Transform rules (jvp, vmap, transpose) of the reduce family. Conventions, all JAX's:
 * reduceMax/reduceMin split the tangent evenly among tied extremal elements; cummax/cummin
 * differentiate JAX's associative scan of binary max/min (whose ties split in halves at each
 * combining step); sort and topK permute tangents like the values;
 * argmax/argmin have zero tangents. Products differentiate exactly through zeros: the tangent
 * is carried through a product tree (reduceProd) or a log-depth prefix scan (cumprod) of
 * (value, tangent) pairs, never by dividing by the operand.
 */
import { bind, bind1 } from "../interpreter.js";
import type { ArrayValue } from "../ndarray.js";
import { scalar } from "../numpy/promote.js";
import type { ParamsOf } from "../primitives.js";
import { range } from "../shape.js";
import { avalOfArg, isDifferentiable, isZero, linearJvp, transposeRule, zeroLike } from "./autodiff-helpers.js";
import { batchFirst, moveAxis, physicalAxis } from "./batching-helpers.js";
import { iotaInt, reshapeTo, takeAlongAxis } from "./indexing-helpers.js";
import { Zero, type BatchDim, type JvpRule, type Tangent, type TransposeRule, type VmapRule } from "./rule.js";

type ReduceName = "reduceSum" | "reduceMax" | "reduceMin" | "reduceProd";
type ArgName = "argmax" | "argmin";
type ScanName = "cumsum" | "cumprod" | "cummax" | "cummin";

/** True when a tangent must be zero: it is symbolic, or the value's dtype is not a float. */
function inactive(x: ArrayValue, t: Tangent): t is Zero {
  return isZero(t) || !isDifferentiable(x.dtype);
}

/** Product of the sizes of `axes` of `shape`. */
function sizeOfAxes(shape: readonly number[], axes: readonly number[]): number {
  return axes.reduce((n, a) => n * shape[a]!, 1);
}

/**
 * `v` with the `axes` moved last and merged into one trailing axis: `[...kept, prod(axes)]`.
 * Reductions over several axes then become reductions over that one axis.
 */
function mergeReduced(v: ArrayValue, axes: readonly number[]): ArrayValue {
  const kept = range(v.ndim).filter((a) => !axes.includes(a));
  const permutation = [...kept, ...axes];
  const moved = permutation.every((p, i) => p === i) ? v : bind1("transpose", [v], { permutation });
  return reshapeTo(moved, [...kept.map((a) => v.shape[a]!), sizeOfAxes(v.shape, axes)]);
}

/** `v` shifted by `s` positions along `axis` (towards higher indices, or lower when `reverse`), the vacated ones filled with `fill`. */
function shift(v: ArrayValue, axis: number, s: number, fill: number, reverse: boolean): ArrayValue {
  const config = v.shape.map((_, a): [number, number, number] => (a !== axis ? [0, 0, 0] : reverse ? [-s, s, 0] : [s, -s, 0]));
  return bind1("pad", [v, scalar(fill, v.dtype)], { config });
}

// ---------------------------------------------------------------------------------------------
// reductions

/** reduceSum's transpose: the cotangent broadcast back over the reduced axes. */
export const reduceSumTranspose: TransposeRule<"reduceSum"> = transposeRule(([x], ct, { axes }) => {
  const { shape } = avalOfArg(x!);
  const broadcastDimensions = range(shape.length).filter((a) => !axes.includes(a));
  return [bind1("broadcastInDim", [ct], { shape, broadcastDimensions })];
});

/** reduceSum is linear. */
export const reduceSumJvp: JvpRule<"reduceSum"> = linearJvp("reduceSum");

/**
 * reduceMax/reduceMin: the mean of the tangents of the elements equal to the result (JAX's rule:
 * ties split the tangent evenly; a NaN result, equal to nothing, gets 0/0 = NaN). The indicator
 * of those elements comes from a comparison, so the derivative of the tangent is zero.
 */
export function chooserJvp<P extends "reduceMax" | "reduceMin">(name: P): JvpRule<P> {
  return ([x], [t], params: ParamsOf[P]) => {
    const y = bind1(name, [x!], params);
    const { axes } = params;
    if (inactive(x!, t!) || sizeOfAxes(x!.shape, axes) === 0) return [[y], [zeroLike(y)]];
    if (axes.length === 0) return [[y], [t!]];
    const broadcastDimensions = range(x!.ndim).filter((a) => !axes.includes(a));
    const spread = bind1("broadcastInDim", [y], { shape: x!.shape, broadcastDimensions });
    const isResult = bind1("convert", [bind1("eq", [x!, spread], {})], { dtype: t!.dtype });
    const counts = bind1("reduceSum", [isResult], { axes });
    const chosen = bind1("reduceSum", [bind1("mul", [t!, isResult], {})], { axes });
    return [[y], [bind1("div", [chosen, counts], {})]];
  };
}

/**
 * reduceProd: the product and its tangent reduced together by a pairwise tree of
 * `(a, da) * (b, db) = (ab, da b + a db)` (JAX's rule), exact when some factors are zero.
 */
export const reduceProdJvp: JvpRule<"reduceProd"> = ([x], [t], params) => {
  const y = bind1("reduceProd", [x!], params);
  const { axes } = params;
  if (inactive(x!, t!) || sizeOfAxes(x!.shape, axes) === 0) return [[y], [zeroLike(y)]];
  if (axes.length === 0) return [[y], [t!]];
  let p = mergeReduced(x!, axes);
  let dp = mergeReduced(t!, axes);
  const last = p.ndim - 1;
  // Every other entry of the last axis, from `start`.
  const half = (v: ArrayValue, start: number) =>
    bind1("slice", [v], {
      start: v.shape.map((_, a) => (a === last ? start : 0)),
      limit: v.shape,
      strides: v.shape.map((_, a) => (a === last ? 2 : 1)),
    });
  // Odd lengths get one more factor (1, 0) at the end, so each level halves evenly.
  const padEnd = (v: ArrayValue, fill: number) =>
    bind1("pad", [v, scalar(fill, v.dtype)], { config: v.shape.map((_, a): [number, number, number] => [0, a === last ? 1 : 0, 0]) });
  for (let n = p.shape[last]!; n > 1; n = Math.ceil(n / 2)) {
    if (n % 2 === 1) {
      p = padEnd(p, 1);
      dp = padEnd(dp, 0);
    }
    const [p0, p1, d0, d1] = [half(p, 0), half(p, 1), half(dp, 0), half(dp, 1)];
    dp = bind1("add", [bind1("mul", [d0, p1], {}), bind1("mul", [p0, d1], {})], {});
    p = bind1("mul", [p0, p1], {});
  }
  return [[y], [reshapeTo(dp, y.shape)]];
};

/** vmap of a reduction: the batch axis stays where it is; the reduced axes skip it. */
export function reduceVmap<P extends ReduceName>(name: P): VmapRule<P> {
  return ([x], [d], params: ParamsOf[P]) => {
    const bdim = d!;
    const axes = params.axes.map((a) => physicalAxis(a, bdim));
    const out = bind1(name, [x!], { ...params, axes } as ParamsOf[P]);
    return [[out], [bdim - axes.filter((a) => a < bdim).length]];
  };
}

// ---------------------------------------------------------------------------------------------
// argmax / argmin

/** argmax/argmin: integer results, zero tangents. */
export function argJvp<P extends ArgName>(name: P): JvpRule<P> {
  return ([x], _tangents, params: ParamsOf[P]) => {
    const out = bind1(name, [x!], params);
    return [[out], [zeroLike(out)]];
  };
}

/** vmap of argmax/argmin: the batch axis stays; the searched axis skips it. */
export function argVmap<P extends ArgName>(name: P): VmapRule<P> {
  return ([x], [d], params: ParamsOf[P]) => {
    const bdim = d!;
    const axis = physicalAxis(params.axis, bdim);
    const out = bind1(name, [x!], { ...params, axis } as ParamsOf[P]);
    return [[out], [axis < bdim ? bdim - 1 : bdim]];
  };
}

// ---------------------------------------------------------------------------------------------
// scans

/** cumsum is linear. */
export const cumsumJvp: JvpRule<"cumsum"> = linearJvp("cumsum");

/** cumsum's transpose: the cumulative sum in the other direction. */
export const cumsumTranspose: TransposeRule<"cumsum"> = transposeRule((_args, ct, { axis, reverse }) => [
  bind1("cumsum", [ct], { axis, reverse: !reverse }),
]);

/**
 * cumprod: the tangent comes from a log-depth (Hillis-Steele) inclusive scan of
 * `(value, tangent)` pairs under `(a, da) * (b, db) = (ab, da b + a db)`, as JAX differentiates
 * its associative scan: exact through zeros, O(n log n) work.
 */
export const cumprodJvp: JvpRule<"cumprod"> = ([x], [t], params) => {
  const y = bind1("cumprod", [x!], params);
  if (inactive(x!, t!)) return [[y], [zeroLike(y)]];
  const { axis, reverse } = params;
  let p = x!;
  let dp: ArrayValue = t!;
  for (let s = 1; s < x!.shape[axis]!; s *= 2) {
    const ps = shift(p, axis, s, 1, reverse);
    const dps = shift(dp, axis, s, 0, reverse);
    dp = bind1("add", [bind1("mul", [dps, p], {}), bind1("mul", [ps, dp], {})], {});
    p = bind1("mul", [ps, p], {});
  }
  return [[y], [dp]];
};

/** Entries [start, limit) of `v` along `axis`, every `stride`-th (limit null: to the end). */
function sliceAxis(v: ArrayValue, axis: number, start: number, limit: number | null, stride = 1): ArrayValue {
  const n = v.shape[axis]!;
  const end = limit === null ? n : limit < 0 ? n + limit : limit;
  return bind1("slice", [v], {
    start: v.shape.map((_, a) => (a === axis ? start : 0)),
    limit: v.shape.map((d, a) => (a === axis ? Math.max(start, end) : d)),
    strides: v.shape.map((_, a) => (a === axis ? stride : 1)),
  });
}

/** `a` and `b` interleaved along `axis` (a first; a has as many entries as b, or one more). */
function interleave(a: ArrayValue, b: ArrayValue, axis: number): ArrayValue {
  const sameLength = a.shape[axis] === b.shape[axis];
  const pad = (v: ArrayValue, low: number, high: number) =>
    bind1("pad", [v, scalar(0, v.dtype)], { config: v.shape.map((_, d): [number, number, number] => (d === axis ? [low, high, 1] : [0, 0, 0])) });
  return bind1("add", [pad(a, 0, sameLength ? 1 : 0), pad(b, 1, sameLength ? 0 : 1)], {});
}

/** A (value, tangent) pair of arrays. */
type Dual = readonly [ArrayValue, ArrayValue];

/**
 * The inclusive scan of `elements` along `axis` under an associative `combine`, by the
 * recursion of JAX's associative_scan (pairs combined, the half-length scan recursed, the even
 * positions filled in, the two interleaved). Differentiating cummax through this exact order of
 * combinations is what makes ties split the tangent as JAX's does.
 */
function associativeScan(combine: (a: Dual, b: Dual) => Dual, elements: Dual, axis: number): Dual {
  const n = elements[0].shape[axis]!;
  if (n < 2) return elements;
  const each = (f: (v: ArrayValue) => ArrayValue, d: Dual): Dual => [f(d[0]), f(d[1])];
  const reduced = combine(
    each((v) => sliceAxis(v, axis, 0, -1, 2), elements),
    each((v) => sliceAxis(v, axis, 1, null, 2), elements),
  );
  const odd = associativeScan(combine, reduced, axis);
  const rest = each((v) => sliceAxis(v, axis, 2, null, 2), elements);
  const evenTail = combine(n % 2 === 0 ? each((v) => sliceAxis(v, axis, 0, -1), odd) : odd, rest);
  const even = [0, 1].map((i) => bind1("concatenate", [sliceAxis(elements[i]!, axis, 0, 1), evenTail[i]!], { axis }));
  return [interleave(even[0]!, odd[0], axis), interleave(even[1]!, odd[1], axis)];
}

/**
 * cummax/cummin: the tangent of JAX's associative scan of binary max/min, each combination
 * passing the tangent of the operand equal to the result, half of each at a tie, none when the
 * result is NaN (JAX's rule for max and min). The weights come from comparisons, so the
 * derivative of the tangent is zero.
 */
export function cumChooserJvp<P extends "cummax" | "cummin">(name: P): JvpRule<P> {
  return ([x], [t], params: ParamsOf[P]) => {
    const m = bind1(name, [x!], params);
    if (inactive(x!, t!)) return [[m], [zeroLike(m)]];
    const { axis, reverse } = params;
    const prim = name === "cummax" ? "max" : "min";
    const half = scalar(0.5, t!.dtype);
    const zero = scalar(0, t!.dtype);
    const share = (mine: ArrayValue, other: ArrayValue, ans: ArrayValue, tangent: ArrayValue) =>
      bind1("select", [bind1("eq", [mine, ans], {}), bind1("select", [bind1("eq", [other, ans], {}), bind1("mul", [tangent, half], {}), tangent], {}), zero], {});
    const combine = ([va, ta]: Dual, [vb, tb]: Dual): Dual => {
      const ans = bind1(prim, [va, vb], {});
      return [ans, bind1("add", [share(va, vb, ans, ta), share(vb, va, ans, tb)], {})];
    };
    const flip = (v: ArrayValue) => (reverse ? bind1("rev", [v], { axes: [axis] }) : v);
    const [, dm] = associativeScan(combine, [flip(x!), flip(t!)], axis);
    return [[m], [flip(dm)]];
  };
}

/** vmap of a scan: the batch axis stays; the scanned axis skips it. */
export function scanVmap<P extends ScanName>(name: P): VmapRule<P> {
  return ([x], [d], params: ParamsOf[P]) => {
    const bdim = d!;
    const out = bind1(name, [x!], { ...params, axis: physicalAxis(params.axis, bdim) } as ParamsOf[P]);
    return [[out], [bdim]];
  };
}

// ---------------------------------------------------------------------------------------------
// sort / topK

/** sort: every tangent follows the permutation the keys induce (sorting an iota alongside). */
export const sortJvp: JvpRule<"sort"> = (primals, tangents, params) => {
  if (primals.every((x, i) => inactive(x, tangents[i]!))) {
    const outs = bind("sort", primals, params);
    return [outs, outs.map(zeroLike)];
  }
  const outs = bind("sort", [...primals, iotaInt(primals[0]!.shape, params.axis)], params);
  const permutation = outs.pop()!;
  const tangentsOut = primals.map((x, i) => {
    const t = tangents[i]!;
    return inactive(x, t) ? zeroLike(outs[i]!) : takeAlongAxis(t, permutation, params.axis);
  });
  return [outs, tangentsOut];
};

/** vmap of sort: operands batched first (unmapped ones broadcast: each row sorts its own way). */
export const sortVmap: VmapRule<"sort"> = (args, dims, params, axisSize) => {
  const batched = args.map((x, i) => batchFirst(x, dims[i]!, axisSize));
  const outs = bind("sort", batched, { ...params, axis: params.axis + 1 });
  return [outs, outs.map((): BatchDim => 0)];
};

/** topK: the values' tangent gathered at the returned indices; the indices have none. */
export const topKJvp: JvpRule<"topK"> = ([x], [t], params) => {
  const [values, indices] = bind("topK", [x!], params) as [ArrayValue, ArrayValue];
  const dv = inactive(x!, t!) ? zeroLike(values) : takeAlongAxis(t!, indices, x!.ndim - 1);
  return [[values, indices], [dv, zeroLike(indices)]];
};

/** vmap of topK: it works on the last axis, so a batch axis there moves to the front. */
export const topKVmap: VmapRule<"topK"> = ([x], [d], params) => {
  let value = x!;
  let bdim = d!;
  if (bdim === value.ndim - 1) {
    value = moveAxis(value, bdim, 0);
    bdim = 0;
  }
  return [bind("topK", [value], params), [bdim, bdim]];
};
