/**
 * Polynomials as coefficient arrays, highest power first (numpy's poly1d convention): poly,
 * polyadd, polysub, polymul, polydiv, polyder, polyint, polyval. Built from np operations over the static
 * coefficient count, so they trace, differentiate and batch like any array code.
 */
import { fail } from "../errors.js";
import { bind1 } from "../interpreter.js";
import { ArrayValue, NdArray, type ArrayOrScalar } from "../ndarray.js";
import { describe } from "../errors.js";
import { broadcastShapes } from "../shape.js";
import { bool, checkArity, count, describeValue, readOptions } from "../validate.js";
import { add, divide, multiply, negative, subtract } from "./elementwise.js";
import { concatenate, pad } from "./movement.js";
import { cast, promote, promoteToFloat, scalar } from "./promote.js";

/** Coefficient i (along the first axis) of `p`, with the remaining axes. */
function coefficient(p: ArrayValue, i: number): ArrayValue {
  const rest = p.shape.slice(1);
  const sliced = bind1("slice", [p], { start: [i, ...rest.map(() => 0)], limit: [i + 1, ...rest], strides: p.shape.map(() => 1) });
  return bind1("reshape", [sliced], { newShape: rest });
}

/** Checks that `p` is a 1-D coefficient array. */
function checkVector(op: string, name: string, p: ArrayValue): void {
  if (p.shape.length !== 1) fail(op, `${name} must be a 1-D array of coefficients (highest power first), got ${describe(p)}`);
}

/** A 1-D operand: a JS number is the constant polynomial [x]. */
function asVector(op: string, x: unknown, position: number): ArrayOrScalar {
  if (typeof x === "number") return x;
  if (x instanceof ArrayValue) return x;
  return fail(op, `argument ${position} must be an array of coefficients, got ${describeValue(x)}`);
}

/** `p` padded with `n` leading zeros. */
function padFront(p: ArrayValue, n: number): ArrayValue {
  return n === 0 ? p : pad(p, [[n, 0]]);
}

/** Arrays as 1-D coefficient vectors (a scalar becomes a length-1 vector). */
function vectors(op: string, arrays: ArrayValue[]): ArrayValue[] {
  return arrays.map((a, i) => {
    const v = a.shape.length === 0 ? bind1("reshape", [a], { newShape: [1] }) : a;
    checkVector(op, `argument ${i}`, v);
    return v;
  });
}

/**
 * The sum of two polynomials (the shorter one aligned to the constant term).
 *
 * @example
 * ```ts
 * import { np } from "tessera";
 * np.polyadd(np.array([1, 2]), np.array([3, 4, 5])); // [3, 5, 7]
 * ```
 */
export function polyadd(a1: ArrayOrScalar, a2: ArrayOrScalar): ArrayValue {
  checkArity("polyadd", arguments, 2);
  const [a, b] = vectors("polyadd", promote("polyadd", asVector("polyadd", a1, 0), asVector("polyadd", a2, 1))) as [ArrayValue, ArrayValue];
  const n = Math.max(a.shape[0]!, b.shape[0]!);
  return add(padFront(a, n - a.shape[0]!), padFront(b, n - b.shape[0]!));
}

/**
 * The difference of two polynomials, a1 - a2.
 *
 * @example
 * ```ts
 * import { np } from "tessera";
 * np.polysub(np.array([1, 2, 3]), np.array([1, 1])); // [1, 1, 2]
 * ```
 */
export function polysub(a1: ArrayOrScalar, a2: ArrayOrScalar): ArrayValue {
  checkArity("polysub", arguments, 2);
  const [a, b] = promote("polysub", asVector("polysub", a1, 0), asVector("polysub", a2, 1)) as [ArrayValue, ArrayValue];
  return polyadd(a, negative(b));
}

/**
 * The product of two polynomials (the full convolution of their coefficients), in a float dtype.
 *
 * @example
 * ```ts
 * import { np } from "tessera";
 * np.polymul(np.array([1, 1]), np.array([1, -1])); // [1, 0, -1]
 * ```
 */
export function polymul(a1: ArrayOrScalar, a2: ArrayOrScalar): ArrayValue {
  checkArity("polymul", arguments, 2);
  const [a, b] = vectors("polymul", promoteToFloat("polymul", asVector("polymul", a1, 0), asVector("polymul", a2, 1))) as [ArrayValue, ArrayValue];
  return convolveFull(a.shape[0] === 0 ? scalarVector(0, a) : a, b.shape[0] === 0 ? scalarVector(0, b) : b);
}

/** [value] in x's dtype. */
function scalarVector(value: number, x: ArrayValue): ArrayValue {
  return bind1("reshape", [scalar(value, x.dtype)], { newShape: [1] });
}

