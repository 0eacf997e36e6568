/** x log y and the entropies (xlogy, xlog1py, entr, relEntr, klDiv) with JAX's derivative rules, logit, Box-Cox, and scipy's softmax. */
import type { ArrayOrScalar, ArrayValue } from "../../../core/ndarray.js";
import * as nn from "../../../core/nn.js";
import * as np from "../../../core/numpy/index.js";
import { either, integer, integerList, nullable, readOptions } from "../../../core/validate.js";
import { customJvp } from "../../custom.js";
import { floats } from "./promote.js";

const xlogyWithRule: (x: ArrayValue, y: ArrayValue) => ArrayValue = customJvp(
  (x: ArrayValue, y: ArrayValue) => np.where(np.logicalOr(np.notEqual(x, 0), np.isnan(y)), np.multiply(x, np.log(y)), np.zerosLike(x)),
  ([x, y], [dx, dy]) => {
    const [a, b, ta, tb] = [x, y, dx, dy] as ArrayValue[];
    return [xlogyWithRule(a!, b!), np.add(np.multiply(ta!, np.log(b!)), np.divide(np.multiply(tb!, a!), b!))];
  },
);

const xlog1pyWithRule: (x: ArrayValue, y: ArrayValue) => ArrayValue = customJvp(
  (x: ArrayValue, y: ArrayValue) => np.where(np.logicalOr(np.notEqual(x, 0), np.isnan(y)), np.multiply(x, np.log1p(y)), np.zerosLike(x)),
  ([x, y], [dx, dy]) => {
    const [a, b, ta, tb] = [x, y, dx, dy] as ArrayValue[];
    return [xlog1pyWithRule(a!, b!), np.add(np.multiply(ta!, np.log1p(b!)), np.divide(np.multiply(tb!, a!), np.add(1, b!)))];
  },
);

/** x log x with the derivative log x + 1 (JAX's `_xlogx`): 0 at x = 0, derivative -inf there. */
const xlogx: (x: ArrayValue) => ArrayValue = customJvp(
  (x: ArrayValue) => xlogyWithRule(x, x),
  ([x], [t]) => [xlogx(x as ArrayValue), np.multiply(t as ArrayValue, np.add(np.log(x as ArrayValue), 1))],
);

/**
 * x · log(y), 0 where x = 0 (unless y is NaN). Its derivative is JAX's rule,
 * (dx · log y + dy · x / y), so at x = 0 the gradient in x is log y.
 *
 * @example
 * import { grad, np, scipy } from "tessera";
 * scipy.special.xlogy(np.array([0, 2]), np.array([0, Math.E])); // [0, 2]
 * grad((x) => scipy.special.xlogy(x, 0.5))(np.array(0)); // log(0.5), JAX's derivative at x = 0
 */
export function xlogy(x: ArrayOrScalar, y: ArrayOrScalar): ArrayValue {
  const [a, b] = floats("xlogy", x, y);
  return xlogyWithRule(a!, b!);
}

/** x · log(1 + y), 0 where x = 0 (unless y is NaN); derivative dx · log1p(y) + dy · x / (1 + y), as JAX. */
export function xlog1py(x: ArrayOrScalar, y: ArrayOrScalar): ArrayValue {
  const [a, b] = floats("xlog1py", x, y);
  return xlog1pyWithRule(a!, b!);
}

/** The entropy summand -x log x: 0 at x = 0, -inf for x < 0. */
export function entr(x: ArrayOrScalar): ArrayValue {
  const [a] = floats("entr", x);
  return np.where(np.less(a!, 0), -Infinity, np.negative(xlogx(a!)));
}

/** The relative entropy summand p log(p / q): 0 where p = 0 and q >= 0, +inf where p or q is negative or only q is 0. */
export function relEntr(p: ArrayOrScalar, q: ArrayOrScalar): ArrayValue {
  const [a, b] = floats("relEntr", p, q);
  return relativeEntropy(a!, b!);
}

