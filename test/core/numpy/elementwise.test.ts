import { describe, expect, it } from "vitest";
import * as np from "../../../core/numpy/index.js";
import type { ArrayValue } from "../../../core/ndarray.js";
import { grad } from "../../../transforms/autodiff.js";
import { expectClose, loadFixture } from "../../helpers.js";

const fixture = loadFixture("elementwise");
type Unary = (x: ArrayValue) => ArrayValue;
type Binary = (x: ArrayValue, y: ArrayValue) => ArrayValue;
const npFunctions = np as unknown as Record<string, Unary & Binary>;

describe("unary elementwise ops match numpy/JAX float64 references", () => {
  for (const [name, { x, y }] of Object.entries<{ x: number[]; y: number[] }>(fixture.unary)) {
    it(`${name} in float64 is accurate to ~1e-13`, () => {
      expectClose(npFunctions[name]!(np.array(x, { dtype: "float64" })), y, { rtol: 1e-12, atol: 1e-14 });
    });
    it(`${name} in float32 is within float32 rounding of the float64 value`, () => {
      const x32 = np.array(x, { dtype: "float32" });
      const result = npFunctions[name]!(x32);
      expect(result.dtype).toBe("float32");
      // Reference at the float32-rounded inputs, so only the op's own rounding is measured.
      const reference = npFunctions[name]!(x32.astype("float64"));
      expectClose(result, reference.toArray(), { rtol: 3e-7, atol: 1e-7 });
    });
  }
});

describe("binary elementwise ops match numpy float64 references", () => {
  for (const [name, { x, y, z }] of Object.entries<{ x: number[]; y: number[]; z: number[] }>(fixture.binary)) {
    it(`${name} in float64`, () => {
      expectClose(npFunctions[name]!(np.array(x, { dtype: "float64" }), np.array(y, { dtype: "float64" })), z, { rtol: 1e-12, atol: 1e-13 });
    });
    it(`${name} in float32`, () => {
      const result = npFunctions[name]!(np.array(x), np.array(y));
      expect(result.dtype).toBe("float32");
      expectClose(result, z, { rtol: 2e-6, atol: 2e-6 });
    });
  }
});

describe("int32 arithmetic follows numpy", () => {
  const { x, y, z } = fixture.integerBinary as { x: number[]; y: number[]; z: Record<string, number[]> };
  for (const [name, expected] of Object.entries(z)) {
    it(`${name}`, () => {
      const result = npFunctions[name]!(np.array(x, { dtype: "int32" }), np.array(y, { dtype: "int32" }));
      expect(result.dtype).toBe("int32");
      expect(result.toArray()).toEqual(expected);
    });
  }
  it("multiplication wraps around at 32 bits", () => {
    const { x, y, z } = fixture.integerMultiplyWraps;
    expect(np.multiply(np.array(x, { dtype: "int32" }), np.array(y, { dtype: "int32" })).toArray()).toEqual(z);
  });
  it("true division of integers gives float32", () => {
    const q = np.divide(np.array([7, -7], { dtype: "int32" }), 2);
    expect(q.dtype).toBe("float32");
    expect(q.toArray()).toEqual([3.5, -3.5]);
  });
});

/** Decodes the fixture's strings for non-finite values ("nan", "inf", "-inf"). */
const nonFinite: Record<string, number> = { nan: NaN, inf: Infinity, "-inf": -Infinity };
const decode = (values: (number | string)[]) => values.map((v) => (typeof v === "string" ? nonFinite[v]! : v));

