/**
 * The new np functions compose with the transforms: the same values under jit and vmap as
 * eagerly, sinc's derivatives at 0 as JAX's custom rule, and the sized functions (static size)
 * under jit, where the input has no concrete values.
 */
import { describe, expect, it } from "vitest";
import { grad, jit, np, vmap, type ArrayValue } from "../../../index.js";
import { errorOf, expectClose } from "../../helpers.js";

const values = (x: ArrayValue) => [x.toArray()].flat(Infinity);

describe("new np functions under jit and vmap", () => {
  const rows = np.array([[3, 1, 4, 1, 5], [9, 2, 6, 5, 3], [5, 8, 9, 7, 9]]);
  const cases: [string, (x: ArrayValue) => ArrayValue][] = [
    ["quantile", (x) => np.quantile(x, np.array([0.25, 0.5]))],
    ["interp", (x) => np.interp(np.array([0.5, 2.5]), np.array([0, 1, 2, 3, 4]), x)],
    ["searchsorted", (x) => np.searchsorted(np.sort(x), np.array([2, 5]))],
    ["histogram", (x) => np.histogram(x, { bins: 3, range: [0, 9] })[0]],
    ["bincount", (x) => np.bincount(np.astype(x, "int32"), { length: 10 })],
    ["unique", (x) => np.unique(x, { size: 5, fillValue: -1 })],
    ["roll", (x) => np.roll(x, 2)],
    ["diff", (x) => np.diff(x, { n: 2 })],
    ["sinc", (x) => np.sinc(np.divide(x, 4))],
    ["cross", (x) => np.cross(np.slice(x, "0:3"), np.array([1, -1, 2]))],
  ];
  for (const [name, f] of cases) {
    it(`${name}: vmap over rows and jit equal the eager rows`, () => {
      const eager = [0, 1, 2].map((i) => values(f(np.slice(rows, i))));
      expect(values(vmap(f)(rows))).toEqual(eager.flat());
      expect(values(jit(f)(np.slice(rows, 1)))).toEqual(eager[1]);
    });
  }

  it("nonzero and argwhere with a static size run under jit and vmap", () => {
    const x = np.array([[0, 2, 0], [1, 0, 3]]);
    const f = (a: ArrayValue) => np.argwhere(a, { size: 4, fillValue: -1 });
    expect(jit(f)(x).toArray()).toEqual([[0, 1], [1, 0], [1, 2], [-1, -1]]);
    expect(vmap((a: ArrayValue) => np.nonzero(a, { size: 2 })[0]!)(x).toArray()).toEqual([[1, 0], [0, 2]]);
  });

  it("without a size, a traced input is an error asking for one", () => {
    expect(errorOf(() => jit((a: ArrayValue) => np.nonzero(a)[0]!)(np.array([1, 0]))).message).toMatch(/nonzero.*static size/);
    expect(errorOf(() => jit((a: ArrayValue) => np.unique(a))(np.array([1, 0]))).message).toMatch(/unique.*static size/);
    expect(errorOf(() => jit((a: ArrayValue) => np.bincount(a))(np.array([1, 0], { dtype: "int32" }))).message).toMatch(/bincount.*length/);
  });
});

describe("sinc's derivatives at 0", () => {
  it("are JAX's: 0, -pi^2/3, 0, pi^4/5", () => {
    const d1 = grad((x: ArrayValue) => np.sinc(x));
    const d2 = grad((x: ArrayValue) => d1(x));
    const d3 = grad((x: ArrayValue) => d2(x));
    const d4 = grad((x: ArrayValue) => d3(x));
    const zero = np.array(0, { dtype: "float64" });
    expectClose(d1(zero), 0, { atol: 1e-12 });
    expectClose(d2(zero), -(Math.PI ** 2) / 3, { rtol: 1e-12 });
    expectClose(d3(zero), 0, { atol: 1e-12 });
    expectClose(d4(zero), Math.PI ** 4 / 5, { rtol: 1e-12 });
  });

  it("away from 0 match finite differences", () => {
    const x = 0.37;
    const h = 1e-6;
    const at = (t: number) => Number(np.sinc(np.array(t, { dtype: "float64" })).item());
    const fd = (at(x + h) - at(x - h)) / (2 * h);
    expectClose(grad((a: ArrayValue) => np.sinc(a))(np.array(x, { dtype: "float64" })), fd, { rtol: 1e-8 });
  });
});

describe("argument errors name the function", () => {
  it("reports shapes and dtypes", () => {
    expect(errorOf(() => np.searchsorted(np.zeros([2, 2]), 1)).message).toMatch(/searchsorted: a must be 1-D, got shape \[2,2\]/);
    expect(errorOf(() => np.bincount(np.array([1.5]))).message).toMatch(/bincount: x must hold integers, got dtype float32/);
    expect(errorOf(() => np.cross(np.zeros([4]), np.zeros([4]))).message).toMatch(/cross: incompatible vector sizes 4 and 4/);
    expect(errorOf(() => np.quantile(np.zeros([3]), 0.5, { method: "weird" as "linear" })).message).toMatch(/quantile/);
    expect(errorOf(() => np.select([np.array([1, 0])], [np.array([1, 2])])).message).toMatch(/select: condition 0 must be a bool array/);
    expect(errorOf(() => np.average(np.zeros([2, 3]), { weights: np.ones([3]) })).message).toMatch(/average: weights of shape \[3\]/);
  });
});
