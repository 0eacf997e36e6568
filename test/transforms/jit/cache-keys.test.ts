/**
 * jit's cache keys: static arguments are keyed by the hashing rule in static-keys.ts (never
 * JSON.stringify), so values a function can tell apart never share a compiled program; caches
 * are bounded LRUs and clearCaches empties them.
 */
import { describe, expect, it } from "vitest";
import type { ArrayValue } from "../../../core/ndarray.js";
import * as np from "../../../core/numpy/index.js";
import { clearCaches } from "../../../transforms/jit/caches.js";
import { DEFAULT_JIT_CACHE_SIZE, jit } from "../../../transforms/jit/jit.js";
import { KERNEL_CACHE_SIZE, kernelCacheSize } from "../../../transforms/jit/render-js.js";

const x = np.ones([2], { dtype: "float64" });

/** A jitted `(x, s) => x + pick(s)` with `s` static; `pick` reads the static value at trace time. */
function staticAdd<S>(pick: (s: S) => number) {
  return jit((y: ArrayValue, s: S) => np.add(y, pick(s)), { staticArgnums: 1 });
}

describe("static arguments that JSON.stringify confused get their own programs", () => {
  it("Maps are rejected (mutable, like Python's unhashable dict); frozen records are keyed by value", () => {
    const f = jit((y: ArrayValue, s: Map<string, number>) => y.mul(s.get("k")!), { staticArgnums: 1 });
    expect(() => f(x, new Map([["k", 2]]))).toThrow(/jit: static argument 1 is a Map, which is mutable; pass a frozen plain record/);
    const g = jit((y: ArrayValue, s: { k: number }) => y.mul(s.k), { staticArgnums: 1 });
    expect(g(x, Object.freeze({ k: 2 })).toArray()).toEqual([2, 2]);
    expect(g(x, Object.freeze({ k: 3 })).toArray()).toEqual([3, 3]);
    expect(g(x, Object.freeze({ k: 2 })).toArray()).toEqual([2, 2]);
    expect(g.cacheSize()).toBe(2);
  });
  it("NaN, Infinity, -Infinity and null differ (JSON writes all as null)", () => {
    const f = staticAdd((s: number | null) => (s === null ? 1 : Number.isNaN(s) ? 2 : s > 0 ? 3 : 4));
    expect(f(x, NaN).toArray()).toEqual([3, 3]);
    expect(f(x, Infinity).toArray()).toEqual([4, 4]);
    expect(f(x, -Infinity).toArray()).toEqual([5, 5]);
    expect(f(x, null).toArray()).toEqual([2, 2]);
    expect(f(x, NaN).toArray()).toEqual([3, 3]);
    expect(f.cacheSize()).toBe(4);
  });
  it("0 and -0 differ (compared as Object.is)", () => {
    const f = staticAdd((s: number) => 1 / s);
    expect(f(x, 0).toArray()).toEqual([Infinity, Infinity]);
    expect(f(x, -0).toArray()).toEqual([-Infinity, -Infinity]);
  });
  it("{a: undefined} and {} differ", () => {
    const f = staticAdd((s: { a?: undefined }) => ("a" in s ? 1 : 2));
    expect(f(x, Object.freeze({ a: undefined })).toArray()).toEqual([2, 2]);
    expect(f(x, Object.freeze({})).toArray()).toEqual([3, 3]);
  });
  it("Sets are rejected (JSON writes every Set as {})", () => {
    const f = staticAdd((s: Set<number>) => s.size);
    expect(() => f(x, new Set([1]))).toThrow(/jit: static argument 1 is a Set, which is mutable; pass a frozen sorted array/);
  });
  it("symbols are keyed by identity (JSON drops them, colliding with undefined)", () => {
    const a = Symbol("a");
    const b = Symbol("a");
    const registered = Symbol.for("tessera.test");
    const f = staticAdd((s: symbol | undefined) => (s === a ? 1 : s === b ? 2 : s === registered ? 3 : 4));
    expect(f(x, a).toArray()).toEqual([2, 2]);
    expect(f(x, b).toArray()).toEqual([3, 3]);
    expect(f(x, registered).toArray()).toEqual([4, 4]);
    expect(f(x, undefined).toArray()).toEqual([5, 5]);
    expect(f(x, a).toArray()).toEqual([2, 2]);
  });
  it("class instances are keyed by identity (JSON sees no private fields)", () => {
    class Scale {
      readonly #k: number;
      constructor(k: number) {
        this.#k = k;
      }
      get k(): number {
        return this.#k;
      }
    }
    expect(JSON.stringify(new Scale(2))).toBe(JSON.stringify(new Scale(3)));
    const f = jit((y: ArrayValue, s: Scale) => y.mul(s.k), { staticArgnums: 1 });
    const two = new Scale(2);
    expect(f(x, two).toArray()).toEqual([2, 2]);
    expect(f(x, new Scale(3)).toArray()).toEqual([3, 3]);
    expect(f(x, two).toArray()).toEqual([2, 2]);
    expect(f.cacheSize()).toBe(2);
  });
  it("Dates are rejected (mutable; JSON writes every invalid Date as null)", () => {
    const f = staticAdd((s: Date) => s.getTime());
    expect(() => f(x, new Date(0))).toThrow(/jit: static argument 1 is a Date, which is mutable; pass date.getTime\(\) instead/);
  });
  it("numbers, bigints and strings of the same digits differ", () => {
    const f = staticAdd((s: unknown) => (typeof s === "number" ? 1 : typeof s === "bigint" ? 2 : 3));
    expect(f(x, 1).toArray()).toEqual([2, 2]);
    expect(f(x, 1n).toArray()).toEqual([3, 3]);
    expect(f(x, "1").toArray()).toEqual([4, 4]);
  });
});

