import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { NdArray, storageOf, type ArrayValue } from "../../core/ndarray.js";
import * as nn from "../../core/nn.js";
import * as np from "../../core/numpy/index.js";
import {
  addAssociative,
  allClose,
  compareClose,
  float32MatchesFloat64,
  identical,
  leavesInputsUnchanged,
  sumOverAllAxesEqualsNestedSums,
  transposeInverse,
} from "../../laws/arrays.js";
import * as arb from "../../laws/arbitraries.js";
import { notCovered, opCase, opCases, precisionCases, type PrecisionCase } from "../../laws/catalog.js";
import {
  checkAddAssociative,
  checkArrayLaws,
  checkAddCommutes,
  checkFloat32MatchesFloat64,
  checkLeavesInputsUnchanged,
  checkMulCommutes,
  checkReshapeRoundTrips,
  checkSumOverAllAxesEqualsNestedSums,
  checkTransposeInverse,
} from "../../laws/runners.js";

const f32 = (values: number[], shape = [values.length]) => NdArray.fromBuffer(new Float32Array(values), shape, "float32");

describe("array laws", () => {
  it("broadcasting add commutes", () => checkAddCommutes({ numRuns: 100 }));
  it("broadcasting multiply commutes", () => checkMulCommutes({ numRuns: 100 }));
  it("add is associative within tolerance", () => checkAddAssociative({ numRuns: 100 }));
  it("reshape round-trips", () => checkReshapeRoundTrips({ numRuns: 100 }));
  it("transpose by a permutation then its inverse is the identity", () => checkTransposeInverse({ numRuns: 100 }));
  it("sum over all axes equals nested per-axis sums", () => checkSumOverAllAxesEqualsNestedSums({ numRuns: 100 }));
});

describe("every op leaves its inputs bit-identical (also when it throws)", () => {
  it("the catalogs have entries", () => {
    expect(opCases.length).toBeGreaterThan(0);
    expect(precisionCases.length).toBeGreaterThan(0);
  });
  it.each(opCases.map((c) => [c.name, c] as const))("%s", (_, c) => checkLeavesInputsUnchanged([c], { numRuns: 15 }));
});

/** One property run per precision case, so a failure names its op; no case is skipped. */
describe("float32 results of every elementwise op match a float64 evaluation", () => {
  it.each(precisionCases.map((c) => [c.name, c] as const))("%s", (_, c) => checkFloat32MatchesFloat64([c], { numRuns: 40 }));
});

describe("the whole suite", () => {
  it("checkArrayLaws runs every array law, over every catalog entry, from one call", () => checkArrayLaws({ numRuns: 3 }));
});

describe("the catalogs cover the np namespace", () => {
  const functions = (namespace: object, prefix: string) =>
    Object.entries(namespace)
      .filter(([, v]) => typeof v === "function")
      .map(([k]) => prefix + k);

  it("every np function is in the op catalog or listed as not covered, with a reason", () => {
    const covered = new Set(opCases.map((c) => c.name.split(".")[0]!.replace(/^linalg$/, "")).concat(opCases.map((c) => c.name)));
    const missing = functions(np, "").filter((name) => !covered.has(name) && !(name in notCovered));
    expect(missing).toEqual([]);
  });

  it("every nn function is in the op catalog", () => {
    const names = new Set(opCases.map((c) => c.name));
    expect(functions(nn, "nn.").filter((name) => !names.has(name))).toEqual([]);
  });

  it("every np.linalg function is in the op catalog", () => {
    const linalg = (np as unknown as { linalg?: object }).linalg ?? {};
    const names = new Set(opCases.map((c) => c.name));
    expect(functions(linalg, "linalg.").filter((name) => !names.has(name))).toEqual([]);
  });

  it("every floating-point elementwise op has a precision case", () => {
    const names = new Set(precisionCases.map((c) => c.name.replace(/\(.*\)$/, "")));
    const elementwise = opCases.slice(0, opCases.findIndex((c) => c.name === "array")).map((c) => c.name);
    const integerOnly = ["bitwiseNot", "invert", "bitwiseAnd", "bitwiseOr", "bitwiseXor", "leftShift", "rightShift"];
    expect(elementwise.filter((name) => !names.has(name) && !integerOnly.includes(name))).toEqual([]);
  });
});

