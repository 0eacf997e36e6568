/** The fixture (test/fixtures/distributions.json) and builders of its distributions, shared by the tests. */
import type { ArrayValue } from "../../../core/ndarray.js";
import * as np from "../../../core/numpy/index.js";
import * as d from "../../../models/distributions/index.js";
import { loadFixture } from "../../helpers.js";

type Num = number | string;
export interface ScalarCase {
  family: string;
  params: number[];
  x: Num[];
  logProb: Num[];
  mean: Num;
  variance: Num;
  entropy: Num | null;
}
export interface VectorCase {
  family: string;
  params: Record<string, number[] | number[][]>;
  x: number[] | number[][];
  logProb: Num[];
  mean?: Num[];
  variance?: Num[];
  entropy: Num;
}
export interface KlCase {
  family: string;
  p: number[] | Record<string, number[] | number[][]>;
  q: number[] | Record<string, number[] | number[][]>;
  kl: Num;
}
export const fixture = loadFixture<{
  special: { x: number[]; gammaln: Num[]; digamma: Num[] };
  scalar: ScalarCase[];
  vector: VectorCase[];
  mixture: { weights: number[]; locs: number[]; scales: number[]; x: number[]; logProb: Num[]; mean: number; variance: number }[];
  kl: KlCase[];
  studentTSamples: { key: number[]; df: number[]; shape: number[]; out: Num[]; gradDf: Num[] };
}>("distributions");

export const f64 = (x: number | number[] | number[][]): ArrayValue => np.array(x, { dtype: "float64" });

/** A scalar family from its positional parameters (numbers or arrays). */
export function scalarFamily(family: string, params: readonly (number | ArrayValue)[]): d.Distribution {
  const [a, b, c] = params as [number, number, number];
  switch (family) {
    case "normal": return d.normal(a, b);
    case "laplace": return d.laplace(a, b);
    case "uniform": return d.uniform(a, b);
    case "studentT": return d.studentT(a, b, c);
    case "gamma": return d.gamma(a, b);
    case "beta": return d.beta(a, b);
    case "bernoulli": return d.bernoulli({ probs: a });
    case "poisson": return d.poisson(a);
    default: throw new Error(`no scalar family ${family}`);
  }
}

/** A vector family (or categorical) from the fixture's named parameters. */
export function vectorFamily(family: string, params: Record<string, number[] | number[][]>): d.Distribution {
  switch (family) {
    case "dirichlet": return d.dirichlet(f64(params.concentration!));
    case "multivariateNormal": return d.multivariateNormal(f64(params.loc!), { covariance: f64(params.covariance!) });
    case "categorical": return d.categorical({ probs: f64(params.probs!) });
    default: throw new Error(`no vector family ${family}`);
  }
}
