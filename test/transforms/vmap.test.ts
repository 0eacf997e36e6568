import { describe, expect, it } from "vitest";
import { ArrayValue } from "../../core/ndarray.js";
import * as np from "../../core/numpy/index.js";
import * as random from "../../core/random/index.js";
import { vmap } from "../../transforms/vmap.js";

/** A float32 array 0, 1, 2, ... of the given shape. */
const iota = (shape: number[]) => np.arange(shape.reduce((a, b) => a * b, 1)).astype("float32").reshape(shape);
/** Stacks per-example results along `axis` (the reference vmap is checked against). */
const stack = (xs: ArrayValue[], axis = 0) => np.stack(xs, { axis });
const same = (actual: ArrayValue, expected: ArrayValue) => {
  expect(actual.shape).toEqual(expected.shape);
  expect(actual.dtype).toBe(expected.dtype);
  expect(actual.toArray()).toEqual(expected.toArray());
};
const rows = (x: ArrayValue, axis = 0) => Array.from({ length: x.shape[axis]! }, (_, i) => np.take(x, i, { axis }));

describe("inAxes", () => {
  const a = iota([2, 3]);
  const b = np.array([10, 20, 30]);
  const f = (x: ArrayValue, y: ArrayValue) => np.add(np.multiply(x, 2), y);

  it("a number maps that axis of every argument", () => {
    same(vmap(np.sin)(a), np.sin(a));
    same(vmap((x: ArrayValue) => np.sum(x), { inAxes: 1 })(a), stack(rows(a, 1).map((r) => np.sum(r))));
    same(vmap(f)(a, iota([2, 3])), stack(rows(a).map((r, i) => f(r, rows(iota([2, 3]))[i]!))));
  });

  it("negative axes count from the end", () => {
    same(vmap((x: ArrayValue) => np.sum(x), { inAxes: -1 })(a), np.array([3, 5, 7]));
    same(vmap((x: ArrayValue) => np.sum(x), { inAxes: -2 })(a), np.array([3, 12]));
  });

  it("a list gives one entry per argument; null leaves an argument unmapped", () => {
    same(vmap(f, { inAxes: [0, null] })(a, b), stack(rows(a).map((r) => f(r, b))));
    same(vmap(f, { inAxes: [null, 1] })(b, a.T), stack(rows(a).map((r) => f(b, r))));
    const [x, c] = [iota([3, 4]), np.add(iota([4, 3]), 100)];
    same(vmap(f, { inAxes: [1, 0] })(x, c), stack(rows(c).map((r, i) => f(rows(x, 1)[i]!, r))));
  });

  it("a pytree prefix maps some leaves and not others", () => {
    type P = { w: ArrayValue; stats: { mean: ArrayValue; scale: ArrayValue } };
    const g = (p: P, x: ArrayValue) => np.multiply(np.subtract(np.multiply(x, p.w), p.stats.mean), p.stats.scale);
    const p: P = { w: iota([4, 3]), stats: { mean: np.array([1, 1, 1]), scale: np.array(0.5) } };
    const xs = iota([3, 4]);
    const out = vmap(g, { inAxes: [{ w: 0, stats: null }, 1] })(p, xs);
    same(out, stack(rows(p.w).map((w, i) => g({ ...p, w }, rows(xs, 1)[i]!))));
    // A prefix can stop at a subtree (stats) or go down to its leaves.
    const deep = vmap(g, { inAxes: [{ w: 0, stats: { mean: null, scale: null } }, 1] })(p, xs);
    same(deep, out);
  });

  it("JS numbers pass as unmapped arguments", () => {
    same(vmap((x: ArrayValue, s: number) => np.multiply(x, s), { inAxes: [0, null] })(a, 3), np.multiply(a, 3));
  });
});

