/**
 * Every family is differentiable, vmappable and jittable in its parameters: the gradient of an
 * objective touching logProb, entropy, mean and variance matches float64 central differences
 * (to 1e-6 relative), vmap over a batch of parameter vectors matches a loop, and jit matches eager.
 */
import { describe, expect, it } from "vitest";
import type { ArrayValue, NdArray } from "../../../core/ndarray.js";
import * as np from "../../../core/numpy/index.js";
import * as d from "../../../models/distributions/index.js";
import { grad, jit, vmap } from "../../../transforms/index.js";
import { expectClose } from "../../helpers.js";
import { f64 } from "./cases.js";

/** Entries start..end-1 of a parameter vector (one entry: a scalar). */
const at = (theta: ArrayValue, i: number): ArrayValue => np.take(theta, i);
const part = (theta: ArrayValue, start: number, end: number): ArrayValue => np.take(theta, np.arange(start, end));

/** sum logProb(x) + entropy + mean + variance, each summed (entropy skipped where it has no closed form). */
function objective(dist: d.Distribution, x: ArrayValue, entropy = true, moments = true): ArrayValue {
  let total = np.sum(dist.logProb(x));
  if (entropy) total = np.add(total, np.sum(dist.entropy()));
  if (moments) total = np.add(total, np.add(np.sum(dist.mean()), np.sum(dist.variance())));
  return total;
}

interface FamilyCase {
  readonly name: string;
  readonly f: (theta: ArrayValue) => ArrayValue;
  readonly theta: number[];
  /** A second parameter vector, for vmap. */
  readonly other: number[];
}

const cases: FamilyCase[] = [
  { name: "normal", f: (t) => objective(d.normal(at(t, 0), at(t, 1)), f64([-1, 0.5, 2])), theta: [0.3, 1.7], other: [-1, 0.4] },
  { name: "laplace", f: (t) => objective(d.laplace(at(t, 0), at(t, 1)), f64([-1, 2])), theta: [0.3, 1.7], other: [0.5, 0.6] },
  { name: "uniform", f: (t) => objective(d.uniform(at(t, 0), at(t, 1)), f64([0.2])), theta: [-0.5, 1.5], other: [0, 3] },
  { name: "studentT", f: (t) => objective(d.studentT(at(t, 0), at(t, 1), at(t, 2)), f64([-1, 0.5, 3])), theta: [4.5, 0.3, 1.2], other: [3.5, -1, 2] },
  { name: "gamma", f: (t) => objective(d.gamma(at(t, 0), at(t, 1)), f64([0.5, 2])), theta: [2.5, 1.3], other: [0.7, 3] },
  { name: "beta", f: (t) => objective(d.beta(at(t, 0), at(t, 1)), f64([0.3, 0.8])), theta: [2.5, 1.3], other: [0.7, 3] },
  { name: "bernoulli (logits)", f: (t) => objective(d.bernoulli({ logits: at(t, 0) }), f64([0, 1, 1])), theta: [0.4], other: [-2] },
  { name: "bernoulli (probs)", f: (t) => objective(d.bernoulli({ probs: at(t, 0) }), f64([0, 1, 1])), theta: [0.4], other: [0.9] },
  {
    name: "categorical",
    f: (t) => objective(d.categorical({ logits: part(t, 0, 3) }), np.array([0, 2, 2], { dtype: "int32" }), true, false),
    theta: [0.1, -0.5, 1.2],
    other: [2, 0, -1],
  },
  { name: "poisson", f: (t) => objective(d.poisson(at(t, 0)), f64([0, 3, 7]), false), theta: [2.5], other: [11] },
  { name: "dirichlet", f: (t) => objective(d.dirichlet(part(t, 0, 3)), f64([[0.2, 0.3, 0.5]])), theta: [1.5, 2, 0.7], other: [4, 1, 1] },
  {
    name: "multivariateNormal",
    f: (t) => {
      const scaleTril = np.stack([np.stack([at(t, 2), np.zerosLike(at(t, 2))]), np.stack([at(t, 3), at(t, 4)])]);
      return objective(d.multivariateNormal(part(t, 0, 2), { scaleTril }), f64([[0.5, -1], [2, 0]]));
    },
    theta: [0.2, -0.3, 1.3, 0.4, 0.8],
    other: [1, 1, 0.5, -0.2, 2],
  },
  {
    name: "mixture of normals",
    f: (t) => objective(d.mixture(d.categorical({ logits: part(t, 0, 2) }), d.normal(part(t, 2, 4), part(t, 4, 6))), f64([-1, 0.5, 2]), false),
    theta: [0.3, -0.2, -1, 1.5, 0.7, 1.1],
    other: [0, 0, 0, 0.5, 1, 2],
  },
  {
    name: "kl(gamma || gamma)",
    f: (t) => d.kl(d.gamma(at(t, 0), at(t, 1)), d.gamma(1.5, 0.7)),
    theta: [2.5, 1.3],
    other: [0.5, 2],
  },
  {
    name: "kl(mvn || mvn)",
    f: (t) => {
      const scaleTril = np.stack([np.stack([at(t, 2), np.zerosLike(at(t, 2))]), np.stack([at(t, 3), at(t, 4)])]);
      return d.kl(d.multivariateNormal(part(t, 0, 2), { scaleTril }), d.multivariateNormal(f64([0, 1]), { covariance: f64([[2, 0.3], [0.3, 1]]) }));
    },
    theta: [0.2, -0.3, 1.3, 0.4, 0.8],
    other: [1, 1, 0.5, -0.2, 2],
  },
];

const value = (x: ArrayValue) => (x as NdArray).item() as number;

describe.each(cases.map((c) => [c.name, c] as const))("%s", (_, c) => {
  it("grad matches float64 central differences", () => {
    const g = (grad(c.f) as (t: ArrayValue) => ArrayValue)(f64(c.theta)).toArray() as number[];
    const h = 1e-6;
    const numeric = c.theta.map((_, i) => {
      const shifted = (delta: number) => value(c.f(f64(c.theta.map((v, j) => (j === i ? v + delta : v)))));
      return (shifted(h) - shifted(-h)) / (2 * h);
    });
    expectClose(g, numeric, { rtol: 1e-6, atol: 1e-6 });
  });

  it("vmap over parameter vectors matches a loop, and jit matches eager", () => {
    const batched = vmap(c.f)(f64([c.theta, c.other]));
    expectClose(batched, [value(c.f(f64(c.theta))), value(c.f(f64(c.other)))], { rtol: 1e-13, atol: 1e-13 });
    expect(value(jit(c.f)(f64(c.theta)))).toBeCloseTo(value(c.f(f64(c.theta))), 12);
  });
});
