/**
 * Argument checks shared by the lax wrappers: operands (arrays, or JS numbers/booleans that
 * take their partner's dtype), arrays and start indices. Dtype names and integer lists use np's
 * dtypeOption and validate.ts's integerList, so lax rejects exactly what np rejects, with the
 * same messages.
 */
import type { DType } from "../dtype.js";
import { fail } from "../errors.js";
import { ArrayValue, type ArrayOrScalar } from "../ndarray.js";
import { checkOperand, weakScalar } from "../numpy/promote.js";
import { describeValue } from "../validate.js";

/**
 * Checks operands (arrays, numbers or booleans; strings, null, objects and bigints fail) and
 * makes arrays of them: JS scalars become weakly typed arrays of the first array operand's
 * dtype (float32 for numbers and bool for booleans when there is no array).
 */
export function laxOperands(op: string, xs: readonly unknown[]): ArrayValue[] {
  let first: ArrayValue | undefined;
  for (let i = 0; i < xs.length; i++) {
    const x = checkOperand(op, xs[i], i);
    if (first === undefined && x instanceof ArrayValue) first = x;
  }
  return xs.map((x) => {
    if (x instanceof ArrayValue) return x;
    const dtype: DType = first?.dtype ?? (typeof x === "boolean" ? "bool" : "float32");
    return weakScalar(op, x as number | boolean, dtype);
  });
}

/** One operand as an array (see laxOperands). */
export function laxOperand(op: string, x: unknown, position = 0): ArrayValue {
  if (x instanceof ArrayValue) return x;
  checkOperand(op, x, position);
  return weakScalar(op, x as number | boolean, typeof x === "boolean" ? "bool" : "float32");
}

/** An argument that must be an array (no JS scalars: lists of arrays, index arrays, keys). */
export function arrayArg(op: string, x: unknown, name: string): ArrayValue {
  if (x instanceof ArrayValue) return x;
  return fail(op, `${name} must be an array, got ${describeValue(x)}${Array.isArray(x) ? " (wrap a JS list with np.array)" : ""}`);
}

/** An integer or a scalar array used as a start index: numbers must be integers. */
export function indexOperand(op: string, x: unknown, name: string): ArrayOrScalar {
  if (x instanceof ArrayValue) return x;
  if (typeof x === "number" && Number.isSafeInteger(x)) return x;
  return fail(op, `${name} must be an integer or an integer scalar array, got ${describeValue(x)}`);
}