describe("outAxes", () => {
  const a = iota([2, 3]);

  it("places the mapped axis, counting negative axes from the end of the output", () => {
    const outer = (x: ArrayValue) => np.outer(x, np.array([1, 2]));
    const perExample = rows(a).map(outer);
    same(vmap(outer)(a), stack(perExample, 0));
    same(vmap(outer, { outAxes: 1 })(a), stack(perExample, 1));
    same(vmap(outer, { outAxes: -1 })(a), stack(perExample, 2));
    same(vmap(outer, { outAxes: -3 })(a), stack(perExample, 0));
  });

  it("takes a pytree prefix of the output", () => {
    const out = vmap((x: ArrayValue) => ({ s: np.sum(x), v: [x, np.negative(x)] }), { outAxes: { s: 0, v: [1, -1] } })(a);
    same(out.s, np.array([3, 12]));
    same(out.v[0]!, a.T);
    same(out.v[1]!, np.negative(a).T);
    const all = vmap((x: ArrayValue) => ({ s: np.sum(x), v: [x, x] }), { outAxes: { s: 0, v: 1 } })(a);
    same(all.v[1]!, a.T);
  });
});

describe("axisSize, broadcasting and pytree outputs", () => {
  const b = np.array([10, 20, 30]);

  it("axisSize sets the length when nothing is mapped", () => {
    same(vmap(() => np.ones([2]), { inAxes: null, axisSize: 3 })(), np.ones([3, 2]));
    same(vmap(np.sin, { inAxes: null, axisSize: 2 })(b), stack([np.sin(b), np.sin(b)]));
    same(vmap(np.sin, { axisSize: 2 })(iota([2, 3])), np.sin(iota([2, 3])));
  });

  it("broadcasts outputs that do not depend on the mapped inputs", () => {
    const [s, scaled, constant] = vmap((x: ArrayValue, y: ArrayValue) => [np.sum(x), np.multiply(y, 2), np.array(7)], { inAxes: [0, null] })(iota([2, 3]), b);
    same(s!, np.array([3, 12]));
    same(scaled!, stack([np.multiply(b, 2), np.multiply(b, 2)]));
    same(constant!, np.array([7, 7]));
    same(vmap(() => np.arange(3), { inAxes: null, axisSize: 2, outAxes: 1 })(), np.broadcastTo(np.arange(3).reshape([3, 1]), [3, 2]));
  });

  it("maps a function returning a pytree", () => {
    const a = iota([2, 3]);
    const out = vmap((x: ArrayValue) => ({ total: np.sum(x), parts: [np.sin(x), { max: np.max(x) }] }))(a);
    same(out.total, np.array([3, 12]));
    same(out.parts[0] as ArrayValue, np.sin(a));
    same((out.parts[1] as { max: ArrayValue }).max, np.array([2, 5]));
  });
});

describe("random with a batch of keys", () => {
  it("equals sampling with each key", () => {
    const keys = random.split(random.key(0), 4);
    expect(keys.shape).toEqual([4, 2]);
    const perKey = rows(keys);
    same(vmap((k: ArrayValue) => random.normal(k, [3]))(keys), stack(perKey.map((k) => random.normal(k, [3]))));
    same(vmap((k: ArrayValue) => random.uniform(k, [2, 2]))(keys), stack(perKey.map((k) => random.uniform(k, [2, 2]))));
    const subkeys = vmap((k: ArrayValue) => random.split(k, 3))(keys);
    same(subkeys, stack(perKey.map((k) => random.split(k, 3))));
    // Keys along another axis, with an unmapped scale argument.
    const scaled = (k: ArrayValue, s: ArrayValue) => np.multiply(random.normal(k, [2]), s);
    same(vmap(scaled, { inAxes: [1, null] })(keys.T, np.array(3)), stack(perKey.map((k) => scaled(k, np.array(3)))));
  });
});

