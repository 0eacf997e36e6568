/**
 * jax.lax's spellings of np functions (core/lax/aliases.ts), selectN (core/lax/select-n.ts) and
 * map (transforms/map.ts) against JAX 0.10.2 (test/fixtures/generate_lax_ops.py): values, dtypes
 * and shapes, float64 gradients; then the errors JAX raises, naming the op, and jit/vmap agreeing
 * with eager.
 */
import { describe, expect, it } from "vitest";
import { lax, np, jit, vmap, grad, jvp, jacfwd, jacrev, hessian, makeJaxpr, type ArrayValue } from "../../../index.js";
import { expectClose } from "../../helpers.js";
import { describeJaxCases } from "../numpy/jax-cases.js";

/** The functions the fixture's "map.<key>" cases apply (as generate_lax_ops.py's MAP_FNS). */
const MAP_FNS: Record<string, (v: ArrayValue) => unknown> = {
  square: (v) => v.mul(v),
  rowNorm: (v) => np.sqrt(np.sum(v.mul(v))),
  pair: (v) => [np.sum(v), np.max(v)],
};

/** The combining functions of the "associativeScan.<key>" cases (as SCAN_FNS). */
const SCAN_FNS: Record<string, (a: never, b: never) => unknown> = {
  add: (a: ArrayValue, b: ArrayValue) => a.add(b),
  max: (a: ArrayValue, b: ArrayValue) => np.maximum(a, b),
  matmul: (a: ArrayValue, b: ArrayValue) => np.matmul(a, b),
  affine: ([a1, b1]: ArrayValue[], [a2, b2]: ArrayValue[]) => [a1!.mul(a2!), a2!.mul(b1!).add(b2!)],
};

/** The functions of the "scatterApply.<key>" cases (as APPLY_FNS). */
const APPLY_FNS: Record<string, (v: ArrayValue) => ArrayValue> = {
  double: (v) => v.mul(2),
  exp: (v) => np.exp(v),
};

/** The computations of the "reduce.<key>" cases (as REDUCE_FNS); the lax ones are the monoids JAX recognises. */
const REDUCE_FNS: Record<string, (a: never, b: never) => unknown> = {
  add: lax.add,
  mul: lax.mul,
  max: lax.max,
  min: lax.min,
  and: lax.and,
  or: lax.or,
  halfPlus: (a: ArrayValue, b: ArrayValue) => a.mul(0.5).add(b),
  argmax: ([v1, i1]: ArrayValue[], [v2, i2]: ArrayValue[]) => {
    const first = np.greaterEqual(v1!, v2!);
    return [np.where(first, v1!, v2!), np.where(first, i1!, i2!)];
  },
};

/** Elementwise Newton iterations (as generate_lax_ops.py's newton). */
const newton = (f: (x: ArrayValue) => ArrayValue, x0: ArrayValue): ArrayValue =>
  lax.foriLoop(0, 30, (_i: ArrayValue, x: ArrayValue) => x.sub(f(x).div(jvp(f, [x], [np.onesLike(x)])[1])), x0);
const diagonalSolve = (g: (x: ArrayValue) => ArrayValue, y: ArrayValue) => y.div(g(np.onesLike(y)));
const newtonSqrt = (a: ArrayValue) => lax.customRoot((x: ArrayValue) => x.mul(x).sub(a), np.onesLike(a), newton, diagonalSolve) as ArrayValue;

