/**
 * Weak typing and dtype promotion for the np wrappers. A JS number takes its partner array's
 * dtype ("weak", as in JAX): `x.mul(2)` keeps x's dtype, an integer array meeting 2.5 becomes
 * float32, and numbers alone become float32 (booleans alone, bool). A weak scalar tracer (a JS
 * number passed to jit) promotes like the JS number it stands for.
 */
import { isWeak } from "../aval.js";
import { allocate, castScalar, isFloat, promoteTypes, type DType } from "../dtype.js";
import { fail } from "../errors.js";
import { bind1 } from "../interpreter.js";
import { adoptBuffer, ArrayValue, NdArray, type ArrayOrScalar } from "../ndarray.js";
import { describeValue } from "../validate.js";
import { toElement } from "./args.js";

/** A rank-0 array holding `value` as `dtype`. */
export function scalar(value: number | boolean, dtype: DType): NdArray {
  const data = allocate(dtype, 1);
  data[0] = castScalar(Number(value), dtype);
  return adoptBuffer(data, [], dtype);
}

/** A JS scalar meeting arrays of `dtype` in `op`: checked and converted as JAX does for weak types. */
export function weakScalar(op: string, value: number | boolean, dtype: DType): NdArray {
  const data = allocate(dtype, 1);
  data[0] = toElement(op, Number(value), dtype, true);
  return adoptBuffer(data, [], dtype);
}

/** A JS scalar stored into `dtype` by `op` (fractions truncate for integers; out of range is an error). */
export function storedScalar(op: string, value: number | boolean, dtype: DType): NdArray {
  const data = allocate(dtype, 1);
  data[0] = toElement(op, Number(value), dtype);
  return adoptBuffer(data, [], dtype);
}

/** Checks that `x` is a live array (no leaked tracer) or a JS number/boolean, naming `op` otherwise. */
export function checkOperand(op: string, x: unknown, position = 0): ArrayOrScalar {
  if (x instanceof ArrayValue) {
    // Shortcuts that return an operand unchanged bind no primitive, so check liveness here.
    x.assertLive(op);
    return x;
  }
  if (typeof x === "number" || typeof x === "boolean") return x;
  return fail(op, `argument ${position} must be an array, a number or a boolean, got ${describeValue(x)}`);
}

/** The dtype a JS scalar has on its own. */
function scalarDtype(x: number | boolean): DType {
  return typeof x === "boolean" ? "bool" : "float32";
}

/**
 * How a weakly typed operand promotes: as a boolean, an integer, or another number. A JS number
 * is an integer when its value is; a weak scalar tracer (a JS number passed to jit) has no value
 * yet, so its dtype says which it stood for: weak int32 an integer, weak float a non-integer, as
 * JAX's weak int and weak float. Strong arrays give null.
 */
function weakKind(x: ArrayOrScalar): "bool" | "int" | "float" | null {
  if (x instanceof ArrayValue) {
    if (!isWeak(x)) return null;
    return x.dtype === "bool" ? "bool" : isFloat(x.dtype) ? "float" : "int";
  }
  if (typeof x === "boolean") return "bool";
  return Number.isInteger(x) ? "int" : "float";
}

/** The dtype that `operands` promote to under weak typing. */
export function resultDtype(operands: readonly ArrayOrScalar[]): DType {
  let strong: DType | null = null;
  for (const x of operands) {
    if (x instanceof ArrayValue && !isWeak(x)) strong = strong === null ? x.dtype : promoteTypes(strong, x.dtype);
  }
  if (strong === null) {
    if (!operands.some((x) => x instanceof ArrayValue)) {
      return operands.map((x) => scalarDtype(x as number | boolean)).reduce(promoteTypes);
    }
    // Weak values only, one of them a weak scalar tracer: JAX's weak promotion (weak int32 * 2 is int32).
    const kinds = operands.map(weakKind);
    return kinds.includes("float") ? "float32" : kinds.includes("int") ? "int32" : "bool";
  }
  for (const x of operands) {
    const kind = weakKind(x);
    // An integer-valued number is a weak int, any other a weak float; a boolean takes any dtype.
    if (kind === "float" && !isFloat(strong)) strong = "float32";
    else if (kind === "int" && strong === "bool") strong = "int32";
  }
  return strong;
}

/** Converts an array to `dtype` (no-op when it already has it). */
export function cast(x: ArrayValue, dtype: DType): ArrayValue {
  return x.dtype === dtype ? x : bind1("convert", [x], { dtype });
}

/** Turns an array-or-scalar into an array of `dtype` (a scalar is checked as a weak value of `op`). */
export function asDtype(op: string, x: ArrayOrScalar, dtype: DType): ArrayValue {
  return x instanceof ArrayValue ? cast(x, dtype) : weakScalar(op, x, dtype);
}

/** Promotes operands to one dtype (weak typing for JS scalars), returning arrays. */
export function promote(op: string, ...operands: ArrayOrScalar[]): ArrayValue[] {
  operands.forEach((x, i) => checkOperand(op, x, i));
  const dtype = resultDtype(operands);
  return operands.map((x) => asDtype(op, x, dtype));
}

/** Promotes operands, then lifts integers and bools to float32 (for exp, sin, true division, ...). */
export function promoteToFloat(op: string, ...operands: ArrayOrScalar[]): ArrayValue[] {
  const promoted = promote(op, ...operands);
  const dtype = promoted[0]!.dtype;
  return isFloat(dtype) ? promoted : promoted.map((x) => cast(x, "float32"));
}

/** Promotes and checks the dtype is numeric (bool is lifted to int32, as numpy arithmetic on bools does not wrap). */
export function promoteNumeric(op: string, ...operands: ArrayOrScalar[]): ArrayValue[] {
  const promoted = promote(op, ...operands);
  return promoted[0]!.dtype === "bool" ? promoted.map((x) => cast(x, "int32")) : promoted;
}