describe("errors", () => {
  const a = iota([2, 3]);
  const add = (x: ArrayValue, y: ArrayValue) => np.add(x, y);

  it("names the arguments and sizes of mismatched mapped axes", () => {
    expect(() => vmap(add)(a, iota([3, 3]))).toThrow(/vmap: mapped axes must all have the same size, got argument 0 axis 0 of size 2, argument 1 axis 0 of size 3/);
    expect(() => vmap((p: { a: ArrayValue; b: ArrayValue }) => add(p.a, p.b))({ a: a, b: iota([3, 3]) })).toThrow(
      /argument 0 \(leaf 0\) axis 0 of size 2, argument 0 \(leaf 1\) axis 0 of size 3/,
    );
    expect(() => vmap(add, { inAxes: [0, 1] })(a, a)).toThrow(/argument 0 axis 0 of size 2, argument 1 axis 1 of size 3/);
    expect(() => vmap(np.sin, { axisSize: 5 })(a)).toThrow(/argument 0 axis 0 of size 2 and axisSize 5/);
  });

  it("requires axisSize when nothing is mapped", () => {
    expect(() => vmap(np.sin, { inAxes: null })(a)).toThrow(/vmap: no argument is mapped \(every inAxes entry is null\); pass axisSize/);
    expect(() => vmap(() => np.ones([2]))()).toThrow(/vmap: no argument is mapped/);
  });

  it("checks inAxes against the arguments", () => {
    expect(() => vmap(add, { inAxes: [0] })(a, a)).toThrow(/vmap: inAxes has 1 entries but the function was called with 2 argument\(s\)/);
    // A malformed spec is rejected when vmap is called, before the mapped function is applied.
    expect(() => vmap(np.sin, { inAxes: "0" })).toThrow(/vmap: inAxes must be an integer axis, null, or a list or record of them.*got "0"/);
  });

  it("names the path of a prefix mismatch", () => {
    type P = { a: ArrayValue; b: { c: ArrayValue } };
    const g = (p: P) => add(p.a, p.b.c);
    const p: P = { a: a, b: { c: np.array([1, 2, 3]) } };
    expect(() => vmap(g, { inAxes: [{ a: 0, c: null }] })(p)).toThrow(/vmap: inAxes\[0\] at the top level has keys \[a, c\] but the value has keys \[a, b\]/);
    expect(() => vmap(g, { inAxes: [{ a: 0, b: { c: null, d: 0 } }] })(p)).toThrow(/inAxes\[0\] at \.b has keys \[c, d\] but the value has keys \[c\]/);
    expect(() => vmap(g, { inAxes: [{ a: 0, b: [null] }] })(p)).toThrow(/inAxes\[0\] has a list of 1 at \.b, but the value there is object/);
    expect(() => vmap(g, { inAxes: [{ a: { x: 0 }, b: null }] })(p)).toThrow(/inAxes\[0\] has an object at \.a, but the value there is an array/);
    const h = (xs: ArrayValue[]) => add(xs[0]!, xs[1]!);
    expect(() => vmap(h, { inAxes: [[0, null, 0]] })([a, a])).toThrow(/inAxes\[0\] has a list of 3 at the top level, but the value there is a list of 2/);
    expect(() => vmap((x: ArrayValue) => ({ s: x }), { outAxes: { t: 0 } })(a)).toThrow(/vmap: outAxes at the top level has keys \[t\] but the value has keys \[s\]/);
  });

  it("rejects mapping a scalar", () => {
    expect(() => vmap(np.sin)(np.array(3))).toThrow(/vmap: argument 0 is a scalar \(f32\[\]\) but inAxes maps its axis 0; use null/);
    expect(() => vmap(add)(a, 3 as unknown as ArrayValue)).toThrow(/argument 1 is a scalar/);
  });

  it("rejects out-of-range axes", () => {
    expect(() => vmap(np.sin, { inAxes: 2 })(a)).toThrow(/vmap: inAxes maps axis 2 of argument 0, which is f\d+\[\d+,\d+\]; expected an axis in \[-2, 1\]/);
    expect(() => vmap(np.sin, { inAxes: -3 })(a)).toThrow(/vmap: inAxes maps axis -3 of argument 0/);
    // Outputs get one more axis than each example: rank 1 + 1 here.
    expect(() => vmap((x: ArrayValue) => np.sum(x, { axis: 1 }), { outAxes: 2 })(iota([2, 3, 4]))).toThrow(/vmap: outAxes puts the mapped axis at 2 in output 0, which has 2 axes once batched; expected an axis in \[-2, 1\]/);
    expect(() => vmap(np.sin, { outAxes: null })(a)).toThrow(/vmap: outAxes is null for an output .* that depends on a mapped input/);
  });
});

describe("unmapped outputs", () => {
  it("outAxes null returns an output that does not depend on the mapped inputs once, as JAX", () => {
    const [mapped, shared] = vmap((x: ArrayValue, w: ArrayValue) => [np.multiply(x, w), np.sum(w)], { inAxes: [0, null], outAxes: [0, null] })(
      np.array([[1, 2], [3, 4], [5, 6]]),
      np.array([10, 20]),
    ) as [ArrayValue, ArrayValue];
    expect(mapped.shape).toEqual([3, 2]);
    expect(shared.toArray()).toEqual(30);
  });
});