/** Conjugate gradients, one iteration per unknown (exact for the fixture's 4x4 system). */
function cg(matvec: (x: ArrayValue) => ArrayValue, b: ArrayValue): ArrayValue {
  const r0 = b.sub(matvec(np.zerosLike(b)));
  const [x] = lax.foriLoop(0, b.shape[0]!, (_i: ArrayValue, [x, r, p, rr]: ArrayValue[]) => {
    const ap = matvec(p!);
    const alpha = rr!.div(np.dot(p!, ap));
    const rNext = r!.sub(alpha.mul(ap));
    const rrNext = np.dot(rNext, rNext);
    return [x!.add(alpha.mul(p!)), rNext, rNext.add(rrNext.div(rr!).mul(p!)), rrNext];
  }, [np.zerosLike(b), r0, r0, np.dot(r0, r0)]) as ArrayValue[];
  return x!;
}
/** Solves by materializing the operator (for a nonsymmetric system), as generate_lax_ops.py's dense_solve. */
const denseSolve = (matvec: (x: ArrayValue) => ArrayValue, b: ArrayValue) => np.linalg.solve(jacfwd(matvec)(b), b);
const cgSymmetric = (a: ArrayValue, b: ArrayValue) => lax.customLinearSolve((v: ArrayValue) => np.matmul(a, v), b, cg, null, { symmetric: true }) as ArrayValue;
const cgTransposed = (a: ArrayValue, b: ArrayValue) => lax.customLinearSolve((v: ArrayValue) => np.matmul(a, v), b, cg, cg) as ArrayValue;
/** A nonsymmetric operator capturing a matrix and a scalar shift: (a + s I) v. */
const shiftedDense = (a: ArrayValue, s: ArrayValue, b: ArrayValue) => lax.customLinearSolve((v: ArrayValue) => np.matmul(a, v).add(s.mul(v)), b, denseSolve, denseSolve) as ArrayValue;

/** The jvp of f at its first `f.length` arguments along the rest. */
const jvpOf = (f: (...xs: ArrayValue[]) => ArrayValue) => (...xs: ArrayValue[]) => jvp(f, xs.slice(0, f.length) as never, xs.slice(f.length) as never);
/** The jvp of the gradient of sum(f²) with respect to all of f's arguments: the gradients, then their tangents. */
const jvpOfGrad = (f: (...xs: ArrayValue[]) => ArrayValue) => {
  const argnums = [...Array(f.length).keys()];
  const g = grad((...xs: ArrayValue[]) => np.sum(f(...xs).mul(f(...xs))), { argnums });
  return (...xs: ArrayValue[]) => (jvp(g, xs.slice(0, f.length) as never, xs.slice(f.length) as never) as ArrayValue[][]).flat();
};
/** jacfwd of f, checked against jacrev (both are JAX's jacfwd, which the fixture holds). */
const jacobianOf = (f: (...xs: ArrayValue[]) => ArrayValue, argnums: number | number[]) => (...xs: ArrayValue[]) => {
  const forward = jacfwd(f, { argnums })(...xs) as ArrayValue | ArrayValue[];
  const reverse = jacrev(f, { argnums })(...xs) as ArrayValue | ArrayValue[];
  [forward].flat().forEach((j, i) => expectClose(j, [reverse].flat()[i]!.toArray(), { rtol: 1e-12, atol: 1e-12 }));
  return forward;
};

/** Forward mode (and forward over reverse) of the implicit solves, against JAX's. */
const FORWARD_FNS: Record<string, (...args: ArrayValue[]) => unknown> = {
  jvpSqrt: jvpOf(newtonSqrt),
  jacfwdSqrt: jacobianOf(newtonSqrt, 0),
  hessianSqrt: (a) => jacfwd(jacrev((v: ArrayValue) => np.sum(np.power(newtonSqrt(v), 3))))(a!),
  jvpCgSymmetric: jvpOf(cgSymmetric),
  jvpCgTransposed: jvpOf(cgTransposed),
  jvpShiftedDense: jvpOf(shiftedDense),
  jacfwdShiftedDense: jacobianOf(shiftedDense, [0, 1, 2]),
  jacfwdCgTransposed: jacobianOf(cgTransposed, [0, 1]),
  jvpGradShiftedDense: jvpOfGrad(shiftedDense),
  hessianCgSymmetric: (a, b) => jacfwd(jacrev((bb: ArrayValue) => np.sum(np.power(cgSymmetric(a!, bb), 3))))(b!),
};

const IMPLICIT_FNS: Record<string, (...args: ArrayValue[]) => unknown> = {
  sqrt: newtonSqrt,
  // symmetric: the transposed solve is solve itself.
  cg: (a, b) => lax.customLinearSolve((v: ArrayValue) => np.matmul(a!, v), b!, cg, null, { symmetric: true }),
  // hasAux, and the transposed system solved by transposeSolve through vecmat.
  cgAux: (a, b) =>
    (lax.customLinearSolve((v: ArrayValue) => np.matmul(a!, v), b!, (mv, r) => [cg(mv, r), np.array(7)], (vm, r) => [cg(vm, r), np.array(0)], { hasAux: true }) as unknown[])[0],
  ...FORWARD_FNS,
};