function relativeEntropy(p: ArrayValue, q: ArrayValue): ArrayValue {
  const bothPositive = np.logicalAnd(np.greater(p, 0), np.greater(q, 0));
  const zeroP = np.logicalAnd(np.equal(p, 0), np.greaterEqual(q, 0));
  const safeP = np.where(bothPositive, p, 1);
  const safeQ = np.where(bothPositive, q, 1);
  const value = np.subtract(xlogx(safeP), xlogyWithRule(safeP, safeQ));
  return np.where(bothPositive, value, np.where(zeroP, np.zerosLike(p), Infinity));
}

/** The Kullback-Leibler summand p log(p / q) - p + q (relEntr(p, q) - p + q). */
export function klDiv(p: ArrayOrScalar, q: ArrayOrScalar): ArrayValue {
  const [a, b] = floats("klDiv", p, q);
  return np.add(np.subtract(relativeEntropy(a!, b!), a!), b!);
}

const logitWithRule: (x: ArrayValue) => ArrayValue = customJvp(
  (x: ArrayValue) => np.log(np.divide(x, np.subtract(1, x))),
  ([x], [t]) => {
    const p = x as ArrayValue;
    return [logitWithRule(p), np.divide(t as ArrayValue, np.multiply(p, np.subtract(1, p)))];
  },
);

/** log(p / (1 - p)), the inverse of expit; derivative 1 / (p (1 - p)), as JAX. */
export function logit(x: ArrayOrScalar): ArrayValue {
  return logitWithRule(floats("logit", x)[0]!);
}

/** The Box-Cox transform (x^λ - 1) / λ, log x where λ = 0. */
export function boxcox(x: ArrayOrScalar, lmbda: ArrayOrScalar): ArrayValue {
  const [a, l] = floats("boxcox", x, lmbda);
  return boxcoxOfLog(np.log(a!), l!);
}

/** The Box-Cox transform of 1 + x: ((1 + x)^λ - 1) / λ, log1p(x) where λ = 0. */
export function boxcox1p(x: ArrayOrScalar, lmbda: ArrayOrScalar): ArrayValue {
  const [a, l] = floats("boxcox1p", x, lmbda);
  return boxcoxOfLog(np.log1p(a!), l!);
}

function boxcoxOfLog(logX: ArrayValue, lmbda: ArrayValue): ArrayValue {
  const zero = np.equal(lmbda, 0);
  const safe = np.where(zero, np.onesLike(lmbda), lmbda);
  return np.where(zero, logX, np.divide(np.expm1(np.multiply(safe, logX)), safe));
}

/** Options of softmax and logSoftmax: the axes to normalize over (all by default, as scipy). */
export interface ScipySoftmaxOptions {
  readonly axis?: number | readonly number[] | null;
}

const axisOption = nullable(either(integer, integerList, "an integer or a list of integers"));

function softmaxAxes(name: string, x: ArrayOrScalar, options: unknown): number[] {
  const o = readOptions(`scipy.special.${name}`, options, { axis: axisOption });
  if (o.axis === undefined || o.axis === null) return [...Array(np.asarray(x).ndim).keys()];
  return typeof o.axis === "number" ? [o.axis] : [...o.axis];
}

/** exp(x) / sum(exp(x)) over `axis` (every axis by default, as jax.scipy.special; `nn.softmax` defaults to the last). */
export function softmax(x: ArrayOrScalar, options: ScipySoftmaxOptions | null = {}): ArrayValue {
  return nn.softmax(x, { axis: softmaxAxes("softmax", x, options) });
}

/** x - logsumexp(x) over `axis` (every axis by default, as jax.scipy.special). */
export function logSoftmax(x: ArrayOrScalar, options: ScipySoftmaxOptions | null = {}): ArrayValue {
  return nn.logSoftmax(x, { axis: softmaxAxes("logSoftmax", x, options) });
}
