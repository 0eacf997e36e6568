import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { ArrayValue } from "../../core/ndarray.js";
import * as np from "../../core/numpy/index.js";
import * as random from "../../core/random/index.js";
import { jit } from "../../transforms/index.js";
import * as data from "../../models/data.js";
import { loadCsv } from "../../node/csv.js";
import { expectClose, loadFixture } from "../helpers.js";

const fixture = loadFixture("models").data;
const dataFile = (name: string) => fileURLToPath(new URL(`../../examples/data/${name}`, import.meta.url));
const numbers = (x: ArrayValue) => Array.from(x.toTypedArray(), Number);

describe("trainTestSplit", () => {
  const n = fixture.splitN as number;
  const x = np.arange(2 * n).reshape([n, 2]);
  const y = np.arange(n);

  it("takes the test rows first from the key's permutation (jax.random.permutation) and keeps rows paired", () => {
    const { train: [xTrain, yTrain], test: [xTest, yTest] } = data.trainTestSplit(random.key(fixture.splitKey), x, y, { testSize: 0.3 });
    const order = fixture.splitPermutation as number[];
    expect(numbers(yTest)).toEqual(order.slice(0, 6));
    expect(numbers(yTrain)).toEqual(order.slice(6));
    expect(xTest.toArray()).toEqual(order.slice(0, 6).map((i) => [2 * i, 2 * i + 1]));
    expect(xTrain.shape).toEqual([14, 2]);
  });

  it("a fraction takes ceil(testSize * n) rows, a whole number that many, and the default is 0.25", () => {
    const key = random.key(0);
    expect(data.trainTestSplit(key, y, { testSize: 0.21 }).test[0].shape).toEqual([5]);
    expect(data.trainTestSplit(key, y, { testSize: 3 }).test[0].shape).toEqual([3]);
    expect(data.trainTestSplit(key, y).test[0].shape).toEqual([5]);
  });

  it("the same key gives the same split; another key another", () => {
    const a = data.trainTestSplit(random.key(1), y, { testSize: 0.5 }).test[0];
    const b = data.trainTestSplit(random.key(1), y, { testSize: 0.5 }).test[0];
    const c = data.trainTestSplit(random.key(2), y, { testSize: 0.5 }).test[0];
    expect(numbers(a)).toEqual(numbers(b));
    expect(numbers(a)).not.toEqual(numbers(c));
  });

  it("rejects sizes that leave a set empty, and arrays of different lengths", () => {
    const key = random.key(0);
    expect(() => data.trainTestSplit(key, y, { testSize: 0 })).toThrow(/trainTestSplit: testSize must be a fraction in \(0, 1\) or a whole number of rows in \[1, 19\]/);
    expect(() => data.trainTestSplit(key, y, { testSize: 20 })).toThrow(/got 20 for 20 rows/);
    expect(() => data.trainTestSplit(key, y, { testSize: 2.5 })).toThrow(/got 2.5/);
    expect(() => data.trainTestSplit(key, x, np.arange(3))).toThrow(/trainTestSplit: every array needs the same number of rows: i32\[20,2\], i32\[3\]/);
    expect(() => data.trainTestSplit(key)).toThrow(/needs at least one array/);
  });
});

describe("kFold", () => {
  for (const [nk, folds] of Object.entries<{ train: number[]; validation: number[] }[]>(fixture.folds)) {
    it(`without a key, matches sklearn's KFold(n_splits=k) for n,k = ${nk}`, () => {
      const [n, k] = nk.split(",").map(Number) as [number, number];
      const got = data.kFold(n, k);
      expect(got.map((f) => ({ train: numbers(f.train), validation: numbers(f.validation) }))).toEqual(folds);
    });
  }

  it("with a key, folds have sklearn's sizes, are disjoint, cover every row, and repeat for the same key", () => {
    const folds = data.kFold(random.key(4), 11, 3);
    const validation = folds.map((f) => numbers(f.validation));
    expect(validation.map((v) => v.length)).toEqual([4, 4, 3]);
    expect(validation.flat().sort((a, b) => a - b)).toEqual(Array.from({ length: 11 }, (_, i) => i));
    folds.forEach((f, i) => expect([...numbers(f.train), ...validation[i]!].sort((a, b) => a - b)).toEqual(Array.from({ length: 11 }, (_, j) => j)));
    expect(validation.some((v, i) => v.join() !== numbers(data.kFold(11, 3)[i]!.validation).join())).toBe(true);
    expect(data.kFold(random.key(4), 11, 3).map((f) => numbers(f.validation))).toEqual(validation);
  });

  it("k must lie in [2, n]", () => {
    expect(() => data.kFold(3, 4)).toThrow(/kFold: k \(4\) cannot exceed the number of rows n \(3\)/);
    expect(() => data.kFold(3, 1)).toThrow(/kFold: k must be an integer >= 2, got 1/);
  });
});

