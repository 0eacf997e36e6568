/**
 * Test helpers: fixture loading and numeric comparison against reference values.
 */
import { readFileSync } from "node:fs";
import { expect } from "vitest";
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
