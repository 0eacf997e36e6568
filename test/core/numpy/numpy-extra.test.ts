/**
 * The jax.numpy functions of core/numpy/{ufuncs,manipulation,statistics,histograms,sized}.ts
 * against JAX 0.10.2 (test/fixtures/generate_numpy_extra.py): values, dtypes and shapes in
 * float32, float64 and int32, and gradients in float64.
 */
import { describe, expect, it } from "vitest";
import { allocate, type DType } from "../../../core/dtype.js";
import { ArrayValue, NdArray } from "../../../core/ndarray.js";
import * as np from "../../../core/numpy/index.js";
import { grad } from "../../../index.js";
import { expectClose, itHasCases, loadFixture } from "../../helpers.js";

interface Encoded {
  shape: number[];
  dtype: DType;
  data: (number | string | boolean)[];
}
interface Case {
  fn: string;
  args: unknown[];
  x64: boolean;
  out: Encoded | Encoded[];
}
interface GradCase {
  fn: string;
  args: unknown[];
  wrt: number[];
  ct: Encoded;
  grads: Encoded[];
}
const fixture = loadFixture<{ cases: Case[]; grads: GradCase[] }>("numpy_extra");

const isEncoded = (v: unknown): v is Encoded => typeof v === "object" && v !== null && "dtype" in v && "shape" in v && "data" in v;

function toArray(e: Encoded): NdArray {
  const data = allocate(e.dtype, e.data.length);
  e.data.forEach((v, i) => (data[i] = typeof v === "boolean" ? Number(v) : Number(v)));
  return NdArray.fromBuffer(data, e.shape, e.dtype);
}

/** Fixture arguments with arrays decoded, recursively (lists of arrays, option records holding arrays). */
function decode(v: unknown): unknown {
  if (isEncoded(v)) return toArray(v);
  if (Array.isArray(v)) return v.map(decode);
  if (typeof v === "object" && v !== null) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, decode(x)]));
  return v;
}

function expectMatches(actual: unknown, expected: Encoded, tolerance: number, what: string): void {
  expect(actual, what).toBeInstanceOf(ArrayValue);
  const a = actual as ArrayValue;
  expect(a.shape, `${what} shape`).toEqual(expected.shape);
  expect(a.dtype, `${what} dtype`).toBe(expected.dtype);
  expectClose(a.size === 0 ? [] : [a.toArray()].flat(Infinity).map(Number), expected.data.map(Number), { rtol: tolerance, atol: tolerance });
}

type Fn = (...args: unknown[]) => unknown;
const functions = np as unknown as Record<string, Fn>;
const label = (args: unknown[]): string =>
  JSON.stringify(args, (_k, v) => (isEncoded(v) ? `${v.dtype}[${v.shape}]` : v)).slice(1, -1).replace(/"/g, "");

describe("new np functions match JAX", () => {
  itHasCases(fixture.cases, "value");
  fixture.cases.forEach((c, i) => {
    it(`${c.fn}(${label(c.args)}) #${i}`, () => {
      const result = functions[c.fn]!(...(decode(c.args) as unknown[]));
      const tolerance = c.x64 ? 1e-12 : 2e-6;
      if (Array.isArray(c.out)) {
        expect(Array.isArray(result), "a list of results").toBe(true);
        expect((result as unknown[]).length).toBe(c.out.length);
        c.out.forEach((e, k) => expectMatches((result as unknown[])[k], e, tolerance, `result ${k}`));
      } else {
        expectMatches(result, c.out, tolerance, "result");
      }
    });
  });
});

describe("gradients of the new np functions match JAX (float64)", () => {
  itHasCases(fixture.grads, "gradient");
  fixture.grads.forEach((c, i) => {
    it(`d/d args ${c.wrt} of ${c.fn}(${label(c.args)}) #${i}`, () => {
      const args = decode(c.args) as unknown[];
      const ct = toArray(c.ct);
      c.wrt.forEach((position, k) => {
        const loss = (x: ArrayValue) => {
          const call = [...args];
          call[position] = x;
          return np.sum(np.multiply(functions[c.fn]!(...call) as ArrayValue, ct));
        };
        expectMatches(grad(loss)(args[position] as ArrayValue), c.grads[k]!, 1e-10, `gradient ${k}`);
      });
    });
  });
});