describe("plain records and arrays", () => {
  it("deeply frozen ones are keyed structurally: equal values share a program", () => {
    const f = staticAdd((s: readonly (readonly number[])[]) => s[0]![1]!);
    expect(f(x, Object.freeze([Object.freeze([1, 2])])).toArray()).toEqual([3, 3]);
    expect(f(x, Object.freeze([Object.freeze([1, 2])])).toArray()).toEqual([3, 3]);
    expect(f.cacheSize()).toBe(1);
    expect(f(x, Object.freeze([Object.freeze([1, 5])])).toArray()).toEqual([6, 6]);
    expect(f.cacheSize()).toBe(2);
  });
  it("key order and holes count, since a function can see them", () => {
    const f = staticAdd((s: object) => Object.keys(s).length * 10 + (Object.keys(s)[0] === "a" ? 1 : 2));
    expect(f(x, Object.freeze({ a: 1, b: 2 })).toArray()).toEqual([22, 22]);
    expect(f(x, Object.freeze({ b: 2, a: 1 })).toArray()).toEqual([23, 23]);
    const g = staticAdd((s: readonly unknown[]) => (0 in s ? 1 : 2));
    expect(g(x, Object.freeze([undefined])).toArray()).toEqual([2, 2]);
    // eslint-disable-next-line no-sparse-arrays
    expect(g(x, Object.freeze([, ])).toArray()).toEqual([3, 3]);
  });
  it("unfrozen ones are rejected, naming where, so a later mutation can never reach a stale program", () => {
    const f = staticAdd((s: { k: number }) => s.k);
    expect(() => f(x, { k: 2 })).toThrow(/jit: static argument 1 is a plain record that is not frozen \(\{k: 2\}\).*Object\.freeze/);
    expect(() => f(x, Object.freeze({ k: [1] }) as never)).toThrow(/static argument 1 \(at \.k\) is a plain array that is not frozen/);
    expect(f.cacheSize()).toBe(0);
  });
  it("cycles, getters and arrays are rejected", () => {
    const f = staticAdd((_: unknown) => 0);
    const cyclic: unknown[] = [];
    cyclic.push(cyclic);
    Object.freeze(cyclic);
    expect(() => f(x, cyclic)).toThrow(/static argument 1 \(at \[0\]\) holds itself/);
    const getter = Object.freeze({ get k() { return Math.random(); } });
    expect(() => f(x, getter)).toThrow(/static argument 1 \(at \.k\) is a getter/);
    expect(() => f(x, np.ones([2]))).toThrow(/static argument 1 is an array float32\[2\]; arrays are dynamic/);
    expect(() => f(x, new Float32Array(2))).toThrow(/static argument 1 is a typed array or buffer/);
  });
  it("a caller's frozen value is never copied into a mutable program input", () => {
    const config = Object.freeze({ scale: 2 });
    const f = jit((y: ArrayValue, c: { scale: number }) => y.mul(c.scale), { staticArgnums: -1 });
    expect(f(x, config).toArray()).toEqual([2, 2]);
    expect(Object.isFrozen(config)).toBe(true);
  });
});

