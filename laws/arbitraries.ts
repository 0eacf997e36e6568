/**
 * fast-check arbitraries for laws: shapes, dtypes, arrays (finite small values by default; NaN,
 * infinities and integer extremes on request), broadcast-compatible groups, permutations, reshape
 * targets and pytrees. Arrays are built directly from generated values (not through `np`), so an
 * arbitrary never depends on the ops a law is testing.
 *
 * @example
 * import { arbitraries as arb } from "tessera/laws"; // laws/index.ts
 * fc.assert(fc.property(arb.broadcastArrays(2), ([a, b]) => np.add(a!, b!).ndim >= a!.ndim));
 */
import fc from "fast-check";
import { allocate, castScalar, dtypes, type DType } from "../core/dtype.js";
import { adoptBuffer, NdArray } from "../core/ndarray.js";
import { sizeOf, type Shape } from "../core/shape.js";
import type { Leaf } from "../core/tree.js";

// -------------------------------------------------------------------------------------
// shapes
// -------------------------------------------------------------------------------------

/** Options for generated shapes. */
export interface ShapeOptions {
  /** Fewest axes (default 0). */
  readonly minRank?: number;
  /** Most axes (default 4). */
  readonly maxRank?: number;
  /** Largest size of one axis (default 4). */
  readonly maxDim?: number;
  /** Allow axes of size 0, now and then (default false). */
  readonly allowZeroSize?: boolean;
}

/** The size of one axis: mostly 1..maxDim, occasionally 0 when allowed. */
function dimension(options: ShapeOptions): fc.Arbitrary<number> {
  const positive = fc.integer({ min: 1, max: Math.max(1, options.maxDim ?? 4) });
  return options.allowZeroSize ? fc.oneof({ arbitrary: positive, weight: 8 }, { arbitrary: fc.constant(0), weight: 1 }) : positive;
}

/**
 * Shapes of rank `minRank..maxRank` with small axes.
 *
 * @example
 * fc.sample(arb.shape({ maxRank: 2 }), 3); // e.g. [[], [3, 1], [2]]
 */
export function shape(options: ShapeOptions = {}): fc.Arbitrary<number[]> {
  return fc.array(dimension(options), { minLength: options.minRank ?? 0, maxLength: options.maxRank ?? 4 });
}

/**
 * Groups of `count` shapes that broadcast together: each is a suffix of a common shape with some
 * axes set to 1.
 *
 * @example
 * fc.sample(arb.broadcastableShapes(2), 1); // e.g. [[[2, 1, 3], [4, 3]]]
 */
export function broadcastableShapes(count: number, options: ShapeOptions = {}): fc.Arbitrary<number[][]> {
  return shape(options).chain((full) => {
    const operand = fc
      .tuple(fc.integer({ min: 0, max: full.length }), fc.array(fc.boolean(), { minLength: full.length, maxLength: full.length }))
      .map(([rank, ones]) => full.slice(full.length - rank).map((d, i) => (ones[full.length - rank + i] ? 1 : d)));
    return fc.tuple(...Array.from({ length: count }, () => operand));
  });
}

/**
 * Permutations of `0..rank-1`.
 *
 * @example
 * fc.sample(arb.permutation(3), 1); // e.g. [[2, 0, 1]]
 */
export function permutation(rank: number): fc.Arbitrary<number[]> {
  const axes = Array.from({ length: rank }, (_, i) => i);
  return fc.shuffledSubarray(axes, { minLength: rank, maxLength: rank });
}

/**
 * Shapes with the same number of elements as `from` (its factors regrouped over 0..4 axes, with
 * extra 1s), so `reshape(x, target)` is valid for an `x` of shape `from`.
 *
 * @example
 * fc.sample(arb.reshapeTarget([4, 3]), 2); // e.g. [[12], [2, 1, 6]]
 */
export function reshapeTarget(from: Shape): fc.Arbitrary<number[]> {
  const size = sizeOf(from);
  if (size === 0) {
    // Any shape with a zero axis holds no elements.
    return fc
      .tuple(fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 3 }), fc.nat())
      .map(([others, at]) => {
        const out = [...others];
        out.splice(at % (others.length + 1), 0, 0);
        return out;
      });
  }
  const factors = primeFactors(size);
  return fc
    .tuple(
      fc.integer({ min: factors.length === 0 ? 0 : 1, max: 4 }),
      fc.array(fc.nat(), { minLength: factors.length, maxLength: factors.length }),
    )
    .map(([rank, slots]) => {
      const out = new Array<number>(rank).fill(1);
      factors.forEach((f, i) => (out[slots[i]! % rank] *= f));
      return out;
    });
}

