/**
 * The scipy.special functions of transforms/scipy/special's newer files (exponential, sine/cosine
 * and Fresnel integrals, erfcx, dawsn, spence, poch, owensT, bernoulli) against JAX
 * (test/fixtures/scipy_more.json): values and forward derivatives in float64 and float32, at
 * ordinary points and the edges; then the transforms and the argument errors.
 *
 * Tolerances: 1e-12 relative in float64 (the algorithms are JAX's). float32 allows 1e-5 relative
 * (float32 rounding differs between XLA's and tessera's kernels, most where a polynomial or exp of
 * a large argument is evaluated: erfcx, expi, sici's auxiliary functions), 2e-5 for poch (through
 * core's float32 Lanczos log-gamma, as the other gamma functions), and more for hyp1f1 where its
 * series cancels.
 */
import { describe, expect, it } from "vitest";
import type { ArrayValue } from "../../../core/ndarray.js";
import { grad, jit, np, scipy, vmap } from "../../../index.js";
import { expectClose } from "../../helpers.js";
import { decode, describeScipyMore, fixture } from "./scipy-more-cases.js";

describeScipyMore("scipy.special (more) against JAX (scipy_more.json)", /^(special\.|besselJn)/, (name, dtype) => {
  // hyp1f1's Taylor series cancels for negative x (terms near e^|x| summing to a small value), so
  // rounding differences between XLA's and tessera's kernels grow by that ratio (JAX's own value
  // is no more accurate there).
  if (name === "special.hyp1f1") return dtype === "float64" ? { rtol: 1e-10, atol: 1e-12 } : { rtol: 2e-4, atol: 1e-4 };
  if (dtype === "float64") return { rtol: 1e-12, atol: 1e-13 };
  return name === "special.poch" ? { rtol: 2e-5, atol: 1e-5 } : { rtol: 1e-5, atol: 1e-6 };
});

const f64 = (values: number[]) => np.array(values, { dtype: "float64" });

describe("scipy.special.bernoulli against JAX", () => {
  for (const [n, entry] of Object.entries(fixture.bernoulli)) {
    for (const dtype of ["float64", "float32"] as const) {
      it(`bernoulli(${n}) in ${dtype}`, () => {
        const got = scipy.special.bernoulli(Number(n), { dtype });
        expect(got.dtype).toBe(dtype);
        expect(got.shape).toEqual(entry[dtype].shape);
        expectClose(got, decode(entry[dtype], dtype).toArray(), dtype === "float64" ? { rtol: 1e-13, atol: 0 } : { rtol: 1e-6, atol: 0 });
      });
    }
  }
  it("is float32 by default and rejects a bad n or option", () => {
    expect(scipy.special.bernoulli(3).dtype).toBe("float32");
    expect(() => scipy.special.bernoulli(-1)).toThrow(/scipy\.special\.bernoulli: n must be a non-negative integer/);
    expect(() => scipy.special.bernoulli(2.5)).toThrow(/scipy\.special\.bernoulli/);
    expect(() => scipy.special.bernoulli(3, { dtype: "int32" as never })).toThrow(/scipy\.special\.bernoulli/);
    expect(() => scipy.special.bernoulli(3, { size: 2 } as never)).toThrow(/scipy\.special\.bernoulli/);
  });
});

