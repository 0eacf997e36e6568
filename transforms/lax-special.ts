/**
 * lax's spellings of the special functions that scipy.special implements (transforms/scipy/special):
 * the same values and derivative rules, with lax's strictness. Operands are float32 or float64
 * arrays of one dtype (JS numbers take their partner's dtype, as in every lax op); there is no
 * promotion. Where JAX's primitive has no derivative rule (zeta, igamma_grad_a, polygamma in m,
 * betainc in a and b), differentiating is an error here too.
 */
import { describeAll, fail } from "../core/errors.js";
import { laxOperands } from "../core/lax/args.js";
import type { ArrayOrScalar, ArrayValue } from "../core/ndarray.js";
import { checkArity } from "../core/validate.js";
import { customJvp } from "./custom.js";
import { i0e, i1e } from "./scipy/special/bessel.js";
import { digamma as scipyDigamma, gammaln, polygammaOfArray } from "./scipy/special/gamma.js";
import { betainc as scipyBetainc } from "./scipy/special/incomplete-beta.js";
import { gammainc, gammaincc, gammaincDerivativeInA } from "./scipy/special/incomplete-gamma.js";
import { hurwitzZeta } from "./scipy/special/zeta.js";

/** The operands as arrays of one float dtype, or an error naming the op and what it got. */
function floatOperands(op: string, args: IArguments, xs: readonly unknown[]): ArrayValue[] {
  if (args.length > xs.length) checkArity(op, args, xs.length);
  const arrays = laxOperands(op, xs);
  if (arrays.some((a) => a.dtype !== "float32" && a.dtype !== "float64")) {
    fail(op, `got ${describeAll(arrays)}; expected float32 or float64 operands`);
  }
  if (arrays.some((a) => a.dtype !== arrays[0]!.dtype)) {
    fail(op, `operands must share one dtype, got ${describeAll(arrays)}; convert one with astype (scipy.special promotes automatically)`);
  }
  return arrays;
}

/** `f` with a derivative rule that fails: JAX defines none for this primitive. */
function notDifferentiable<A extends ArrayValue[]>(op: string, f: (...xs: A) => ArrayValue): (...xs: A) => ArrayValue {
  return customJvp(f, () => fail(op, "has no derivative rule (as in JAX)"));
}

/** exp(-|x|) I0(x), the exponentially scaled modified Bessel function of order 0 (scipy.special.i0e). */
export function besselI0e(x: ArrayOrScalar): ArrayValue {
  return i0e(floatOperands("lax.besselI0e", arguments, [x])[0]!);
}

/** exp(-|x|) I1(x), the exponentially scaled modified Bessel function of order 1 (scipy.special.i1e). */
export function besselI1e(x: ArrayOrScalar): ArrayValue {
  return i1e(floatOperands("lax.besselI1e", arguments, [x])[0]!);
}

/** The regularized incomplete beta function I_x(a, b) (scipy.special.betainc): differentiable in x only. */
export function betainc(a: ArrayOrScalar, b: ArrayOrScalar, x: ArrayOrScalar): ArrayValue {
  const [p, q, y] = floatOperands("lax.betainc", arguments, [a, b, x]);
  return scipyBetainc(p!, q!, y!);
}

/** ψ(x) = d/dx log Γ(x) (scipy.special.digamma); its derivative is polygamma(1, x). */
export function digamma(x: ArrayOrScalar): ArrayValue {
  return scipyDigamma(floatOperands("lax.digamma", arguments, [x])[0]!);
}

/** log|Γ(x)| (scipy.special.gammaln); its derivative is digamma(x). */
export function lgamma(x: ArrayOrScalar): ArrayValue {
  return gammaln(floatOperands("lax.lgamma", arguments, [x])[0]!);
}

/** The regularized lower incomplete gamma function P(a, x) (scipy.special.gammainc). */
export function igamma(a: ArrayOrScalar, x: ArrayOrScalar): ArrayValue {
  const [p, y] = floatOperands("lax.igamma", arguments, [a, x]);
  return gammainc(p!, y!);
}

/** The regularized upper incomplete gamma function Q(a, x) = 1 - P(a, x) (scipy.special.gammaincc). */
export function igammac(a: ArrayOrScalar, x: ArrayOrScalar): ArrayValue {
  const [p, y] = floatOperands("lax.igammac", arguments, [a, x]);
  return gammaincc(p!, y!);
}

const gradA = notDifferentiable("lax.igammaGradA", gammaincDerivativeInA);

/**
 * d/da P(a, x), the derivative of the regularized lower incomplete gamma function in a (the
 * derivative igamma's rule uses): NaN for a <= 0 or x < 0.
 *
 * @example
 * import { np, lax } from "tessera";
 * lax.igammaGradA(np.array([0.5, 2]), np.array([1, 0.5])); // [-0.3898, -0.1510]
 */
export function igammaGradA(a: ArrayOrScalar, x: ArrayOrScalar): ArrayValue {
  const [p, y] = floatOperands("lax.igammaGradA", arguments, [a, x]);
  return gradA(p!, y!);
}

/**
 * ψ^(m)(x), the m-th derivative of digamma, for an array of orders `m` (of x's dtype): NaN where m
 * is negative or not an integer. Differentiable in x (ψ^(m+1)); not in m, as in JAX.
 */
export function polygamma(m: ArrayOrScalar, x: ArrayOrScalar): ArrayValue {
  const [order, y] = floatOperands("lax.polygamma", arguments, [m, x]);
  return polygammaOfArray(order!, y!);
}

const hurwitz = notDifferentiable("lax.zeta", hurwitzZeta);

/** The Hurwitz zeta function ζ(x, q) = Σ_{k>=0} (q + k)^-x (scipy.special.zeta); not differentiable, as in JAX. */
export function zeta(x: ArrayOrScalar, q: ArrayOrScalar): ArrayValue {
  const [s, a] = floatOperands("lax.zeta", arguments, [x, q]);
  return hurwitz(s!, a!);
}
