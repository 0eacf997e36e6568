/**
 * JAX's reduction options (where, initial, dtype, correction), logsumexp's b/returnSign/where,
 * softmax's where, the newer jax.nn activations and dotProductAttention, against
 * test/fixtures/options.json (float64 with x64 on; float32, int32 and bool with JAX's defaults).
 */
import { describe, expect, it } from "vitest";
import * as nn from "../../core/nn.js";
import { ArrayValue } from "../../core/ndarray.js";
import * as np from "../../core/numpy/index.js";
import { grad, vmap } from "../../transforms/index.js";
import { errorOf, expectClose, flat, itHasCases, loadFixture } from "../helpers.js";

interface Encoded { shape: number[]; dtype: "float32" | "float64" | "int32" | "bool"; data: (number | string | boolean)[] }
interface Case { name: string; fn: string; args: Encoded[]; options: Record<string, unknown>; expected: Encoded | Encoded[] }

const fixture = loadFixture<{ cases: Case[] }>("options");

const isEncoded = (v: unknown): v is Encoded => typeof v === "object" && v !== null && "shape" in v && "data" in v;
const decode = (e: Encoded): ArrayValue => np.reshape(np.array(e.data.map((d) => (e.dtype === "bool" ? Boolean(d) : Number(d))), { dtype: e.dtype }), e.shape);
const namespaces: Record<string, Record<string, unknown>> = { np: np as unknown as Record<string, unknown>, nn: nn as unknown as Record<string, unknown> };

/** JAX's snake_case name of the nn function in a case, in tessera's camelCase. */
const camel = (name: string): string => name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

function run(c: Case): ArrayValue | ArrayValue[] {
  const [space, name] = c.fn.includes(".") ? (c.fn.split(".") as [string, string]) : ["np", c.fn];
  const f = namespaces[space]![camel(name)] as (...args: unknown[]) => ArrayValue | ArrayValue[];
  const options = Object.fromEntries(Object.entries(c.options).map(([k, v]) => [k, isEncoded(v) ? decode(v) : v]));
  return f(...c.args.map(decode), ...(Object.keys(options).length > 0 ? [options] : []));
}

function check(got: ArrayValue, want: Encoded): void {
  expect(got.dtype).toBe(want.dtype);
  expect(got.shape).toEqual(want.shape);
  if (want.dtype === "bool" || want.dtype === "int32") return void expect(flat(got.toArray())).toEqual(want.data.map(Number));
  // Attention's softmax runs in float32 even for float64 inputs (as JAX), so it gets float32 tolerances.
  const tight = want.dtype === "float64";
  expectClose(got, want.data, tight ? { rtol: 1e-12, atol: 1e-14 } : { rtol: 2e-6, atol: 2e-6 });
}

describe("options and jax.nn additions match JAX 0.10.2", () => {
  itHasCases(fixture.cases, "options");
  for (const c of fixture.cases) {
    const precision = c.args[0]!.dtype;
    it(`${c.fn}: ${c.name} (${precision})`, () => {
      const got = run(c);
      if (Array.isArray(c.expected)) {
        expect(Array.isArray(got)).toBe(true);
        c.expected.forEach((e, i) => check((got as ArrayValue[])[i]!, e));
      } else if (c.fn === "nn.dotProductAttention" && precision === "float64") {
        expectClose(got as ArrayValue, c.expected.data, { rtol: 1e-6, atol: 1e-6 });
      } else {
        check(got as ArrayValue, c.expected);
      }
    });
  }
});

describe("misused options fail clearly, as JAX", () => {
  const x = np.array([[1, 2, 3], [4, 5, 6]]);
  it("ddof and correction together", () => {
    expect(errorOf(() => np.var(x, { ddof: 1, correction: 1 })).message).toMatch(/ddof and correction can't be provided simultaneously/);
  });
  it("max with a where mask but no initial", () => {
    expect(errorOf(() => np.max(x, { where: np.array([true, false, true]) })).message).toMatch(/where mask needs an initial value/);
  });
  it("a where mask that is not bool, or does not broadcast to the operand", () => {
    expect(errorOf(() => np.sum(x, { where: np.array([1, 0, 1]) as never })).message).toMatch(/where must be a bool array/);
    expect(errorOf(() => np.sum(x, { where: np.ones([2, 2, 3], { dtype: "bool" }) })).message).toMatch(/does not broadcast to the operand's shape \[2,3\]/);
  });
  it("std with an integer dtype, mean with a bool dtype", () => {
    expect(errorOf(() => np.std(x, { dtype: "int32" })).message).toMatch(/std: dtype must be a float dtype/);
    expect(errorOf(() => np.mean(x, { dtype: "bool" })).message).toMatch(/dtype bool cannot hold an average/);
  });
  it("glu of an odd axis; attention with mismatched heads or an unsupported option", () => {
    expect(errorOf(() => nn.glu(np.ones([2, 3]))).message).toMatch(/odd size 3/);
    const q = np.ones([1, 2, 3, 4]);
    const kv = np.ones([1, 2, 2, 4]);
    expect(errorOf(() => nn.dotProductAttention(q, kv, kv)).message).toMatch(/3 heads must be a multiple of the key's 2 heads/);
    expect(errorOf(() => nn.dotProductAttention(kv, kv, kv, { localWindowSize: 1 } as never)).message).toMatch(/localWindowSize is not supported yet/);
  });
});

describe("derivatives at kinks and masks match JAX", () => {
  const t = np.array([-3, 3, 0, -1, 1, 6]);
  const grads: Record<string, number[]> = {
    hardSigmoid: [0, 0, 1 / 6, 1 / 6, 1 / 6, 0],
    hardSwish: [0, 1, 0.5, 1 / 6, 5 / 6, 1],
    celu: [0.049787068367863944, 1, 1, 0.36787944117144233, 1, 1],
    softSign: [0.0625, 0.0625, 1, 0.25, 0.25, 0.02040816326530612],
    sparsePlus: [0, 1, 0.5, 0, 1, 1],
    sparseSigmoid: [0, 0, 0.5, 0.25, 0.25, 0],
    relu6: [0, 1, 0, 0, 1, 0],
  };
  for (const [name, want] of Object.entries(grads)) {
    it(`${name}' at -3, 3, 0, -1, 1, 6 (jax.grad, float32)`, () => {
      const f = (nn as unknown as Record<string, (x: ArrayValue) => ArrayValue>)[name]!;
      expectClose(vmap(grad(f))(t), want, { rtol: 1e-6, atol: 1e-7 });
    });
  }
  it("softmax with a fully masked row: probabilities 0 and gradient 0 there (JAX)", () => {
    const where = np.array([[true, true], [false, false]]);
    const loss = (v: ArrayValue) => nn.softmax(v, { where }).slice(null, 0).sum();
    const x = np.array([[1, 2], [3, 4]]);
    expectClose(nn.softmax(x, { where }), [[0.26894143, 0.7310586], [0, 0]]);
    expectClose(grad(loss)(x), [[0.19661193, -0.19661197], [0, 0]]);
  });
});