describe("comparisons match numpy, including ties, signed zeros, NaN and integer extremes", () => {
  const cases = fixture.comparisons as Record<string, { x: (number | string)[]; y: (number | string)[]; z: Record<string, boolean[]> }>;
  for (const [dtype, { x, y, z }] of Object.entries(cases)) {
    for (const [name, expected] of Object.entries(z)) {
      it(`${name} on ${dtype}`, () => {
        const d = dtype as "float64" | "int32" | "uint32";
        const result = npFunctions[name]!(np.array(decode(x), { dtype: d }), np.array(decode(y), { dtype: d }));
        expect(result.dtype).toBe("bool");
        expect(result.toArray()).toEqual(expected);
      });
    }
  }
  it("covers every comparison for three dtypes", () => expect(Object.values(cases).map((c) => Object.keys(c.z).length)).toEqual([6, 6, 6]));
});

describe("logical and bitwise ops on bools match numpy", () => {
  const { x, y, z } = fixture.boolLogic as { x: boolean[]; y: boolean[]; z: Record<string, boolean[]> };
  it("covers six ops", () => expect(Object.keys(z)).toHaveLength(6));
  for (const [name, expected] of Object.entries(z)) {
    it(name, () => expect(npFunctions[name]!(np.array(x), np.array(y)).toArray()).toEqual(expected));
  }
});

describe("conversion", () => {
  it("float to int32 truncates and saturates like JAX, NaN becomes 0", () => {
    const { x, int32 } = fixture.convertFloatToInt;
    expect(np.array(x).astype("int32").toArray()).toEqual(int32);
    expect(np.array([NaN]).astype("int32").toArray()).toEqual([0]);
  });
  it("int32 to uint32 wraps and back", () => {
    const u = np.array([-1, 5], { dtype: "int32" }).astype("uint32");
    expect(u.toArray()).toEqual([4294967295, 5]);
    expect(u.astype("int32").toArray()).toEqual([-1, 5]);
  });
  it("to bool is 'nonzero', NaN included", () => {
    expect(np.array([0, -0, 2, NaN]).astype("bool").toArray()).toEqual([false, false, true, true]);
  });
  it("float64 to float32 rounds to nearest", () => {
    expect(np.array([0.1], { dtype: "float64" }).astype("float32").item()).toBe(Math.fround(0.1));
  });
  it("astype rejects unknown dtypes by name", () => {
    expect(() => np.astype(np.array([1]), "float16" as never)).toThrow(/astype.*float16/);
  });
});

