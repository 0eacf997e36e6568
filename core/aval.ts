/**
 * Abstract values: what every interpreter knows about an array without its data (shape and
 * dtype). Shape rules (`abstractEval`) map input avals to output avals.
 */
import type { DType } from "./dtype.js";
import { shapesEqual, type Shape } from "./shape.js";

/** The shape and dtype of an array, concrete or traced. */
export interface Aval {
  readonly shape: Shape;
  readonly dtype: DType;
}

/** Builds an aval. */
export function aval(shape: Shape, dtype: DType): Aval {
  return { shape: [...shape], dtype };
}

/** True when two avals have the same shape and dtype. */
export function avalEqual(a: Aval, b: Aval): boolean {
  return a.dtype === b.dtype && shapesEqual(a.shape, b.shape);
}

/** True when two lists of avals agree entry by entry. */
export function avalsMatch(a: readonly Aval[], b: readonly Aval[]): boolean {
  return a.length === b.length && a.every((x, i) => avalEqual(x, b[i]!));
}