describe("the predicates catch violations", () => {
  it("leavesInputsUnchanged catches an op that writes its input, and one that writes then throws", () => {
    const x = f32([1, 2, 3]);
    const writes = (a: NdArray) => {
      (storageOf(a) as Float32Array)[1] = 7; // a buggy kernel writing its input
      return a;
    };
    expect(leavesInputsUnchanged(writes, [x])).toEqual({
      ok: false,
      message: "args[0] (f32[3]) was modified at byte 6 after the op returned, to [1, 7, 3]; the inputs before the op: args[0] = [1, 2, 3]",
    });
    const y = f32([1, 2]);
    const writesThenThrows = (list: NdArray[]) => {
      (storageOf(list[0]!) as Float32Array)[0] = NaN;
      throw new Error("boom");
    };
    const result = leavesInputsUnchanged(writesThenThrows, [[y]]);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(/args\[0\]\[0\] \(f32\[2\]\) was modified at byte 2 after the op threw \(boom\), to \[NaN, 2\]; the inputs before the op: args\[0\]\[0\] = \[1, 2\]$/);
  });

  it("leavesInputsUnchanged passes a pure op that throws", () => {
    expect(leavesInputsUnchanged((a: ArrayValue, b: ArrayValue) => np.add(a, b), [f32([1, 2]), f32([1, 2, 3])])).toEqual({ ok: true });
  });

  it("float32MatchesFloat64 flags an op that loses float32 precision", () => {
    // Computing through a 16-bit-mantissa rounding is far outside float32 tolerance.
    const sloppy = (x: ArrayValue) => (x.dtype === "float32" ? np.multiply(np.round(np.multiply(x, 2 ** 10)), 2 ** -10) : x);
    const result = float32MatchesFloat64(sloppy, [f32([0.1234567])]);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(/float32 gives .* but float64 gives 0\.1234567/);
    expect(float32MatchesFloat64(np.exp, [f32([0.5, -3, 88.5])])).toEqual({ ok: true });
  });

  it("float32MatchesFloat64 rejects a float32 op that returns float64", () => {
    const widens = (x: ArrayValue) => np.astype(x, "float64");
    expect(float32MatchesFloat64(widens, [f32([1])]).ok).toBe(false);
  });

  it("addAssociative scales its tolerance with the operands, not the (cancelled) result", () => {
    const [a, b, c] = [f32([1e3]), f32([-1e3]), f32([1e-3])];
    expect(addAssociative(a, b, c)).toEqual({ ok: true });
    expect(addAssociative(a, b, c, 0).ok).toBe(false);
  });

  it("transposeInverse and sums report shapes and values", () => {
    const x = NdArray.fromBuffer(new Float64Array([1, 2, 3, 4, 5, 6]), [2, 3], "float64");
    expect(transposeInverse(x, [1, 0])).toEqual({ ok: true });
    expect(sumOverAllAxesEqualsNestedSums(x, [1, 0])).toEqual({ ok: true });
  });

  it("identical distinguishes -0 from 0 but not NaN from NaN; allClose uses rtol and atol", () => {
    expect(identical(f32([NaN]), f32([NaN])).ok).toBe(true);
    expect(identical(f32([0]), f32([-0])).ok).toBe(false);
    expect(identical(f32([1]), f32([1], [1, 1])).ok).toBe(false);
    expect(allClose(f32([1, 2]), f32([1.00001, 2]), { rtol: 1e-4 })).toBe(true);
    expect(allClose(f32([1, 2]), f32([1.01, 2]), { rtol: 1e-4 })).toBe(false);
    expect(compareClose(f32([Infinity]), f32([Infinity])).ok).toBe(true);
    expect(compareClose(f32([Infinity]), f32([-Infinity])).ok).toBe(false);
  });
});

