/**
 * Samples: each family's draws have its mean (within four standard errors) and variance (within
 * 6%, several standard errors at n = 20000 for these light-tailed cases); samples have shape
 * [...shape, ...batch, ...event]; reparameterized families pass gradients through their samples;
 * studentT draws what jax.random.t draws (float64 fixture, 1e-12).
 */
import { describe, expect, it } from "vitest";
import type { ArrayValue, NdArray } from "../../../core/ndarray.js";
import * as np from "../../../core/numpy/index.js";
import * as random from "../../../core/random/index.js";
import * as d from "../../../models/distributions/index.js";
import { grad, jit, vmap } from "../../../transforms/index.js";
import { errorOf, expectClose } from "../../helpers.js";
import { keyOf } from "../../random-fixtures.js";
import { f64, fixture } from "./cases.js";

const n = 20000;
const key = random.key(2024);
const numbers = (x: ArrayValue) => np.ravel(x).toArray() as number[];

const families: [string, () => d.Distribution][] = [
  ["normal", () => d.normal(f64([1.5, -2]), f64([2, 0.5]))],
  ["laplace", () => d.laplace(-1, 0.5)],
  ["uniform", () => d.uniform(-1, 2)],
  ["studentT", () => d.studentT(10, 0.5, 2)],
  ["gamma", () => d.gamma(f64([0.6, 4]), 1.5)],
  ["beta", () => d.beta(2, 3)],
  ["bernoulli", () => d.bernoulli({ logits: f64([-1, 2]) })],
  ["poisson", () => d.poisson(f64([3.5, 40]))],
  ["dirichlet", () => d.dirichlet(f64([1.5, 2, 0.5]))],
  ["multivariateNormal", () => d.multivariateNormal(f64([1, -2]), { covariance: f64([[2, 0.6], [0.6, 1]]) })],
  ["mixture", () => d.mixture(d.categorical({ probs: f64([0.3, 0.7]) }), d.normal(f64([-2, 1]), f64([0.5, 1])))],
];

describe.each(families)("%s samples", (_, make) => {
  it("have the family's mean and variance", () => {
    const dist = make();
    const x = np.astype(dist.sample(key, [n]), "float64");
    expect(x.shape).toEqual([n, ...dist.batchShape, ...dist.eventShape]);
    const mean = numbers(np.mean(x, { axis: 0 }));
    const variance = numbers(np.var(x, { axis: 0 }));
    const trueMean = numbers(np.ravel(dist.mean()));
    const trueVariance = numbers(np.ravel(dist.variance()));
    mean.forEach((m, i) => expect(Math.abs(m - trueMean[i]!)).toBeLessThan(4 * Math.sqrt(trueVariance[i]! / n)));
    variance.forEach((v, i) => expect(Math.abs(v - trueVariance[i]!)).toBeLessThan(0.06 * trueVariance[i]!));
  });
});

describe("sampling", () => {
  it("categorical samples have the class frequencies", () => {
    const x = d.categorical({ probs: f64([0.2, 0.5, 0.3]) }).sample(key, [n]);
    const freq = numbers(np.mean(np.astype(np.equal(np.expandDims(x, -1), np.arange(3)), "float64"), { axis: 0 }));
    [0.2, 0.5, 0.3].forEach((p, i) => expect(Math.abs(freq[i]! - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / n)));
  });

  it("studentT draws jax.random.t's samples, scaled and shifted", () => {
    const c = fixture.studentTSamples;
    const x = d.studentT(f64(c.df), 0, 1).sample(keyOf(c.key), [2]);
    expectClose(x, c.out, { rtol: 1e-12, atol: 1e-12 });
    const shifted = d.studentT(f64(c.df), 3, 2).sample(keyOf(c.key), [2]);
    expectClose(shifted, c.out.map((v) => 3 + 2 * Number(v)), { rtol: 1e-12, atol: 1e-12 });
    // And jax.grad of the draws' sum in df (implicit gradients through the gamma draws).
    const gradDf = (grad((v: ArrayValue) => np.sum(d.studentT(v, 0, 1).sample(keyOf(c.key), [2]))) as (v: ArrayValue) => ArrayValue)(f64(c.df));
    expectClose(gradDf, c.gradDf, { rtol: 1e-9, atol: 1e-12 });
  });

  it("reparameterized samples carry gradients in loc and scale", () => {
    const k = random.key(3);
    const z = numbers(random.normal(k, [5], { dtype: "float64" }));
    const dScale = (grad((s: ArrayValue) => np.sum(d.normal(1, s).sample(k, [5]))) as (s: ArrayValue) => ArrayValue)(f64(2));
    expectClose(dScale, [z.reduce((a, b) => a + b, 0)], { rtol: 1e-12 });
    const dLoc = (grad((m: ArrayValue) => np.sum(d.multivariateNormal(m, { scaleTril: f64([[1, 0], [0.5, 2]]) }).sample(k, [3]))) as (m: ArrayValue) => ArrayValue)(f64([0, 0]));
    expectClose(dLoc, [3, 3], { rtol: 1e-12 });
    const dT = (grad((s: ArrayValue) => np.sum(d.studentT(5, 0, s).sample(k, [4]))) as (s: ArrayValue) => ArrayValue)(f64(1.5));
    expectClose(dT, [(np.sum(d.studentT(5, 0, 1).sample(k, [4])) as NdArray).item()], { rtol: 1e-12 });
  });

  it("gamma, beta and dirichlet samples carry random.gamma's implicit gradients", () => {
    const k = random.key(0);
    const viaDistribution = (grad((a: ArrayValue) => np.sum(d.gamma(a, 2).sample(k, [3]))) as (a: ArrayValue) => ArrayValue)(f64(1.5));
    const viaSampler = (grad((a: ArrayValue) => np.sum(np.divide(random.gamma(k, np.broadcastTo(a, [3])), 2))) as (a: ArrayValue) => ArrayValue)(f64(1.5));
    expectClose(viaDistribution, [(viaSampler as NdArray).item()], { rtol: 1e-14 });
    const g = (grad((a: ArrayValue) => np.sum(d.dirichlet(a).sample(k, [2]))) as (a: ArrayValue) => ArrayValue)(f64([1, 2, 3]));
    // Every draw sums to one, so the sum of the draws has zero gradient.
    expectClose(g, [0, 0, 0], { atol: 1e-12 });
  });

  it("sampling works under vmap over keys and under jit", () => {
    const keys = random.split(key, 3);
    const dist = () => d.normal(f64([0, 10]), 1);
    const batched = vmap((k: ArrayValue) => dist().sample(k, [2]))(keys);
    expect(batched.shape).toEqual([3, 2, 2]);
    const row = (i: number) => np.reshape(np.take(keys, i, { axis: 0 }), [2]);
    expectClose(np.take(batched, 1, { axis: 0 }), numbers(np.ravel(dist().sample(row(1), [2]))), { rtol: 1e-14 });
    const jitted = jit((k: ArrayValue) => d.poisson(f64([2, 30])).sample(k, [3]));
    expect(numbers(jitted(key))).toEqual(numbers(d.poisson(f64([2, 30])).sample(key, [3])));
  });

  it("rejects a bad key or shape naming the family's sample", () => {
    expect(errorOf(() => d.normal(0, 1).sample(3 as never)).message).toMatch(/distributions\.normal\.sample.*key/);
    expect(errorOf(() => d.beta(1, 1).sample(key, [-1])).message).toMatch(/distributions\.beta\.sample.*shape/);
  });
});
