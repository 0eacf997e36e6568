/**
 * The few pieces of source text every part of the JavaScript renderer writes: checked integers,
 * literals, and the rounding a store into a dtype's buffer applies.
 */
import type { DType } from "../../core/dtype.js";
import { fail } from "../../core/errors.js";
import { renderNumber } from "../../core/rules/elementwise.js";

/** An integer for loop bounds and strides; anything else is an internal error, never text. */
export function integer(n: number): string {
  if (!Number.isSafeInteger(n)) fail("jit", `internal error: a kernel index quantity is not an integer (${String(n)})`);
  return String(n);
}

/** The conversion a store into a `dtype` buffer applies, so intermediates round like separate ops. */
export function storeAs(dtype: DType, expression: string): string {
  switch (dtype) {
    case "float32":
      return `Math.fround(${expression})`;
    case "float64":
      return `(${expression})`;
    case "int32":
      return `((${expression}) | 0)`;
    case "uint32":
      return `((${expression}) >>> 0)`;
    case "bool":
      return `((${expression}) ? 1 : 0)`;
  }
  return fail("jit", `internal error: unknown dtype in a kernel`);
}

/** A scalar literal as source text (non-finite values and -0 included). */
export function renderLiteral(value: number): string {
  if (typeof value !== "number") fail("jit", "internal error: a kernel literal is not a number");
  return `(${renderNumber(value)})`;
}
