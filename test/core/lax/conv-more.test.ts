/**
 * jax.lax's convolution conveniences (core/lax/conv-more.ts), ragged products
 * (core/lax/ragged-dot.ts) and shape helpers (core/lax/conv-shapes.ts) against JAX 0.10.2
 * (test/fixtures/generate_lax_conv.py): values and dtypes in float32 and float64, float64
 * gradients with respect to lhs and rhs, the shape helpers' tuples; then the errors, and jit/vmap
 * agreeing with eager.
 */
import { describe, expect, it } from "vitest";
import { grad, jit, lax, np, vmap, type ArrayValue } from "../../../index.js";
import { itHasCases, loadFixture } from "../../helpers.js";
import { describeJaxCases } from "../numpy/jax-cases.js";

describeJaxCases("lax_conv", "the lax convolution conveniences and ragged products", (name) => (lax as unknown as Record<string, unknown>)[name.replace(/^lax\./, "")]);

describe("the convolution shape helpers return JAX's tuples", () => {
  const shapes = loadFixture<{ shapes: { fn: string; args: unknown[]; out: unknown }[] }>("lax_conv").shapes;
  itHasCases(shapes, "shape");
  shapes.forEach((c, i) => {
    it(`${c.fn}(${JSON.stringify(c.args).slice(1, -1)}) #${i}`, () => {
      const f = (lax as unknown as Record<string, (...args: unknown[]) => unknown>)[c.fn]!;
      expect(f(...c.args)).toEqual(c.out);
    });
  });
});

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
    expect(() => lax.convTranspose(np.ones([2, 3]), np.ones([3, 4]), [], "SAME")).toThrow(/convTranspose.*at least 3/);
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
    expect(() => (lax.convWithGeneralPadding as (...a: unknown[]) => unknown)(x, w, [1, 1], "SAME", null, null, "highest")).toThrow(/convWithGeneralPadding.*precision/);
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
    expect(() => lax.convGeneralDilatedLocal(x, np.ones([2, 2, 17, 2]), [1, 1], "VALID", [3, 3])).toThrow(/convGeneralDilatedLocal.*18 input features/);
    expect(() => lax.convGeneralDilatedLocal(x, np.ones([3, 2, 18, 2]), [1, 1], "VALID", [3, 3])).toThrow(/convGeneralDilatedLocal.*spatial sizes \[2, ?2\]/);
  });
});

describe("the ragged products", () => {
  const lhs = np.reshape(np.linspace(-1, 1, 14, { dtype: "float32" }), [7, 2]);
  const rhs = np.reshape(np.linspace(-2, 2, 18, { dtype: "float32" }), [3, 2, 3]);
  const sizes = np.array([2, 3, 1], { dtype: "int32" });

  it("multiply each group of rows by its own matrix; rows past the total are zero", () => {
    const r = lax.raggedDot(lhs, rhs, sizes);
    const rows = (a: number, b: number) => lax.sliceInDim(lhs, a, b, 1, 0);
    const group = (j: number) => lax.indexInDim(rhs, j, 0, false);
    const expected = np.concatenate([np.matmul(rows(0, 2), group(0)), np.matmul(rows(2, 5), group(1)), np.matmul(rows(5, 6), group(2)), np.zeros([1, 3])]);
    expect(np.allclose(r, expected, { rtol: 1e-6, atol: 1e-6 })).toBe(true);
  });

  it("jit with traced group sizes and vmap over lhs agree with eager", () => {
    const f = (a: ArrayValue, g: ArrayValue) => lax.raggedDot(a, rhs, g);
    expect(np.allclose(jit(f)(lhs, sizes), f(lhs, sizes))).toBe(true);
    const batched = np.stack([lhs, np.negative(lhs)]);
    const v = vmap((a: ArrayValue) => f(a, sizes))(batched);
    expect(np.allclose(lax.indexInDim(v, 1, 0, false), np.negative(f(lhs, sizes)))).toBe(true);
    const g = grad((a: ArrayValue) => np.sum(jit(f)(a, sizes)))(lhs);
    expect(g.shape).toEqual([7, 2]);
  });

  it("reject what JAX rejects, naming the op", () => {
    expect(() => lax.raggedDot(lhs, rhs, np.array([2, 3, 1]))).toThrow(/raggedDot.*groupSizes must have an integer dtype/);
    expect(() => lax.raggedDot(lhs, rhs, np.array([2, 5], { dtype: "int32" }))).toThrow(/raggedDot.*group dimension 0.*size 2/);
    expect(() => lax.raggedDot(lhs, rhs, sizes, { groupOffset: np.array([1], { dtype: "int32" }) } as never)).toThrow(/raggedDot.*groupOffset is not supported/);
    const dims = { dotDimensionNumbers: [[[1], [1]], [[], []]], lhsRaggedDimensions: [0, 1], rhsGroupDimensions: [0] } as const;
    expect(() => lax.raggedDotGeneral(lhs, rhs, sizes, dims as never)).toThrow(/raggedDotGeneral.*exactly one lhs ragged dimension/);
    expect(() => lax.raggedDotGeneral(lhs, rhs, sizes, { ...dims, lhsRaggedDimensions: [0], rhsGroupDimensions: [] } as never)).toThrow(/raggedDotGeneral.*exactly one rhs group dimension/);
    const contracting = { dotDimensionNumbers: [[[1], [0]], [[], []]], lhsRaggedDimensions: [1], rhsGroupDimensions: [0] } as const;
    expect(() => lax.raggedDotGeneral(lhs, np.ones([2, 3]), sizes, contracting as never)).toThrow(/raggedDotGeneral.*zero rhs group dimensions/);
    expect(() => lax.raggedDotGeneral(lhs, rhs, np.ones([2, 3], { dtype: "int32" }), { ...dims, lhsRaggedDimensions: [0] } as never)).toThrow(/raggedDotGeneral.*groupSizes to have shape \[3\]/);
  });
});

describe("the shape helpers reject malformed shapes, naming the op", () => {
  it("checks lengths and layout strings", () => {
    expect(() => lax.convGeneralPermutations(["NHWC", "HWI", "NHWC"] as never)).toThrow(/convGeneralPermutations.*same spatial characters/);
    expect(() => lax.convGeneralPermutations(["NHWX", "HWIO", "NHWC"])).toThrow(/convGeneralPermutations.*must contain "N" and "C"/);
    expect(() => lax.convShapeTuple([2, 3, 7], [4, 3, 3], [1, 1], "SAME")).toThrow(/convShapeTuple.*strides needs 1 entries/);
    expect(() => lax.convShapeTuple([2, 3, 7], [4, 3, 3], [1], [[-5, -5]])).toThrow(/convShapeTuple.*negative padding/);
    expect(() => lax.reduceWindowShapeTuple([4, 6], [2], [1, 1], [[0, 0], [0, 0]])).toThrow(/reduceWindowShapeTuple.*windowDimensions needs 2 entries/);
    expect(() => lax.convTransposeShapeTuple([1, 3, 3, 2], [3, 3, 2, 4], [2, 2], "SAME_LOWER" as never, ["NHWC", "HWIO", "NHWC"])).toThrow(/convTransposeShapeTuple.*padding must be "SAME"/);
  });
});