/** The full convolution of 1-D a and b: the sum over i of a[i] * b shifted by i. */
function convolveFull(a: ArrayValue, b: ArrayValue): ArrayValue {
  const n = a.shape[0]!;
  const m = b.shape[0]!;
  let out: ArrayValue | null = null;
  for (let i = 0; i < n; i++) {
    const term = pad(multiply(coefficient(a, i), b), [[i, n - 1 - i]]);
    out = out === null ? term : add(out, term);
  }
  return out ?? bind1("broadcastInDim", [scalar(0, a.dtype)], { shape: [Math.max(m - 1, 0)], broadcastDimensions: [] });
}

/**
 * The polynomial with the given roots: the product of (x - r) over them, leading coefficient 1.
 * Roots are a 1-D array (JAX also takes a square matrix, through its complex eigenvalues; not
 * here, as tessera has no complex dtype).
 *
 * @example
 * ```ts
 * import { np } from "tessera";
 * np.poly(np.array([1, 2])); // [1, -3, 2]
 * ```
 */
export function poly(seqOfZeros: ArrayOrScalar): ArrayValue {
  checkArity("poly", arguments, 1);
  const [roots] = promoteToFloat("poly", asVector("poly", seqOfZeros, 0)) as [ArrayValue];
  if (roots.shape.length > 1) {
    fail("poly", `expected a 1-D array of roots, got ${describe(roots)} (the characteristic polynomial of a matrix needs complex eigenvalues, which tessera does not have)`);
  }
  const zeros = roots.shape.length === 0 ? bind1("reshape", [roots], { newShape: [1] }) : roots;
  if (zeros.shape[0] === 0) return scalar(1, zeros.dtype);
  let a = scalarVector(1, zeros);
  for (let k = 0; k < zeros.shape[0]!; k++) {
    const factor = concatenate([scalarVector(1, zeros), bind1("reshape", [negative(coefficient(zeros, k))], { newShape: [1] })]);
    a = convolveFull(a, factor);
  }
  return a;
}

/**
 * The m-th derivative of a polynomial, in a float dtype.
 *
 * @example
 * ```ts
 * import { np } from "tessera";
 * np.polyder(np.array([1, 1, 1, 1])); // [3, 2, 1]
 * ```
 */
export function polyder(p: ArrayOrScalar, m = 1): ArrayValue {
  checkArity("polyder", arguments, 2);
  const order = count("polyder", "m", m);
  const [coeffs] = vectors("polyder", promoteToFloat("polyder", asVector("polyder", p, 0))) as [ArrayValue];
  if (order === 0) return coeffs;
  const n = coeffs.shape[0]!;
  const length = Math.max(n - order, 0);
  // Coefficient j (highest power first) multiplies x^(n-1-j): its m-th derivative factor is the
  // falling factorial (n-1-j)(n-2-j)...(n-m-j).
  const factors = Array.from({ length }, (_, j) => fallingFactorial(n - 1 - j, order));
  const kept = bind1("slice", [coeffs], { start: [0], limit: [length], strides: [1] });
  return multiply(kept, arrayOf(factors, coeffs));
}

/** k (k-1) ... (k-m+1). */
function fallingFactorial(k: number, m: number): number {
  let product = 1;
  for (let i = 0; i < m; i++) product *= k - i;
  return product;
}

/** A 1-D array of `values` in x's dtype. */
function arrayOf(values: readonly number[], x: ArrayValue): ArrayValue {
  if (values.length === 0) return bind1("broadcastInDim", [scalar(0, x.dtype)], { shape: [0], broadcastDimensions: [] });
  return concatenate(values.map((v) => scalarVector(v, x)));
}

/**
 * The m-th antiderivative of a polynomial, in a float dtype; `k` is the integration constant
 * (a number, used for every integration) or one constant per integration, the first for the
 * innermost.
 *
 * @example
 * ```ts
 * import { np } from "tessera";
 * np.polyint(np.array([3, 2, 1])); // [1, 1, 1, 0]
 * ```
 */
export function polyint(p: ArrayOrScalar, m = 1, k: ArrayOrScalar = 0): ArrayValue {
  checkArity("polyint", arguments, 3);
  const order = count("polyint", "m", m);
  const [coeffs, constants] = promoteToFloat("polyint", asVector("polyint", p, 0), asVector("polyint", k, 2)) as [ArrayValue, ArrayValue];
  checkVector("polyint", "p", coeffs);
  const ks = constants.shape.length === 0 ? bind1("broadcastInDim", [constants], { shape: [order], broadcastDimensions: [] }) : constants;
  if (ks.shape.length !== 1 || (ks.shape[0] !== order && ks.shape[0] !== 1)) {
    fail("polyint", `k must be a number or a 1-D array of length 1 or m = ${order}, got ${describe(constants)}`);
  }
  const allKs = ks.shape[0] === order ? ks : bind1("broadcastInDim", [bind1("reshape", [ks], { newShape: [] })], { shape: [order], broadcastDimensions: [] });
  if (order === 0) return coeffs;
  const n = coeffs.shape[0]!;
  // Entry j of [p, k] (length n + m) multiplies x^(n+m-1-j) after integrating; its divisor is
  // the product over i < m of max(1, n+m-1-j - i).
  const divisors = Array.from({ length: n + order }, (_, j) => {
    let product = 1;
    for (let i = 0; i < order; i++) product *= Math.max(1, n + order - 1 - j - i);
    return product;
  });
  return divide(concatenate([coeffs, cast(allKs, coeffs.dtype)]), arrayOf(divisors, coeffs));
}