describe("special values", () => {
  it("nextafter steps one float32 ulp", () => {
    const { x, y, z } = fixture.nextafter32;
    expect(np.nextafter(np.array(x), np.array(y)).toArray()).toEqual(z);
  });
  it("nextafter steps one float64 ulp, through zero and to infinity", () => {
    const { x, y, z } = fixture.nextafter64;
    expect(np.nextafter(np.array(x, { dtype: "float64" }), np.array(decode(y), { dtype: "float64" })).toArray()).toEqual(z);
  });
  it("float32 erfinv agrees with JAX's XLA kernel to the last bit", () => {
    const { x, y } = fixture.erfinv32 as { x: number[]; y: number[] };
    expect(x.length).toBe(41);
    expect(np.erfinv(np.array(x)).toArray()).toEqual(y);
  });
  it("max and min propagate NaN", () => {
    expect(np.maximum(np.array([NaN, 1]), np.array([1, NaN])).toArray()).toEqual([NaN, NaN]);
    expect(np.minimum(np.array([NaN]), 0).toArray()).toEqual([NaN]);
  });
  it("erfinv is infinite at the ends and NaN outside", () => {
    expect(np.erfinv(np.array([1, -1, 2])).toArray()).toEqual([Infinity, -Infinity, NaN]);
  });
  it("logaddexp is finite for large arguments and exact for equal infinities", () => {
    expectClose(np.logaddexp(np.array([1000, -Infinity]), np.array([1000, -Infinity])), [1000 + Math.LN2, -Infinity]);
  });
  it("logaddexp splits the gradient evenly at a tie (softplus'(0) = logSigmoid'(0) = 1/2, as JAX)", () => {
    const dx = grad((u: ArrayValue) => np.sum(np.logaddexp(u, np.array([2, 0, 3], { dtype: "float64" }))))(np.array([1, -Infinity, 3], { dtype: "float64" })) as ArrayValue;
    expectClose(dx, [1 / (1 + Math.E), 0, 0.5], { rtol: 1e-15, atol: 0 });
  });
  it("floorDivide divides the exact multiple, as numpy's divmod (1 // float32(0.1) is 9)", () => {
    expect(np.floorDivide(np.array([1, -1]), np.array([0.1, 0.1])).toArray()).toEqual([9, -10]);
  });
  it("floorDivide by zero gives signed infinities and nan, as numpy", () => {
    expect(np.floorDivide(np.array([1, -1, 0]), 0).toArray()).toEqual([Infinity, -Infinity, NaN]);
  });
  it("hypot neither underflows nor overflows in float32", () => {
    expectClose(np.hypot(np.array([3e-20, 1e-30, 3e30, Infinity]), np.array([4e-20, 0, 4e30, NaN])), [5e-20, 1e-30, 5e30, Infinity], { rtol: 1e-6, atol: 0 });
  });
  it("isfinite, isnan and isinf classify", () => {
    const x = np.array([1, NaN, Infinity, -Infinity]);
    expect(np.isfinite(x).toArray()).toEqual([true, false, false, false]);
    expect(np.isnan(x).toArray()).toEqual([false, true, false, false]);
    expect(np.isinf(x).toArray()).toEqual([false, false, true, true]);
  });
  it("round has numpy's ties-to-even and keeps decimals", () => {
    expect(np.round(np.array([0.125, 0.135], { dtype: "float64" }), { decimals: 2 }).toArray()).toEqual([0.12, 0.14]);
  });
  it("round and rint take JAX's dtypes: integers round to decimals >= 0 only, bools not at all, rint gives floats", () => {
    // jnp.round(int32, -1) raises NotImplementedError and jnp.round(bool) ValueError (JAX 0.10.2);
    // jnp.rint(int32) and jnp.rint(bool) are float32.
    const ints = np.array([123, 155], { dtype: "int32" });
    expect(np.round(ints, 1).toArray()).toEqual([123, 155]);
    expect(() => np.round(ints, -1)).toThrow("tessera.round: integer rounding to decimals < 0 is not provided (JAX neither), got decimals -1 for int32");
    expect(() => np.round(np.array([true]))).toThrow("tessera.round: got a bool array");
    expect(np.rint(ints).dtype).toBe("float32");
    expect(np.rint(np.array([true, false])).toArray()).toEqual([1, 0]);
    expect(np.rint(np.array([2.5, 3.5, -0.5])).toArray()).toEqual([2, 4, -0]);
  });
});

describe("broadcasting and weak typing", () => {
  it("broadcasts like numpy", () => {
    const x = np.array([[1], [2], [3]]);
    const y = np.array([10, 20]);
    const z = np.add(x, y);
    expect(z.shape).toEqual([3, 2]);
    expect(z.toArray()).toEqual([[11, 21], [12, 22], [13, 23]]);
  });
  it("broadcasts three operands in where", () => {
    const z = np.where(np.array([true, false]), np.array([[1], [2]]), 0);
    expect(z.toArray()).toEqual([[1, 0], [2, 0]]);
  });
  it("JS numbers take the array's dtype", () => {
    expect(np.array([1, 2], { dtype: "float64" }).mul(2).dtype).toBe("float64");
    expect(np.array([1, 2], { dtype: "int32" }).add(2).dtype).toBe("int32");
    expect(np.array([1, 2], { dtype: "int32" }).add(0.5).dtype).toBe("float32");
    expect(np.array([true]).add(1).dtype).toBe("int32");
  });
  it("arrays promote along bool < uint32 < int32 < float32 < float64", () => {
    expect(np.add(np.array([1], { dtype: "int32" }), np.array([1], { dtype: "float32" })).dtype).toBe("float32");
    expect(np.add(np.array([1], { dtype: "float32" }), np.array([1], { dtype: "float64" })).dtype).toBe("float64");
    expect(np.exp(np.array([0], { dtype: "int32" })).dtype).toBe("float32");
  });
  it("weak integer scalars wrap into uint32 like JAX, and out-of-range ones are errors", () => {
    expect(np.array([5, 6], { dtype: "uint32" }).add(-1).toArray()).toEqual([4, 5]);
    expect(() => np.array([5], { dtype: "int32" }).add(3e9)).toThrow(/add: 3000000000 is out of range for int32; expected an integer in \[-2147483648, 2147483647\]/);
  });
  it("comparisons give bool arrays", () => {
    expect(np.less(np.array([1, 3]), 2).toArray()).toEqual([true, false]);
  });
  it("bitwise ops and shifts on integers", () => {
    const x = np.array([1, -8], { dtype: "int32" });
    expect(np.leftShift(x, 2).toArray()).toEqual([4, -32]);
    expect(np.rightShift(x, 1).toArray()).toEqual([0, -4]);
    expect(np.rightShift(x.astype("uint32"), 28).toArray()).toEqual([0, 15]);
    expect(np.bitwiseNot(x).toArray()).toEqual([-2, 7]);
  });
});

