/**
 * Abstract values: what every interpreter knows about an array without its data (shape and
 * dtype). Shape rules (`abstractEval`) map input avals to output avals.
 */
import type { DType } from "./dtype.js";
import type { Shape } from "./shape.js";

/** The shape and dtype of an array, concrete or traced. */
export interface Aval {
  readonly shape: Shape;
  readonly dtype: DType;
}

/** Builds an aval. */
export function aval(shape: Shape, dtype: DType): Aval {
  return { shape: [...shape], dtype };
}
