/**
 * The NaN-ignoring functions, quantile's inverted_cdf, the new np.linalg functions and unique
 * along an axis compose with the transforms: vmap over rows (or matrices) and jit give the eager
 * values.
 */
import { describe, expect, it } from "vitest";
import { jit, np, vmap, type ArrayValue } from "../../../index.js";

const values = (x: ArrayValue) => [x.toArray()].flat(Infinity);

describe("under jit and vmap", () => {
  const rows = np.array([[3, NaN, 4, 1, 5], [NaN, NaN, NaN, NaN, NaN], [5, 8, NaN, 7, 9]]);
  const cases: [string, (x: ArrayValue) => ArrayValue][] = [
    ["nansum", (x) => np.nansum(x)],
    ["nanprod", (x) => np.nanprod(x)],
    ["nanmax", (x) => np.nanmax(x)],
    ["nanmin", (x) => np.nanmin(x, { initial: 0 })],
    ["nanmean", (x) => np.nanmean(x)],
    ["nanvar", (x) => np.nanvar(x, { ddof: 1 })],
    ["nanstd", (x) => np.nanstd(x)],
    ["nanargmax", (x) => np.nanargmax(x)],
    ["nanargmin", (x) => np.nanargmin(x)],
    ["nancumsum", (x) => np.nancumsum(x)],
    ["nancumprod", (x) => np.nancumprod(x)],
    ["nanmedian", (x) => np.nanmedian(x)],
    ["nanquantile", (x) => np.nanquantile(x, np.array([0.2, 0.7]), { method: "nearest" })],
    ["nanpercentile(inverted_cdf)", (x) => np.nanpercentile(x, 40, { method: "inverted_cdf", weights: np.array([1, 2, 1, 0.5, 3]) })],
    ["quantile(inverted_cdf)", (x) => np.quantile(x, np.array([0.1, 0.5]), { method: "inverted_cdf" })],
  ];
  for (const [name, f] of cases) {
    it(`${name}: vmap over rows and jit equal the eager rows`, () => {
      const eager = [0, 1, 2].map((i) => values(f(np.slice(rows, i))));
      expect(values(vmap(f)(rows))).toEqual(eager.flat());
      expect(values(jit(f)(np.slice(rows, 2)))).toEqual(eager[2]);
    });
  }

  const batch = np.array([[[2, 1], [1, 3]], [[4, -1], [2, 0.5]], [[1, 2], [3, 4]]], { dtype: "float64" });
  const linalgCases: [string, (x: ArrayValue) => ArrayValue][] = [
    ["cond", (x) => np.linalg.cond(x)],
    ["cond(1)", (x) => np.linalg.cond(x, 1)],
    ["svdvals", (x) => np.linalg.svdvals(x)],
    ["matrixNorm(nuc)", (x) => np.linalg.matrixNorm(x, { ord: "nuc" })],
    ["vectorNorm(3)", (x) => np.linalg.vectorNorm(x, { ord: 3, axis: 0 })],
    ["multiDot", (x) => np.linalg.multiDot([np.array([1, 2], { dtype: "float64" }), x, x.T, x])],
  ];
  for (const [name, f] of linalgCases) {
    it(`linalg.${name}: vmap over matrices and jit equal the eager values`, () => {
      const eager = [0, 1, 2].map((i) => values(f(np.slice(batch, i))));
      const close = (a: unknown[], b: unknown[]) => a.forEach((v, i) => expect(v as number).toBeCloseTo(b[i] as number, 10));
      close(values(vmap(f)(batch)), eager.flat());
      close(values(jit(f)(np.slice(batch, 1))), eager[1]!);
    });
  }

  it("unique along an axis with a static size runs under jit and vmap", () => {
    const x = np.array([[1, 2], [0, 5], [1, 2]], { dtype: "int32" });
    const f = (a: ArrayValue) => np.unique(a, { axis: 0, size: 3, fillValue: -1 });
    expect(jit(f)(x).toArray()).toEqual([[0, 5], [1, 2], [-1, -1]]);
    expect(vmap(f)(np.stack([x, np.flipud(x)])).toArray()).toEqual([f(x).toArray(), f(np.flipud(x)).toArray()]);
  });
});
