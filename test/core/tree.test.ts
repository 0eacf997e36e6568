import { pipe } from "fp-ts/lib/function.js";
import { describe, expect, it } from "vitest";
import { NdArray, type ArrayValue } from "../../core/ndarray.js";
import * as tree from "../../core/tree.js";

const vec = (...values: number[]): NdArray => NdArray.fromBuffer(new Float32Array(values), [values.length], "float32");

describe("tree.flatten / tree.unflatten", () => {
  it("visits object keys in sorted order, depth first", () => {
    const x = vec(1, 2);
    const [leaves, def] = tree.flatten({ w: [x, 3], b: true, a: { z: 1, y: 2 } });
    expect(leaves.length).toBe(5);
    [2, 1, true, x, 3].forEach((leaf, i) => expect(leaves[i]).toBe(leaf));
    expect(tree.treedefToString(def)).toBe("{a: {y: *, z: *}, b: *, w: [*, *]}");
    expect(tree.numLeaves(def)).toBe(5);
  });

  it("keeps array leaves by identity (no copies)", () => {
    const x = vec(1);
    expect(tree.leaves([x])[0]).toBe(x);
  });

  it("treats null and undefined as empty nodes and keeps them apart", () => {
    const [leaves, def] = tree.flatten({ a: null, b: undefined, c: [] });
    expect(leaves).toEqual([]);
    expect(tree.treedefToString(def)).toBe("{a: null, b: undefined, c: []}");
    expect(tree.unflatten(def, [])).toEqual({ a: null, b: undefined, c: [] });
  });

  it("a leaf alone is a tree of one leaf", () => {
    const [leaves, def] = tree.flatten(7);
    expect(leaves).toEqual([7]);
    expect(tree.unflatten(def, [8])).toBe(8);
  });

  it("unflatten inverts flatten", () => {
    const x = vec(1, 2);
    const value = { layers: [{ w: x, b: 0 }, { w: x, b: 1 }], scale: null, empty: {} };
    const [leaves, def] = tree.flatten(value);
    const back = tree.unflatten(def, leaves) as typeof value;
    expect(back.layers[0]!.w).toBe(x);
    expect(back.layers[1]!.b).toBe(1);
    expect(tree.treedefEq.equals(tree.structure(back), def)).toBe(true);
    expect(tree.treedefToString(def)).toBe("{empty: {}, layers: [{b: *, w: *}, {b: *, w: *}], scale: null}");
  });

  it("unflatten rejects the wrong number of leaves, naming both counts", () => {
    const def = tree.structure({ a: 1, b: [2, 3] });
    expect(() => tree.unflatten(def, [1, 2])).toThrow("tessera.tree.unflatten: the tree structure PyTreeDef({a: *, b: [*, *]}) (each * is a leaf) has 3 leaves, got 2");
  });

  it("the TreeDef is frozen", () => {
    const def = tree.structure({ a: [1] });
    expect(Object.isFrozen(def)).toBe(true);
    if (def.kind !== "object") throw new Error("expected an object node");
    expect(Object.isFrozen(def.keys)).toBe(true);
    expect(Object.isFrozen(def.children)).toBe(true);
  });
});

describe("hostile keys are data", () => {
  it("round-trips keys that look like code or prototype names", () => {
    const value = JSON.parse('{"__proto__": 1, "});globalThis.pwned=1;//": 2, "constructor": 3, "a b": [4]}') as Record<string, unknown>;
    const [leaves, def] = tree.flatten(value);
    const back = tree.unflatten(def, leaves) as Record<string, unknown>;
    expect(Object.getPrototypeOf(back)).toBe(Object.prototype);
    expect(Object.prototype.hasOwnProperty.call(back, "__proto__")).toBe(true);
    expect(back["});globalThis.pwned=1;//"]).toBe(2);
    expect(back["constructor"]).toBe(3);
    expect((globalThis as Record<string, unknown>)["pwned"]).toBeUndefined();
    expect(tree.treedefToString(def)).toBe('{__proto__: *, "a b": [*], constructor: *, "});globalThis.pwned=1;//": *}');
  });

  it("quotes odd keys in error paths", () => {
    expect(() => tree.map2((a: number, b: number) => a + b)({ "x.y": [1] }, { "x.y": [[1]] })).toThrow(/at \["x\.y"\]\[0\]/);
  });
});

describe("invalid nodes are errors, not leaves", () => {
  it("rejects functions", () => {
    expect(() => tree.flatten({ f: () => 1 })).toThrow(/tessera\.tree\.flatten: \.f holds a function, which is neither a leaf/);
  });
  it("rejects class instances other than arrays", () => {
    class Box {
      value = 1;
    }
    expect(() => tree.leaves([new Box()])).toThrow(/tessera\.tree\.leaves: \[0\] holds an instance of Box/);
    expect(() => tree.structure({ m: new Map() })).toThrow(/\.m holds an instance of Map/);
  });
  it("rejects typed arrays with advice", () => {
    expect(() => tree.flatten({ x: new Float32Array(2) })).toThrow(/Float32Array.*wrap typed arrays with np\.array/);
  });
  it("rejects strings and bigints", () => {
    expect(() => tree.flatten(["relu"])).toThrow(/\[0\] holds a string/);
    expect(() => tree.flatten({ n: 1n })).toThrow(/\.n holds a bigint/);
  });
  it("rejects symbol keys rather than dropping them", () => {
    expect(() => tree.flatten({ [Symbol("s")]: 1 })).toThrow(/symbol keys/);
  });
  it("rejects cycles", () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic["self"] = { back: cyclic };
    expect(() => tree.flatten(cyclic)).toThrow(/cycle: \.self\.back refers back/);
  });
  it("accepts shared (non-cyclic) subtrees and null-prototype objects", () => {
    const shared = [1, 2];
    const bare = Object.assign(Object.create(null) as Record<string, unknown>, { k: 5 });
    expect(tree.leaves({ a: shared, b: shared, c: bare })).toEqual([1, 2, 1, 2, 5]);
  });
});

