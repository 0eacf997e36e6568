/**
 * jax.lax's ragged products (core/lax/ragged-dot.ts) beyond the JAX fixture cases that
 * conv-more.test.ts runs from test/fixtures/lax_conv.json: a slice-by-slice reference, jit with
 * traced group sizes, vmap and grad, and the errors JAX raises.
 */
import { describe, expect, it } from "vitest";
import { grad, jit, lax, np, vmap, type ArrayValue } from "../../../index.js";

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
    // vmap over the group sizes: each row of sizes splits lhs its own way.
    const perRow = np.array([[2, 3, 1], [7, 0, 0]], { dtype: "int32" });
    const split = vmap((s: ArrayValue) => f(lhs, s))(perRow);
    expect(np.allclose(lax.indexInDim(split, 0, 0, false), f(lhs, sizes))).toBe(true);
    expect(np.allclose(lax.indexInDim(split, 1, 0, false), np.matmul(lhs, lax.indexInDim(rhs, 0, 0, false)))).toBe(true);
  });

  it("reject what JAX rejects, naming the op", () => {
    expect(() => lax.raggedDot(lhs, rhs, np.array([2, 3, 1]))).toThrow(/raggedDot.*groupSizes must have an integer dtype/);
    expect(() => lax.raggedDot(lhs, np.astype(rhs, "float64"), sizes)).toThrow(/raggedDot.*share a dtype.*f32\[7,2\].*f64\[3,2,3\]/);
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
