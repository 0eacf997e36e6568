/**
 * Positional encodings: the sinusoidal table and RoPE against their formulas in numpy (fixture
 * layers_attention.json), the positional modules' offsets (static and traced), derivatives, jit.
 */
import { describe, expect, it } from "vitest";
import type { ArrayValue } from "../../../core/ndarray.js";
import * as np from "../../../core/numpy/index.js";
import * as random from "../../../core/random/index.js";
import { jit, vmap } from "../../../transforms/index.js";
import { gradMatchesFiniteDifferences, vjpMatchesJvp } from "../../../laws/transforms.js";
import { learnedPositions, rotaryEmbedding, sinusoidalEncoding, sinusoidalPositions } from "../../../models/layers/index.js";
import { expectClose, loadFixture } from "../../helpers.js";

interface Stored {
  shape: number[];
  dtype: "float64" | "int32";
  data: number[];
}
const fromStored = (s: Stored): ArrayValue => np.array(s.data, { shape: s.shape, dtype: s.dtype });
const fixture = loadFixture<{
  sinusoidal: { length: number; dModel: number; base: number; table: Stored }[];
  rotary: { x: Stored; positions: Stored; base: number; output: Stored }[];
}>("layers_attention");

describe("sinusoidalEncoding", () => {
  it("is the interleaved sin/cos table of 'Attention is all you need' (numpy formula), odd dModel included", () => {
    for (const c of fixture.sinusoidal) {
      const table = sinusoidalEncoding(c.length, c.dModel, { base: c.base, dtype: "float64" });
      expect(table.shape).toEqual([c.length, c.dModel]);
      expectClose(table, c.table.data, { rtol: 1e-14, atol: 1e-15 });
    }
    expect(sinusoidalEncoding(2, 2).dtype).toBe("float32");
  });

  it("checks its sizes and options", () => {
    expect(() => sinusoidalEncoding(0, 4)).toThrow(/sinusoidalEncoding: length must be a positive integer, got 0/);
    expect(() => sinusoidalEncoding(2, 4, { base: -1 })).toThrow(/sinusoidalEncoding: base must be a positive number/);
  });
});

describe("rotaryEmbedding", () => {
  it("is RoPE with half-split pairing (numpy formula), for positions [length] and [batch, length]", () => {
    for (const c of fixture.rotary) {
      expectClose(rotaryEmbedding(fromStored(c.x), fromStored(c.positions), { base: c.base }), c.output.data, { rtol: 1e-13, atol: 1e-14 });
    }
  });

  it("preserves each pair's norm and makes q.k depend only on the positions' difference", () => {
    const q = random.normal(random.key(0), [1, 1, 6], { dtype: "float64" });
    const k = random.normal(random.key(1), [1, 1, 6], { dtype: "float64" });
    const dot = (i: number, j: number) => Number(np.sum(np.multiply(rotaryEmbedding(q, np.array([i])), rotaryEmbedding(k, np.array([j])))).item());
    expect(dot(7, 3)).toBeCloseTo(dot(4, 0), 12);
    expect(Number(np.sum(np.square(rotaryEmbedding(q, np.array([5])))).item())).toBeCloseTo(Number(np.sum(np.square(q)).item()), 12);
  });

  it("vjp agrees with jvp (a linear map of x)", () => {
    const x = random.normal(random.key(2), [3, 2, 4], { dtype: "float64" });
    const f = (v: ArrayValue) => rotaryEmbedding(v, np.arange(3));
    expect(vjpMatchesJvp(f as never, [x], [random.normal(random.key(3), [3, 2, 4], { dtype: "float64" })], [random.normal(random.key(4), [3, 2, 4], { dtype: "float64" })])).toEqual({ ok: true });
  });

  it("rejects an odd headDim and positions that do not fit x", () => {
    expect(() => rotaryEmbedding(np.ones([2, 1, 3]), np.arange(2))).toThrow(/rotaryEmbedding: x f32\[2,1,3\] must have an even headDim/);
    expect(() => rotaryEmbedding(np.ones([2, 1, 4]), np.arange(3))).toThrow(/rotaryEmbedding: positions i32\[3\] must broadcast to x's \[2\]/);
  });
});

describe("sinusoidalPositions and learnedPositions", () => {
  const x = random.normal(random.key(5), [2, 3, 4], { dtype: "float64" });

  it("add rows 0..length-1 of their table, or offset..offset+length-1 (a number, or a traced scalar under jit)", () => {
    const fixed = sinusoidalPositions(8, 4, { dtype: "float64" });
    const table = sinusoidalEncoding(8, 4, { dtype: "float64" });
    expectClose(fixed.apply(null, x), np.add(x, table.slice([0, 3])).toArray() as number[], { rtol: 0, atol: 0 });
    expectClose(fixed.apply(null, { input: x, offset: 5 }), np.add(x, table.slice([5, 8])).toArray() as number[], { rtol: 0, atol: 0 });
    const learned = learnedPositions(8, 4, { dtype: "float64" });
    const params = learned.init(random.key(6));
    expect(params.table.shape).toEqual([8, 4]);
    const atOffset = jit((p: typeof params, input: ArrayValue, offset: ArrayValue) => learned.apply(p, { input, offset }));
    expectClose(atOffset(params, x, np.array(2, { dtype: "int32" })), np.add(x, params.table.slice([2, 5])).toArray() as number[], { rtol: 0, atol: 0 });
  });

  it("learned tables start N(0, 0.02^2) and their gradient matches finite differences", () => {
    const big = learnedPositions(256, 64).init(random.key(7)).table;
    expect(Number(np.std(big).item())).toBeCloseTo(0.02, 3);
    const learned = learnedPositions(4, 4, { dtype: "float64" });
    const table = learned.init(random.key(8)).table;
    const loss = (t: ArrayValue) => np.sum(np.sin(learned.apply({ table: t }, { input: x, offset: 1 })));
    expect(gradMatchesFiniteDifferences(loss as never, [table])).toEqual({ ok: true });
  });

  it("vmap over examples equals the batched call", () => {
    const learned = learnedPositions(8, 4, { dtype: "float64" });
    const params = learned.init(random.key(9));
    expectClose(vmap((example: ArrayValue) => learned.apply(params, example))(x), learned.apply(params, x).toArray() as number[], { rtol: 0, atol: 0 });
  });

  it("positions past the table, bad offsets and inputs of the wrong width are errors", () => {
    const learned = learnedPositions(4, 4);
    const params = learned.init(random.key(0));
    expect(() => learned.apply(params, { input: np.zeros([2, 3, 4]), offset: 2 })).toThrow(/learnedPositions: positions 2..4 of input f32\[2,3,4\] run past the table's maxLength 4/);
    expect(() => learned.apply(params, { input: np.zeros([3, 4]), offset: -1 })).toThrow(/offset must be a non-negative integer or an integer scalar array, got -1/);
    expect(() => learned.apply(params, np.zeros([3, 5]))).toThrow(/learnedPositions: input f32\[3,5\] must be \[\.\.\., length, 4\]/);
    expect(() => learned.apply(params, { input: np.zeros([3, 4]), ofset: 1 } as never)).toThrow(/unknown input field "ofset" \(did you mean "offset"\?\)/);
    expect(() => sinusoidalPositions(4, 4).apply({} as never, np.zeros([3, 4]))).toThrow(/sinusoidalPositions: has no params: pass null/);
  });
});
