/**
 * The one validator for public arguments. Every op checks what it received here, so the same
 * input gets the same treatment everywhere: option records with unknown keys are rejected with a
 * "did you mean" hint, `null` options mean "no options", shapes are non-negative safe integers
 * within a stated size limit, lists are real lists, functions are functions, and describing a bad
 * value in the message never throws (BigInts, Symbols, cycles and proxies included).
 *
 * This module knows nothing of arrays: checks that need `ArrayValue` live in the np layer
 * (`core/numpy/promote.ts`) and call into these.
 */
import { fail } from "./errors.js";

// ---------------------------------------------------------------------------------------------
// describing untrusted values

const MAX_DESCRIPTION = 80;

/**
 * A short, readable description of any value for an error message. Never throws and never
 * calls user code (no toString, no getters: only own data properties are read; proxies' traps
 * may run for the reflection this needs, and anything they throw is caught): `"abc"`, `3`, `3n`, `null`, `Symbol(k)`, `[1, 2, 3]`, `{axsi: 0}`,
 * `a function`, `a Map`, `an array holding itself`.
 */
export function describeValue(value: unknown): string {
  try {
    const text = describeInner(value, 0, new Set());
    return text.length > MAX_DESCRIPTION ? `${text.slice(0, MAX_DESCRIPTION - 3)}...` : text;
  } catch {
    return "an unreadable value";
  }
}

function describeInner(value: unknown, depth: number, seen: Set<object>): string {
  switch (typeof value) {
    case "string":
      return JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value);
    case "number":
      return Object.is(value, -0) ? "-0" : String(value);
    case "bigint":
      return `${value}n`;
    case "boolean":
    case "undefined":
      return String(value);
    case "symbol":
      return value.description === undefined ? "Symbol()" : `Symbol(${value.description})`;
    case "function":
      return "a function";
  }
  if (value === null) return "null";
  const object = value as object;
  if (seen.has(object)) return Array.isArray(object) ? "[a cycle]" : "{a cycle}";
  if (depth >= 3) return Array.isArray(object) ? "[...]" : "{...}";
  seen.add(object);
  try {
    if (Array.isArray(object)) {
      const shown = Math.min(object.length, 8);
      const items: string[] = [];
      for (let i = 0; i < shown; i++) {
        const descriptor = Object.getOwnPropertyDescriptor(object, i);
        items.push(descriptor === undefined ? "<hole>" : "value" in descriptor ? describeInner(descriptor.value, depth + 1, seen) : "<getter>");
      }
      if (object.length > shown) items.push(`... ${object.length - shown} more`);
      return `[${items.join(", ")}]`;
    }
    const proto: unknown = Object.getPrototypeOf(object);
    if (ArrayBuffer.isView(object)) return `a ${className(proto) || "typed array"}`;
    if (proto !== Object.prototype && proto !== null) {
      const described = describeArrayLike(object);
      if (described !== undefined) return described;
      const name = className(proto);
      return name === "" ? "an object" : `${/^[AEIOU]/.test(name) ? "an" : "a"} ${name}`;
    }
    const keys = Object.keys(object).slice(0, 6);
    const entries = keys.map((k) => {
      const descriptor = Object.getOwnPropertyDescriptor(object, k);
      const shown = descriptor && "value" in descriptor ? describeInner(descriptor.value, depth + 1, seen) : "<getter>";
      return `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k)}: ${shown}`;
    });
    return `{${entries.join(", ")}${Object.keys(object).length > keys.length ? ", ..." : ""}}`;
  } finally {
    seen.delete(object);
  }
}

/**
 * The brand of tessera's arrays and tracers: a data property on `ArrayValue.prototype` (set by
 * core/ndarray.ts), so this module can tell a real array from an object that merely has `shape`
 * and `dtype` fields without knowing about arrays. A registered symbol, so two loaded copies of
 * tessera recognize each other's arrays.
 */
export const arrayBrand: unique symbol = Symbol.for("tessera.ArrayValue");

