/**
 * Forward-mode rules of the linalg primitives, following JAX's (jax/_src/lax/linalg.py). Each
 * computes the primal outputs, then tangents linear in the input tangent (so linearize + transpose
 * gives reverse mode) from batched matrix products and triangular solves. Cholesky and eigh read
 * only the lower triangle of their operand, so their tangent is first made the symmetric matrix
 * with the tangent's lower triangle: the rule is then the exact derivative of the primitive, and
 * for symmetric tangents (what np.linalg passes after symmetrizing) it is JAX's formula.
 */
import type { DType } from "../dtype.js";
import { describe, fail } from "../errors.js";
import { bind, bind1 } from "../interpreter.js";
import type { ArrayValue } from "../ndarray.js";
import { scalar } from "../numpy/promote.js";
import type { ParamsOf } from "../primitives.js";
import { addTangents, isZero, zeroLike } from "./autodiff-helpers.js";
import {
  asMatrix,
  block,
  constantMatrix,
  diagonal,
  eye,
  matmul,
  mT,
  padZeros,
  permutationMatrix,
  solveTransposed,
  symmetricFromLower,
  tril,
  triu,
} from "./linalg-helpers.js";
import type { JvpRule, Tangent } from "./rule.js";

type SolveParams = ParamsOf["triangularSolve"];

const add = (x: ArrayValue, y: ArrayValue): ArrayValue => bind1("add", [x, y], {});
const sub = (x: ArrayValue, y: ArrayValue): ArrayValue => bind1("sub", [x, y], {});
const mul = (x: ArrayValue, y: ArrayValue): ArrayValue => bind1("mul", [x, y], {});
const div = (x: ArrayValue, y: ArrayValue): ArrayValue => bind1("div", [x, y], {});
const neg = (x: ArrayValue): ArrayValue => bind1("neg", [x], {});
const solve = (a: ArrayValue, b: ArrayValue, params: SolveParams): ArrayValue => bind1("triangularSolve", [a, b], params);
const dims = (x: ArrayValue): [number, number] => x.shape.slice(-2) as [number, number];

/** 1 / (d + I) - I: the reciprocal of a difference matrix off the diagonal, 0 on it (no 1/0 there). */
function reciprocalOffDiagonal(d: ArrayValue, n: number, dtype: DType): ArrayValue {
  const identity = eye(n, dtype);
  return sub(div(scalar(1, dtype), add(d, identity)), identity);
}

/** dL = L phi(L⁻¹ dA L⁻ᵀ), phi taking the lower triangle with its diagonal halved (Murray 2016). */
export const choleskyJvp: JvpRule<"cholesky"> = ([a], [da]) => {
  const l = bind1("cholesky", [a!], {});
  if (isZero(da)) return [[l], [zeroLike(l)]];
  const n = dims(l)[0];
  const sym = symmetricFromLower(da!);
  const right = solve(l, sym, { leftSide: false, lower: true, transposeA: true, unitDiagonal: false });
  const inner = solve(l, right, { leftSide: true, lower: true, transposeA: false, unitDiagonal: false });
  const halfDiagonal = constantMatrix(n, n, l.dtype, (i, j) => (i === j ? 0.5 : 1));
  return [[l], [matmul(l, mul(tril(inner), halfDiagonal))]];
};

/**
 * The tangent of x = op(a)⁻¹ b (or b op(a)⁻¹) from a's tangent: -op(a)⁻¹ op(da) x (or
 * -x op(da) op(a)⁻¹), with da restricted to the triangle the solve reads, multiplied in the
 * cheaper order.
 */
function solveTangentFromA(da: ArrayValue, x: ArrayValue, a: ArrayValue, params: SolveParams): ArrayValue {
  const k = params.unitDiagonal ? 1 : 0;
  let g = neg(params.lower ? tril(da, -k) : triu(da, k));
  if (params.transposeA) g = mT(g);
  const [m, n] = dims(x);
  if (params.leftSide) return m > n ? solve(a, matmul(g, x), params) : matmul(solve(a, g, params), x);
  return m < n ? solve(a, matmul(x, g), params) : matmul(x, solve(a, g, params));
}

