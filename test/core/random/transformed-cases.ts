/** The cases of test/fixtures/random-more.json and the sampler call each names, shared by the sampler tests. */
import type { ArrayValue } from "../../../core/ndarray.js";
import * as np from "../../../core/numpy/index.js";
import * as random from "../../../core/random/index.js";
import { loadFixture, nonEmpty } from "../../helpers.js";
import type { FixtureOut } from "../../random-fixtures.js";

export type Arg = number | { shape: number[]; values: number[] };
export interface Case {
  fn: string;
  dtype: "float32" | "float64";
  key: number[];
  args: Arg[];
  shape: number[] | null;
  out: FixtureOut;
}
export const cases = nonEmpty(loadFixture<{ cases: Case[] }>("random-more").cases, "random-more cases");

/** A call of the sampler a case names, as a function of the key. */
export function samplerCall(c: Case): (key: ArrayValue) => ArrayValue {
  const a = c.args.map((x) => (typeof x === "number" ? x : np.reshape(np.array(x.values, { dtype: c.dtype }), x.shape)));
  const shape = c.shape ?? undefined;
  const dtype = { dtype: c.dtype };
  const calls: Record<string, (k: ArrayValue) => ArrayValue> = {
    rademacher: (k) => random.rademacher(k, shape, c.dtype === "float64" ? dtype : {}),
    cauchy: (k) => random.cauchy(k, shape, dtype),
    logistic: (k) => random.logistic(k, shape, dtype),
    maxwell: (k) => random.maxwell(k, shape, dtype),
    generalizedNormal: (k) => random.generalizedNormal(k, a[0] as number, shape, dtype),
    doubleSidedMaxwell: (k) => random.doubleSidedMaxwell(k, a[0]!, a[1]!, shape, dtype),
    weibullMin: (k) => random.weibullMin(k, a[0]!, a[1]!, shape, dtype),
    lognormal: (k) => random.lognormal(k, a[0]!, shape, dtype),
    pareto: (k) => random.pareto(k, a[0]!, shape, dtype),
    rayleigh: (k) => random.rayleigh(k, a[0]!, shape, dtype),
    wald: (k) => random.wald(k, a[0]!, shape, dtype),
    triangular: (k) => random.triangular(k, a[0]!, a[1]!, a[2]!, shape, dtype),
    t: (k) => random.t(k, a[0]!, shape, dtype),
    chisquare: (k) => random.chisquare(k, a[0]!, shape, dtype),
    f: (k) => random.f(k, a[0]!, a[1]!, shape, dtype),
    geometric: (k) => random.geometric(k, c.dtype === "float64" && typeof a[0] === "number" ? np.array(a[0], { dtype: "float64" }) : a[0]!, shape),
  };
  return calls[c.fn]!;
}

