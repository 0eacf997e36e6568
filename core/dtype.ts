/**
 * Element types: their names, their storage, and how they combine.
 *
 * `uint32` exists for PRNG keys and raw random bits (as in JAX); the numeric lattice for
 * promotion is bool < uint32 < int32 < float32 < float64.
 */

/** The element types tessera arrays can hold. */
export type DType = "float32" | "float64" | "int32" | "uint32" | "bool";

/** The TypedArray that stores each dtype. */
export interface StorageOf {
  float32: Float32Array;
  float64: Float64Array;
  int32: Int32Array;
  uint32: Uint32Array;
  bool: Uint8Array;
}

/** Any storage buffer. */
export type TypedArray = StorageOf[DType];

/** Every dtype, in promotion order (lowest first). */
export const dtypes: readonly DType[] = ["bool", "uint32", "int32", "float32", "float64"];

/** The default dtype for floating-point values and for JS numbers with no other context. */
export const defaultFloat: DType = "float32";

/** True for a string naming a dtype (safe to call on untrusted input). */
export function isDType(name: unknown): name is DType {
  return typeof name === "string" && (dtypes as readonly string[]).includes(name);
}

/** True for float32 and float64. */
export function isFloat(dtype: DType): boolean {
  return dtype === "float32" || dtype === "float64";
}

/** True for int32 and uint32. */
export function isInteger(dtype: DType): boolean {
  return dtype === "int32" || dtype === "uint32";
}

/** Allocates a zero-filled buffer of `size` elements of `dtype`. */
export function allocate<D extends DType>(dtype: D, size: number): StorageOf[D] {
  switch (dtype) {
    case "float32":
      return new Float32Array(size) as StorageOf[D];
    case "float64":
      return new Float64Array(size) as StorageOf[D];
    case "int32":
      return new Int32Array(size) as StorageOf[D];
    case "uint32":
      return new Uint32Array(size) as StorageOf[D];
    case "bool":
      return new Uint8Array(size) as StorageOf[D];
  }
  throw new Error(`tessera: unknown dtype ${String(dtype)}`);
}

/** The dtype stored by a TypedArray (Uint8Array means bool). */
export function dtypeOfStorage(data: TypedArray): DType {
  if (data instanceof Float32Array) return "float32";
  if (data instanceof Float64Array) return "float64";
  if (data instanceof Int32Array) return "int32";
  if (data instanceof Uint32Array) return "uint32";
  return "bool";
}

/** The smallest dtype both arguments promote to (JAX's lattice without 64-bit integers). */
export function promoteTypes(a: DType, b: DType): DType {
  if (a === b) return a;
  // uint32 with int32 has no 32-bit common type; like JAX with x64 disabled, it becomes int32.
  return dtypes.indexOf(a) > dtypes.indexOf(b) ? a : b;
}

/** The short name used in printed jaxprs and error messages (f32, f64, i32, u32, bool). */
export function shortName(dtype: DType): string {
  return { float32: "f32", float64: "f64", int32: "i32", uint32: "u32", bool: "bool" }[dtype];
}

/**
 * The value a float `value` becomes in `dtype`: float32 rounding; integers truncate toward zero
 * and saturate at the type's range, NaN becoming 0 (XLA's CPU convert); bool is "nonzero".
 */
export function castScalar(value: number, dtype: DType): number {
  switch (dtype) {
    case "float32":
      return Math.fround(value);
    case "float64":
      return value;
    case "int32":
      return Number.isNaN(value) ? 0 : Math.min(2147483647, Math.max(-2147483648, Math.trunc(value)));
    case "uint32":
      return Number.isNaN(value) ? 0 : Math.min(4294967295, Math.max(0, Math.trunc(value)));
    case "bool":
      return value !== 0 ? 1 : 0; // NaN is nonzero, so true (as numpy and JAX)
  }
}
