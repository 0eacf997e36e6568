/**
 * jax.lax's ragged matrix products: `raggedDot` (rows of lhs split into consecutive groups, each
 * multiplied by its own rhs matrix, as in mixture-of-experts layers) and `raggedDotGeneral`, its
 * dot_general form with one ragged lhs axis. As JAX does on CPU, each group is a masked copy of the
 * operand (positions outside the group zeroed) and the groups are contracted by one dotGeneral, so
 * the products differentiate, jit and vmap as their parts do, group sizes traced or not.
 */
import type { DType } from "../dtype.js";
import { isInteger } from "../dtype.js";
import { describe, fail } from "../errors.js";
import type { ArrayValue } from "../ndarray.js";
import { cumsum } from "../numpy/reductions.js";
import { checkArity, describeValue, integerList, isPlainRecord, listOf, nullable, readOptions, anyValue } from "../validate.js";
import { dtypeOption } from "../numpy/args.js";
import { arrayArg } from "./args.js";
import { dotGeneral, type DotDimensionNumbers } from "./contract.js";
import { and, broadcastInDim, convertElementType, iota, le, lt, select, sub, transpose } from "./primitives.js";

/** JAX's RaggedDotDimensionNumbers as a record. */
export interface RaggedDotDimensionNumbers {
  /** `[[lhsContracting, rhsContracting], [lhsBatch, rhsBatch]]`, as for dotGeneral. */
  readonly dotDimensionNumbers: DotDimensionNumbers;
  /** Exactly one lhs axis, split into groups by the group sizes. */
  readonly lhsRaggedDimensions: readonly number[];
  /** The rhs axis indexing the groups: one when the ragged axis is a free lhs axis, none otherwise. */
  readonly rhsGroupDimensions: readonly number[];
}

/** Options of the ragged products. */
export interface RaggedDotOptions {
  readonly preferredElementType?: DType | null;
}

/** Which kind of lhs axis is ragged: free (one rhs matrix per group), contracting (one output per group) or batch. */
type RaggedMode = "free" | "contracting" | "batch";

const dotNumbers = listOf(listOf(integerList, { min: 2, max: 2 }), { min: 2, max: 2 });

const optionSpec = { preferredElementType: nullable(dtypeOption), precision: nullable(anyValue), groupOffset: nullable(anyValue) };

/** The checked options: JAX's precision has no meaning here, and group_offset is unimplemented in JAX too. */
function readRaggedOptions(op: string, options: unknown): DType | null {
  const o = readOptions(op, options, optionSpec);
  if (o.precision !== undefined && o.precision !== null) fail(op, `precision is not supported (tessera computes in the operands' dtype), got ${describeValue(o.precision)}`);
  if (o.groupOffset !== undefined && o.groupOffset !== null) fail(op, `groupOffset is not supported (JAX 0.10.2 does not implement it either), got ${describeValue(o.groupOffset)}`);
  return o.preferredElementType ?? null;
}

/** The axes of a rank-`rank` operand that are neither contracting nor batch axes, in order. */
const freeAxes = (rank: number, contracting: readonly number[], batch: readonly number[]): number[] =>
  Array.from({ length: rank }, (_, i) => i).filter((a) => !contracting.includes(a) && !batch.includes(a));

/** The operand axes the group sizes are indexed by besides the group axis (JAX's prefix dims). */
function prefixAxes(mode: RaggedMode, rank: number, ragged: number, contracting: readonly number[], batch: readonly number[]): number[] {
  if (mode === "free") {
    const free = freeAxes(rank, contracting, batch);
    return [...batch, ...free.slice(0, free.indexOf(ragged))];
  }
  if (mode === "contracting") return [...batch, ...contracting.slice(0, contracting.indexOf(ragged))];
  return batch.slice(0, batch.indexOf(ragged));
}

/**
 * `[g, ...x.shape]`: copy j keeps the positions of x's `ragged` axis inside group j (groups are
 * consecutive runs of the sizes in `sizes`, shaped `[prefix sizes..., g]`) and zeroes the rest.
 */
