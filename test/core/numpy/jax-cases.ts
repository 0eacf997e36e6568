/**
 * The runner shared by the fixture tests that call np functions by name on JAX-computed cases
 * (numpy-extra, numpy-more): each case's arguments are decoded from the fixture's encoding, the
 * function is called, and its results (values, shapes, dtypes) and its float64 gradients are
 * compared with JAX's.
 */
import { describe, expect, it } from "vitest";
import { allocate, type DType } from "../../../core/dtype.js";
import { ArrayValue, NdArray } from "../../../core/ndarray.js";
import * as np from "../../../core/numpy/index.js";
import { grad } from "../../../transforms/index.js";
import { expectClose, itHasCases, loadFixture } from "../../helpers.js";

/** An array as the generators write it. */
export interface Encoded {
  shape: number[];
  dtype: DType;
  data: (number | string | boolean)[];
}

/** One call and JAX's result (a list for functions returning several arrays). */
interface Case {
  fn: string;
  args: unknown[];
  x64: boolean;
  /** The tolerance the generator states for this case, where it is not the dtype's. */
  tol?: number;
  out: Encoded | Encoded[];
}

/** The gradients of sum(f(args) * ct) with respect to the arguments at `wrt`. */
interface GradCase {
  fn: string;
  args: unknown[];
  wrt: number[];
  ct: Encoded;
  grads: Encoded[];
}

type Fn = (...args: unknown[]) => unknown;

const isEncoded = (v: unknown): v is Encoded => typeof v === "object" && v !== null && "dtype" in v && "shape" in v && "data" in v;

export function toArray(e: Encoded): NdArray {
  const data = allocate(e.dtype, e.data.length);
  e.data.forEach((v, i) => (data[i] = Number(v)));
  return NdArray.fromBuffer(data, e.shape, e.dtype);
}

/** Non-finite numbers travel as strings in JSON. */
const nonFinite: Record<string, number> = { Infinity: Infinity, "-Infinity": -Infinity, NaN: NaN };

/** Fixture arguments with arrays decoded, recursively (lists of arrays, option records holding arrays). */
function decode(v: unknown): unknown {
  if (isEncoded(v)) return toArray(v);
  if (Array.isArray(v)) return v.map(decode);
  if (typeof v === "string" && v in nonFinite) return nonFinite[v];
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

const label = (args: unknown[]): string =>
  JSON.stringify(args, (_k, v) => (isEncoded(v) ? `${v.dtype}[${v.shape}]` : v)).slice(1, -1).replace(/"/g, "");

/**
 * Defines the value and gradient tests of the fixture `name`, finding each case's function with
 * `lookup`. Values agree to 1e-12 in float64 and 2e-6 in float32 unless a case states its own
 * `tol`; gradients to `gradientTolerance`.
 */
export function describeJaxCases(name: string, title: string, lookup: (fn: string) => unknown, { gradientTolerance = 1e-10 } = {}): void {
  const fixture = loadFixture<{ cases: Case[]; grads: GradCase[] }>(name);
  const call = (fn: string): Fn => {
    const f = lookup(fn);
    expect(typeof f, fn).toBe("function");
    return f as Fn;
  };

  describe(`${title} match JAX`, () => {
    itHasCases(fixture.cases, "value");
    fixture.cases.forEach((c, i) => {
      it(`${c.fn}(${label(c.args)}) #${i}`, () => {
        const result = call(c.fn)(...(decode(c.args) as unknown[]));
        // A float32 result (a float32 dtype option under x64 too) is as exact as float32 is.
        const outputs = Array.isArray(c.out) ? c.out : [c.out];
        const tolerance = c.tol ?? (c.x64 && outputs.every((e) => e.dtype !== "float32") ? 1e-12 : 2e-6);
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

  describe(`the gradients of ${title} match JAX (float64)`, () => {
    itHasCases(fixture.grads, "gradient");
    fixture.grads.forEach((c, i) => {
      it(`d/d args ${c.wrt} of ${c.fn}(${label(c.args)}) #${i}`, () => {
        const args = decode(c.args) as unknown[];
        const ct = toArray(c.ct);
        c.wrt.forEach((position, k) => {
          const loss = (x: unknown) => {
            const callArgs = [...args];
            callArgs[position] = x;
            return np.sum(np.multiply(call(c.fn)(...callArgs) as ArrayValue, ct));
          };
          const g = grad(loss)(args[position] as ArrayValue);
          const expected = c.grads[k]!;
          if (Array.isArray(g)) {
            // A list argument (multiDot): each of its arrays' gradients, as JAX's grads[k] lists them.
            const list = expected as unknown as Encoded[];
            (g as ArrayValue[]).forEach((gi, j) => expectMatches(gi, list[j]!, gradientTolerance, `gradient ${k}.${j}`));
          } else {
            expectMatches(g, expected, gradientTolerance, `gradient ${k}`);
          }
        });
      });
    });
  });
}
