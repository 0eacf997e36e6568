/**
 * jax.lax's convolution conveniences (core/lax/conv-more.ts) against JAX 0.10.2
 * (test/fixtures/generate_lax_conv.py): values and dtypes in float32 and float64 and float64
 * gradients with respect to lhs and rhs (the fixture's cases include the ragged products of
 * core/lax/ragged-dot.ts, whose own checks are in ragged-dot.test.ts); then the errors, and
 * jit/vmap agreeing with eager.
 */
import { describe, expect, it } from "vitest";
import { jit, lax, np, vmap, type ArrayValue } from "../../../index.js";
import { describeJaxCases } from "../numpy/jax-cases.js";

describeJaxCases("lax_conv", "the lax convolution conveniences and ragged products", (name) => (lax as unknown as Record<string, unknown>)[name.replace(/^lax\./, "")]);

const x = np.reshape(np.arange(32, undefined, 1, { dtype: "float32" }), [1, 4, 4, 2]);
const w = np.reshape(np.linspace(-1, 1, 36, { dtype: "float32" }), [3, 3, 2, 2]);

describe("lax.convTranspose", () => {
  it("is the transpose of the strided convolution it inverts (same shapes, adjoint pairing)", () => {
    // <conv(y, w), x> = <y, convTranspose(x, flip(w), transposeKernel)> with matching padding.
    const y = np.reshape(np.linspace(-2, 2, 64, { dtype: "float64" }), [1, 8, 4, 2]);
    const x64 = np.astype(x, "float64");
    const w64 = np.astype(w, "float64");
    const forward = lax.convGeneralDilated(y, w64, { windowStrides: [2, 1], padding: "SAME" });
    expect(forward.shape).toEqual([1, 4, 4, 2]);
    const back = lax.convTranspose(x64, w64, [2, 1], "SAME", { transposeKernel: true });
    expect(back.shape).toEqual([1, 8, 4, 2]);
    expect(np.sum(np.multiply(forward, x64)).item()).toBeCloseTo(np.sum(np.multiply(y, back)).item() as number, 9);
  });

  it("rejects what JAX rejects, naming the op", () => {
    expect(() => lax.convTranspose(x, w, [2], "SAME")).toThrow(/convTranspose.*strides needs one entry per spatial axis \(2\)/);
    expect(() => lax.convTranspose(x, w, [2, 2], "FULL" as never)).toThrow(/convTranspose.*padding must be "SAME"/);
    expect(() => lax.convTranspose(x, w, [2, 2], "SAME_LOWER")).toThrow(/convTranspose.*"SAME_LOWER".*strides of 1/);
    expect(() => lax.convTranspose(x, w, [2, 2], "SAME", { transposeKernal: true } as never)).toThrow(/convTranspose.*unknown option "transposeKernal"/);
    expect(() => lax.convTranspose(np.ones([3]), np.ones([3]), [], "SAME")).toThrow(/convTranspose.*at least 2/);
    expect(() => lax.convTranspose(np.ones([1, 2, 2, 2, 2, 1]), np.ones([1, 1, 1, 1, 1, 1]), [1, 1, 1, 1], "SAME")).toThrow(/convTranspose.*no default dimensionNumbers for rank 6/);
    expect(() => lax.convTranspose(x, w, [2, 2], [[0, 0]])).toThrow(/convTranspose.*one \[low, high\] pair per spatial axis/);
  });
});

