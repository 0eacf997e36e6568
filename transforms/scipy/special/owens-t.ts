/**
 * Owen's T function T(h, a) = (1/2π) ∫₀ᵃ exp(-h²(1+u²)/2) / (1+u²) du, as JAX computes it:
 * Patefield and Tandy's 13-point quadrature (their method T5) on |a| <= 1, the reciprocal relation
 * for |a| > 1, exact forms at h = 0 and a = 1. Derivatives are JAX's closed forms:
 * ∂T/∂h = -exp(-h²/2) erf(ah/√2) / (2√(2π)), ∂T/∂a = exp(-(1+a²)h²/2) / (2π(1+a²)).
 */
import type { ArrayOrScalar, ArrayValue } from "../../../core/ndarray.js";
import * as np from "../../../core/numpy/index.js";
import { broadcastShapes } from "../../../core/shape.js";
import { customJvp } from "../../custom.js";
import { floats } from "./promote.js";

// The quadrature's nodes t_i (in u² = a² t) and weights, which carry the 1/2π and the Jacobian (Patefield and Tandy 2000, T5).
const NODES = [
  0.0035082039676451715, 0.031279042338030754, 0.085266826283219451, 0.16245071730812277, 0.25851196049125435, 0.36807553840697534, 0.48501092905604697,
  0.60277514152618577, 0.71477884217753227, 0.81475510988760099, 0.89711029755948966, 0.95723808085944262, 0.99178832974629704,
];
const WEIGHTS = [
  0.018831438115323503, 0.018567086243977649, 0.018042093461223386, 0.017263829606398753, 0.016243219975989857, 0.014994592034116705,
  0.013535474469662088, 0.011886351605820165, 0.010070377242777432, 0.0081130545742299587, 0.0060419009528470239, 0.0038862217010742058,
  0.001679303108454609,
];

/** a Σ_i w_i exp(-h²(1 + a² t_i)/2) / (1 + a² t_i), for 0 <= a <= 1. */
function quadrature(h: ArrayValue, a: ArrayValue): ArrayValue {
  const r = np.multiply(np.expandDims(np.square(a), -1), np.array(NODES, { dtype: a.dtype }));
  const onePlusR = np.add(1, r);
  const integrand = np.divide(np.exp(np.multiply(np.multiply(-0.5, np.expandDims(np.square(h), -1)), onePlusR)), onePlusR);
  return np.multiply(a, np.matmul(integrand, np.array(WEIGHTS, { dtype: a.dtype })));
}

function owensTValue(hSigned: ArrayValue, a: ArrayValue): ArrayValue {
  const h = np.abs(hSigned);
  const absA = np.abs(a);
  const hOverRoot2 = np.divide(h, Math.SQRT2);
  const inUnit = np.lessEqual(absA, 1);
  const modifiedA = np.where(inUnit, absA, np.reciprocal(absA));
  const modifiedH = np.where(inUnit, h, np.multiply(absA, h));
  let result = quadrature(modifiedH, modifiedA);
  result = np.where(np.equal(modifiedH, 0), np.divide(np.arctan(modifiedA), 2 * Math.PI), result);
  const atOne = np.multiply(np.multiply(0.125, np.erfc(np.divide(np.negative(modifiedH), Math.SQRT2))), np.erfc(np.divide(modifiedH, Math.SQRT2)));
  result = np.where(np.equal(modifiedA, 1), atOne, result);
  // |a| > 1: T(h, a) = (Φ-terms of h and ah) - T(ah, 1/a), in the erf form for small ah and the erfc form otherwise.
  const normH = np.erfc(hOverRoot2);
  const normAH = np.erfc(np.multiply(absA, hOverRoot2));
  const smallAH = np.subtract(np.subtract(0.25, np.multiply(np.multiply(0.25, np.erf(hOverRoot2)), np.erf(np.multiply(absA, hOverRoot2)))), result);
  const largeAH = np.subtract(np.multiply(0.25, np.subtract(np.add(normH, normAH), np.multiply(normH, normAH))), result);
  result = np.where(np.greater(absA, 1), np.where(np.lessEqual(np.multiply(absA, h), 0.67), smallAH, largeAH), result);
  result = np.multiply(np.sign(a), result);
  return np.where(np.logicalOr(np.isnan(a), np.isnan(hSigned)), NaN, result);
}

const owensTWithRule: (h: ArrayValue, a: ArrayValue) => ArrayValue = customJvp(
  (h: ArrayValue, a: ArrayValue) => owensTValue(h, a),
  ([hp, ap], [dh, da]) => {
    const [h, a] = [hp as ArrayValue, ap as ArrayValue];
    const inH = np.divide(np.multiply(np.negative(np.exp(np.multiply(-0.5, np.square(h)))), np.erf(np.divide(np.multiply(a, h), Math.SQRT2))), 2 * Math.sqrt(2 * Math.PI));
    const onePlusA2 = np.add(np.square(a), 1);
    const inA = np.divide(np.exp(np.multiply(np.multiply(-0.5, onePlusA2), np.square(h))), np.multiply(2 * Math.PI, onePlusA2));
    return [owensTWithRule(h, a), np.add(np.multiply(inH, dh as ArrayValue), np.multiply(inA, da as ArrayValue))];
  },
);

/**
 * Owen's T function T(h, a) = (1/2π) ∫₀ᵃ exp(-h²(1+u²)/2) / (1+u²) du, by JAX's 13-point
 * quadrature (Patefield and Tandy's T5, with the reciprocal relation for |a| > 1): even in h, odd
 * in a; NaN where either is NaN. Differentiable in both, with JAX's closed forms.
 *
 * @example
 * import { np, scipy } from "tessera";
 * scipy.special.owensT(np.array([0, 0.5, 2]), 1); // [0.125, 0.0977, 0.0111]
 */
export function owensT(h: ArrayOrScalar, a: ArrayOrScalar): ArrayValue {
  const [x, y] = floats("owensT", h, a) as [ArrayValue, ArrayValue];
  const shape = broadcastShapes("scipy.special.owensT", x.shape, y.shape);
  return owensTWithRule(np.broadcastTo(x, shape), np.broadcastTo(y, shape));
}
