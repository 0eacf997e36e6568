import { describe, expect, it } from "vitest";
import type { ArrayValue } from "../../core/ndarray.js";
import * as np from "../../core/numpy/index.js";
import { cond, grad, jvp, makeJaxpr, switch as lswitch, vjp, vmap } from "../../transforms/index.js";
import { expectClose } from "../helpers.js";

const f64 = (v: number | number[] | number[][]) => np.array(v, { dtype: "float64" });
const values = (x: unknown) => (x as ArrayValue).toArray();

/** Central finite differences of a scalar function of a float64 vector. */
function numericGrad(f: (x: ArrayValue) => number, x: number[], h = 1e-6): number[] {
  return x.map((_, i) => {
    const plus = [...x];
    const minus = [...x];
    plus[i]! += h;
    minus[i]! -= h;
    return (f(f64(plus)) - f(f64(minus))) / (2 * h);
  });
}

// Differentiable on both sides: sin·a above zero, a cubic below, so each branch's derivative differs.
const a = f64([1.5, -0.5, 2]);
const piecewise = (x: ArrayValue) =>
  cond(x.sum().gt(0), (v: ArrayValue) => np.sin(v).mul(a).sum(), (v: ArrayValue) => v.pow(3).sum().mul(0.5), x) as ArrayValue;
const scalarOf = (y: ArrayValue) => Number(y.item());

describe("lax.cond", () => {
  it("evaluates only the branch the predicate picks", () => {
    const x = f64([1, 2, 3]);
    expectClose(cond(true, (v: ArrayValue) => v.mul(2), (v: ArrayValue) => v.neg(), x) as ArrayValue, [2, 4, 6]);
    expectClose(cond(np.array(false), (v: ArrayValue) => v.mul(2), (v: ArrayValue) => v.neg(), x) as ArrayValue, [-1, -2, -3]);
    // A number predicate is true when nonzero.
    expectClose(cond(f64(0.5), () => f64(1), () => f64(0)) as ArrayValue, 1);
    expectClose(cond(0, () => f64(1), () => f64(0)) as ArrayValue, 0);
  });

  it("takes and returns pytrees, and closes over outer arrays", () => {
    const out = cond(
      true,
      (p: { w: ArrayValue; b: ArrayValue }, s: ArrayValue) => ({ y: p.w.mul(s).add(p.b).add(a), n: [s] }),
      (p: { w: ArrayValue; b: ArrayValue }, s: ArrayValue) => ({ y: p.w, n: [s.neg()] }),
      { w: f64([1, 2, 3]), b: f64([1, 1, 1]) },
      f64(2),
    ) as { y: ArrayValue; n: ArrayValue[] };
    expectClose(out.y, [4.5, 4.5, 9]);
    expectClose(out.n[0]!, 2);
  });

  it("stages one cond equation with the false branch first (JAX's order)", () => {
    const text = String(makeJaxpr((x: ArrayValue) => cond(x.gt(0), (v: ArrayValue) => np.sin(v), (v: ArrayValue) => np.cos(v), x))(f64(1)));
    expect(text).toMatch(/c:i32\[\] = convert\[dtype=int32\] b\n\s*d:f64\[\] = cond\[branches=\(.*= cos a.*= sin a.*\)\] c a/);
  });

  it("reports branches returning different structures or types, naming both", () => {
    const x = f64([1, 2, 3]);
    expect(() => cond(true, (v: ArrayValue) => ({ a: v }), (v: ArrayValue) => ({ a: v, b: v }), x)).toThrow(
      "trueFn returns {a: f64[3]} and falseFn returns {a: f64[3], b: f64[3]}",
    );
    expect(() => cond(true, (v: ArrayValue) => v, (v: ArrayValue) => v.sum(), x)).toThrow("tessera.lax.cond: the branches must return the same structure and types, but trueFn returns f64[3] and falseFn returns f64[]");
    expect(() => cond(f64([1, 0]), () => x, () => x)).toThrow(/lax\.cond: the predicate must be a scalar, got f64\[2\]/);
  });

  it("grad matches finite differences in both branches", () => {
    for (const point of [[0.3, 0.7, -0.2], [-0.8, 0.1, -0.4]]) {
      const g = grad(piecewise)(f64(point)) as ArrayValue;
      expectClose(g, numericGrad((x) => scalarOf(piecewise(x)), point), { rtol: 1e-6, atol: 1e-8 });
    }
  });

  it("grad flows into arrays the branches close over, and through outputs only one branch computes", () => {
    // The true branch ignores the operand and returns a constant: its tangent is a known zero
    // in one branch and unknown in the other.
    const f = (x: ArrayValue, w: ArrayValue) =>
      cond(x.sum().gt(0), () => np.tanh(x.mul(w)).sum(), () => f64(3), x) as ArrayValue;
    for (const point of [[0.5, 0.2, 0.1], [-0.5, -0.2, 0.1]]) {
      const w = f64([0.3, -1.2, 0.8]);
      const [gx, gw] = grad(f, { argnums: [0, 1] })(f64(point), w) as readonly [ArrayValue, ArrayValue];
      expectClose(gx, numericGrad((x) => scalarOf(f(x, w)), point), { atol: 1e-8 });
      expectClose(gw, numericGrad((v) => scalarOf(f(f64(point), v)), [0.3, -1.2, 0.8]), { atol: 1e-8 });
    }
  });

  it("the branch not taken contributes nothing to the gradient (no NaN from its singularities)", () => {
    const f = (x: ArrayValue) => cond(x.gt(0), (v: ArrayValue) => np.sqrt(v), (v: ArrayValue) => v.mul(3), x) as ArrayValue;
    expectClose(grad(f)(f64(0)) as ArrayValue, 3);
    expectClose(grad((x: ArrayValue) => (vmap(f)(x) as ArrayValue).sum())(f64([0, 4, -1])) as ArrayValue, [3, 0.25, 3]);
  });

  it("second derivatives go through cond", () => {
    const f = (x: ArrayValue) => cond(x.gt(0), (v: ArrayValue) => v.pow(3), (v: ArrayValue) => np.sin(v), x) as ArrayValue;
    const d2 = grad(grad(f));
    expectClose(d2(f64(0.7)) as ArrayValue, 6 * 0.7, { atol: 1e-10 });
    expectClose(d2(f64(-0.7)) as ArrayValue, -Math.sin(-0.7), { atol: 1e-10 });
  });

  it("jvp matches finite differences", () => {
    const t = [0.4, -1.1, 0.6];
    for (const point of [[0.3, 0.7, -0.2], [-0.8, 0.1, -0.4]]) {
      const [y, dy] = jvp(piecewise, [f64(point)], [f64(t)]) as [ArrayValue, ArrayValue];
      expectClose(y, scalarOf(piecewise(f64(point))));
      const h = 1e-6;
      const fd = (scalarOf(piecewise(f64(point.map((p, i) => p + h * t[i]!)))) - scalarOf(piecewise(f64(point.map((p, i) => p - h * t[i]!))))) / (2 * h);
      expectClose(dy, fd, { rtol: 1e-6, atol: 1e-8 });
    }
  });

  it("vjp of a cond with vector outputs agrees with jvp (<u, J v> = <J^T u, v>)", () => {
    const f = (x: ArrayValue) => cond(x.sum().lt(1), (v: ArrayValue) => np.exp(v).mul(a), (v: ArrayValue) => v.mul(v.sum()), x) as ArrayValue;
    for (const point of [[0.1, 0.2, 0.3], [1, 2, 3]]) {
      const v = f64([0.3, -0.7, 1.1]);
      const u = f64([-0.2, 0.5, 0.9]);
      const [, jv] = jvp(f, [f64(point)], [v]) as [ArrayValue, ArrayValue];
      const [, pullback] = vjp(f, f64(point));
      const [jtu] = pullback(u) as ArrayValue[];
      expectClose(np.vdot(u, jv), scalarOf(np.vdot(jtu!, v)), { atol: 1e-12 });
    }
  });
});

