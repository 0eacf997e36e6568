/**
 * What the fixtures do not show: scipy's dtype promotion, its functions under jit and vmap, and
 * the arguments it rejects (each with an error naming the function).
 */
import { describe, expect, it } from "vitest";
import { grad, jit, np, scipy, vmap, type ArrayValue } from "../../../index.js";
import { expectClose } from "../../helpers.js";
import { expectReadableError } from "../../misuse/case.js";

const { special, stats } = scipy;

describe("scipy: promotion as JAX's promote_args_inexact", () => {
  it("lifts integers and JS numbers to float32 and keeps float64", () => {
    expect(special.gammaln(np.array([1, 2], { dtype: "int32" })).dtype).toBe("float32");
    expect(special.xlogy(2, 3).dtype).toBe("float32");
    expect(special.xlogy(np.array([2], { dtype: "float64" }), 3).dtype).toBe("float64");
    expect(stats.norm.logpdf(np.array([0.5], { dtype: "float64" })).dtype).toBe("float64");
    expect(stats.poisson.logpmf(np.array([1, 2], { dtype: "int32" }), 2).dtype).toBe("float32");
  });

  it("rejects integer operands where JAX raises a TypeError (ndtr, ndtri, logNdtr)", () => {
    for (const f of [special.ndtr, special.ndtri, special.logNdtr]) {
      expectReadableError(() => f(np.array([1], { dtype: "int32" })), "dtype int32", "float32 or float64");
    }
  });
});

describe("scipy under the transforms", () => {
  const x = np.array([0, 0.25, 2, 5], { dtype: "float64" });

  it("gives the same values under jit and vmap as eagerly", () => {
    const f = (v: ArrayValue) => np.add(special.xlogy(v, 3), np.add(special.gammaln(np.add(v, 1)), stats.norm.logcdf(v)));
    expectClose(jit(f)(x), f(x).toArray(), { rtol: 1e-14, atol: 1e-14 });
    expectClose(vmap(f)(x), f(x).toArray(), { rtol: 1e-14, atol: 1e-14 });
  });

  it("runs gammainc's convergence loops under jit, vmap and grad (a batched lax.whileLoop)", () => {
    const a = np.array([0.5, 2, 10, 3], { dtype: "float64" });
    const f = (p: ArrayValue) => np.add(special.gammainc(p, 2.5), special.gammaincc(p, 0.5));
    expectClose(jit(f)(a), f(a).toArray(), { rtol: 1e-14, atol: 1e-14 });
    expectClose(vmap(f)(a), f(a).toArray(), { rtol: 1e-14, atol: 1e-14 });
    // d/dx P(a, x) = x^(a-1) e^-x / Γ(a); at a = 1 that is e^-x.
    expectClose(grad((x: ArrayValue) => special.gammainc(1, x).sum())(np.array([0.5, 2], { dtype: "float64" })), [Math.exp(-0.5), Math.exp(-2)], { rtol: 1e-7 });
  });

  it("differentiates betainc in x only, as JAX (a or b is an error)", () => {
    const x = np.array([0.25, 0.5], { dtype: "float64" });
    // I_x(1, 1) = x, so the derivative is 1.
    expectClose(grad((v: ArrayValue) => special.betainc(1, 1, v).sum())(x), [1, 1], { rtol: 1e-7 });
    expectReadableError(() => grad((a: ArrayValue) => special.betainc(a, 2, x).sum())(np.array([1, 2], { dtype: "float64" })), "being differentiated");
  });

  it("differentiates the incomplete gamma function in one argument without the other's NaN (JAX's per-argument rules)", () => {
    // d/dx P(a, x) at a = 0 is 0 (Γ(0) is infinite) although d/da there is NaN: only x is differentiated.
    expectClose(grad((v: ArrayValue) => special.gammainc(0, v).sum())(np.array([0.5], { dtype: "float64" })), [0], { atol: 0 });
  });

  it("differentiates through the custom rules in reverse mode (xlogy at 0, entr, logit, i1e)", () => {
    expectClose(grad((v: ArrayValue) => special.xlogy(v, 0.5).sum())(x), [Math.log(0.5), Math.log(0.5), Math.log(0.5), Math.log(0.5)], { rtol: 1e-15 });
    expectClose(grad((v: ArrayValue) => special.entr(v).sum())(np.array([1, Math.E], { dtype: "float64" })), [-1, -2], { rtol: 1e-15 });
    expectClose(grad((v: ArrayValue) => special.logit(v).sum())(np.array([0.5], { dtype: "float64" })), [4], { rtol: 1e-15 });
    expectClose(grad((v: ArrayValue) => special.i1e(v).sum())(np.array([0], { dtype: "float64" })), [0.5], { rtol: 1e-15 });
    // gammaln's derivative is digamma, as JAX's rule.
    expectClose(grad((v: ArrayValue) => special.gammaln(v).sum())(np.array([1], { dtype: "float64" })), [-0.5772156649015329], { rtol: 1e-7 });
  });
});