/** Linear in b (the same solve of db), plus the term from a's tangent. */
export const triangularSolveJvp: JvpRule<"triangularSolve"> = ([a, b], [da, db], params) => {
  const x = solve(a!, b!, params);
  const fromB: Tangent = isZero(db) ? zeroLike(x) : solve(a!, db!, params);
  const fromA: Tangent = isZero(da) ? zeroLike(x) : solveTangentFromA(da!, x, a!, params);
  return [[x], [addTangents(fromB, fromA)]];
};

/**
 * P dA = dL U + L dU, so L⁻¹ P dA U⁻¹ = L⁻¹ dL + dU U⁻¹, whose strictly lower part is L⁻¹ dL and
 * upper part dU U⁻¹ (De Hoog, Anderssen and Lukas). Rectangular factors are completed to square
 * L (m x m) and U (n x n) with identity blocks, as JAX does.
 */
export const luJvp: JvpRule<"lu"> = ([a], [da]) => {
  const outs = bind("lu", [a!], {});
  const [lu, , perm] = outs as [ArrayValue, ArrayValue, ArrayValue];
  if (isZero(da)) return [outs, outs.map(zeroLike)];
  const [m, n] = dims(lu);
  const k = Math.min(m, n);
  const dtype = lu.dtype;
  const l = add(padZeros(tril(block(lu, [0, m], [0, k]), -1), 0, m - k), eye(m, dtype));
  const trailingIdentity = constantMatrix(n, n, dtype, (i, j) => (i === j && i >= k ? 1 : 0));
  const u = add(padZeros(triu(block(lu, [0, k], [0, n])), n - k, 0), trailingIdentity);
  const permuted = matmul(permutationMatrix(perm, dtype), da!);
  const la = solve(l, permuted, { leftSide: true, lower: true, transposeA: false, unitDiagonal: true });
  const lau = solve(u, la, { leftSide: false, lower: false, transposeA: false, unitDiagonal: false });
  const dLu = add(matmul(l, tril(lau, -1)), matmul(triu(lau), u));
  return [outs, [dLu, zeroLike(outs[1]!), zeroLike(outs[2]!)]];
};

/** QR of a tall or square x (m >= n, reduced): JAX's thin-QR rule (Townsend's derivation). */
function thinQrJvp(q: ArrayValue, r: ArrayValue, dx: ArrayValue): [ArrayValue, ArrayValue] {
  const dxRinv = solve(r, dx, { leftSide: false, lower: false, transposeA: false, unitDiagonal: false });
  const qtDxRinv = matmul(mT(q), dxRinv);
  const lower = tril(qtDxRinv, -1);
  const skew = sub(lower, mT(lower));
  const dq = add(matmul(q, sub(skew, qtDxRinv)), dxRinv);
  const dr = matmul(sub(qtDxRinv, skew), r);
  return [dq, dr];
}

/**
 * Wide matrices split x = [x1 x2] with x1 square: (dq, dr1) from x1 = q r1, dr2 = dqᵀ x2 + qᵀ dx2.
 * Full mode for tall matrices extends dq to the complement columns as JAX does (Roberts and
 * Roberts, arXiv:2409.13374), which relies on Householder Q's (LAPACK's) choice of complement.
 */