describe("the runners", () => {
  const writeFirst = (x: NdArray) => {
    (storageOf(x) as Float32Array)[0] = NaN;
    return x;
  };
  const writesItsInput = opCase("myOp", fc.tuple(arb.arrayOf([2], "float32")), writeFirst);

  it("name a failing case by its own name", () => {
    expect(() => checkLeavesInputsUnchanged([writesItsInput], { numRuns: 5 })).toThrow(/^immutability law failed for myOp: /);
    const nested = opCase("nn.myActivation", fc.tuple(arb.arrayOf([2], "float32")), writeFirst);
    expect(() => checkLeavesInputsUnchanged([nested], { numRuns: 5 })).toThrow(/^immutability law failed for nn\.myActivation: /);
    const truncates: PrecisionCase = { name: "nn.truncating", domains: [{ min: 0.1, max: 1 }], run: (x) => (x.dtype === "float32" ? np.trunc(np.multiply(x, 100)) : np.multiply(x, 100)) };
    expect(() => checkFloat32MatchesFloat64([truncates], { numRuns: 5 })).toThrow(/^float32 law failed for nn\.truncating: /);
  });

  it("leave out the cases named in skip", () => {
    expect(() => checkLeavesInputsUnchanged([writesItsInput], { numRuns: 5, skip: ["myOp"] })).not.toThrow();
  });

  it("reject a skip name that is no case's, so a typo cannot skip nothing silently", () => {
    expect(() => checkLeavesInputsUnchanged([writesItsInput], { skip: ["myop"] })).toThrow(/checkLeavesInputsUnchanged: skip names "myop", which is not in the catalog \(known names: myOp\)/);
    expect(() => checkFloat32MatchesFloat64(precisionCases, { skip: ["hypot", "hpyot"] })).toThrow(/checkFloat32MatchesFloat64: skip names "hpyot"/);
    expect(() => checkArrayLaws({ numRuns: 1, skip: ["nn.gelu(exact)", "linalg.slove"] })).toThrow(/checkArrayLaws: skip names "linalg.slove"/);
  });
});

describe("every op in a sample leaves its inputs unchanged on NaN, infinities and int32/uint32 extremes", () => {
  const wild: arb.ArrayOptions = { allowZeroSize: true, nonFinite: true, extremes: true };
  const one = fc.tuple(arb.array(wild));
  const two = arb.broadcastArrays(2, wild).map(([a, b]): [NdArray, NdArray] => [a!, b!]);
  /** Square float matrices with non-finite entries now and then. */
  const matrices = fc
    .tuple(fc.integer({ min: 0, max: 4 }), arb.dtype(["float32", "float64"]))
    .chain(([n, dt]) => fc.tuple(arb.arrayOf([n, n], dt, { nonFinite: true })));
  const unary = {
    exp: np.exp, log: np.log, sqrt: np.sqrt, abs: np.abs, sign: np.sign, floor: np.floor, rint: np.rint, reciprocal: np.reciprocal,
    erfinv: np.erfinv, tanh: np.tanh, isnan: np.isnan, negative: np.negative, square: np.square, bitwiseNot: np.bitwiseNot,
  } satisfies Record<string, (x: ArrayValue) => ArrayValue>;
  const binary = {
    add: np.add, multiply: np.multiply, divide: np.divide, floorDivide: np.floorDivide, remainder: np.remainder, power: np.power,
    maximum: np.maximum, hypot: np.hypot, arctan2: np.arctan2, nextafter: np.nextafter, leftShift: np.leftShift, rightShift: np.rightShift,
  } satisfies Record<string, (x: ArrayValue, y: ArrayValue) => ArrayValue>;
  const cases = [
    ...Object.entries(unary).map(([name, f]) => opCase(name, one, f)),
    ...Object.entries(binary).map(([name, f]) => opCase(name, two, f)),
    opCase("astype(int32)", one, (x) => np.astype(x, "int32")),
    opCase("sum", one, (x) => np.sum(x)),
    opCase("var", one, (x) => np.var(x)),
    opCase("median", one, (x) => np.median(x)),
    opCase("argmax", one, (x) => np.argmax(x)),
    opCase("cumsum", one, (x) => np.cumsum(x)),
    opCase("sort", one, (x) => np.sort(x)),
    opCase("linalg.inv", matrices, (a) => np.linalg.inv(a)),
    opCase("linalg.eigh", matrices, (a) => np.linalg.eigh(a)),
    opCase("linalg.svd", matrices, (a) => np.linalg.svd(a)),
  ];
  it.each(cases.map((c) => [c.name, c] as const))("%s", (_, c) => checkLeavesInputsUnchanged([c], { numRuns: 30 }));
});