describe("minibatches", () => {
  it("one epoch's batches are consecutive slices of the key's permutation, the last shorter unless dropLast", () => {
    const key = random.key(9);
    const batches = data.minibatches(key, 10, 4);
    expect(batches.map((b) => b.shape[0])).toEqual([4, 4, 2]);
    expect(batches.flatMap(numbers)).toEqual(numbers(random.permutation(key, 10)));
    expect(batches[0]!.dtype).toBe("int32");
    expect(data.minibatches(key, 10, 4, { dropLast: true }).map((b) => b.shape[0])).toEqual([4, 4]);
    expect(data.minibatches(key, 8, 4, { dropLast: true }).length).toBe(2);
  });
  it("another key (the next epoch's) gives another order", () => {
    const key = random.key(9);
    const first = data.minibatches(random.foldIn(key, 0), 32, 32)[0]!;
    const second = data.minibatches(random.foldIn(key, 1), 32, 32)[0]!;
    expect(numbers(first)).not.toEqual(numbers(second));
  });
  it("takeRows gathers the batch's rows of every leaf", () => {
    const batch = data.takeRows({ x: np.arange(6).reshape([3, 2]), y: np.arange(3) }, np.array([2, 0], { dtype: "int32" }));
    expect(batch.x.toArray()).toEqual([[4, 5], [0, 1]]);
    expect(batch.y.toArray()).toEqual([2, 0]);
  });
  it("batchSize must be positive", () => {
    expect(() => data.minibatches(random.key(0), 10, 0)).toThrow(/minibatches: batchSize must be an integer >= 1, got 0/);
  });
});

describe("standardizer", () => {
  const matrix = np.array(fixture.matrix, { dtype: "float64", shape: fixture.matrixShape });
  const other = np.array(fixture.other, { dtype: "float64", shape: fixture.otherShape });

  it("matches sklearn's StandardScaler fitted on train and applied to other data (constant column: scale 1)", () => {
    const fitted = data.fitStandardizer(matrix);
    expectClose(fitted.mean, fixture.mean, { rtol: 1e-15 });
    expectClose(fitted.scale, fixture.scale, { rtol: 1e-15 });
    expectClose(data.applyStandardizer(fitted, matrix), fixture.transformed, { rtol: 1e-14, atol: 1e-15 });
    expectClose(data.applyStandardizer(fitted, other), fixture.otherTransformed, { rtol: 1e-14, atol: 1e-15 });
  });

  it("is jittable, and the jitted fit gives the same standardizer", () => {
    const fitted = jit(data.fitStandardizer)(matrix);
    expectClose(fitted.scale, fixture.scale, { rtol: 1e-15 });
    expectClose(jit(data.applyStandardizer)(fitted, other), fixture.otherTransformed, { rtol: 1e-14, atol: 1e-15 });
  });

  it("zero-variance digits columns stay exactly 0 after scaling; the others get mean 0 and variance 1", () => {
    const { x } = loadCsv(dataFile("digits.csv"));
    const scaled = data.applyStandardizer(data.fitStandardizer(x), x);
    const columns = np.var(x, { axis: 0 }).toTypedArray();
    const mean = np.mean(scaled, { axis: 0 }).toTypedArray();
    const variance = np.var(scaled, { axis: 0 }).toTypedArray();
    const constant = [...columns.keys()].filter((j) => columns[j] === 0);
    expect(constant.length).toBeGreaterThan(0);
    for (const j of constant) expect(np.slice(scaled, null, j).toTypedArray().every((v) => v === 0)).toBe(true);
    columns.forEach((v, j) => {
      expect(Math.abs(mean[j]!)).toBeLessThan(1e-5);
      if (v !== 0) expect(Math.abs(variance[j]! - 1)).toBeLessThan(1e-4);
    });
  });

  it("applying to data with other columns is an error naming both", () => {
    expect(() => data.applyStandardizer(data.fitStandardizer(matrix), np.zeros([2, 4]))).toThrow(/applyStandardizer: x f32\[2,4\] must end with the fitted columns \[3\]/);
  });
});

describe("CSV parsing", () => {
  it("parseCsv: the label column by index, negative index or name; no header; label dtype inferred", () => {
    const text = "a,b,c\n1,2,3\n4,5.5,6\n";
    expect(data.parseCsv(text, { labelColumn: 0 }).y.toArray()).toEqual([1, 4]);
    expect(data.parseCsv(text, { labelColumn: "b" }).y.dtype).toBe("float32");
    expect(data.parseCsv(text, { labelColumn: "b" }).columns).toEqual(["a", "c"]);
    expect(data.parseCsv(text, { labelColumn: -2 }).x.toArray()).toEqual([[1, 3], [4, 6]]);
    const bare = data.parseCsv("1,2\r\n3,4\r\n", { header: false });
    expect([bare.columns, bare.labelName, bare.y.toArray()]).toEqual([["column_0"], "column_1", [2, 4]]);
  });

  it("ragged rows, non-numbers and unknown label columns are errors with the place", () => {
    expect(() => data.parseCsv("a,b\n1,2\n3\n")).toThrow(/parseCsv: line 3 has 1 fields, expected 2/);
    expect(() => data.parseCsv("a,b\n1,x\n")).toThrow(/parseCsv: line 2, column 2: expected a number, got "x"/);
    expect(() => data.parseCsv("a,b\n1,\n")).toThrow(/line 2, column 2: expected a number, got ""/);
    expect(() => data.parseCsv("a,b\n1,2\n", { labelColumn: "z" })).toThrow(/labelColumn "z" names no column of 2 \(a, b\)/);
  });
});