/**
 * The polynomial `p` evaluated at `x` by Horner's rule. `p` may have extra axes after the first
 * (a batch of polynomials), which broadcast against x.
 *
 * @example
 * ```ts
 * import { np } from "tessera";
 * np.polyval(np.array([1, 0, -1]), np.array([0, 2])); // [-1, 3]
 * ```
 */
export function polyval(p: ArrayOrScalar, x: ArrayOrScalar): ArrayValue {
  checkArity("polyval", arguments, 2);
  if (!(p instanceof ArrayValue) || p.shape.length === 0) {
    fail("polyval", `p must be an array of coefficients with at least one axis, got ${p instanceof ArrayValue ? describe(p) : describeValue(p)}`);
  }
  const [coeffs, points] = promote("polyval", p, x) as [ArrayValue, ArrayValue];
  const shape = broadcastShapes("polyval", coeffs.shape.slice(1), points.shape);
  let y: ArrayValue = bind1("broadcastInDim", [scalar(0, points.dtype)], { shape, broadcastDimensions: [] });
  for (let i = 0; i < coeffs.shape[0]!; i++) y = add(multiply(y, points), coefficient(coeffs, i));
  return y;
}

/** Options of polydiv: `trimLeadingZeros` drops the remainder's leading near-zeros (|r| < sqrt(eps)), as numpy; it needs concrete values. */
export interface PolydivOptions {
  readonly trimLeadingZeros?: boolean;
}

/**
 * The quotient and remainder `[q, r]` of dividing polynomial u by v, in a float dtype, by long
 * division. As JAX (and unlike numpy), the remainder keeps u's length (its leading entries are
 * zeros up to rounding) so its shape never depends on the values; `trimLeadingZeros` trims it
 * the way numpy does, for concrete inputs only.
 *
 * @example
 * ```ts
 * import { np } from "tessera";
 * np.polydiv(np.array([5, 7, 9]), np.array([4, 1])); // [[1.25, 1.4375], [0, 0, 7.5625]]
 * ```
 */
export function polydiv(u: ArrayOrScalar, v: ArrayOrScalar, options?: PolydivOptions | null): [ArrayValue, ArrayValue] {
  const op = "polydiv";
  checkArity(op, arguments, 3);
  const o = readOptions(op, options, { trimLeadingZeros: bool });
  const [dividend, divisor] = promoteToFloat(op, asVector(op, u, 0), asVector(op, v, 1)) as [ArrayValue, ArrayValue];
  checkVector(op, "u", dividend);
  checkVector(op, "v", divisor);
  if (divisor.shape[0] === 0) fail(op, `v must have at least one coefficient, got ${describe(divisor)}`);
  const m = dividend.shape[0]! - 1;
  const n = divisor.shape[0]! - 1;
  // Each step removes the leading term of the running remainder: d = u[k] / v[0] (as u[k] times
  // 1 / v[0], JAX's rounding), then u -= d v aligned at k.
  const scale = divide(1, coefficient(divisor, 0));
  const quotient: ArrayValue[] = [];
  let remainder = dividend;
  for (let k = 0; k <= m - n; k++) {
    const d = multiply(scale, coefficient(remainder, k));
    quotient.push(bind1("reshape", [d], { newShape: [1] }));
    remainder = subtract(remainder, pad(multiply(d, divisor), [[k, m - n - k]]));
  }
  const q = quotient.length > 0 ? concatenate(quotient) : arrayOf([0], dividend);
  return [q, o.trimLeadingZeros ? trimLeading(op, remainder) : remainder];
}

/** `r` without its leading entries below sqrt(eps) in magnitude (all of them: an empty array). */
function trimLeading(op: string, r: ArrayValue): ArrayValue {
  if (!(r instanceof NdArray)) fail(op, `trimLeadingZeros: true needs concrete inputs (the remainder's length depends on its values), got a traced ${describe(r)}`);
  const tolerance = Math.sqrt(r.dtype === "float32" ? 2 ** -23 : 2 ** -52);
  const values = r.toArray() as number[];
  const first = values.findIndex((x) => !(Math.abs(x) < tolerance));
  const start = first === -1 ? values.length : first;
  return bind1("slice", [r], { start: [start], limit: [values.length], strides: [1] });
}