function expandGroups(x: ArrayValue, ragged: number, sizes: ArrayValue, prefix: readonly number[]): ArrayValue {
  const groups = sizes.shape[sizes.ndim - 1]!;
  const shape = [groups, ...x.shape];
  const ends = cumsum(sizes, { axis: -1 });
  const starts = sub(ends, sizes);
  // Group axis first, then the prefix axes in operand order (broadcastInDim wants increasing targets).
  const order = prefix.map((axis, i) => [axis, i] as const).sort((p, q) => p[0] - q[0]);
  const perm = [prefix.length, ...order.map(([, i]) => i)];
  const targets = [0, ...order.map(([axis]) => axis + 1)];
  const spread = (v: ArrayValue) => broadcastInDim(transpose(v, perm), shape, targets);
  const position = iota(sizes.dtype, shape, ragged + 1);
  const inside = and(le(spread(starts), position), lt(position, spread(ends)));
  const copies = broadcastInDim(x, shape, x.shape.map((_, i) => i + 1));
  return select(inside, copies, broadcastInDim(convertElementType(0, x.dtype), shape, []));
}

/** The checked ragged dimension numbers, their mode, and the group sizes broadcast to `[prefix sizes..., g]`. */
function raggedArgs(op: string, a: ArrayValue, b: ArrayValue, gs: ArrayValue, numbers: unknown) {
  if (!isPlainRecord(numbers)) {
    fail(op, `raggedDotDimensionNumbers must be a record {dotDimensionNumbers, lhsRaggedDimensions, rhsGroupDimensions}, got ${describeValue(numbers)}`);
  }
  const o = readOptions(op, numbers, { dotDimensionNumbers: dotNumbers, lhsRaggedDimensions: integerList, rhsGroupDimensions: integerList });
  if (o.dotDimensionNumbers === undefined || o.lhsRaggedDimensions === undefined || o.rhsGroupDimensions === undefined) {
    fail(op, `raggedDotDimensionNumbers needs all of dotDimensionNumbers, lhsRaggedDimensions and rhsGroupDimensions, got ${describeValue(numbers)}`);
  }
  const [[lc, rc], [lb, rb]] = o.dotDimensionNumbers as unknown as DotDimensionNumbers;
  if (o.lhsRaggedDimensions.length !== 1) fail(op, `expects exactly one lhs ragged dimension, got ${describeValue(o.lhsRaggedDimensions)}`);
  const ragged = o.lhsRaggedDimensions[0]!;
  if (ragged < 0 || ragged >= a.ndim) fail(op, `the lhs ragged dimension must be an axis of lhs ${describe(a)}, got ${ragged}`);
  const mode: RaggedMode = lc.includes(ragged) ? "contracting" : lb.includes(ragged) ? "batch" : "free";
  if (!isInteger(gs.dtype)) fail(op, `groupSizes must have an integer dtype, got ${describe(gs)}`);
  if (gs.ndim === 0) fail(op, `groupSizes must have rank >= 1, got ${describe(gs)}`);
  const prefix = prefixAxes(mode, a.ndim, ragged, lc, lb);
  const prefixSizes = prefix.map((axis) => a.shape[axis]!);
  const groups = gs.shape[gs.ndim - 1]!;
  if (gs.ndim !== 1 && gs.shape.join() !== [...prefixSizes, groups].join()) {
    fail(op, `expected groupSizes to have shape [${[...prefixSizes, groups].join(",")}], got ${describe(gs)}`);
  }
  const groupAxes = o.rhsGroupDimensions;
  if (mode !== "free" && groupAxes.length !== 0) {
    fail(op, `requires zero rhs group dimensions when the lhs ragged dimension is a ${mode} axis, got ${describeValue(groupAxes)}`);
  }
  if (mode === "free") {
    if (groupAxes.length !== 1) fail(op, `requires exactly one rhs group dimension when the lhs ragged dimension is a free axis, got ${describeValue(groupAxes)}`);
    const g = groupAxes[0]!;
    if (g < 0 || g >= b.ndim) fail(op, `the rhs group dimension must be an axis of rhs ${describe(b)}, got ${g}`);
    if (rc.includes(g) || rb.includes(g)) fail(op, `the rhs group dimension ${g} must differ from the contracting and batch dimensions`);
    if (b.shape[g] !== groups) fail(op, `expected rhs group dimension ${g} of ${describe(b)} to have size ${groups} (the number of groups), got ${b.shape[g]}`);
  }
  const sizes32 = gs.dtype === "int32" ? gs : convertElementType(gs, "int32");
  const sizes = gs.ndim === 1 ? broadcastInDim(sizes32, [...prefixSizes, groups], [prefix.length]) : sizes32;
  return { lc, rc, lb, rb, ragged, mode, prefix, sizes, groupAxes };
}