/** The value of `object`'s own data property `key` (undefined for a missing one or an accessor, whose getter is never run). */
function ownData(object: object, key: PropertyKey): unknown {
  const descriptor = Object.getOwnPropertyDescriptor(object, key);
  return descriptor !== undefined && "value" in descriptor ? descriptor.value : undefined;
}

/** True when `object` or a prototype of it carries the array brand as a data property. */
function isBranded(object: object): boolean {
  for (let o: object | null = object, depth = 0; o !== null && depth < 32; o = Object.getPrototypeOf(o) as object | null, depth++) {
    if (ownData(o, arrayBrand) === true) return true;
  }
  return false;
}

/** The name of a prototype's constructor, read from data properties only ("" when there is none). */
export function className(proto: unknown): string {
  if (typeof proto !== "object" || proto === null) return "";
  const ctor = ownData(proto, "constructor");
  if (typeof ctor !== "function") return "";
  const name = ownData(ctor, "name");
  return typeof name === "string" ? name : "";
}

/**
 * Arrays and tracers describe themselves as `an array float32[2,3]`, read from their own data
 * properties (never through getters, which could run user code); any other object with such
 * fields is said not to be a tessera array, so "must be an array, got ..." never reads as if it
 * received one.
 */
function describeArrayLike(object: object): string | undefined {
  const dtype = ownData(object, "dtype");
  const shape = ownData(object, "shape");
  if (typeof dtype !== "string" || !Array.isArray(shape) || shape.length > 64) return undefined;
  const dims = Array.from({ length: shape.length }, (_, i) => ownData(shape, i));
  if (!dims.every((d) => typeof d === "number")) return undefined;
  return isBranded(object) ? `an array ${dtype.slice(0, 12)}[${dims.join(",")}]` : "an object shaped like an array (not a tessera array)";
}

// ---------------------------------------------------------------------------------------------
// "did you mean"

/** Edit distance (insertions, deletions, substitutions, adjacent swaps), case-insensitive. */
function editDistance(a: string, b: string): number {
  a = a.toLowerCase();
  b = b.toLowerCase();
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

/** Names that users coming from numpy, JAX or other libraries type for tessera's option names. */
const ALIASES: Readonly<Record<string, string>> = {
  dim: "axis",
  axes: "axis",
  keepDims: "keepdims",
  keep_dims: "keepdims",
  in_axes: "inAxes",
  out_axes: "outAxes",
  static_argnums: "staticArgnums",
  argnums: "argnums",
  has_aux: "hasAux",
  min: "minval",
  max: "maxval",
  learning_rate: "learningRate",
  lr: "learningRate",
  decay_rate: "decayRate",
  // optim.inverseTimeDecay and inverseSqrtDecay call it `rate` (JAX's example optimizers and Keras say decay_rate).
  decayRate: "rate",
  reduce: "reduction",
  // fit's options before reporters: `silent` is reporter: models.silentReporter, `onStep` a callbackReporter.
  silent: "reporter",
  onStep: "reporter",
};

/** The closest allowed name to `key`, if any is close enough to be a likely typo. */
export function closestName(key: string, allowed: readonly string[]): string | undefined {
  const alias = ALIASES[key] ?? ALIASES[key.toLowerCase()];
  if (alias !== undefined && allowed.includes(alias)) return alias;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const name of allowed) {
    const distance = editDistance(key, name);
    if (distance < bestDistance) {
      best = name;
      bestDistance = distance;
    }
  }
  const limit = Math.max(1, Math.floor(Math.max(key.length, 3) / 3));
  return bestDistance <= limit ? best : undefined;
}

// ---------------------------------------------------------------------------------------------
// option records

/** A check of one option's value: returns it (possibly normalized) or fails naming `op` and the option. */
export type OptionCheck<T> = (op: string, name: string, value: unknown) => T;

/** The options a spec describes, each possibly absent. */
export type OptionsOf<S> = { [K in keyof S]?: S[K] extends OptionCheck<infer T> ? T : never };

/**
 * Reads an options argument: `undefined` and `null` mean no options; anything but a plain
 * record is an error; every key must be one of `spec`'s (an unknown key fails with a "did you
 * mean" hint and the list of accepted keys); each present value (not `undefined`) is checked by
 * its spec entry. Returns a fresh record holding only the present options.
 */