describe("bounded caches", () => {
  it("each jitted function keeps its cacheSize most recently used signatures; an evicted one recompiles correctly", () => {
    let traces = 0;
    const f = jit(
      (y: ArrayValue, k: number) => {
        traces++;
        return y.mul(k);
      },
      { staticArgnums: 1, cacheSize: 2 },
    );
    f(x, 1);
    f(x, 2);
    expect(f(x, 1).toArray()).toEqual([1, 1]); // a hit: 1 is now the most recent
    expect(traces).toBe(2);
    f(x, 3); // evicts 2, the least recently used
    expect(f.cacheSize()).toBe(2);
    expect(f(x, 1).toArray()).toEqual([1, 1]);
    expect(traces).toBe(3);
    expect(f(x, 2).toArray()).toEqual([2, 2]);
    expect(traces).toBe(4);
    expect(f.cacheSize()).toBe(2);
  });
  it("the default bound is 64 signatures", () => {
    const f = staticAdd((k: number) => k);
    for (let k = 0; k < DEFAULT_JIT_CACHE_SIZE + 10; k++) f(x, k);
    expect(f.cacheSize()).toBe(DEFAULT_JIT_CACHE_SIZE);
    expect(f(x, 0).toArray()).toEqual([1, 1]);
  });
  it("the shared kernel cache stays bounded after many shapes, even when the functions are dropped", () => {
    clearCaches();
    for (let n = 1; n <= KERNEL_CACHE_SIZE + 40; n++) {
      // A fresh function per shape, dropped at once: only the global kernel cache could grow.
      const g = jit((y: ArrayValue) => np.tanh(y).mul(2).add(1));
      expect(g(np.ones([n])).shape).toEqual([n]);
    }
    expect(kernelCacheSize()).toBe(KERNEL_CACHE_SIZE);
  });
  it("clearCaches empties every jitted function's programs and the kernel cache; results are unchanged", () => {
    const f = jit((y: ArrayValue) => np.exp(y).add(1));
    const before = f(x).toArray();
    expect(f.cacheSize()).toBe(1);
    expect(kernelCacheSize()).toBeGreaterThan(0);
    clearCaches();
    expect(f.cacheSize()).toBe(0);
    expect(kernelCacheSize()).toBe(0);
    expect(f(x).toArray()).toEqual(before);
    expect(f.cacheSize()).toBe(1);
  });
});

describe("jit's own arguments", () => {
  it("takes null as no options and reads staticArgnums as JAX does (negative counts from the end)", () => {
    expect(jit((y: ArrayValue) => y.mul(2), null)(x).toArray()).toEqual([2, 2]);
    const f = jit((y: ArrayValue, k: number) => y.mul(k), { staticArgnums: [-1] });
    expect(f(x, 3).toArray()).toEqual([3, 3]);
  });
  it("rejects a non-function, unknown options and bad argnums at once", () => {
    expect(() => jit("x=>x" as never)).toThrow(/jit: the function argument must be a function, got "x=>x"/);
    expect(() => jit(null as never)).toThrow(/jit: the function argument must be a function, got null/);
    expect(() => jit((y: ArrayValue) => y, { staticArgnum: 1 } as never)).toThrow(/unknown option "staticArgnum" \(did you mean "staticArgnums"\?\)/);
    expect(() => jit((y: ArrayValue) => y, { staticArgnums: 1.5 })).toThrow(/staticArgnums must be an integer or a list of integers, got 1.5/);
    expect(() => jit((y: ArrayValue) => y, { cacheSize: 0 })).toThrow(/cacheSize must be a positive integer, got 0/);
    const f = jit((y: ArrayValue) => y, { staticArgnums: 2 });
    expect(() => f(x)).toThrow(/argnums 2 is out of range for a function called with 1 argument/);
  });
});