describe("tree.map / tree.mapWithPath", () => {
  it("maps every leaf and keeps the structure", () => {
    const out = tree.map((n: number) => n * 10)({ a: [1, 2], b: { c: 3 }, d: null });
    expect(out).toEqual({ a: [10, 20], b: { c: 30 }, d: null });
  });

  it("works in pipe and over arrays", () => {
    const out = pipe({ w: vec(1, 2) }, tree.map((x: ArrayValue) => x.shape.length));
    expect(out).toEqual({ w: 1 });
  });

  it("has a data-first form that infers the leaf type", () => {
    const out = tree.map({ w: vec(1, 2), n: 3 }, (leaf) => (typeof leaf === "number" ? leaf : leaf.size));
    expect(out).toEqual({ w: 2, n: 3 });
    expect(tree.mapWithPath([1, [2]], (_, path) => path)).toEqual(["[0]", ["[1][0]"]]);
  });

  it("gives each leaf its path", () => {
    const out = tree.mapWithPath((_: number, path) => path)({ params: { w: [0, 0], b: 0 }, "odd key": 0 });
    expect(out).toEqual({ params: { w: [".params.w[0]", ".params.w[1]"], b: ".params.b" }, "odd key": '["odd key"]' });
  });
});

describe("tree.zip / tree.zipWith / tree.map2", () => {
  it("map2 combines corresponding leaves", () => {
    expect(tree.map2((a: number, b: number) => a - b)({ x: [5, 7], y: 1 }, { y: 1, x: [2, 3] })).toEqual({ x: [3, 4], y: 0 });
  });

  it("map2 has a data-first form", () => {
    expect(tree.map2({ a: 1 }, { a: 2 }, (x, y) => x + y)).toEqual({ a: 3 });
  });

  it("zipWith takes any number of trees", () => {
    expect(tree.zipWith((...xs: number[]) => xs.reduce((s, v) => s + v, 0))([1, { a: 2 }], [10, { a: 20 }], [100, { a: 200 }])).toEqual([
      111,
      { a: 222 },
    ]);
  });

  it("zip pairs leaves", () => {
    expect(tree.zip({ a: 1, b: 2 }, { a: 10, b: 20 })).toEqual({ a: [1, 10], b: [2, 20] });
  });

  it("reports a structure mismatch by path, with what was expected and found", () => {
    const params = { params: { w: [1, { b: 1, w: 2 }] } };
    const other = { params: { w: [1, [3, 4]] } };
    expect(() => tree.zip(params, other)).toThrow(
      "tessera.tree.zip: structures differ at .params.w[1]: an object with keys [b, w] in tree argument 0, an array of length 2 in tree argument 1",
    );
  });

  it("reports differing keys, lengths, and leaves vs nodes", () => {
    const add = tree.map2((a: number, b: number) => a + b);
    const mismatch = (where: string, first: string, second: string) => `structures differ at ${where}: ${first} in tree argument 0, ${second} in tree argument 1`;
    expect(() => add({ a: 1 }, { b: 1 })).toThrow(mismatch("the root", "an object with keys [a]", "an object with keys [b]"));
    expect(() => add([1, 2], [1])).toThrow(mismatch("the root", "an array of length 2", "an array of length 1"));
    expect(() => add({ a: 1 }, { a: [1] })).toThrow(mismatch(".a", "a leaf", "an array of length 1"));
    expect(() => add({ a: [1] }, { a: vec(1) })).toThrow(mismatch(".a", "an array of length 1", "a leaf (array f32[1])"));
    expect(() => add({ a: null }, { a: undefined })).toThrow(mismatch(".a", "null", "undefined"));
  });
});

describe("tree.structure and treedefEq", () => {
  it("equal structures compare equal regardless of key order and leaf values", () => {
    expect(tree.treedefEq.equals(tree.structure({ a: 1, b: [vec(1), 2] }), tree.structure({ b: [3, true], a: 9 }))).toBe(true);
  });

  it("different kinds, keys or lengths compare unequal", () => {
    const s = tree.structure;
    expect(tree.treedefEq.equals(s({ a: 1 }), s({ b: 1 }))).toBe(false);
    expect(tree.treedefEq.equals(s([1, 2]), s([1]))).toBe(false);
    expect(tree.treedefEq.equals(s([1]), s([[1]]))).toBe(false);
    expect(tree.treedefEq.equals(s([null]), s([undefined]))).toBe(false);
    expect(tree.treedefEq.equals(s({ a: [1, null] }), s({ a: [1, undefined] }))).toBe(false);
  });

  it("isLeaf recognizes arrays, numbers and booleans only", () => {
    expect([vec(1), 0, false].every(tree.isLeaf)).toBe(true);
    expect([null, undefined, [], {}, "x", () => 0].some(tree.isLeaf)).toBe(false);
  });
});
