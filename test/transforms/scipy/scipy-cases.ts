/**
 * The functions test/fixtures/scipy.json names, resolved in tessera's `scipy` namespace: a path
 * such as `stats.norm.logpdf`, or one of the variants below (a JAX call with options, which the
 * generator names the same way).
 */
import type { ArrayValue } from "../../../core/ndarray.js";
import { scipy } from "../../../index.js";

type Fn = (...args: ArrayValue[]) => ArrayValue;

const VARIANTS: Readonly<Record<string, Fn>> = {
  combRepetition: (n, k) => scipy.special.comb(n!, k!, { repetition: true }),
  multigammaln3: (a) => scipy.special.multigammaln(a!, 3),
  logNdtr1: (x) => scipy.special.logNdtr(x!, { seriesOrder: 1 }),
  polygamma1: (x) => scipy.special.polygamma(1, x!),
  polygamma2: (x) => scipy.special.polygamma(2, x!),
  softmaxAxis0: (x) => scipy.special.softmax(x!, { axis: 0 }),
  betaincX: (x, a, b) => scipy.special.betainc(a!, b!, x!),
};

/** The tessera function a fixture case names. */
export function resolve(name: string): Fn {
  if (name in VARIANTS) return VARIANTS[name]!;
  const value = name.split(".").reduce<unknown>((ns, key) => (ns as Record<string, unknown>)[key], scipy);
  if (typeof value !== "function") throw new Error(`the fixture names ${name}, which tessera's scipy does not have`);
  return value as Fn;
}
