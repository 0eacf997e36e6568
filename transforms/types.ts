/**
 * Types of the public transforms: they keep a user's argument and result structures, with
 * every leaf of a derivative an ArrayValue.
 */
import type { ArrayValue } from "../core/ndarray.js";
import type { MapLeaves } from "../core/tree.js";

/** Any function (transforms accept any arity and pytree arguments). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyFunction = (...args: any[]) => unknown;

/** The tangent (or cotangent) type of a value: its structure with an ArrayValue at every leaf. */
export type TangentOf<T> = MapLeaves<T, ArrayValue>;

/** Tangents for a whole argument list. */
export type TangentsOf<Args extends readonly unknown[]> = { [K in keyof Args]: TangentOf<Args[K]> };

/** The gradient type for `argnums` A over arguments Args: one tangent, or a list for a list of argnums. */
export type GradsOf<Args extends readonly unknown[], A> = A extends number
  ? TangentOf<Args[A]>
  : A extends readonly number[]
    ? { [K in keyof A]: TangentOf<Args[A[K] & number]> }
    : TangentOf<Args[0]>;

/** The aux part of a function returning `[output, aux]`. */
export type AuxOf<F extends AnyFunction> = ReturnType<F> extends readonly [unknown, infer A] ? A : unknown;

/** The output part of a function returning `[output, aux]`. */
export type OutputOf<F extends AnyFunction> = ReturnType<F> extends readonly [infer O, unknown] ? O : unknown;