export const qrJvp: JvpRule<"qr"> = ([x], [dx], params) => {
  const [q, r] = bind("qr", [x!], params) as [ArrayValue, ArrayValue];
  if (isZero(dx)) return [[q, r], [zeroLike(q), zeroLike(r)]];
  const [m, n] = dims(x!);
  if (m < n) {
    const [dq, dr1] = thinQrJvp(q, block(r, [0, m], [0, m]), block(dx!, [0, m], [0, m]));
    const dr2 = add(matmul(mT(dq), block(x!, [0, m], [m, n])), matmul(mT(q), block(dx!, [0, m], [m, n])));
    return [[q, r], [dq, bind1("concatenate", [dr1, dr2], { axis: r.ndim - 1 })]];
  }
  if (!params.fullMatrices || m === n) {
    const [dq, dr] = thinQrJvp(q, r, dx!);
    return [[q, r], [dq, dr]];
  }
  const qmn = block(q, [0, m], [0, n]);
  const [dqmn, drnn] = thinQrJvp(qmn, block(r, [0, n], [0, n]), dx!);
  const qnn = block(qmn, [0, n], [0, n]);
  const qpn = block(qmn, [n, m], [0, n]);
  const qmp = block(q, [0, m], [n, m]);
  const dqnn = block(dqmn, [0, n], [0, n]);
  const dqpn = block(dqmn, [n, m], [0, n]);
  // z = qpn (qnn - I)⁻¹, found as the solve (qnn - I)ᵀ zᵀ = qpnᵀ.
  const zT = solveTransposed(sub(qnn, eye(n, q.dtype)), mT(qpn));
  const z = mT(zT);
  const dqmp = sub(matmul(dqmn, zT), matmul(add(qmn, matmul(qmp, z)), mT(sub(dqpn, matmul(z, dqnn)))));
  const dq = bind1("concatenate", [dqmn, dqmp], { axis: q.ndim - 1 });
  const dr = padZeros(drnn, m - n, 0);
  return [[q, r], [dq, dr]];
};

/**
 * Non-degenerate perturbation theory: with S = Vᵀ dA V, dw = diag(S) and dV = V (F ∘ S),
 * F_ij = 1 / (w_j - w_i) off the diagonal and 0 on it (infinite for repeated eigenvalues, as JAX).
 */
export const eighJvp: JvpRule<"eigh"> = ([a], [da]) => {
  const [w, v] = bind("eigh", [a!], {}) as [ArrayValue, ArrayValue];
  if (isZero(da)) return [[w, v], [zeroLike(w), zeroLike(v)]];
  const n = dims(v)[0];
  const projected = matmul(matmul(mT(v), symmetricFromLower(da!)), v);
  const f = reciprocalOffDiagonal(sub(asMatrix(w, "row"), asMatrix(w, "column")), n, w.dtype);
  return [[w, v], [diagonal(projected), matmul(v, mul(f, projected))]];
};

/**
 * With dS = Uᵀ dA V: ds = diag(dS), dU = U (F ∘ (dS S + S dSᵀ)), dV = V (F ∘ (S dS + dSᵀ S)),
 * F_ij = 1 / (s_j² - s_i²) off the diagonal, plus the components outside span(U) (tall) or
 * span(V) (wide). (JAX's extra term ½(dS - dSᴴ) ∘ S⁻¹ on the diagonal vanishes for real input.)
 * Full U or Vᵀ of a non-square matrix is not implemented, as in JAX.
 */
export const svdJvp: JvpRule<"svd"> = ([a], [da], params) => {
  const [m, n] = dims(a!);
  if (params.computeUv && params.fullMatrices && m !== n) {
    fail("svd", `jvp is not implemented for full matrices of a non-square operand (got ${describe(a!)}); use fullMatrices: false, as JAX requires`);
  }
  const [u, s, vt] = bind("svd", [a!], { fullMatrices: false, computeUv: true }) as [ArrayValue, ArrayValue, ArrayValue];
  const primals = params.computeUv ? [u, s, vt] : [s];
  if (isZero(da)) return [primals, primals.map(zeroLike)];
  const v = mT(vt);
  const dS = matmul(matmul(mT(u), da!), v);
  const ds = diagonal(dS);
  if (!params.computeUv) return [primals, [ds]];
  const k = Math.min(m, n);
  const row = asMatrix(s, "row");
  const column = asMatrix(s, "column");
  const f = reciprocalOffDiagonal(mul(add(row, column), sub(row, column)), k, s.dtype);
  const dSS = mul(row, dS);
  const SdS = mul(column, dS);
  let du = matmul(u, mul(f, add(dSS, mT(dSS))));
  let dv = matmul(v, mul(f, add(SdS, mT(SdS))));
  if (m > n) {
    const daV = matmul(da!, v);
    du = add(du, div(sub(daV, matmul(u, matmul(mT(u), daV))), row));
  }
  if (n > m) {
    const daTU = matmul(mT(da!), u);
    dv = add(dv, div(sub(daTU, matmul(v, matmul(vt, daTU))), row));
  }
  return [primals, [du, ds, mT(dv)]];
};