describeJaxCases("lax_ops", "jax.lax's operations", (name) => {
  const [group, key] = name.split(".") as [string, string];
  if (group === "associativeScan") return (elems: unknown, options: object) => lax.associativeScan(SCAN_FNS[key]!, elems as never, options);
  if (group === "scatterApply") return (x: ArrayValue, idx: ArrayValue, dn: never, options: object) => lax.scatterApply(x, idx, APPLY_FNS[key]!, dn, options);
  if (group === "reduce") return (x: unknown, init: unknown, dims: number[]) => lax.reduce(x, init, REDUCE_FNS[key]!, dims);
  if (group === "customRoot" || group === "customLinearSolve") return IMPLICIT_FNS[key];
  if (group === "map") return (xs: ArrayValue, options: object) => lax.map(MAP_FNS[key]!, xs, options);
  return (lax as unknown as Record<string, unknown>)[key];
});

describe("lax's spellings of np functions reject what JAX rejects, naming the op", () => {
  const x = np.ones([2, 3]);
  const i = np.ones([2, 3], { dtype: "int32" });
  it("mixed dtypes are errors (lax never promotes)", () => {
    expect(() => lax.clamp(np.array(0), i, 3)).toThrow(/lax.clamp.*same dtype/);
    expect(() => lax.stack([x, i])).toThrow(/lax.stack.*same dtype/);
    expect(() => lax.selectN(np.array(0, { dtype: "int32" }), x, i)).toThrow(/lax.selectN.*one dtype/);
  });
  it("shapes", () => {
    expect(() => lax.clamp(np.zeros([3]), x, 3)).toThrow(/lax.clamp.*min must be a scalar or have the operand's shape/);
    expect(() => lax.dot(np.ones([2, 2, 2]), np.ones([2, 2]))).toThrow(/lax.dot.*dimensionNumbers must be given/);
    expect(() => lax.batchMatmul(np.ones([2, 3]), np.ones([3]))).toThrow(/lax.batchMatmul.*rank >= 2/);
    expect(() => lax.batchMatmul(np.ones([1, 2, 3]), np.ones([2, 3, 4]))).toThrow(/lax.batchMatmul.*batch axes/);
    expect(() => lax.full([2], np.ones([2]))).toThrow(/lax.full.*fillValue must be a scalar/);
    expect(() => lax.expandDims(x, [0, 0])).toThrow(/lax.expandDims.*repeated axis/);
    expect(() => lax.expandDims(x, [5])).toThrow(/lax.expandDims/);
    expect(() => lax.squeeze(np.ones([1, 2, 1]), [1])).toThrow(/lax.squeeze.*size 2/);
    expect(() => lax.split(x, [1, 1], 1)).toThrow(/lax.split.*sum to 2.*size 3/);
    expect(() => lax.split(x, [-1, 4], 1)).toThrow(/lax.split.*nonnegative/);
    expect(() => lax.stack([x, np.ones([3, 2])])).toThrow(/lax.stack.*same shape/);
    expect(() => lax.tile(x, [2])).toThrow(/lax.tile.*one entry per axis/);
    expect(() => lax.selectN(np.zeros([2], { dtype: "int32" }), np.ones([3]), np.ones([3]))).toThrow(/lax.selectN.*scalar or have the cases' shape/);
  });
  it("dtypes", () => {
    expect(() => lax.reciprocal(i)).toThrow(/lax.reciprocal.*float/);
    expect(() => lax.reduceOr(x, [1])).toThrow(/lax.reduceOr.*bool or integer/);
    expect(() => lax.selectN(np.array(0), x, x)).toThrow(/lax.selectN.*bool or integer/);
    expect(() => lax.selectN(np.array(true), x, x, x)).toThrow(/lax.selectN.*at most two cases/);
    expect(() => lax.selectN(np.array(0, { dtype: "int32" }))).toThrow(/lax.selectN.*at least one case/);
    expect(() => lax.empty([2], "int8" as never)).toThrow(/lax.empty.*dtype/);
  });
  it("map's options and xs", () => {
    expect(() => lax.map((v: ArrayValue) => v, x, { batch: 2 } as never)).toThrow(/lax.map.*unknown option "batch"/);
    expect(() => lax.map((v: ArrayValue) => v, x, { batchSize: -1 })).toThrow(/lax.map.*batchSize/);
    expect(() => lax.map((v: ArrayValue[]) => v, [x, np.ones([3])], { batchSize: 1 })).toThrow(/lax.map.*leading axis sizes/);
  });
});

describe("lax.associativeScan rejects what JAX rejects, naming the op", () => {
  const add = (a: ArrayValue, b: ArrayValue) => a.add(b);
  it("elems, axis and fn's output", () => {
    expect(() => lax.associativeScan(add, np.array(1))).toThrow(/lax.associativeScan.*axis to scan along/);
    expect(() => lax.associativeScan(add as never, [np.ones([3]), np.ones([4])])).toThrow(/lax.associativeScan.*same size along axis 0/);
    expect(() => lax.associativeScan(add, np.ones([3]), { axis: 1 })).toThrow(/lax.associativeScan.*axis/);
    expect(() => lax.associativeScan(add, np.ones([3]), { revers: true } as never)).toThrow(/lax.associativeScan.*unknown option "revers"/);
    expect(() => lax.associativeScan((a: ArrayValue) => np.sum(a), np.ones([4, 2]))).toThrow(/lax.associativeScan.*shaped and typed as its inputs/);
    expect(() => lax.associativeScan((a: ArrayValue) => [a, a], np.ones([4]))).toThrow(/lax.associativeScan.*same structure/);
  });
  it("jits and batches", () => {
    const x = np.arange(14).astype("float32").reshape([2, 7]);
    const f = (a: ArrayValue) => lax.associativeScan(add, a, { axis: -1 });
    expect(jit(f)(x).toArray()).toEqual(np.cumsum(x, { axis: 1 }).toArray());
    expect(vmap(f)(x).toArray()).toEqual(np.cumsum(x, { axis: 1 }).toArray());
  });
});

describe("the scatters reject what JAX rejects, naming the op", () => {
  const point = { updateWindowDims: [], insertedWindowDims: [0], scatterDimsToOperandDims: [0] };
  const x = np.zeros([5]);
  const idx = np.array([[1], [3]], { dtype: "int32" });
  const u = np.ones([2]);
  it("dimension numbers and shapes", () => {
    expect(() => lax.scatter(x, idx, u, { updateWindowDims: [], insertedWindowDims: [0] } as never)).toThrow(/lax.scatter.*scatterDimsToOperandDims is required/);
    expect(() => lax.scatter(x, idx, u, { ...point, extra: [] } as never)).toThrow(/lax.scatter.*unknown option "extra"/);
    expect(() => lax.scatter(x, idx, u, { ...point, insertedWindowDims: [] })).toThrow(/lax.scatter.*rank 1 must equal/);
    expect(() => lax.scatter(x, idx, u, { ...point, scatterDimsToOperandDims: [0, 0] })).toThrow(/lax.scatter.*2 entries but the index vectors/);
    expect(() => lax.scatter(x, idx, np.ones([3]), point)).toThrow(/lax.scatter.*updates axis 0 \(size 3\) must match scatterIndices axis 0 \(size 2\)/);
    expect(() => lax.scatter(x, idx, np.ones([2, 1]), point)).toThrow(/lax.scatter.*updates must have rank/);
  });
  it("dtypes and options", () => {
    expect(() => lax.scatterMul(x, idx, np.ones([2], { dtype: "int32" }), point)).toThrow(/lax.scatterMul.*operand's dtype/);
    expect(() => lax.scatter(x, np.array([[1], [3]]), u, point)).toThrow(/lax.scatter.*integer/);
    expect(() => lax.scatterMax(x, idx, u, point, { mode: "wrap" } as never)).toThrow(/lax.scatterMax.*mode/);
    expect(() => lax.scatterApply(x, idx, (v: ArrayValue) => v, point, { updateShape: [2], uniqueIndex: true } as never)).toThrow(/lax.scatterApply.*unknown option "uniqueIndex"/);
  });
  it("jit and vmap agree with eager", () => {
    const f = (o: ArrayValue, v: ArrayValue) => lax.scatterMax(o, idx, v, point);
    const o = np.arange(10).astype("float32").reshape([2, 5]);
    const v = np.array([[9, -1], [2, 8]]);
    const eager = np.stack([f(o.slice(0), v.slice(0)), f(o.slice(1), v.slice(1))]);
    expect(vmap(f)(o, v).toArray()).toEqual(eager.toArray());
    expect(jit(f)(o.slice(0), v.slice(0)).toArray()).toEqual(eager.slice(0).toArray());
  });
});

describe("lax.reduce", () => {
  const x = np.ones([2, 3]);
  it("runs a recognised monoid with its identity as the reduction primitive, anything else as a fold", () => {
    expect(String(makeJaxpr((a: ArrayValue) => lax.reduce(a, np.array(0), lax.add, [1]))(x))).toMatch(/reduceSum/);
    expect(String(makeJaxpr((a: ArrayValue) => lax.reduce(a, np.array(-Infinity), (p: ArrayValue, q: ArrayValue) => lax.max(q, p), [1]))(x))).toMatch(/reduceMax/);
    expect(String(makeJaxpr((a: ArrayValue) => lax.reduce(a, np.array(1), lax.add, [1]))(x))).toMatch(/scan/);
  });
  it("rejects what JAX rejects, naming the op", () => {
    expect(() => lax.reduce(x, np.array(0, { dtype: "int32" }), lax.add, [1])).toThrow(/lax.reduce.*operand's dtype/);
    expect(() => lax.reduce(x, np.zeros([3]), lax.add, [1])).toThrow(/lax.reduce.*scalars/);
    expect(() => lax.reduce(x, np.array(0), lax.add, [2])).toThrow(/lax.reduce.*out of range/);
    expect(() => lax.reduce(x, np.array(0), lax.add, [1, 1])).toThrow(/lax.reduce.*distinct/);
    expect(() => lax.reduce([x, x], [np.array(0)], lax.add, [1])).toThrow(/lax.reduce.*structure of operands/);
    expect(() => lax.reduce(x, np.array(0), (a: ArrayValue) => a.astype("int32"), [1])).toThrow(/lax.reduce.*operands' dtypes/);
  });
});

describe("customRoot and customLinearSolve differentiate implicitly", () => {
  const a = np.array([0.5, 2, 9], { dtype: "float64" });
  it("Newton's square root has the closed-form gradient 1 / (2 sqrt(a))", () => {
    const g = grad((v: ArrayValue) => np.sum(newtonSqrt(v)))(a);
    expect(g.toArray()).toEqual((np.divide(1, np.multiply(2, np.sqrt(a))).toArray() as number[]).map((v) => expect.closeTo(v, 12)) as never);
  });
  it("never differentiates the solver's iterations (a whileLoop solver, which reverse mode cannot go through)", () => {
    const whileNewton = (f: (x: ArrayValue) => ArrayValue, x0: ArrayValue) =>
      (lax.whileLoop(([i]: ArrayValue[]) => i!.lt(30), ([i, x]: ArrayValue[]) => [i!.add(1), x!.sub(f(x!).div(jvp(f, [x!], [np.onesLike(x!)])[1]))], [np.array(0, { dtype: "int32" }), x0]) as ArrayValue[])[1]!;
    const root = (v: ArrayValue) => lax.customRoot((x: ArrayValue) => x.mul(x).sub(v), np.onesLike(v), whileNewton, diagonalSolve) as ArrayValue;
    const g = grad((v: ArrayValue) => np.sum(root(v)))(a);
    expect(g.toArray()).toEqual((np.divide(1, np.multiply(2, np.sqrt(a))).toArray() as number[]).map((v) => expect.closeTo(v, 12)) as never);
    // Second order under jit, reverse over reverse and forward over reverse: d²/da² sum(sqrt(a)³) = diag(3 / (4 sqrt(a))).
    const cubes = (v: ArrayValue) => np.sum(np.power(root(v), 3));
    const want = np.diag(np.divide(3, np.multiply(4, np.sqrt(a)))).toArray();
    for (const second of [jit(jacrev(jacrev(cubes))), jit(jacfwd(jacrev(cubes)))]) expectClose(second(a) as ArrayValue, want, { rtol: 1e-12, atol: 1e-12 });
  });
  it("returns the solver's aux value with hasAux, and jits", () => {
    const m = np.array([[4, 1], [1, 3]], { dtype: "float64" });
    const b: ArrayValue = np.array([1, 2], { dtype: "float64" });
    const [x, aux] = lax.customLinearSolve((v: ArrayValue) => np.matmul(m, v), b, (mv, r) => [cg(mv, r), np.array(7)], null, { hasAux: true, symmetric: true }) as ArrayValue[];
    expect(aux!.item()).toBe(7);
    const expected = np.linalg.solve(m, b).toArray() as number[];
    expect(x!.toArray()).toEqual(expected.map((v) => expect.closeTo(v, 12)) as never);
    const f = jit((bb: ArrayValue) => lax.customLinearSolve((v: ArrayValue) => np.matmul(m, v), bb, cg, null, { symmetric: true }) as ArrayValue);
    expect(f(b).toArray()).toEqual(expected.map((v) => expect.closeTo(v, 12)) as never);
    const roots = vmap(newtonSqrt)(np.array([[1, 4], [9, 16]], { dtype: "float64" }));
    expect(roots.toArray()).toEqual([[1, 2], [3, 4]].map((r) => r.map((v) => expect.closeTo(v, 12))) as never);
  });
  it("lets solve close over the differentiated operator (its derivative goes through the operator only)", () => {
    const m = np.array([[4, 1], [1, 3]], { dtype: "float64" });
    const b = np.array([1, 2], { dtype: "float64" });
    const loss = (mm: ArrayValue) => np.sum(lax.customLinearSolve((v: ArrayValue) => np.matmul(mm, v), b, (_mv, r: ArrayValue) => np.linalg.solve(mm, r), null, { symmetric: true }) as ArrayValue);
    const direct = grad((mm: ArrayValue) => np.sum(np.linalg.solve(mm, b)))(m).toArray() as number[][];
    expect(jit(grad(loss))(m).toArray()).toEqual(direct.map((r) => r.map((v) => expect.closeTo(v, 12))) as never);
  });
  it("forward mode (and every second order) never differentiates the solver's iterations (a solver hiding its derivative)", () => {
    const hidden = (v: ArrayValue) => lax.customRoot((x: ArrayValue) => x.mul(x).sub(v), np.onesLike(v), (f, x0) => lax.stopGradient(newton(f, x0)), diagonalSolve) as ArrayValue;
    const close = (x: ArrayValue, want: ArrayValue) => expectClose(x, want.toArray(), { rtol: 1e-12, atol: 1e-12 });
    close(jvp(hidden, [a], [np.onesLike(a)])[1], np.divide(1, np.multiply(2, np.sqrt(a))));
    // d²/da² of sum(sqrt(a)³) = diag(3 / (4 sqrt(a))), by forward and reverse mode in each order.
    const cubes = (v: ArrayValue) => np.sum(np.power(hidden(v), 3));
    const want = np.diag(np.divide(3, np.multiply(4, np.sqrt(a))));
    for (const second of [jacfwd(jacfwd(cubes)), jacfwd(jacrev(cubes)), jacrev(jacfwd(cubes)), jacrev(jacrev(cubes))]) close(second(a) as ArrayValue, want);
  });
  it("forward mode composes with jit and vmap, and agrees with a direct solve to second order", () => {
    const t = np.array([1, -1, 2], { dtype: "float64" });
    const close = (x: ArrayValue, want: ArrayValue) => expectClose(x, want.toArray(), { rtol: 1e-12, atol: 1e-12 });
    const tangent = (v: ArrayValue) => jvp(newtonSqrt, [v], [t])[1];
    const exact = np.divide(t, np.multiply(2, np.sqrt(a)));
    close(jit(tangent)(a), exact);
    close(jvp(jit(newtonSqrt), [a], [t])[1], exact);
    close(vmap(tangent)(np.stack([a, a])), np.stack([exact, exact]));
    const m = np.array([[4, 1], [2, 3]], { dtype: "float64" });
    const s = np.array(0.5, { dtype: "float64" });
    const b = np.array([1, 2], { dtype: "float64" });
    const cubes = (solve: (mm: ArrayValue, ss: ArrayValue, bb: ArrayValue) => ArrayValue) => (mm: ArrayValue, ss: ArrayValue, bb: ArrayValue) => np.sum(np.power(solve(mm, ss, bb), 3));
    const implicit = cubes(shiftedDense);
    const direct = cubes((mm, ss, bb) => np.linalg.solve(mm.add(np.eye(2).mul(ss)), bb));
    for (const argnums of [0, 1, 2]) {
      close(jit(hessian(implicit, { argnums }))(m, s, b) as ArrayValue, hessian(direct, { argnums })(m, s, b) as ArrayValue);
      close(jacrev(jacrev(implicit, { argnums }), { argnums })(m, s, b) as ArrayValue, hessian(direct, { argnums })(m, s, b) as ArrayValue);
    }
    const bTangent = (bb: ArrayValue) => jvp((q: ArrayValue) => shiftedDense(m, s, q), [bb], [np.onesLike(bb)])[1];
    close(vmap(bTangent)(np.stack([b, b.mul(2)])), np.stack([bTangent(b), bTangent(b)]));
  });
  it("forward mode needs no transposeSolve (as JAX), and the aux value has a zero tangent", () => {
    const m = np.array([[4, 1], [2, 3]], { dtype: "float64" });
    const b = np.array([1, 2], { dtype: "float64" });
    const solveAux = (bb: ArrayValue) => lax.customLinearSolve((v: ArrayValue) => np.matmul(m, v), bb, (mv, r) => [denseSolve(mv, r), np.array(7)], null, { hasAux: true }) as ArrayValue[];
    const [[x, aux], [dx, daux]] = jvp(solveAux, [b], [b]) as ArrayValue[][];
    const expected = np.linalg.solve(m, b);
    expectClose(x!, expected.toArray(), { rtol: 1e-12 });
    expectClose(dx!, expected.toArray(), { rtol: 1e-12 });
    expect([aux!.item(), daux!.item()]).toEqual([7, 0]);
    expect(() => grad((bb: ArrayValue) => np.sum(solveAux(bb)[0]!))(b)).toThrow(/lax.customLinearSolve.*transposeSolve/);
  });
  it("rejects what it cannot do, naming the op", () => {
    const m = np.eye(2);
    const loss = (bb: ArrayValue) => np.sum(lax.customLinearSolve((v: ArrayValue) => np.matmul(m, v), bb, cg) as ArrayValue);
    expect(() => grad(loss)(np.ones([2]))).toThrow(/lax.customLinearSolve.*transposeSolve/);
    expect(() => lax.customLinearSolve((v: ArrayValue) => np.sum(v), np.ones([2]), cg)).toThrow(/lax.customLinearSolve.*matvec must return/);
    expect(() => lax.customLinearSolve((v: ArrayValue) => v, np.ones([2]), cg, null, { symetric: true } as never)).toThrow(/lax.customLinearSolve.*unknown option "symetric"/);
    expect(() => lax.customRoot((x: ArrayValue) => x, np.ones([2]), (_f, x0) => [x0, x0], diagonalSolve)).toThrow(/lax.customRoot.*solve must return a solution/);
  });
});

describe("the lax operations under jit, vmap and grad", () => {
  it("agree with eager", () => {
    const x = np.arange(12).astype("float32").reshape([4, 3]);
    const f = (a: ArrayValue) => lax.tile(lax.clamp(2, lax.square(a), 50), a.shape.map((_, k) => (k === 0 ? 2 : 1)));
    expect(jit(f)(x).toArray()).toEqual(f(x).toArray());
    expect(vmap(f)(x).toArray()).toEqual(np.stack([0, 1, 2, 3].map((r) => f(x.slice(r)))).toArray());
    const w = np.array([0, 2, 1, 0], { dtype: "int32" });
    const g = (k: ArrayValue, a: ArrayValue) => lax.selectN(k, a, a.mul(2), a.mul(3));
    expect(vmap(g)(w, x).toArray()).toEqual(np.stack([0, 1, 2, 3].map((r) => g(w.slice(r), x.slice(r)))).toArray());
  });
  it("map with batchSize jits and batches", () => {
    const x = np.arange(14).astype("float32").reshape([7, 2]);
    const f = (a: ArrayValue) => lax.map((v: ArrayValue) => np.sum(v.mul(v)), a, { batchSize: 3 });
    expect(jit(f)(x).toArray()).toEqual(f(x).toArray());
    const stacked = np.stack([x, x.mul(2)]);
    expect(vmap(f)(stacked).toArray()).toEqual(np.stack([f(x), f(x.mul(2))]).toArray());
    expect(grad((a: ArrayValue) => np.sum(f(a)))(x).toArray()).toEqual(x.mul(2).toArray());
  });
});