function primeFactors(n: number): number[] {
  const out: number[] = [];
  for (let p = 2; p * p <= n; p++) {
    while (n % p === 0) {
      out.push(p);
      n /= p;
    }
  }
  if (n > 1) out.push(n);
  return out;
}

// -------------------------------------------------------------------------------------
// dtypes and arrays
// -------------------------------------------------------------------------------------

/**
 * Dtypes, from `among` (default: all of them).
 *
 * @example
 * arb.dtype(["float32", "float64"]);
 */
export function dtype(among: readonly DType[] = dtypes): fc.Arbitrary<DType> {
  return fc.constantFrom(...among);
}

/** Options for generated values. */
export interface ValueOptions {
  /** Smallest value (default -100, or the dtype's minimum with `extremes`; clamped to the dtype's range). */
  readonly min?: number;
  /** Largest value (default 100, or the dtype's maximum with `extremes`; clamped to the dtype's range). */
  readonly max?: number;
  /** Float dtypes also give NaN, Infinity and -Infinity now and then (default false: finite values only). */
  readonly nonFinite?: boolean;
  /**
   * int32 and uint32 range over their whole dtype unless `min`/`max` say otherwise, and give the
   * range's boundaries (e.g. -2^31, -2^31 + 1, 2^31 - 2, 2^31 - 1) often, where wrapping and
   * overflow bugs live (default false: small integers in [-100, 100]).
   */
  readonly extremes?: boolean;
}

const integerRange = { int32: [-2147483648, 2147483647], uint32: [0, 4294967295] } as const;

/** Integers in [lo, hi] (fc.integer covers only the int32 range; larger ones come from bigints). */
function integerIn(lo: number, hi: number): fc.Arbitrary<number> {
  return hi <= 2147483647 && lo >= -2147483648 ? fc.integer({ min: lo, max: hi }) : fc.bigInt({ min: BigInt(lo), max: BigInt(hi) }).map(Number);
}

/**
 * Values of `dtype` in `[min, max]` as stored in its buffer (bools as 0/1): finite unless
 * `nonFinite`, small integers unless `extremes`.
 *
 * @example
 * fc.sample(arb.value("int32", { extremes: true }), 5); // e.g. [-2147483648, 7, 2147483647, -913245, 0]
 */
export function value(dtype: DType, options: ValueOptions = {}): fc.Arbitrary<number> {
  switch (dtype) {
    case "float32":
    case "float64": {
      const min = options.min ?? -100;
      const max = options.max ?? 100;
      // Rounding to float32 can step just outside [min, max]; clamp back inside.
      const finite = fc
        .double({ min, max, noNaN: true, noDefaultInfinity: true })
        .map((v) => Math.min(Math.max(castScalar(v, dtype), min), max));
      if (!options.nonFinite) return finite;
      return fc.oneof({ arbitrary: finite, weight: 4 }, { arbitrary: fc.constantFrom(NaN, Infinity, -Infinity), weight: 1 });
    }
    case "int32":
    case "uint32": {
      const [lowest, highest] = integerRange[dtype];
      const lo = Math.max(lowest, Math.ceil(options.min ?? (options.extremes ? lowest : -100)));
      const hi = Math.min(highest, Math.floor(options.max ?? (options.extremes ? highest : 100)));
      const any = integerIn(lo, hi);
      if (!options.extremes || lo > hi) return any;
      const boundaries = [...new Set([lo, lo + 1, hi - 1, hi, 0, -1, 1].filter((v) => v >= lo && v <= hi))];
      return fc.oneof({ arbitrary: any, weight: 2 }, { arbitrary: fc.constantFrom(...boundaries), weight: 1 });
    }
    case "bool":
      return fc.boolean().map(Number);
  }
}

/**
 * Arrays of a given shape and dtype, with values as `value` generates them (finite unless asked).
 *
 * @example
 * arb.arrayOf([2, 3], "float32", { min: 0.1, max: 10 }); // positive arrays, e.g. for log
 * arb.arrayOf([4], "float64", { nonFinite: true }); // NaN and infinities among the values
 */
export function arrayOf(of: Shape, dt: DType, options: ValueOptions = {}): fc.Arbitrary<NdArray> {
  const size = sizeOf(of);
  return fc.array(value(dt, options), { minLength: size, maxLength: size }).map((values) => {
    const data = allocate(dt, size);
    data.set(values);
    return adoptBuffer(data, of, dt);
  });
}

