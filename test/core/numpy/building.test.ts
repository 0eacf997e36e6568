/**
 * The array-building functions (core/numpy/building.ts) against JAX 0.10.2
 * (test/fixtures/generate_numpy_building.py): values, dtypes and shapes in float32, float64 and
 * int32, and float64 gradients (of a list result through the concatenation of its raveled parts);
 * then the errors JAX raises, naming the op, and jit/vmap agreeing with eager.
 */
import { describe, expect, it } from "vitest";
import { np, jit, vmap, type ArrayValue } from "../../../index.js";
import { describeJaxCases } from "./jax-cases.js";

const flat =
  (f: (...args: unknown[]) => ArrayValue[]) =>
  (...args: unknown[]): ArrayValue =>
    np.concatenate(f(...args).map((a) => np.ravel(a)));

describeJaxCases("numpy_building", "the array-building functions", (name) => {
  const [head, tail] = name.split(".");
  const lookup = (n: string) => (np as unknown as Record<string, unknown>)[n];
  return tail === undefined ? lookup(head!) : flat(lookup(tail) as (...args: unknown[]) => ArrayValue[]);
});

describe("the array-building functions reject what JAX rejects, naming the op", () => {
  const x = np.ones([4, 3]);
  it("splits", () => {
    expect(() => np.hsplit(x, 2)).toThrow(/hsplit.*equal parts/);
    expect(() => np.vsplit(np.ones([3]), [1, 5])).not.toThrow();
    expect(() => np.dsplit(x, 2)).toThrow(/dsplit.*axis/);
    expect(() => np.arraySplit(x, 0)).toThrow(/arraySplit.*positive integer/);
    expect(() => np.arraySplit(x, 2, { axis: 2 })).toThrow(/arraySplit.*axis/);
  });
  it("unstack, broadcastArrays, append", () => {
    expect(() => np.unstack(np.array(1))).toThrow(/unstack.*rank > 0/);
    expect(() => np.broadcastArrays(np.ones([2]), np.ones([3]))).toThrow(/broadcastArrays/);
    expect(() => np.append(x, np.ones([4, 2]), { axis: 0 })).toThrow(/concatenate|append/);
    expect(() => np.append(x, x, { axes: 0 } as never)).toThrow(/append.*unknown option "axes"/);
  });
  it("tri, diagflat, vander, logspace, geomspace", () => {
    expect(() => np.tri(-1)).toThrow(/tri/);
    expect(() => np.tri(2, 2, { k: 0.5 })).toThrow(/tri.*k/);
    expect(() => np.diagflat(x, { k: "1" } as never)).toThrow(/diagflat/);
    expect(() => np.vander(x)).toThrow(/vander.*one-dimensional/);
    expect(() => np.vander(np.ones([3]), -1)).toThrow(/vander/);
    expect(() => np.logspace(0, Infinity, 3)).toThrow(/logspace.*stop/);
    expect(() => np.geomspace(1, 2, 3, { base: 2 } as never)).toThrow(/geomspace.*unknown option "base"/);
  });
});

describe("the array-building functions under jit and vmap", () => {
  const x = np.array([[1, -2, 3], [4, 5, -6]], { dtype: "float64" });
  it("jit equals eager", () => {
    const f = (a: ArrayValue) => np.add(np.stack(np.arraySplit(np.ravel(a), 3)), np.sum(np.vander(np.ravel(a), 2)));
    expect(jit(f)(x).toArray()).toEqual(f(x).toArray());
    const g = (a: ArrayValue) => np.append(np.diagflat(a), np.unstack(a)[1]!);
    expect(jit(g)(x).toArray()).toEqual(g(x).toArray());
  });
  it("vmap maps over rows as a loop would", () => {
    const f = (row: ArrayValue) => np.vander(row, 3, { increasing: true });
    const mapped = vmap(f)(x);
    expect(mapped.toArray()).toEqual(np.stack(np.unstack(x).map(f)).toArray());
  });
});
