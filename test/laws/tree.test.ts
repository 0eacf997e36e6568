import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { NdArray } from "../../core/ndarray.js";
import * as arb from "../../laws/arbitraries.js";
import { checkFlattenUnflattenRoundTrips, checkMapComposition, checkMapIdentity, checkTreeLaws } from "../../laws/runners.js";
import { flattenUnflattenRoundTrips, mapIdentity, treesIdentical } from "../../laws/tree.js";


/**
 * A JSON.stringify replacer that shows undefined and array leaves as "<undefined>" and "<array>".
 * It rewrites each list or record before its children are serialized, because an array's toJSON
 * (which writes its shape, dtype and data) runs before a replacer sees the array itself.
 */
function markLeaves(_key: string, v: unknown): unknown {
  const mark = (x: unknown): unknown => (x === undefined ? "<undefined>" : x instanceof NdArray ? "<array>" : x);
  if (Array.isArray(v)) return v.map(mark);
  if (v !== null && typeof v === "object" && !(v instanceof NdArray)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, mark(x)]));
  return mark(v);
}
describe("pytree laws", () => {
  it("flatten then unflatten round-trips every generated tree", () => checkFlattenUnflattenRoundTrips({ numRuns: 200 }));
  it("mapping the identity changes nothing", () => checkMapIdentity({ numRuns: 100 }));
  it("map composes", () => checkMapComposition({ numRuns: 100 }));
  it("the whole tree suite runs from one call", () => checkTreeLaws({ numRuns: 10 }));

  it("round-trips trees of arrays with hostile keys", () => {
    const x = NdArray.fromBuffer(new Float32Array([1, 2]), [2], "float32");
    const value = JSON.parse('{"__proto__": [1, null], "});globalThis.pwned=1;//": {"": 2}}') as Record<string, unknown>;
    expect(flattenUnflattenRoundTrips({ ...value, w: x })).toEqual({ ok: true });
    expect(mapIdentity([value, x])).toEqual({ ok: true });
  });

  it("generated trees include awkward keys and empty nodes", () => {
    const samples = fc.sample(arb.pytree(), { numRuns: 300, seed: 1 });
    const text = JSON.stringify(samples, markLeaves);
    expect(text).toContain("__proto__");
    expect(text).toContain("<undefined>");
    expect(text).toContain("<array>");
  });
});

describe("treesIdentical (the comparison the tree laws use)", () => {
  it("reports the path of the first difference", () => {
    expect(treesIdentical({ a: [1, 2] }, { a: [1, 3] })).toEqual({ ok: false, message: 'at ["a"][1]: got 2, expected 3' });
    expect(treesIdentical({ a: null }, { a: undefined }).ok).toBe(false);
    expect(treesIdentical([1], { 0: 1 }).ok).toBe(false);
  });
  it("compares leaves by identity, NaN included", () => {
    expect(treesIdentical([NaN], [NaN]).ok).toBe(true);
    expect(treesIdentical([0], [-0]).ok).toBe(false);
    const a = NdArray.fromBuffer(new Float32Array([1]), [1], "float32");
    const b = NdArray.fromBuffer(new Float32Array([1]), [1], "float32");
    expect(treesIdentical([a], [b]).ok).toBe(false);
  });
});