export function readOptions<S extends Record<string, OptionCheck<unknown>>>(op: string, options: unknown, spec: S): OptionsOf<S> {
  if (options === undefined || options === null) return {};
  checkOptionKeys(op, options, Object.keys(spec));
  const out: Record<string, unknown> = {};
  for (const [name, check] of Object.entries(spec)) {
    const value = (options as Record<string, unknown>)[name];
    if (value !== undefined) out[name] = check(op, name, value);
  }
  return out as OptionsOf<S>;
}

/** Fails unless `options` is a plain record whose own keys are all in `allowed`. */
export function checkOptionKeys(op: string, options: unknown, allowed: readonly string[]): void {
  if (!isPlainRecord(options)) {
    const example = allowed.length > 0 ? ` such as {${allowed[0]}: ...}` : " ({})";
    fail(op, `options must be a plain object${example}, got ${describeValue(options)}`);
  }
  for (const key of Reflect.ownKeys(options)) {
    if (typeof key === "symbol") fail(op, `options may not have symbol keys, got ${describeValue(key)}`);
    if (allowed.includes(key)) continue;
    const hint = closestName(key, allowed);
    const accepted = allowed.length === 0 ? `${op} takes no options` : `${op} takes ${allowed.join(", ")}`;
    fail(op, `unknown option ${JSON.stringify(key)}${hint === undefined ? "" : ` (did you mean ${JSON.stringify(hint)}?)`}; ${accepted}`);
  }
}

/**
 * Fails when one of the `required` options was not given (is undefined after readOptions), so a
 * misspelled or forgotten required option never becomes `undefined` further down.
 */
export function requireOptions<O extends Readonly<Record<string, unknown>>, K extends keyof O & string>(
  op: string,
  read: O,
  required: readonly K[],
): O & { readonly [P in K]-?: Exclude<O[P], undefined> } {
  const missing = required.filter((name) => read[name] === undefined);
  if (missing.length > 0) fail(op, `missing required option${missing.length === 1 ? "" : "s"} ${missing.join(", ")}`);
  return read as O & { readonly [P in K]-?: Exclude<O[P], undefined> };
}

