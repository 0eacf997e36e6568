/**
 * Abstract values: what every interpreter knows about an array without its data (shape and
 * dtype). Shape rules (`abstractEval`) map input avals to output avals.
 */
import type { DType } from "./dtype.js";
import { shapesEqual, type Shape } from "./shape.js";

/**
 * The shape and dtype of an array, concrete or traced. `weak` marks a weakly typed scalar: a JS
 * number passed to `jit` (or `makeJaxpr`), which promotes like the JS number it stands for
 * (weak int32 as an integer, weak float64 as a non-integer; see `resultDtype`) instead of by its
 * dtype. Results of operations are never weak.
 */
export interface Aval {
  readonly shape: Shape;
  readonly dtype: DType;
  readonly weak?: boolean;
}

/** Builds an aval (`weak` only for a weakly typed scalar). */
export function aval(shape: Shape, dtype: DType, weak = false): Aval {
  return weak ? { shape: [...shape], dtype, weak } : { shape: [...shape], dtype };
}

/**
 * True for a weakly typed value: an aval, or a tracer standing for a JS number, marked `weak`.
 * Concrete arrays are never weak.
 */
export function isWeak(x: object): boolean {
  return (x as { readonly weak?: unknown }).weak === true;
}

/**
 * True when two avals have the same shape and dtype. Weakness is not compared: it only decides
 * how the np wrappers promote a value while a function is traced, and a program computes the
 * same whether its scalar input was weak or not.
 */
export function avalEqual(a: Aval, b: Aval): boolean {
  return a.dtype === b.dtype && shapesEqual(a.shape, b.shape);
}

/** True when two lists of avals agree entry by entry. */
export function avalsMatch(a: readonly Aval[], b: readonly Aval[]): boolean {
  return a.length === b.length && a.every((x, i) => avalEqual(x, b[i]!));
}
