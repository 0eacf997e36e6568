/**
 * The NaN-ignoring reductions, quantile's inverted_cdf with weights, cov's weights, np.linalg's
 * cond/svdvals/matrixNorm/vectorNorm/multiDot and the ops segment reductions against JAX 0.10.2
 * (test/fixtures/generate_numpy_more.py): values, dtypes and shapes in float32, float64 and the
 * integer dtypes, and gradients in float64.
 */
import { describe, expect, it } from "vitest";
import { allocate, type DType } from "../../../core/dtype.js";
import { ArrayValue, NdArray } from "../../../core/ndarray.js";
import * as np from "../../../core/numpy/index.js";
import * as ops from "../../../core/ops.js";
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
const fixture = loadFixture<{ cases: Case[]; grads: GradCase[] }>("numpy_more");

const isEncoded = (v: unknown): v is Encoded => typeof v === "object" && v !== null && "dtype" in v && "shape" in v && "data" in v;

function toArray(e: Encoded): NdArray {
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

type Fn = (...args: unknown[]) => unknown;
const namespaces: Record<string, Record<string, unknown>> = { linalg: np.linalg, ops };
function lookup(name: string): Fn {
  const [head, tail] = name.split(".");
  const f = tail === undefined ? (np as unknown as Record<string, unknown>)[head!] : namespaces[head!]![tail];
  expect(typeof f, name).toBe("function");
  return f as Fn;
}
const label = (args: unknown[]): string =>
  JSON.stringify(args, (_k, v) => (isEncoded(v) ? `${v.dtype}[${v.shape}]` : v)).slice(1, -1).replace(/"/g, "");

describe("nan reductions, linalg and ops match JAX", () => {
  itHasCases(fixture.cases, "value");
  fixture.cases.forEach((c, i) => {
    it(`${c.fn}(${label(c.args)}) #${i}`, () => {
      const result = lookup(c.fn)(...(decode(c.args) as unknown[]));
      // A float32 result (a float32 dtype option under x64 too) is as exact as float32 is.
      const outputs = Array.isArray(c.out) ? c.out : [c.out];
      const tolerance = c.x64 && outputs.every((e) => e.dtype !== "float32") ? 1e-12 : 2e-6;
      if (Array.isArray(c.out)) {
        expect(Array.isArray(result), "a list of results").toBe(true);
        c.out.forEach((e, k) => expectMatches((result as unknown[])[k], e, tolerance, `result ${k}`));
      } else {
        expectMatches(result, c.out, tolerance, "result");
      }
    });
  });
});

describe("their gradients match JAX (float64)", () => {
  itHasCases(fixture.grads, "gradient");
  fixture.grads.forEach((c, i) => {
    it(`d/d args ${c.wrt} of ${c.fn}(${label(c.args)}) #${i}`, () => {
      const args = decode(c.args) as unknown[];
      const ct = toArray(c.ct);
      c.wrt.forEach((position, k) => {
        const loss = (x: unknown) => {
          const call = [...args];
          call[position] = x;
          return np.sum(np.multiply(lookup(c.fn)(...call) as ArrayValue, ct));
        };
        const at = args[position];
        const g = grad(loss)(at as ArrayValue);
        const expected = c.grads[k]!;
        if (Array.isArray(g)) {
          // A list argument (multiDot): its first array's gradient is JAX's grads[k] of the list.
          const list = expected as unknown as Encoded[];
          (g as ArrayValue[]).forEach((gi, j) => expectMatches(gi, list[j]!, 1e-10, `gradient ${k}.${j}`));
        } else {
          expectMatches(g, expected, 1e-10, `gradient ${k}`);
        }
      });
    });
  });
});

describe("the new options reject what JAX rejects, naming the op", () => {
  const x = np.array([[1, 2, 3], [4, 5, 6]]);
  const reject = (run: () => unknown, ...fragments: string[]) => {
    let message = "";
    try {
      run();
    } catch (e) {
      message = (e as Error).message;
    }
    for (const f of fragments) expect(message).toContain(f);
  };
  it("quantile's weights", () => {
    reject(() => np.quantile(x, 0.5, { weights: np.onesLike(x) }), "quantile", 'only method "inverted_cdf"');
    reject(() => np.quantile(x, 0.5, { method: "inverted_cdf", weights: np.ones([3]) }), "quantile", "when axis is absent");
    reject(() => np.nanquantile(x, 0.5, { axis: 1, method: "inverted_cdf", weights: np.ones([2]) }), "nanquantile", "reduced axes' shape [3]");
    reject(() => np.nanpercentile(x, 50, { method: "median" as never }), "nanpercentile", "method");
  });
  it("nan reductions", () => {
    reject(() => np.nanvar(x, { dtype: "int32" }), "nanvar", "float dtype");
    reject(() => np.nansum(x, { axis: 2 }), "tessera.nansum", "axis");
    reject(() => np.nanmax(np.zeros([0])), "tessera.nanmax");
    reject(() => np.nanargmin(x, { axis: [0, 1] } as never), "tessera.nanargmin");
    reject(() => np.nanvar(x, { correction: 1 } as never), "nanvar", 'unknown option "correction"');
  });
  it("cov's weights", () => {
    reject(() => np.cov(x, { fweights: np.ones([3]) }), "cov", "fweights must be integers");
    reject(() => np.cov(x, { aweights: np.ones([2]) }), "cov", "one weight per observation (3)");
    reject(() => np.cov(x, { dtype: "int32" }), "cov", "float dtype");
  });
  it("linalg", () => {
    reject(() => np.linalg.cond(np.ones([2, 3]), 1), "linalg.cond", "square");
    reject(() => np.linalg.cond(np.ones([3])), "linalg.cond", "rank >= 2");
    reject(() => np.linalg.cond(np.ones([2, 2]), "inf" as never), "linalg.cond", "p must be");
    reject(() => np.linalg.vectorNorm(x, { ord: "fro" as never }), "linalg.vectorNorm");
    reject(() => np.linalg.matrixNorm(x, { ord: 3 }), "linalg.matrixNorm", "invalid order 3");
    reject(() => np.linalg.multiDot([x]), "linalg.multiDot", "at least two");
    reject(() => np.linalg.multiDot([x, x]), "linalg.multiDot", "do not chain");
    reject(() => np.linalg.multiDot([x, np.ones([3, 2, 2])]), "linalg.multiDot", "matrices");
  });
});