const plus1 = (axes: readonly number[]): number[] => axes.map((a) => a + 1);

/**
 * A dot_general with one ragged lhs axis (jax.lax.ragged_dot_general). The lhs ragged axis is
 * split into consecutive groups by `groupSizes` (shape `[g]`, or `[prefix sizes..., g]` with
 * JAX's prefix axes); positions past the sizes' total take no part. By the ragged axis's kind:
 * - free: rhs has a group axis (`rhsGroupDimensions`); each group of rows meets its own rhs slice;
 *   the output is dot_general's.
 * - contracting: each group contracts separately; the output has a leading axis of the g groups.
 * - batch: the plain dot_general (as JAX computes it).
 *
 * Gradients flow to lhs and rhs in every mode (JAX 0.10.2 differentiates the free mode only).
 *
 * @example lax.raggedDotGeneral(np.ones([5, 2]), np.ones([2, 2, 3]), np.array([2, 3], { dtype: "int32" }), { dotDimensionNumbers: [[[1], [1]], [[], []]], lhsRaggedDimensions: [0], rhsGroupDimensions: [0] }).shape // [5, 3]
 */
export function raggedDotGeneral(
  lhs: ArrayValue,
  rhs: ArrayValue,
  groupSizes: ArrayValue,
  raggedDotDimensionNumbers: RaggedDotDimensionNumbers,
  options: RaggedDotOptions | null = {},
): ArrayValue {
  const op = "lax.raggedDotGeneral";
  checkArity(op, arguments, 5, "pass preferredElementType as an option");
  return raggedProduct(op, lhs, rhs, groupSizes, raggedDotDimensionNumbers, options);
}

/** raggedDotGeneral, errors naming `op`. */
function raggedProduct(op: string, lhs: unknown, rhs: unknown, groupSizes: unknown, numbers: unknown, options: unknown): ArrayValue {
  const a = arrayArg(op, lhs, "lhs");
  const b = arrayArg(op, rhs, "rhs");
  const gs = arrayArg(op, groupSizes, "groupSizes");
  if (a.dtype !== b.dtype) fail(op, `lhs and rhs must share a dtype (as in lax), got ${describe(a)} and ${describe(b)}`);
  const preferredElementType = readRaggedOptions(op, options);
  const r = raggedArgs(op, a, b, gs, numbers);
  const product = (x: ArrayValue, y: ArrayValue, dims: DotDimensionNumbers): ArrayValue => dotGeneral(x, y, dims, { preferredElementType });
  if (r.mode === "batch") return product(a, b, [[r.lc, r.rc], [r.lb, r.rb]]);
  const lhsGroups = expandGroups(a, r.ragged, r.sizes, r.prefix);
  if (r.mode === "free") {
    return product(lhsGroups, b, [[[...plus1(r.lc), 0], [...r.rc, r.groupAxes[0]!]], [plus1(r.lb), r.rb]]);
  }
  const rhsRagged = r.rc[r.lc.indexOf(r.ragged)]!;
  const rhsPrefix = prefixAxes("contracting", b.ndim, rhsRagged, r.rc, r.rb);
  const rhsGroups = expandGroups(b, rhsRagged, r.sizes, rhsPrefix);
  return product(lhsGroups, rhsGroups, [[plus1(r.lc), plus1(r.rc)], [[0, ...plus1(r.lb)], [0, ...plus1(r.rb)]]]);
}

/**
 * Ragged matrix product (jax.lax.ragged_dot): lhs `[m, k]`, rhs `[g, k, n]`, integer groupSizes
 * `[g]`. Rows of lhs are split into g consecutive groups of those sizes, and group j is multiplied
 * by `rhs[j]`; rows past the sizes' total come out as zeros. Result `[m, n]`.
 *
 * @example lax.raggedDot(np.ones([5, 2]), np.ones([2, 2, 3]), np.array([2, 3], { dtype: "int32" })).shape // [5, 3]
 */
export function raggedDot(lhs: ArrayValue, rhs: ArrayValue, groupSizes: ArrayValue, options: RaggedDotOptions | null = {}): ArrayValue {
  const op = "lax.raggedDot";
  checkArity(op, arguments, 4, "pass preferredElementType as an option");
  return raggedProduct(op, lhs, rhs, groupSizes, { dotDimensionNumbers: [[[1], [1]], [[], []]], lhsRaggedDimensions: [0], rhsGroupDimensions: [0] }, options);
}