/** True for `{...}` object literals and `Object.create(null)` records (not arrays, class instances or functions). */
export function isPlainRecord(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

// ---------------------------------------------------------------------------------------------
// value checks, usable as option checks

/** Any value (the caller checks it further). */
export const anyValue: OptionCheck<unknown> = (_op, _name, value) => value;

/** A boolean: truthy strings or numbers are not booleans. */
export const bool: OptionCheck<boolean> = (op, name, value) => {
  if (typeof value !== "boolean") fail(op, `${name} must be true or false, got ${describeValue(value)}`);
  return value;
};

/** A number (any, including NaN and infinities; strings are not numbers). */
export const number: OptionCheck<number> = (op, name, value) => {
  if (typeof value !== "number") fail(op, `${name} must be a number, got ${describeValue(value)}`);
  return value;
};

/** A finite number. */
export const finite: OptionCheck<number> = (op, name, value) => {
  if (typeof value !== "number" || !Number.isFinite(value)) fail(op, `${name} must be a finite number, got ${describeValue(value)}`);
  return value;
};

/** A safe integer. */
export const integer: OptionCheck<number> = (op, name, value) => {
  if (!Number.isSafeInteger(value)) fail(op, `${name} must be an integer, got ${describeValue(value)}`);
  return value as number;
};

/** A non-negative safe integer. */
export const count: OptionCheck<number> = (op, name, value) => {
  if (!Number.isSafeInteger(value) || (value as number) < 0) fail(op, `${name} must be a non-negative integer, got ${describeValue(value)}`);
  return value as number;
};

/** An integer in int32 range (JAX's bound for loop counters, axes and indices). */
export const int32: OptionCheck<number> = (op, name, value) => {
  if (!Number.isInteger(value) || (value as number) < -(2 ** 31) || (value as number) > 2 ** 31 - 1) {
    fail(op, `${name} must be an integer in int32 range [-2^31, 2^31 - 1], got ${describeValue(value)}`);
  }
  return value as number;
};

/** A string. */
export const string: OptionCheck<string> = (op, name, value) => {
  if (typeof value !== "string") fail(op, `${name} must be a string, got ${describeValue(value)}`);
  return value;
};

/** A function. */
export const func: OptionCheck<(...args: never[]) => unknown> = (op, name, value) => {
  if (typeof value !== "function") fail(op, `${name} must be a function, got ${describeValue(value)}`);
  return value as (...args: never[]) => unknown;
};

/** One of the listed literals (compared with Object.is). */
export function oneOf<T extends string | number | boolean | null>(choices: readonly T[]): OptionCheck<T> {
  return (op, name, value) => {
    if (!choices.some((c) => Object.is(c, value))) {
      fail(op, `${name} must be one of ${choices.map((c) => describeValue(c)).join(", ")}, got ${describeValue(value)}`);
    }
    return value as T;
  };
}

/** Either check: tries `first`, then `second` (the error names both expectations). */
export function either<A, B>(first: OptionCheck<A>, second: OptionCheck<B>, expected: string): OptionCheck<A | B> {
  return (op, name, value) => {
    try {
      return first(op, name, value);
    } catch {
      try {
        return second(op, name, value);
      } catch {
        return fail(op, `${name} must be ${expected}, got ${describeValue(value)}`);
      }
    }
  };
}

/** A value passing `check` and then `holds` (`expected` says what is wanted, as "a positive number"). */
export function refine<T>(check: OptionCheck<T>, holds: (value: T) => boolean, expected: string): OptionCheck<T> {
  return (op, name, value) => {
    const checked = check(op, name, value);
    if (!holds(checked)) fail(op, `${name} must be ${expected}, got ${describeValue(value)}`);
    return checked;
  };
}

/** `null` or a value passing `check`. */
export function nullable<T>(check: OptionCheck<T>): OptionCheck<T | null> {
  return (op, name, value) => (value === null ? null : check(op, name, value));
}

/**
 * A real JS list (not a string, an array-like or a sparse array) whose entries each pass
 * `check`; returns a fresh copy. `min`/`max` bound its length.
 */
export function listOf<T>(check: OptionCheck<T>, bounds: { min?: number; max?: number } = {}): OptionCheck<T[]> {
  return (op, name, value) => {
    if (!Array.isArray(value)) fail(op, `${name} must be a list, got ${describeValue(value)}`);
    if (bounds.min !== undefined && value.length < bounds.min) fail(op, `${name} must have at least ${bounds.min} entries, got ${describeValue(value)}`);
    if (bounds.max !== undefined && value.length > bounds.max) fail(op, `${name} must have at most ${bounds.max} entries, got ${describeValue(value)}`);
    const out: T[] = [];
    for (let i = 0; i < value.length; i++) {
      if (!(i in value)) fail(op, `${name} has a hole at index ${i}: ${describeValue(value)}`);
      out.push(check(op, `${name}[${i}]`, value[i]));
    }
    return out;
  };
}

/** A list of safe integers. */
export const integerList: OptionCheck<number[]> = listOf(integer);

// ---------------------------------------------------------------------------------------------
// positional arguments and functions

/**
 * Fails when a call received more positional arguments than `op` takes (JS silently drops
 * them, which turned `np.zeros(2, 3)` into shape [2]). `used` is how many the signature has;
 * `hint` says what to write instead.
 */
export function checkArity(op: string, args: ArrayLike<unknown>, used: number, hint = ""): void {
  if (args.length <= used) return;
  const extra = Array.from(args).slice(used).map((a) => describeValue(a)).join(", ");
  fail(op, `takes at most ${used} argument${used === 1 ? "" : "s"}, got ${args.length} (extra: ${extra})${hint === "" ? "" : `; ${hint}`}`);
}

/** Fails unless `f` is a function (transforms check their argument when called, not when it is first used). */
export function checkFunction(op: string, f: unknown, name = "the function argument"): void {
  if (typeof f !== "function") fail(op, `${name} must be a function, got ${describeValue(f)}`);
}

// ---------------------------------------------------------------------------------------------
// shapes and sizes

/**
 * The largest number of elements an array may have. Typed arrays index with 32-bit integers in
 * generated code and kernels, so tessera keeps every array under 2^31 elements (JAX's indices
 * are int32 too).
 */
export const MAX_ELEMENTS = 2 ** 31 - 1;

/**
 * The largest buffer tessera allocates for one array: 2 GiB. Larger requests (an `np.zeros`
 * with a typo in its shape, a huge pad) fail at once with a TesseraError instead of stalling
 * the process for seconds before a RangeError or an out-of-memory crash.
 */
export const MAX_BYTES = 2 ** 31;

/** Bytes per element of each dtype. */
const BYTES: Readonly<Record<string, number>> = { float32: 4, float64: 8, int32: 4, uint32: 4, bool: 1 };

/**
 * Checks a shape: a real list of non-negative safe integers whose element count stays within
 * MAX_ELEMENTS and, given a dtype, whose buffer stays within MAX_BYTES. Returns a fresh frozen
 * copy (so a caller's later mutation of its list cannot reach the array).
 */
export function validShape(op: string, shape: unknown, dtype?: string, name = "shape"): readonly number[] {
  if (!Array.isArray(shape)) fail(op, `${name} must be a list of non-negative integers, got ${describeValue(shape)}`);
  const out: number[] = [];
  let elements = 1;
  for (let i = 0; i < shape.length; i++) {
    const d: unknown = shape[i];
    if (!(i in shape) || typeof d !== "number" || !Number.isSafeInteger(d) || d < 0) {
      fail(op, `${name} must be a list of non-negative integers, got ${describeValue(shape)} (entry ${i} is ${i in shape ? describeValue(d) : "a hole"})`);
    }
    out.push(d);
    elements *= d;
  }
  if (shape.length > 64) fail(op, `${name} has ${shape.length} axes; at most 64 are supported`);
  checkSize(op, out, elements, dtype);
  return Object.freeze(out);
}

/** Fails when an array of `shape` would exceed MAX_ELEMENTS or (given a dtype) MAX_BYTES. */
export function checkSize(op: string, shape: readonly number[], elements: number, dtype?: string): void {
  // Each axis is bounded on its own too: a 0 elsewhere must not make [0, 2^50] acceptable.
  if (elements > MAX_ELEMENTS || shape.some((d) => d > MAX_ELEMENTS)) {
    fail(op, `shape [${shape.join(",")}] is too large; tessera arrays hold at most 2^31 - 1 elements and axes`);
  }
  const bytes = dtype === undefined ? 0 : elements * (BYTES[dtype] ?? 8);
  if (bytes > MAX_BYTES) {
    fail(op, `shape [${shape.join(",")}] of ${dtype} needs ${(bytes / 2 ** 30).toFixed(1)} GiB; tessera allocates at most 2 GiB per array`);
  }
}

// ---------------------------------------------------------------------------------------------
// the public functions' arity

/**
 * `fn` that fails when called with more than `most` positional arguments (JavaScript drops them
 * silently, which turned `np.zeros(2, 3)` into shape [2] and `xs.map(np.sum)` into sums over the
 * index as an axis). Keeps `fn`'s name and type; a rest-parameter function (`most` Infinity) is
 * returned as it is. The public namespaces are built from these (the `*.public.ts` modules).
 */
export function guardArity<F extends (...args: never[]) => unknown>(name: string, fn: F, most: number): F {
  if (most === Infinity) return fn;
  const guarded = function (this: unknown): unknown {
    // `arguments` rather than a rest parameter: no array is built on the common path.
    if (arguments.length > most) checkArity(name, arguments, most);
    return (fn as unknown as (...args: unknown[]) => unknown).apply(this, arguments as unknown as unknown[]);
  };
  Object.defineProperty(guarded, "name", { value: fn.name });
  Object.defineProperty(guarded, "length", { value: fn.length });
  // A function that carries functions (scipy.stats.gaussianKde and its methods) keeps them.
  Object.assign(guarded, fn);
  return guarded as unknown as F;
}
