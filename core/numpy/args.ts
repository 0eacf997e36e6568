/**
 * Argument checks of the np layer that know about arrays: dtypes, JS numbers as elements of a
 * dtype, axis specs, JAX's positional forms of options (`np.sum(x, 0)` for `{axis: 0}`), and list
 * arguments given as concrete arrays (`np.transpose(x, np.array([1, 0]))`). Everything else comes
 * from core/validate.ts.
 */
import { castScalar, dtypes, isDType, type DType } from "../dtype.js";
import { fail } from "../errors.js";
import { ArrayValue, NdArray } from "../ndarray.js";
import { bool, describeValue, integerList, isPlainRecord, number, readOptions, type OptionCheck } from "../validate.js";

/** A dtype name. */
export const dtypeOption: OptionCheck<DType> = (op, name, value) => {
  if (!isDType(value)) fail(op, `${name} must be one of ${dtypes.join(", ")}, got ${describeValue(value)}`);
  return value;
};

/**
 * A JS number as an element of `dtype`, the way JAX reads Python scalars: floats round, bool is
 * "nonzero", and integers must be finite and in range (fractions truncate toward zero). A weakly
 * typed scalar (one meeting an array in arithmetic) must be integer-valued, and for uint32 may
 * be negative down to -2^31, wrapping as JAX does (`uint32 + -1` subtracts one).
 */
export function toElement(op: string, value: number, dtype: DType, weak = false): number {
  if (dtype !== "int32" && dtype !== "uint32") return castScalar(value, dtype);
  if (weak ? !Number.isInteger(value) : !Number.isFinite(value)) {
    fail(op, `${value} cannot be ${weak ? "a weakly typed" : "an"} ${dtype} value; expected ${weak ? "an integer" : "a finite number"}`);
  }
  const t = Math.trunc(value);
  const [low, high] = dtype === "int32" ? [-(2 ** 31), 2 ** 31] : [weak ? -(2 ** 31) : 0, 2 ** 32];
  if (t < low || t >= high) fail(op, `${value} is out of range for ${dtype}; expected an integer in [${low}, ${high - 1}]`);
  return dtype === "int32" ? t : t >>> 0;
}

/** One axis (an integer) or null (meaning "flatten" or "all", per op). */
export const singleAxisOption: OptionCheck<number | null> = (op, name, value) => {
  if (value === null) return null;
  if (!Number.isSafeInteger(value)) fail(op, `${name} must be an integer or null, got ${describeValue(value)}`);
  return value as number;
};

/** An axis spec: an integer, a list of integers, or null (every axis). */
export const axisOption: OptionCheck<number | number[] | null> = (op, name, value) => {
  if (value === null) return null;
  if (Number.isSafeInteger(value)) return value as number;
  if (!Array.isArray(value)) fail(op, `${name} must be an integer, a list of integers or null, got ${describeValue(value)}`);
  return integerList(op, name, value);
};

/** An integer or a list of integers (no null), given as JS values or a concrete array. */
export const axesOption: OptionCheck<number | number[]> = (op, name, value) => {
  const v = concrete(op, name, value);
  if (Number.isSafeInteger(v)) return v as number;
  if (!Array.isArray(v)) fail(op, `${name} must be an integer or a list of integers, got ${describeValue(value)}`);
  return integerList(op, name, v);
};

/** A list of integers given as a JS list or a concrete integer-valued array. */
export const intListOption: OptionCheck<number[]> = (op, name, value) => {
  const v = concrete(op, name, value);
  if (!Array.isArray(v)) fail(op, `${name} must be a list of integers, got ${describeValue(value)}`);
  return integerList(op, name, v);
};

/**
 * JAX's positional form of an option: when `value` is not an options record but `isPositional`
 * accepts it, it stands for `{[name]: value}` (`np.sum(x, 0)` is `np.sum(x, {axis: 0})`).
 * Anything else is returned as is, for readOptions to accept or reject.
 */
export function positional(value: unknown, name: string, isPositional: (v: unknown) => boolean): unknown {
  if (value === undefined || value === null || isPlainRecord(value)) return value;
  return isPositional(value) ? { [name]: value } : value;
}

/** Numbers and lists: the positional form of an axis. */
export const isAxisLike = (v: unknown): boolean => typeof v === "number" || Array.isArray(v);

/**
 * A list argument that may arrive as an array (JAX accepts arrays for axes, shapes, reps):
 * a concrete NdArray becomes nested JS numbers; a traced array cannot be read while tracing, so
 * it is an error naming the op; any other value is returned unchanged for the caller's checks.
 */
export function concrete(op: string, name: string, value: unknown): unknown {
  if (!(value instanceof ArrayValue)) return value;
  if (!(value instanceof NdArray)) {
    fail(op, `${name} must be known before tracing (a JS number, a list or a concrete array), got a traced array ${value.dtype}[${value.shape.join(",")}]; ` +
      "pass it as a JS list, or mark it static (jit's staticArgnums)");
  }
  if (value.dtype === "bool") fail(op, `${name} must hold integers, got a bool array [${value.shape.join(",")}]`);
  return value.toArray();
}

/** Reads isclose/allclose options (a number alone is JAX's positional rtol). */
export function readCloseOptions(op: string, options: unknown): { rtol?: number; atol?: number; equalNan?: boolean } {
  return readOptions(op, positional(options, "rtol", (v) => typeof v === "number"), { rtol: number, atol: number, equalNan: bool });
}