describe("errors name the op, the shapes and what was expected", () => {
  it("incompatible broadcast", () => {
    expect(() => np.add(np.zeros([2, 3]), np.zeros([4]))).toThrow(/tessera\.add: shapes \[2,3\] and \[4\] cannot be broadcast/);
  });
  it("bitwise op on floats", () => {
    expect(() => np.bitwiseAnd(np.zeros([2]), np.zeros([2]))).toThrow(/bitwiseAnd.*integer or bool.*float32/);
  });
  it("non-array argument", () => {
    expect(() => np.add("3" as never, 1)).toThrow(/add: argument 0 must be an array/);
  });
  it("where with incompatible shapes", () => {
    expect(() => np.where(np.array([true, false, true]), np.zeros([2]), 0)).toThrow(/select.*\[3\].*\[2\]/);
  });
});

describe("immutability", () => {
  it("ops leave their inputs bit-identical, also when they throw", () => {
    const x = np.array([1, 2, 3]);
    const before = x.toTypedArray();
    np.exp(x);
    x.add(1);
    np.where(x.gt(1), x, 0);
    expect(() => np.add(x, np.zeros([2]))).toThrow();
    expect(x.toTypedArray()).toEqual(before);
  });
  it("toTypedArray returns a copy", () => {
    const x = np.array([1, 2]);
    const copy = x.toTypedArray();
    copy[0] = 100;
    expect(x.toArray()).toEqual([1, 2]);
  });
  it("arrays are frozen", () => {
    const x = np.array([1, 2]);
    expect(() => {
      (x as unknown as { shape: number[] }).shape = [3];
    }).toThrow();
    expect(Object.isFrozen(x.shape)).toBe(true);
  });
});

describe("allclose and arrayEqual", () => {
  it("summarize isclose and equality as one boolean, as numpy", () => {
    expect(np.allclose(np.array([1, 2]), np.array([1 + 1e-9, 2]))).toBe(true);
    expect(np.allclose(np.array([1, 2]), np.array([1.001, 2]))).toBe(false);
    expect(np.allclose(np.array([NaN]), np.array([NaN]))).toBe(false);
    expect(np.allclose(np.array([NaN]), np.array([NaN]), { equalNan: true })).toBe(true);
    expect(np.arrayEqual(np.array([1, 2]), np.array([1, 2]))).toBe(true);
    expect(np.arrayEqual(np.array([1, 2]), np.array([[1, 2]]))).toBe(false);
    expect(np.arrayEqual(np.array([NaN, 1]), np.array([NaN, 1]))).toBe(false);
    expect(np.arrayEqual(np.array([NaN, 1]), np.array([NaN, 1]), { equalNan: true })).toBe(true);
  });
});
