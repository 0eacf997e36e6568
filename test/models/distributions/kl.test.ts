/**
 * kl(p, q) against closed forms computed by the fixture script (test/fixtures/generate_distributions.py),
 * each of which that script checked against quadrature or summation; float64, 1e-12.
 */
import { describe, expect, it } from "vitest";
import * as np from "../../../core/numpy/index.js";
import * as d from "../../../models/distributions/index.js";
import { errorOf, expectClose, nonEmpty } from "../../helpers.js";
import { f64, fixture, scalarFamily, vectorFamily, type KlCase } from "./cases.js";

function build(family: string, params: KlCase["p"]): d.Distribution {
  if (family === "categorical") return d.categorical({ probs: f64(params as number[]) });
  if (family === "dirichlet") return d.dirichlet(f64(params as number[]));
  if (family === "multivariateNormal") return vectorFamily(family, params as Record<string, number[][]>);
  return scalarFamily(family, params as number[]);
}

describe("kl", () => {
  it.each(nonEmpty(fixture.kl, "kl cases").map((c) => [`${c.family} ${JSON.stringify(c.p)} || ${JSON.stringify(c.q)}`, c] as const))("%s", (_, c) => {
    expectClose(d.kl(build(c.family, c.p), build(c.family, c.q)), [c.kl], { rtol: 1e-12, atol: 1e-12 });
  });

  it("is zero between a distribution and itself, and broadcasts batches", () => {
    const p = d.normal(f64([0, 1, 2]), 1);
    expectClose(d.kl(p, d.normal(f64([[0], [1]]), 1)), [0, 0.5, 2, 0.5, 0, 0.5], { rtol: 1e-12, atol: 1e-12 });
    const mvn = d.multivariateNormal(f64([0, 0]), { covariance: f64([[2, 0.5], [0.5, 1]]) });
    expectClose(d.kl(mvn, mvn), [0], { atol: 1e-12 });
    expectClose(d.kl(d.bernoulli({ logits: 0.4 }), d.bernoulli({ probs: 1 / (1 + Math.exp(-0.4)) })), [0], { atol: 1e-12 });
  });

  it("names the two families when no closed form exists", () => {
    expect(errorOf(() => d.kl(d.normal(0, 1), d.laplace(0, 1))).message).toMatch(/distributions\.kl.*no closed-form KL divergence between a normal and a laplace distribution/);
    expect(errorOf(() => d.kl(d.studentT(3, 0, 1), d.studentT(3, 0, 1))).message).toMatch(/between a studentT and a studentT/);
    expect(errorOf(() => d.kl(d.categorical({ logits: np.zeros([2]) }), d.categorical({ logits: np.zeros([3]) }))).message).toMatch(/2 and 3 categories/);
    expect(errorOf(() => d.kl(d.normal(0, 1), 3 as never)).message).toMatch(/q must be a distribution/);
  });
});