describe("scipy: arguments", () => {
  it("softmax and logSoftmax normalize over every axis by default (nn's default is the last)", () => {
    const x = np.array([[1, 2], [3, 4]], { dtype: "float64" });
    expectClose(special.softmax(x).sum(), 1, { rtol: 1e-15 });
    expectClose(special.softmax(x, { axis: -1 }), np.exp(np.subtract(x, special.logsumexp(x, { axis: -1, keepdims: true }))).toArray(), { rtol: 1e-15 });
    expectClose(special.logSoftmax(x, null), np.subtract(x, special.logsumexp(x)).toArray(), { rtol: 1e-15 });
  });

  it("rejects what JAX rejects, naming the function", () => {
    expectReadableError(() => special.factorial(3, { exact: true }), "scipy.special.factorial", "exact: true");
    expectReadableError(() => special.multigammaln(2, 0), "scipy.special.multigammaln", "d");
    expectReadableError(() => special.multigammaln(2, 1.5), "scipy.special.multigammaln");
    expectReadableError(() => special.polygamma(-1, 2), "scipy.special.polygamma", "n");
    expectReadableError(() => special.polygamma(0.5, 2), "scipy.special.polygamma");
    expectReadableError(() => special.logNdtr(np.array([1]), { seriesOrder: 31 }), "scipy.special.logNdtr", "seriesOrder");
    expectReadableError(() => special.comb(3, 2, { repetiton: true } as never), 'did you mean "repetition"');
    expectReadableError(() => stats.multivariateNormal.logpdf(np.zeros([3]), np.zeros([3]), np.eye(2)), "scipy.stats.multivariateNormal.logpdf", "[..., 3, 3]");
    expectReadableError(() => stats.norm.logpdf("x" as never), "scipy.stats.norm.logpdf");
    expectReadableError(() => (special.xlogy as (...a: unknown[]) => unknown)(1, 2, 3), "scipy.special.xlogy");
  });

  it("multinomial takes integer counts (closed forms: 3!/(1! 2!) 0.4 0.6² and a mismatched total)", () => {
    const p = np.array([0.4, 0.6], { dtype: "float64" });
    const counts = np.array([1, 2], { dtype: "int32" });
    expectClose(stats.multinomial.pmf(counts, 3, p), 3 * 0.4 * 0.36, { rtol: 1e-7 });
    expect(stats.multinomial.logpmf(counts, 4, p).item()).toBe(-Infinity);
    expect(stats.multinomial.logpmf(counts, 3, p).dtype).toBe("float64");
    expectReadableError(() => stats.multinomial.logpmf(np.array([1, 2]), 3, p), "scipy.stats.multinomial.logpmf", "integers");
  });

  it("dirichlet checks alpha's rank and x's first axis", () => {
    expectReadableError(() => stats.dirichlet.logpdf(np.array([0.5, 0.5]), np.ones([2, 2])), "alpha must be one-dimensional");
    expectReadableError(() => stats.dirichlet.logpdf(np.array([0.5]), np.ones([3])), "one entry fewer");
  });

  it("multigammaln and polygamma take the JS numbers JAX needs concrete", () => {
    expectClose(special.multigammaln(np.array([2.5], { dtype: "float64" }), 1), special.gammaln(np.array([2.5], { dtype: "float64" })).toArray(), { rtol: 1e-15 });
    expectClose(special.polygamma(0, np.array([2], { dtype: "float64" })), special.digamma(np.array([2], { dtype: "float64" })).toArray(), { rtol: 1e-15 });
  });
});
