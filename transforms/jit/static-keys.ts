/**
 * Cache keys for jit's static arguments. A static argument's value is baked into the compiled
 * program, so two values may share a program only if the function cannot tell them apart. As in
 * JAX, static arguments must be hashable, by this rule:
 *
 * - primitives by value, compared as `Object.is` does: `NaN` is one value, `0` and `-0` differ,
 *   `1` and `1n` and `"1"` differ; symbols by identity;
 * - plain records and arrays structurally, only when frozen at every level (`Object.freeze`), so
 *   nothing can change them after the key is taken: own keys in their order (so `{a: undefined}`
 *   differs from `{}`), holes distinct from `undefined`, no getters;
 * - functions and class instances by identity (held weakly: the cache never keeps them alive);
 *   like JAX's default `__hash__`, mutating such an object later is not seen;
 * - anything else is an error naming the argument: unfrozen plain records and arrays (freeze
 *   them or pass primitives), Maps, Sets, Dates, typed arrays and buffers (mutable containers,
 *   like Python's unhashable dict, set and list), tessera arrays (pass them as dynamic
 *   arguments), and cyclic structures.
 *
 * Keys are an unambiguous text encoding (every variable-length part is length-prefixed or
 * delimited by a character it cannot contain), never `JSON.stringify`.
 */
import { fail } from "../../core/errors.js";
import { ArrayValue } from "../../core/ndarray.js";
import { describeValue, isPlainRecord } from "../../core/validate.js";

/** Per-object identity numbers, held weakly; the counter never repeats, so a collected object's number is never reused. */
const objectIds = new WeakMap<object, number>();
/** Symbols, held weakly where the engine allows (ES2023); registered symbols (`Symbol.for`) live forever anyway. */
const weakSymbolIds = new WeakMap<object, number>();
const strongSymbolIds = new Map<symbol, number>();
const symbolsAreWeakKeys = (() => {
  try {
    new WeakMap<object, number>().set(Symbol() as unknown as object, 0);
    return true;
  } catch {
    return false;
  }
})();
let nextId = 0;

function identity(value: object | symbol): string {
  const ids: { get(k: unknown): number | undefined; set(k: unknown, id: number): unknown } =
    typeof value !== "symbol" ? (objectIds as never) : symbolsAreWeakKeys && Symbol.keyFor(value) === undefined ? (weakSymbolIds as never) : (strongSymbolIds as never);
  let id = ids.get(value);
  if (id === undefined) {
    id = nextId++;
    ids.set(value, id);
  }
  return `#${id};`;
}

const RULE = "static arguments must be hashable: primitives, plain records and arrays frozen at every level (Object.freeze), functions or class instances (by identity)";

/** Mutable built-in containers, named for the message, with what to pass instead. */
function mutableContainer(value: object): string | undefined {
  if (value instanceof Map || value instanceof WeakMap) return "a Map, which is mutable; pass a frozen plain record (Object.freeze(Object.fromEntries(map))) or close over it";
  if (value instanceof Set || value instanceof WeakSet) return "a Set, which is mutable; pass a frozen sorted array (Object.freeze([...set].sort())) or close over it";
  if (value instanceof Date) return "a Date, which is mutable; pass date.getTime() instead";
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return "a typed array or buffer, which is mutable; pass a frozen plain array of numbers, or pass the data as a dynamic array argument";
  return undefined;
}

/**
 * The cache key of static argument `index`'s value, by the rule above; fails (naming `op`, the
 * argument and the path inside it) for a value that is not hashable.
 */
export function staticKey(op: string, value: unknown, index: number): string {
  const onStack = new Set<object>();
  const where = (path: string) => `static argument ${index}${path === "" ? "" : ` (at ${path})`}`;

  const encode = (v: unknown, path: string): string => {
    switch (typeof v) {
      case "number":
        return `n${Object.is(v, -0) ? "-0" : String(v)};`;
      case "string":
        return `s${v.length}:${v}`;
      case "boolean":
        return v ? "T" : "F";
      case "undefined":
        return "U";
      case "bigint":
        return `b${v};`;
      case "symbol":
        return identity(v);
      case "function":
        return identity(v);
    }
    if (v === null) return "N";
    const object = v as object;
    if (object instanceof ArrayValue) {
      return fail(op, `${where(path)} is ${describeValue(object)}; arrays are dynamic, not static: leave this argument out of staticArgnums (or pass a number)`);
    }
    const container = mutableContainer(object);
    if (container !== undefined) return fail(op, `${where(path)} is ${container}; ${RULE}`);
    const plainArray = Array.isArray(object);
    if (!plainArray && !isPlainRecord(object)) return identity(object);
    if (!Object.isFrozen(object)) {
      return fail(
        op,
        `${where(path)} is a plain ${plainArray ? "array" : "record"} that is not frozen (${describeValue(object)}); its value keys the compiled program, so it must not change after the call: pass Object.freeze(...) of it (every nested array and record frozen too) or primitives; ${RULE}`,
      );
    }
    if (onStack.has(object)) return fail(op, `${where(path)} holds itself (a cycle); ${RULE}`);
    onStack.add(object);
    try {
      return plainArray ? encodeArray(object as readonly unknown[], path) : encodeRecord(object, path);
    } finally {
      onStack.delete(object);
    }
  };

  const encodeArray = (list: readonly unknown[], path: string): string => {
    let present = 0;
    let text = "[";
    for (let i = 0; i < list.length; i++) {
      if (!(i in list)) {
        text += "_";
        continue;
      }
      present++;
      text += encode(dataValue(list, String(i), `${path}[${i}]`), `${path}[${i}]`);
    }
    // Extra named properties on an array are invisible to the encoding above, so refuse them.
    if (Reflect.ownKeys(list).length !== present + 1) fail(op, `${where(path)} is an array with extra named properties; ${RULE}`);
    return `${text}]`;
  };

  const encodeRecord = (record: object, path: string): string => {
    let text = Object.getPrototypeOf(record) === null ? "{0" : "{";
    for (const key of Reflect.ownKeys(record)) {
      const keyPath = typeof key === "string" ? `${path}.${key}` : `${path}[${describeValue(key)}]`;
      text += `${typeof key === "string" ? `s${key.length}:${key}` : identity(key)}=${encode(dataValue(record, key, keyPath), keyPath)}`;
    }
    return `${text}}`;
  };

  /** An own data property's value (a getter could answer differently on every read). */
  const dataValue = (object: object, key: string | symbol, path: string): unknown => {
    const descriptor = Object.getOwnPropertyDescriptor(object, key)!;
    if (!("value" in descriptor)) fail(op, `${where(path)} is a getter; ${RULE}`);
    return descriptor.value;
  };

  return encode(value, "");
}
