import { describe, expect, it } from "vitest";
import type { ArrayValue } from "../../core/ndarray.js";
import * as np from "../../core/numpy/index.js";
import { uniformArray } from "../../laws/programs.js";
import { grad } from "../../transforms/autodiff.js";
import { vmap } from "../../transforms/vmap.js";
import { hessian, jacfwd, jacrev } from "../../transforms/jacobian.js";
import { expectClose, flat } from "../helpers.js";

const f64 = (shape: number[], seed: number) => uniformArray(shape, "float64", seed, { min: -1, max: 1 });
const values = (x: unknown) => flat((x as ArrayValue).toArray());
const shapeOf = (x: unknown) => (x as ArrayValue).shape;

const a = f64([3, 4], 1);
const x4 = f64([4], 2);

describe("jacfwd and jacrev", () => {
  for (const [name, jac] of [["jacfwd", jacfwd], ["jacrev", jacrev]] as const) {
    it(`${name} of A x is A`, () => {
      const j = jac((x: ArrayValue) => np.matmul(a, x))(x4);
      expect(shapeOf(j)).toEqual([3, 4]);
      expectClose(j as ArrayValue, values(a), { rtol: 1e-12, atol: 1e-12 });
    });

    it(`${name} of an elementwise function is diagonal (sin: diag(cos x))`, () => {
      const x = f64([2, 2], 3);
      const j = jac(np.sin)(x) as ArrayValue;
      expect(j.shape).toEqual([2, 2, 2, 2]);
      const cos = values(np.cos(x));
      const expected = Array.from({ length: 16 }, (_, k) => (Math.floor(k / 4) === k % 4 ? cos[k % 4]! : 0));
      expectClose(j, expected, { rtol: 1e-12, atol: 1e-15 });
    });

    it(`${name} has shape out.shape + in.shape, also for scalars`, () => {
      expect(shapeOf(jac((x: ArrayValue) => np.sum(np.square(x)))(f64([2, 3], 4)))).toEqual([2, 3]);
      expect(shapeOf(jac((x: ArrayValue) => np.outer(x, x))(f64([3], 5)))).toEqual([3, 3, 3]);
      const s = np.array(0.5, { dtype: "float64" });
      const d = jac((t: ArrayValue) => np.multiply(np.exp(t), t))(s);
      expect(shapeOf(d)).toEqual([]);
      expectClose(d as ArrayValue, Math.exp(0.5) * 1.5, { rtol: 1e-12 });
    });

    it(`${name} nests the input structure inside the output structure (pytrees, argnums lists)`, () => {
      const params = { w: f64([2, 3], 6), b: f64([2], 7) };
      const x = f64([3], 8);
      const f = (p: typeof params, v: ArrayValue) => {
        const y = np.add(np.matmul(p.w, v), p.b);
        return { y, total: np.sum(y) };
      };
      const j = jac(f)(params, x) as { y: { w: ArrayValue; b: ArrayValue }; total: { w: ArrayValue; b: ArrayValue } };
      expect(j.y.w.shape).toEqual([2, 2, 3]);
      expect(j.y.b.shape).toEqual([2, 2]);
      expect(j.total.w.shape).toEqual([2, 3]);
      // dy_i/dw_jk = [i = j] x_k; dy/db = I; d total/dw_jk = x_k.
      const xs = values(x);
      expectClose(j.y.w, Array.from({ length: 12 }, (_, n) => (Math.floor(n / 6) === Math.floor((n % 6) / 3) ? xs[n % 3]! : 0)), { rtol: 1e-12 });
      expectClose(j.y.b, [1, 0, 0, 1]);
      expectClose(j.total.w, [...xs, ...xs], { rtol: 1e-12 });

      const both = jac(f, { argnums: [0, 1] })(params, x);
      expect(both.y).toHaveLength(2);
      expect(both.y[0].w.shape).toEqual([2, 2, 3]);
      expect(both.y[1].shape).toEqual([2, 3]);
      expectClose(both.y[1], values(params.w), { rtol: 1e-12 });
    });

    it(`${name} with hasAux returns [jacobian, aux]`, () => {
      const [j, aux] = jac((x: ArrayValue) => [np.multiply(x, 3), { norm: np.sum(np.square(x)) }] as const, { hasAux: true })(x4);
      expectClose(j as ArrayValue, values(np.multiply(np.eye(4, 4, { dtype: "float64" }), 3)));
      expectClose((aux as { norm: ArrayValue }).norm, values(np.sum(np.square(x4))), { rtol: 1e-12 });
    });

    it(`${name} of an output that ignores the input is zero`, () => {
      const j = jac((x: ArrayValue) => [np.sin(x), a] as const)(x4) as [ArrayValue, ArrayValue];
      expect(j[1].shape).toEqual([3, 4, 4]);
      expect(values(j[1]).every((v) => v === 0)).toBe(true);
    });

    it(`${name} refuses integer inputs, naming ${name}`, () => {
      expect(() => jac((x: ArrayValue) => np.multiply(x, 2))(np.array([1, 2], { dtype: "int32" }))).toThrow(new RegExp(`${name}.*int32`));
    });

    it(`${name} of a function vmapped per example gives per-example Jacobians`, () => {
      const xs = f64([5, 3], 9);
      const per = vmap(jac((x: ArrayValue) => np.tanh(np.multiply(x, np.sum(x)))))(xs) as ArrayValue;
      expect(per.shape).toEqual([5, 3, 3]);
      for (let i = 0; i < 5; i++) {
        const one = jac((x: ArrayValue) => np.tanh(np.multiply(x, np.sum(x))))(np.take(xs, [i], { axis: 0 }).reshape([3])) as ArrayValue;
        expectClose(np.take(per, [i], { axis: 0 }).reshape([3, 3]), values(one), { rtol: 1e-12, atol: 1e-15 });
      }
    });
  }

  it("jacrev refuses integer outputs and suggests jacfwd", () => {
    expect(() => jacrev((x: ArrayValue) => np.argmax(x))(x4)).toThrow(/jacrev.*int32.*jacfwd/);
  });

  it("jacfwd and jacrev agree on wide and tall Jacobians", () => {
    const wide = (x: ArrayValue) => np.stack([np.sum(np.sin(x)), np.prod(np.cos(x))]);
    const tall = (x: ArrayValue) => np.outer(np.sin(x), np.cumsum(x));
    const x = f64([6], 10);
    expectClose(jacfwd(wide)(x) as ArrayValue, values(jacrev(wide)(x)), { rtol: 1e-12, atol: 1e-14 });
    const y = f64([2], 11);
    expectClose(jacfwd(tall)(y) as ArrayValue, values(jacrev(tall)(y)), { rtol: 1e-12, atol: 1e-14 });
  });
});