describe("nested and composed conds", () => {
  const inner = (v: ArrayValue) => cond(v.sum().gt(1), (u: ArrayValue) => u.square().sum(), (u: ArrayValue) => np.exp(u).sum(), v) as ArrayValue;
  const nested = (x: ArrayValue) => cond(x.sum().gt(0), inner, (v: ArrayValue) => np.sin(v).mul(a).sum(), x) as ArrayValue;

  it("grad of a cond inside a cond matches finite differences in each of the three regions", () => {
    for (const point of [[0.9, 0.8, 0.1], [0.2, 0.1, 0.3], [-0.5, -0.1, 0.2]]) {
      expectClose(grad(nested)(f64(point)) as ArrayValue, numericGrad((x) => scalarOf(nested(x)), point), { atol: 1e-8 });
    }
  });

  it("vmap(grad) of the nested cond equals the per-example gradients, predicate mapped or not", () => {
    const xs = f64([[0.9, 0.8, 0.1], [0.2, 0.1, 0.3], [-0.5, -0.1, 0.2]]);
    const perExample = ((xs.toArray() as number[][]).map((r) => grad(nested)(f64(r)) as ArrayValue));
    expectClose(vmap(grad(nested))(xs) as ArrayValue, np.stack(perExample).toArray());
    const withFlag = (flag: ArrayValue, x: ArrayValue) => cond(flag, inner, (v: ArrayValue) => v.mul(a).sum(), x) as ArrayValue;
    const g = vmap(grad(withFlag, { argnums: 1 }), { inAxes: [null, 0] })(np.array(true), xs) as ArrayValue;
    expectClose(g, np.stack((xs.toArray() as number[][]).map((r) => grad(inner)(f64(r)) as ArrayValue)).toArray());
  });
});

