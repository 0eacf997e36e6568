/**
 * The dtype an array's static type carries: `ArrayValue<D>` (core/ndarray.ts) knows `D` where
 * the code that made the array fixes it (`np.array([true])` is `ArrayValue<"bool">`, `x.gt(0)`
 * too, `np.zeros([2], { dtype: "int32" })` is `NdArray<"int32">`), and is `DType` where it does
 * not. These types compute a result's dtype from its operands' the way tessera's promotion does
 * at run time; each is a union wherever the run-time answer depends on a value the types cannot
 * see (an integer array plus a JS number is int32 for 1 and float32 for 1.5), so a static dtype is
 * never narrower than the truth. Every type distributes over unions, so an operand of unknown
 * dtype still rules out what it can: `FloatOf<DType>` is `"float32" | "float64"`, and
 * `np.sum(x).item()` is a number for any `x`. (A variable that later takes another op's result
 * may then need its type written out: `let y: ArrayValue = np.sum(x)`.)
 */
import type { DType } from "./dtype.js";

/** The JS value `item()` returns for a dtype: boolean for bool, number for the others. */
export type ItemOf<D extends DType> = D extends "bool" ? boolean : number;

/** The floating dtypes. */
export type FloatDType = "float32" | "float64";

/** A float function's result (exp, mean, true division): floats keep their dtype, the others become float32. */
export type FloatOf<D extends DType> = D extends FloatDType ? D : "float32";

/** An arithmetic result (sum, negation, square): bools count as int32, the others keep their dtype. */
export type ArithmeticOf<D extends DType> = D extends "bool" ? "int32" : D;

/**
 * An array of dtype D combined with a JS number `N` (weakly typed): floats keep their dtype;
 * integers and bools give int32 (bool) or their own dtype for an integer and float32 for a
 * fraction. A literal (`1`, `0.5`) says which; a plain `number` could be either.
 */
export type WithNumber<D extends DType, N = number> = D extends FloatDType ? D : number extends N ? ArithmeticOf<D> | "float32" : IsFraction<N> extends true ? "float32" : ArithmeticOf<D>;

/** True for a number literal written with a fraction (`0.5`, `1e-3`), false for an integer literal (`2`, `-1`). */
export type IsFraction<N> = N extends number ? (`${N}` extends `${string}.${string}` | `${string}e-${string}` ? true : false) : false;

/** An array of dtype D combined with another operand `O` by a sum or product (which keep bool for two bools). */
export type SumWith<D extends DType, O> = O extends boolean ? D : O extends number ? WithNumber<D, O> : SameOr<D, O, D>;

/** An array of dtype D combined with `O` by subtraction or power (no bool results). */
export type DifferenceWith<D extends DType, O> = O extends boolean ? ArithmeticOf<D> : O extends number ? WithNumber<D, O> : SameOr<D, O, ArithmeticOf<D>>;

/** An array of dtype D divided by `O` (true division: always a float). */
export type QuotientWith<D extends DType, O> = O extends boolean | number ? FloatOf<D> : SameOr<D, O, FloatOf<D>>;

/**
 * `Same` when `O` is an array of exactly dtype D (one dtype, known), else any dtype: arrays of
 * different dtypes promote by rules (weak types included) that these types do not repeat.
 */
export type SameOr<D extends DType, O, Same extends DType> = O extends { readonly dtype: DType }
  ? [DType] extends [D]
    ? DType
    : [O["dtype"]] extends [D]
      ? [D] extends [O["dtype"]]
        ? Same
        : DType
      : DType
  : DType;

/**
 * The dtype an options argument asks for, or `Default`: a dtype string, a record with a required
 * `dtype`, or (when `dtype` is optional, so it may be absent) its type joined with `Default`.
 */
export type DtypeFrom<O, Default extends DType> = [O] extends [undefined]
  ? Default
  : O extends DType
  ? O
  : O extends { readonly dtype: DType }
    ? O["dtype"]
    : O extends { readonly dtype?: unknown }
      ? Extract<O["dtype"], DType> | Default
      : Default;

/** The innermost element type of a nested list (unknown past 32 levels, deeper than any array: the type `NestedArray` itself never bottoms out). */
export type NestedLeaf<V, Depth extends readonly unknown[] = []> = Depth["length"] extends 32 ? unknown : V extends readonly (infer E)[] ? NestedLeaf<E, [...Depth, unknown]> : V;

/** The dtype `np.array` gives a nested list: bool for booleans only, float32 for numbers (and for an empty list). */
export type NestedDtype<V> = [NestedLeaf<V>] extends [never] ? "float32" : [NestedLeaf<V>] extends [boolean] ? "bool" : [NestedLeaf<V>] extends [number] ? "float32" : DType;

/** The dtype of a TypedArray's storage (a Uint8Array holds bools). */
export type StorageDtype<T> = T extends Float32Array
  ? "float32"
  : T extends Float64Array
    ? "float64"
    : T extends Int32Array
      ? "int32"
      : T extends Uint32Array
        ? "uint32"
        : T extends Uint8Array
          ? "bool"
          : DType;

/**
 * The result of an np binary function of `X` and `Y` under a rule that is symmetric in its
 * operands' dtypes: a JS number or boolean operand is weakly typed, so the rule is applied from
 * the array's side (`np.divide(2, x)` has x's dtype when x is a float array).
 */
export type FromArraySide<X, Y, Rule extends "sum" | "difference" | "quotient"> = X extends { readonly dtype: DType }
  ? DtypeRule<X["dtype"], Y, Rule>
  : Y extends { readonly dtype: DType }
    ? DtypeRule<Y["dtype"], X, Rule>
    : DtypeRule<OperandDtype<X>, Y, Rule>;
/** One of the symmetric rules, from the side of an operand of dtype D. */
export type DtypeRule<D extends DType, O, Rule> = Rule extends "sum" ? SumWith<D, O> : Rule extends "difference" ? DifferenceWith<D, O> : QuotientWith<D, O>;

/** `np.add(x, y)` and `np.multiply(x, y)` (and matmul, dot). */
export type SumOf<X, Y> = FromArraySide<X, Y, "sum">;
/** `np.subtract(x, y)` and `np.power(x, y)`. */
export type DifferenceOf<X, Y> = FromArraySide<X, Y, "difference">;
/** `np.divide(x, y)`. */
export type QuotientOf<X, Y> = FromArraySide<X, Y, "quotient">;

/** The dtype of an operand: an array's static dtype; a JS boolean is bool, a JS number float32 (weakly typed). */
export type OperandDtype<X> = X extends { readonly dtype: DType } ? X["dtype"] : X extends boolean ? "bool" : X extends number ? "float32" : DType;
