import { describe, expect, it } from "vitest";
import { LruCache } from "../../core/lru.js";

describe("LruCache", () => {
  it("holds at most its capacity, forgetting the least recently used entry", () => {
    const cache = new LruCache<string, number>(3);
    cache.set("a", 1);
    cache.set("b", 2);
    cache.set("c", 3);
    expect(cache.get("a")).toBe(1); // a is now the most recent; b the least
    cache.set("d", 4);
    expect(cache.size).toBe(3);
    expect(cache.has("b")).toBe(false);
    expect([cache.get("a"), cache.get("c"), cache.get("d")]).toEqual([1, 3, 4]);
  });

  it("replacing a value marks it used and keeps one entry", () => {
    const cache = new LruCache<string, number>(2);
    cache.set("a", 1);
    cache.set("b", 2);
    cache.set("a", 10);
    cache.set("c", 3);
    expect(cache.has("b")).toBe(false);
    expect(cache.get("a")).toBe(10);
    expect(cache.size).toBe(2);
  });

  it("has() does not mark an entry used; clear() empties", () => {
    const cache = new LruCache<number, string>(2);
    cache.set(1, "x");
    cache.set(2, "y");
    expect(cache.has(1)).toBe(true);
    cache.set(3, "z");
    expect(cache.has(1)).toBe(false);
    cache.clear();
    expect(cache.size).toBe(0);
    expect(cache.get(2)).toBeUndefined();
  });

  it("matches a reference LRU over a long random sequence", () => {
    const cache = new LruCache<number, number>(5);
    const reference: number[] = []; // keys, least recent first
    let seed = 7;
    for (let step = 0; step < 2000; step++) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      const key = seed % 12;
      if (seed % 3 === 0) {
        const hit = cache.get(key);
        const i = reference.indexOf(key);
        expect(hit === undefined).toBe(i < 0);
        if (i >= 0) reference.push(...reference.splice(i, 1));
      } else {
        cache.set(key, step);
        const i = reference.indexOf(key);
        if (i >= 0) reference.splice(i, 1);
        reference.push(key);
        if (reference.length > 5) reference.shift();
      }
      expect([...reference].sort((a, b) => a - b).every((k) => cache.has(k))).toBe(true);
      expect(cache.size).toBe(reference.length);
    }
  });

  it("rejects a capacity that is not a positive integer", () => {
    expect(() => new LruCache(0)).toThrow(RangeError);
    expect(() => new LruCache(1.5)).toThrow(RangeError);
  });
});