describe("lax.switch", () => {
  const branches = [(v: ArrayValue) => v.add(1), (v: ArrayValue) => v.mul(10), (v: ArrayValue) => v.square()];

  it("picks branches[index], clamping the index", () => {
    const x = f64([1, 2]);
    const cases: [number, number[]][] = [[0, [2, 3]], [1, [10, 20]], [2, [1, 4]], [-3, [2, 3]], [7, [1, 4]]];
    for (const [index, expected] of cases) expectClose(lswitch(index, branches, x) as ArrayValue, expected);
    expectClose(lswitch(np.array(1, { dtype: "int32" }), branches, x) as ArrayValue, [10, 20]);
  });

  it("rejects a non-integer index and mismatched branches", () => {
    expect(() => lswitch(1.5, branches, f64(1))).toThrow(/lax\.switch: the index must be an integer/);
    expect(() => lswitch(f64(1), branches, f64(1))).toThrow(/lax\.switch: the index must be an integer scalar, got f64\[\]/);
    expect(() => lswitch(0, [(v: ArrayValue) => v, (v: ArrayValue) => v.reshape([1])], f64(1))).toThrow("branch 0 returns f64[] and branch 1 returns f64[1]");
  });

  it("grad goes through the chosen branch", () => {
    const f = (i: number) => (x: ArrayValue) => (lswitch(i, branches, x) as ArrayValue).sum();
    expectClose(grad(f(1))(f64([1, 2])) as ArrayValue, [10, 10]);
    expectClose(grad(f(2))(f64([1, 2])) as ArrayValue, [2, 4]);
  });
});

describe("vmap of cond", () => {
  const xs = f64([[0.5, -1, 2], [-2, 0.3, 0.1], [1, 1, -3], [-0.5, -0.5, 0.2]]);
  const rows = () => (values(xs) as number[][]).map((r) => f64(r));
  const stack = (ys: ArrayValue[]) => np.stack(ys);

  it("with an unmapped predicate, batches the branches", () => {
    const f = (flag: ArrayValue, x: ArrayValue) => cond(flag, (v: ArrayValue) => np.sin(v).mul(a), (v: ArrayValue) => v.mul(v.sum()), x);
    for (const flag of [true, false]) {
      const batched = vmap(f, { inAxes: [null, 0] })(np.array(flag), xs) as ArrayValue;
      const expected = stack(rows().map((r) => f(np.array(flag), r) as ArrayValue));
      expectClose(batched, values(expected));
    }
  });

  it("with a mapped predicate, selects each example's branch", () => {
    const batched = vmap(piecewise)(xs) as ArrayValue;
    expectClose(batched, rows().map((r) => scalarOf(piecewise(r))));
  });

  it("with a mapped switch index, selects each example's branch", () => {
    const branches = [(v: ArrayValue) => v.add(1), (v: ArrayValue) => v.mul(10), (v: ArrayValue) => v.square()];
    const f = (i: ArrayValue, x: ArrayValue) => lswitch(i, branches, x) as ArrayValue;
    const index = np.array([2, 0, 1, 5], { dtype: "int32" });
    const batched = vmap(f)(index, xs) as ArrayValue;
    const expected = stack(rows().map((r, k) => f(np.array([2, 0, 1, 5][k]!, { dtype: "int32" }), r)));
    expectClose(batched, values(expected));
  });

  it("grad(vmap(cond)) equals the per-example gradients", () => {
    const total = (x: ArrayValue) => (vmap(piecewise)(x) as ArrayValue).sum();
    const g = grad(total)(xs) as ArrayValue;
    expectClose(g, values(stack(rows().map((r) => grad(piecewise)(r) as ArrayValue))), { atol: 1e-12 });
  });

  it("vmap(grad(cond)) equals the per-example gradients", () => {
    const g = vmap(grad(piecewise))(xs) as ArrayValue;
    expectClose(g, values(stack(rows().map((r) => grad(piecewise)(r) as ArrayValue))), { atol: 1e-12 });
  });

  it("jvp of vmap with a mapped predicate equals the per-example jvps", () => {
    const t = np.onesLike(xs);
    const [, dy] = jvp(vmap(piecewise), [xs], [t]) as [ArrayValue, ArrayValue];
    expectClose(dy, rows().map((r) => scalarOf((jvp(piecewise, [r], [np.onesLike(r)]) as ArrayValue[])[1]!)), { atol: 1e-12 });
  });
});
