/**
 * Test helpers: fixture loading and numeric comparison against reference values.
 */
import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { TesseraError } from "../core/errors.js";
import type { ArrayValue } from "../core/ndarray.js";

/** Reads test/fixtures/<name>.json. */
export function loadFixture<T = any>(name: string): T {
  return JSON.parse(readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), "utf8")) as T;
}

/** Flattens nested number lists. */
export function flat(values: unknown): number[] {
  return Array.isArray(values) ? values.flatMap(flat) : [Number(values)];
}

/** Asserts |actual - expected| <= atol + rtol * |expected| elementwise (NaN matches NaN), with a useful message. */
export function expectClose(actual: ArrayValue | readonly number[] | number, expected: unknown, options: { rtol?: number; atol?: number } = {}): void {
  const { rtol = 1e-6, atol = 1e-6 } = options;
  const got = typeof actual === "number" ? [actual] : Array.isArray(actual) ? [...actual] : flat((actual as ArrayValue).toArray());
  const want = flat(expected);
  expect(got.length, "number of elements").toBe(want.length);
  got.forEach((g, i) => {
    const w = want[i]!;
    if (Number.isNaN(w)) return expect(g, `element ${i}`).toBeNaN();
    if (!Number.isFinite(w)) return expect(g, `element ${i}`).toBe(w);
    const error = Math.abs(g - w);
    if (!(error <= atol + rtol * Math.abs(w))) {
      expect.fail(`element ${i}: got ${g}, expected ${w} (error ${error.toExponential(2)} > atol ${atol} + rtol ${rtol} * |expected|)`);
    }
  });
}

/** Fails unless a fixture list has cases (an emptied or renamed fixture key must fail, not pass vacuously); returns the list. */
export function nonEmpty<T>(cases: readonly T[] | undefined, what: string): readonly T[] {
  expect(cases?.length ?? 0, `number of fixture cases for ${what}`).toBeGreaterThan(0);
  return cases ?? [];
}

/** For suites that generate one test per fixture case: a test failing when there are no cases to generate from. */
export function itHasCases(cases: readonly unknown[] | undefined, what: string): void {
  it(`the fixture has ${what} cases`, () => void nonEmpty(cases, what));
}

/** A row-major matrix. */
export interface Dense {
  readonly rows: number;
  readonly cols: number;
  readonly data: ArrayLike<number>;
}

/**
 * Eigen or singular vectors with a canonical sign, since each is defined only up to sign: the
 * first `k` columns of `u` (returned row-major, rows x k), each flipped so its largest-magnitude
 * entry is positive, and the first `k` rows of `vt` flipped with them (a singular pair changes
 * sign together). Comparing absolute values entry by entry instead would let a vector with one
 * wrong-signed entry pass.
 */
export function signNormalized(u: Dense, k: number, vt?: Dense): { u: number[]; vt: number[] } {
  const outU: number[] = new Array<number>(u.rows * k).fill(0);
  const outVt: number[] = vt ? new Array<number>(k * vt.cols).fill(0) : [];
  for (let j = 0; j < k; j++) {
    let largest = 0;
    for (let i = 0; i < u.rows; i++) if (Math.abs(u.data[i * u.cols + j]!) > Math.abs(largest)) largest = u.data[i * u.cols + j]!;
    const sign = largest < 0 ? -1 : 1;
    for (let i = 0; i < u.rows; i++) outU[i * k + j] = sign * u.data[i * u.cols + j]!;
    if (vt) for (let c = 0; c < vt.cols; c++) outVt[j * vt.cols + c] = sign * vt.data[j * vt.cols + c]!;
  }
  return { u: outU, vt: outVt };
}

/** The largest |(mᵀ m - I)| entry when `columns`, else |(m mᵀ - I)|, in float64: how far the columns (rows) are from orthonormal. */
export function orthonormalityError(m: Dense, columns: boolean): number {
  const [n, len] = columns ? [m.cols, m.rows] : [m.rows, m.cols];
  const at = (vector: number, i: number) => (columns ? m.data[i * m.cols + vector]! : m.data[vector * m.cols + i]!);
  let worst = 0;
  for (let a = 0; a < n; a++) {
    for (let b = 0; b < n; b++) {
      let dot = 0;
      for (let i = 0; i < len; i++) dot += at(a, i) * at(b, i);
      worst = Math.max(worst, Math.abs(dot - (a === b ? 1 : 0)));
    }
  }
  return worst;
}

/** The TesseraError `f` throws (fails the test when it returns or throws anything else). */
export function errorOf(f: () => unknown): TesseraError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(TesseraError);
    return e as TesseraError;
  }
  return expect.unreachable("expected a TesseraError, but the call returned");
}
