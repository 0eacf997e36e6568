/**
 * lax's spellings of the special functions (transforms/lax-special.ts): values and derivatives
 * against JAX's lax (test/fixtures/scipy_more.json), and lax's strictness: float operands of one
 * dtype, no promotion, and an error where JAX's primitive has no derivative rule.
 */
import { describe, expect, it } from "vitest";
import type { ArrayValue } from "../../core/ndarray.js";
import { grad, jit, lax, np, vmap } from "../../index.js";
import { expectClose } from "../helpers.js";
import { describeScipyMore } from "./scipy/scipy-more-cases.js";

// The gamma family goes through core's float32 Lanczos log-gamma (see test/transforms/scipy/fixtures.test.ts).
const USES_LGAMMA = /^lax\.(digamma|lgamma|igamma|igammac|igammaGradA|polygamma|betainc)$/;
describeScipyMore("lax special functions against JAX (scipy_more.json)", "lax.", (name, dtype) =>
  dtype === "float64" ? { rtol: 1e-12, atol: 1e-13 } : USES_LGAMMA.test(name) ? { rtol: 2e-5, atol: 1e-5 } : { rtol: 2e-6, atol: 1e-6 },
);

const f64 = (values: number[]) => np.array(values, { dtype: "float64" });

describe("lax special functions: strictness", () => {
  it("reject integer operands and mixed dtypes, naming the op", () => {
    expect(() => lax.igamma(np.array([1, 2], { dtype: "int32" }), 2)).toThrow(/lax\.igamma: got i32\[2\], i32\[\]; expected float32 or float64/);
    expect(() => lax.zeta(np.array([2, 3]), f64([1, 2]))).toThrow(/lax\.zeta: operands must share one dtype, got f32\[2\], f64\[2\]/);
    expect(() => lax.lgamma(np.array([true]))).toThrow(/lax\.lgamma: got bool\[1\]; expected float32 or float64/);
    expect(() => lax.betainc(f64([1]), np.array([1]), f64([0.5]))).toThrow(/lax\.betainc: operands must share one dtype/);
    expect(() => lax.digamma("1" as never)).toThrow(/lax\.digamma/);
  });

  it("reject extra arguments", () => {
    expect(() => (lax.lgamma as (...a: unknown[]) => unknown)(f64([1]), f64([2]))).toThrow(/lax\.lgamma/);
    expect(() => (lax.igamma as (...a: unknown[]) => unknown)(f64([1]), f64([2]), f64([3]))).toThrow(/lax\.igamma/);
  });

  it("JS numbers take their partner's dtype", () => {
    expect(lax.igamma(f64([1, 2]), 1).dtype).toBe("float64");
    expect(lax.lgamma(3).dtype).toBe("float32");
  });

  it("are not differentiable where JAX's primitive has no rule", () => {
    expect(() => grad((x: ArrayValue) => np.sum(lax.zeta(x, 2)))(f64([2, 3]))).toThrow(/lax\.zeta: has no derivative rule/);
    expect(() => grad((a: ArrayValue) => np.sum(lax.igammaGradA(a, f64([1, 2]))))(f64([2, 3]))).toThrow(/lax\.igammaGradA: has no derivative rule/);
    expect(() => grad((m: ArrayValue) => np.sum(lax.polygamma(m, f64([1, 2]))))(f64([1, 2]))).toThrow(/closes over/);
    expect(() => grad((a: ArrayValue) => np.sum(lax.betainc(a, f64([1, 2]), f64([0.5, 0.5]))))(f64([1, 2]))).toThrow(/closes over/);
  });

  it("igamma's derivative in a is igammaGradA, and polygamma's in x is polygamma(m + 1, x)", () => {
    const a = f64([0.5, 2, 5]);
    const x = f64([1, 0.5, 7]);
    expectClose(grad((v: ArrayValue) => np.sum(lax.igamma(v, x)))(a), lax.igammaGradA(a, x).toArray(), { rtol: 1e-12, atol: 1e-14 });
    const m = f64([1, 2, 3]);
    expectClose(grad((v: ArrayValue) => np.sum(lax.polygamma(m, v)))(x), lax.polygamma(np.add(m, 1), x).toArray(), { rtol: 1e-12, atol: 1e-14 });
  });

  it("work under jit and vmap", () => {
    const a = f64([0.5, 2, 5]);
    const x = f64([1, 0.5, 7]);
    expectClose(jit((p: ArrayValue, q: ArrayValue) => lax.igammaGradA(p, q))(a, x), lax.igammaGradA(a, x).toArray(), { rtol: 1e-14, atol: 0 });
    expectClose(vmap((p: ArrayValue, q: ArrayValue) => lax.polygamma(p, q))(f64([0, 1, 2]), x), lax.polygamma(f64([0, 1, 2]), x).toArray(), { rtol: 1e-14, atol: 0 });
  });
});