describe("scipy.special (more): transforms and errors", () => {
  it("promote integers and JS numbers as the neighbours do", () => {
    expect(scipy.special.erfcx(np.array([1, 2], { dtype: "int32" })).dtype).toBe("float32");
    expect(scipy.special.expn(2, f64([1])).dtype).toBe("float64");
    expect(scipy.special.spence(0.5).dtype).toBe("float32");
  });

  it("spence rejects integer arrays (JAX does not promote them)", () => {
    expect(() => scipy.special.spence(np.array([1, 2], { dtype: "int32" }))).toThrow(/scipy\.special\.spence: x must be float32 or float64, got int32/);
  });

  it("expn is not differentiable in n (JAX's nondiff_argnums)", () => {
    expect(() => grad((n: ArrayValue) => np.sum(scipy.special.expn(n, f64([1, 2]))))(f64([1, 2]))).toThrow(/closes over/);
  });

  it("reverse mode matches the closed-form derivatives", () => {
    const x = f64([0.3, 1.5, 5]);
    const g = (f: (v: ArrayValue) => ArrayValue) => grad((v: ArrayValue) => np.sum(f(v)))(x);
    expectClose(g(scipy.special.expi), np.divide(np.exp(x), x).toArray(), { rtol: 1e-12, atol: 0 });
    expectClose(g(scipy.special.exp1), np.negative(np.divide(np.exp(np.negative(x)), x)).toArray(), { rtol: 1e-12, atol: 0 });
    expectClose(g(scipy.special.dawsn), np.subtract(1, np.multiply(np.multiply(2, x), scipy.special.dawsn(x))).toArray(), { rtol: 1e-12, atol: 0 });
    expectClose(g((v) => scipy.special.sici(v)[0]), np.divide(np.sin(x), x).toArray(), { rtol: 1e-12, atol: 0 });
    expectClose(g((v) => scipy.special.fresnel(v)[1]), np.cos(np.multiply(Math.PI / 2, np.square(x))).toArray(), { rtol: 1e-12, atol: 1e-15 });
    // spence has no rule: its derivative through the approximation is close to log x / (1 - x).
    const unit = f64([0.2, 0.45, 0.7]);
    expectClose(grad((v: ArrayValue) => np.sum(scipy.special.spence(v)))(unit), np.divide(np.log(unit), np.subtract(1, unit)).toArray(), { rtol: 1e-9, atol: 0 });
    // In (1, 2] reverse mode gives NaN, as JAX's grad does (jax.grad of spence at [0.3, 1.5, 5] is
    // [-1.71996115, nan, -0.40235948]): a branch where() discards has log(1 - x) = NaN times a zero cotangent.
    expectClose(grad((v: ArrayValue) => np.sum(scipy.special.spence(v)))(f64([0.3, 1.5, 5])), [-1.71996115, NaN, -0.40235948], { rtol: 1e-8, atol: 0 });
  });

  it("work under jit and vmap", () => {
    const n = f64([1, 2, 3]);
    const x = f64([0.5, 1.5, 4]);
    expectClose(jit((a: ArrayValue, b: ArrayValue) => scipy.special.expn(a, b))(n, x), scipy.special.expn(n, x).toArray(), { rtol: 1e-14, atol: 0 });
    expectClose(vmap((a: ArrayValue, b: ArrayValue) => scipy.special.expn(a, b))(n, x), scipy.special.expn(n, x).toArray(), { rtol: 1e-14, atol: 0 });
    expectClose(vmap((b: ArrayValue) => scipy.special.owensT(b, 0.5))(x), scipy.special.owensT(x, 0.5).toArray(), { rtol: 1e-14, atol: 0 });
    expectClose(jit((b: ArrayValue) => scipy.special.fresnel(b)[0])(x), scipy.special.fresnel(x)[0].toArray(), { rtol: 1e-14, atol: 0 });
    expectClose(vmap((b: ArrayValue) => scipy.special.hyp1f1(1, 2, b))(x), scipy.special.hyp1f1(1, 2, x).toArray(), { rtol: 1e-14, atol: 0 });
    expect(scipy.special.besselJn(np.ones([2, 3]), { v: 4 }).shape).toEqual([5, 2, 3]);
  });

  it("reject extra arguments and unknown operands, naming the function", () => {
    expect(() => (scipy.special.erfcx as (...a: unknown[]) => unknown)(1, 2)).toThrow(/scipy\.special\.erfcx/);
    expect(() => scipy.special.dawsn("1" as never)).toThrow(/scipy\.special\.dawsn/);
    expect(() => scipy.special.expn(f64([1, 2]), f64([1, 2, 3]))).toThrow(/scipy\.special\.expn/);
    expect(() => scipy.special.besselJn(f64([1]), {} as never)).toThrow(/scipy\.special\.besselJn: the order v is required/);
    expect(() => scipy.special.besselJn(f64([1]), { v: -1 })).toThrow(/scipy\.special\.besselJn: v must be a non-negative integer/);
    expect(() => scipy.special.besselJn(f64([1]), { v: 2, nTerms: 3 } as never)).toThrow(/scipy\.special\.besselJn/);
  });
});