/** Options for generated arrays: their shape, dtype and values. */
export interface ArrayOptions extends ShapeOptions, ValueOptions {
  /** The dtypes to draw from (default: all). */
  readonly dtypes?: readonly DType[];
}

/**
 * Arrays of any small shape and any of the allowed dtypes.
 *
 * @example
 * arb.array({ dtypes: ["float32"], maxRank: 2 });
 */
export function array(options: ArrayOptions = {}): fc.Arbitrary<NdArray> {
  return fc.tuple(shape(options), dtype(options.dtypes)).chain(([s, dt]) => arrayOf(s, dt, options));
}

/**
 * Groups of `count` arrays of one dtype whose shapes broadcast together.
 *
 * @example
 * fc.property(arb.broadcastArrays(2, { dtypes: ["float32"] }), ([a, b]) => np.add(a!, b!).dtype === "float32");
 */
export function broadcastArrays(count: number, options: ArrayOptions = {}): fc.Arbitrary<NdArray[]> {
  return fc
    .tuple(broadcastableShapes(count, options), dtype(options.dtypes))
    .chain(([shapes, dt]) => fc.tuple(...shapes.map((s) => arrayOf(s, dt, options))));
}

/**
 * An array with a permutation of its axes.
 *
 * @example
 * fc.property(arb.arrayWithPermutation(), ([x, perm]) => np.transpose(x, perm).size === x.size);
 */
export function arrayWithPermutation(options: ArrayOptions = {}): fc.Arbitrary<[NdArray, number[]]> {
  return array(options).chain((x) => fc.tuple(fc.constant(x), permutation(x.ndim)));
}

/**
 * An array with a shape it can be reshaped to.
 *
 * @example
 * fc.property(arb.arrayWithReshapeTarget(), ([x, target]) => np.reshape(x, target).size === x.size);
 */
export function arrayWithReshapeTarget(options: ArrayOptions = {}): fc.Arbitrary<[NdArray, number[]]> {
  return array(options).chain((x) => fc.tuple(fc.constant(x), reshapeTarget(x.shape)));
}

// -------------------------------------------------------------------------------------
// pytrees
// -------------------------------------------------------------------------------------

/** Object keys for generated trees: ordinary names, names that collide with Object.prototype, code-like strings, any string. */
export const treeKey: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom("w", "b", "params", "layers", "scale", "__proto__", "constructor", "toString", "", "});globalThis.pwned=1;//"),
  fc.string({ maxLength: 6 }),
);

/** Options for generated pytrees. */
export interface TreeOptions {
  /** The leaves (default: small arrays, numbers incl. NaN and -0, booleans). */
  readonly leaf?: fc.Arbitrary<Leaf>;
  /** Most children of one list or object node (default 3). */
  readonly maxChildren?: number;
  /** Deepest nesting (default 3). */
  readonly maxDepth?: number;
}

/**
 * Pytrees: nested plain objects (with awkward keys), lists, null and undefined, over `leaf`.
 *
 * @example
 * fc.property(arb.pytree(), (t) => tree.leaves(t).length === tree.structure(t).numLeaves);
 */
export function pytree(options: TreeOptions = {}): fc.Arbitrary<unknown> {
  const leaf = options.leaf ?? fc.oneof(array({ maxRank: 2, maxDim: 3 }), fc.double(), fc.boolean());
  const maxChildren = options.maxChildren ?? 3;
  const maxDepth = options.maxDepth ?? 3;
  const { node } = fc.letrec<{ node: unknown; list: unknown[]; record: Record<string, unknown> }>((tie) => ({
    node: fc.oneof(
      { maxDepth, depthIdentifier: "pytree" },
      leaf,
      fc.constantFrom(null, undefined),
      tie("list"),
      tie("record"),
    ),
    list: fc.array(tie("node"), { maxLength: maxChildren, depthIdentifier: "pytree" }),
    record: fc
      .uniqueArray(fc.tuple(treeKey, tie("node")), { selector: ([key]) => key, maxLength: maxChildren, depthIdentifier: "pytree" })
      .map((entries) => Object.fromEntries(entries)),
  }));
  return node;
}

/**
 * Pytrees whose leaves are all arrays (of the given kind), like params records.
 *
 * @example
 * fc.property(arb.pytreeOfArrays({ dtypes: ["float32"] }), (params) => tree.leaves(params).every((p) => p instanceof ArrayValue));
 */
export function pytreeOfArrays(options: ArrayOptions & Omit<TreeOptions, "leaf"> = {}): fc.Arbitrary<unknown> {
  return pytree({ ...options, leaf: array({ maxRank: 2, maxDim: 3, ...options }) });
}