describe("hessian", () => {
  it("of x^T A x is A + A^T", () => {
    const m = f64([3, 3], 12);
    const h = hessian((x: ArrayValue) => np.dot(x, np.matmul(m, x)))(f64([3], 13)) as ArrayValue;
    expect(h.shape).toEqual([3, 3]);
    expectClose(h, values(np.add(m, np.transpose(m))), { rtol: 1e-12, atol: 1e-14 });
  });

  it("of sum(x^3) is diag(6x), for a matrix input (shape in.shape + in.shape)", () => {
    const x = f64([2, 2], 14);
    const h = hessian((v: ArrayValue) => np.sum(np.power(v, 3)))(x) as ArrayValue;
    expect(h.shape).toEqual([2, 2, 2, 2]);
    const xs = values(x);
    expectClose(h, Array.from({ length: 16 }, (_, k) => (Math.floor(k / 4) === k % 4 ? 6 * xs[k % 4]! : 0)), { rtol: 1e-12, atol: 1e-14 });
  });

  it("equals jacfwd(jacrev(f)), jacrev(jacfwd(f)), jacrev(jacrev(f)) and jacfwd(grad(f)), over pytrees and argnums lists", () => {
    const f = (p: { w: ArrayValue; b: ArrayValue }, x: ArrayValue) => np.sum(np.tanh(np.add(np.matmul(p.w, x), p.b)));
    const params = { w: f64([2, 3], 15), b: f64([2], 16) };
    const x = f64([3], 17);
    const options = { argnums: [0, 1] } as const;
    const reference = hessian(f, options)(params, x);
    const variants = [
      jacfwd(jacrev(f, options), options)(params, x),
      jacrev(jacfwd(f, options), options)(params, x),
      jacrev(jacrev(f, options), options)(params, x),
      jacfwd(grad(f, options), options)(params, x),
    ];
    const leaves = (t: unknown): ArrayValue[] => {
      const out: ArrayValue[] = [];
      const walk = (v: unknown) => {
        if (Array.isArray(v)) v.forEach(walk);
        else if (v !== null && typeof v === "object" && !("shape" in v)) Object.keys(v).sort().forEach((k) => walk((v as Record<string, unknown>)[k]));
        else out.push(v as ArrayValue);
      };
      walk(t);
      return out;
    };
    const expected = leaves(reference);
    expect(expected.map((l) => l.shape)).toEqual([[2, 2], [2, 2, 3], [2, 3], [2, 3, 2], [2, 3, 2, 3], [2, 3, 3], [3, 2], [3, 2, 3], [3, 3]]);
    for (const v of variants) {
      const got = leaves(v);
      expect(got.map((l) => l.shape)).toEqual(expected.map((l) => l.shape));
      got.forEach((g, i) => expectClose(g, values(expected[i]), { rtol: 1e-10, atol: 1e-12 }));
    }
  });

  it("with hasAux returns [hessian, aux]", () => {
    const [h, aux] = hessian((x: ArrayValue) => [np.sum(np.square(x)), np.max(x)] as const, { hasAux: true })(x4);
    expectClose(h as ArrayValue, values(np.multiply(np.eye(4, 4, { dtype: "float64" }), 2)));
    expectClose(aux as ArrayValue, values(np.max(x4)));
  });
});