describe("lax.convWithGeneralPadding", () => {
  it("is convGeneralDilated with channels-last layout and positional dilations", () => {
    const r = lax.convWithGeneralPadding(x, w, [1, 1], [[1, 1], [2, 0]], [1, 2], null);
    const expected = lax.convGeneralDilated(x, w, { padding: [[1, 1], [2, 0]], lhsDilation: [1, 2] });
    expect(r.toArray()).toEqual(expected.toArray());
  });
  it("rejects what JAX rejects, naming the op", () => {
    expect(() => lax.convWithGeneralPadding(x, w, [1, 1], "SAME", [2, 2], null)).toThrow(/string padding "SAME".*lhsDilation/);
    expect(() => lax.convWithGeneralPadding(x, w, [1], "SAME", null, null)).toThrow(/convWithGeneralPadding.*windowStrides needs one entry per spatial axis/);
    expect(() => (lax.convWithGeneralPadding as (...a: unknown[]) => unknown)(x, w, [1, 1], "SAME", null, null, "highest")).toThrow(/convWithGeneralPadding.*at most 6 arguments/);
  });
});

describe("lax.convGeneralDilatedPatches and lax.convGeneralDilatedLocal", () => {
  it("patches put each window in the feature axis, input feature outermost", () => {
    const p = lax.convGeneralDilatedPatches(x, [2, 2], [1, 1], "VALID");
    expect(p.shape).toEqual([1, 3, 3, 8]);
    // Window at (0, 0): feature 0 at positions (0,0),(0,1),(1,0),(1,1), then feature 1.
    expect((p.toArray() as number[][][][])[0]![0]![0]).toEqual([0, 2, 8, 10, 1, 3, 9, 11]);
  });
  it("a local convolution whose kernels are all equal is the ordinary convolution", () => {
    // The conv's HWIO kernel as one window column [features * 9, out], repeated at each of the 2x2 outputs.
    const column = np.reshape(np.transpose(w, [2, 0, 1, 3]), [18, 2]);
    const local = lax.convGeneralDilatedLocal(x, np.broadcastTo(column, [2, 2, 18, 2]), [1, 1], "VALID", [3, 3]);
    const shared = lax.convGeneralDilated(x, w);
    expect(np.allclose(local, shared, { rtol: 1e-6, atol: 1e-5 })).toBe(true);
  });
  it("reject what JAX rejects, naming the op", () => {
    expect(() => lax.convGeneralDilatedPatches(x, [2], [1, 1], "VALID")).toThrow(/convGeneralDilatedPatches.*filterShape needs 2 positive sizes/);
    expect(() => lax.convGeneralDilatedPatches(x, [2, 2], [1, 1], "VALID", { featureGroupCount: 2 } as never)).toThrow(/convGeneralDilatedPatches.*unknown option "featureGroupCount"/);
    expect(() => lax.convGeneralDilatedLocal(x, np.ones([2, 2, 18, 2], { dtype: "float64" }), [1, 1], "VALID", [3, 3])).toThrow(/convGeneralDilatedLocal.*rank and dtype of lhs/);
    expect(() => lax.convGeneralDilatedLocal(x, np.ones([2, 2, 17, 2]), [1, 1], "VALID", [3, 3])).toThrow(/convGeneralDilatedLocal.*18 input features/);
    expect(() => lax.convGeneralDilatedLocal(x, np.ones([3, 2, 18, 2]), [1, 1], "VALID", [3, 3])).toThrow(/convGeneralDilatedLocal.*spatial sizes \[2, ?2\]/);
  });
});

describe("the convolution conveniences under jit and vmap agree with eager", () => {
  it("convTranspose, patches and local", () => {
    const t = (a: ArrayValue) => lax.convTranspose(a, w, [2, 1], "SAME", { transposeKernel: true });
    const p = (a: ArrayValue) => lax.convGeneralDilatedPatches(a, [2, 2], [1, 1], "SAME");
    const l = (a: ArrayValue) => lax.convGeneralDilatedLocal(a, np.ones([4, 4, 8, 3]), [1, 1], "SAME", [2, 2]);
    for (const f of [t, p, l]) {
      expect(np.allclose(jit(f)(x), f(x))).toBe(true);
      const batched = vmap((a: ArrayValue) => f(np.expandDims(a, 0)))(np.concatenate([x, np.negative(x)]));
      expect(np.allclose(lax.indexInDim(batched, 1, 0, false), np.negative(f(x)))).toBe(true);
    }
  });
});
