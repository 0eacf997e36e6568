/**
 * models.distributions against scipy.stats 1.17 (test/fixtures/distributions.json), all in float64:
 * log densities, means, variances and entropies to 1e-12 (relative, and absolute near zero), and
 * lgamma/digamma to 1e-13. The mixture's moments are scipy quadratures, good to about 1e-10.
 */
import { describe, expect, it } from "vitest";
import * as np from "../../../core/numpy/index.js";
import { digamma, lgamma } from "../../../core/random/special.js";
import * as d from "../../../models/distributions/index.js";
import { errorOf, expectClose, nonEmpty } from "../../helpers.js";
import { f64, fixture, scalarFamily, vectorFamily } from "./cases.js";

const tight = { rtol: 1e-12, atol: 1e-12 };

describe("lgamma and digamma match scipy.special in float64", () => {
  it("gammaln and digamma", () => {
    const x = f64(fixture.special.x);
    expectClose(lgamma(x), fixture.special.gammaln, { rtol: 1e-13, atol: 1e-13 });
    expectClose(digamma(x), fixture.special.digamma, { rtol: 1e-13, atol: 1e-13 });
  });
});

describe("scalar families match scipy.stats", () => {
  it.each(nonEmpty(fixture.scalar, "scalar families").map((c) => [`${c.family}(${c.params.join(", ")})`, c] as const))("%s", (_, c) => {
    const dist = scalarFamily(c.family, c.params);
    expectClose(dist.logProb(f64(c.x.map(Number))), c.logProb, tight);
    // scipy says +inf for the undefined mean of a t with df <= 1; tessera says NaN, as tfp and torch.
    const undefinedMean = c.family === "studentT" && c.params[0]! <= 1;
    expectClose(dist.mean(), [undefinedMean ? NaN : c.mean], tight);
    expectClose(dist.variance(), [c.variance], tight);
    if (c.entropy === null) expect(errorOf(() => dist.entropy()).message).toMatch(/no closed-form entropy/);
    else expectClose(dist.entropy(), [c.entropy], tight);
  });

  it("float32 parameters give float32 results within float32 accuracy (1e-4 relative)", () => {
    for (const c of nonEmpty(fixture.scalar, "scalar families")) {
      const dist = scalarFamily(c.family, c.params.map((p) => np.array(p, { dtype: "float32" })));
      const logProb = dist.logProb(np.array(c.x.map(Number), { dtype: "float32" }));
      expect(logProb.dtype).toBe("float32");
      expectClose(logProb, c.logProb, { rtol: 1e-4, atol: 1e-4 });
      if (c.entropy !== null) expectClose(dist.entropy(), [c.entropy], { rtol: 1e-4, atol: 1e-4 });
    }
  });

  it("support: -inf outside it", () => {
    expectClose(d.poisson(2).logProb(f64([-1, 1.5])), [-Infinity, -Infinity]);
    expectClose(d.bernoulli({ logits: 0.3 }).logProb(f64([2, 0.5])), [-Infinity, -Infinity]);
    expectClose(d.categorical({ logits: f64([0, 1]) }).logProb(np.array([2, -1], { dtype: "int32" })), [-Infinity, -Infinity]);
  });

  it("bernoulli and categorical from logits agree with probs", () => {
    const p = 0.3;
    const fromLogits = d.bernoulli({ logits: Math.log(p / (1 - p)) });
    expectClose(fromLogits.logProb(f64([0, 1])), [Math.log(0.7), Math.log(0.3)], tight);
    expectClose(fromLogits.entropy(), d.bernoulli({ probs: p }).entropy().toArray() as number, tight);
    const logits = f64([0.5, -1, 2]);
    const probs = np.divide(np.exp(logits), np.sum(np.exp(logits)));
    expectClose(d.categorical({ logits }).entropy(), d.categorical({ probs }).entropy().toArray() as number, tight);
  });
});

describe("vector families match scipy.stats", () => {
  it.each(nonEmpty(fixture.vector, "vector families").map((c) => [c.family, c] as const))("%s", (_, c) => {
    const dist = vectorFamily(c.family, c.params);
    const x = c.family === "categorical" ? np.array(c.x as number[], { dtype: "int32" }) : f64(c.x);
    expectClose(dist.logProb(x), c.logProb, tight);
    expectClose(dist.entropy(), [c.entropy], tight);
    if (c.mean !== undefined) expectClose(dist.mean(), c.mean, tight);
    if (c.variance !== undefined) expectClose(dist.variance(), c.variance, tight);
  });

  it("multivariateNormal from scaleTril is the same distribution as from the covariance", () => {
    const c = nonEmpty(fixture.vector, "vector families").find((v) => v.family === "multivariateNormal")!;
    const dist = d.multivariateNormal(f64(c.params.loc!), { scaleTril: f64(c.params.scaleTril!) });
    expectClose(dist.logProb(f64(c.x)), c.logProb, tight);
    expect(dist.eventShape).toEqual([3]);
    expect(dist.batchShape).toEqual([]);
  });

  it("categorical has no mean or variance (its outcomes are labels)", () => {
    const dist = d.categorical({ logits: f64([0, 1]) });
    expect(errorOf(() => dist.mean()).message).toMatch(/distributions\.categorical\.mean.*no closed-form mean/);
    expect(errorOf(() => dist.variance()).message).toMatch(/labels/);
  });
});

describe("mixture matches scipy", () => {
  it("normal mixture: logsumexp density, total mean and variance", () => {
    for (const c of nonEmpty(fixture.mixture, "mixtures")) {
      const dist = d.mixture(d.categorical({ probs: f64(c.weights) }), d.normal(f64(c.locs), f64(c.scales)));
      expectClose(dist.logProb(f64(c.x)), c.logProb, tight);
      expectClose(dist.mean(), [c.mean], { rtol: 1e-10, atol: 1e-10 });
      expectClose(dist.variance(), [c.variance], { rtol: 1e-10, atol: 1e-10 });
      expect(errorOf(() => dist.entropy()).message).toMatch(/mixture.*no closed-form entropy/);
    }
  });

  it("mixture of multivariate normals: the event axis stays last", () => {
    const comps = d.multivariateNormal(f64([[0, 0], [2, 1]]), { scaleTril: f64([[1, 0], [0, 1]]) });
    const dist = d.mixture(d.categorical({ probs: f64([0.25, 0.75]) }), comps);
    expect(dist.eventShape).toEqual([2]);
    expectClose(dist.mean(), [1.5, 0.75], tight);
    // Var = E[var] + Var[mean] per coordinate: 1 + 0.25 * 0.75 * (2^2 or 1^2).
    expectClose(dist.variance(), [1 + 0.1875 * 4, 1 + 0.1875], tight);
    const x = f64([[1, 1]]);
    const manual = Math.log(0.25 * Math.exp(-1) / (2 * Math.PI) + 0.75 * Math.exp(-0.5) / (2 * Math.PI));
    expectClose(dist.logProb(x), [manual], tight);
    expect(dist.sample(np.array([0, 1], { dtype: "uint32" }), [4]).shape).toEqual([4, 2]);
  });

  it("rejects weights that are not categorical or do not match the components", () => {
    expect(errorOf(() => d.mixture(d.normal(0, 1), d.normal(f64([0, 1]), 1))).message).toMatch(/weights must be a categorical/);
    expect(errorOf(() => d.mixture(d.categorical({ logits: f64([0, 0, 0]) }), d.normal(f64([0, 1]), 1))).message).toMatch(/batch shape \[\.\.\., 3\]/);
  });
});
