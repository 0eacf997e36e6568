/**
 * Derivatives at kinks, ties and special points, and the values of empty reductions and of pow's
 * IEEE special cases, against JAX 0.10.2 (test/fixtures/kinks.json, from generate_kinks.py).
 * Each derivative case is checked eagerly, under jit and under vmap: the value, the jvp along
 * fixed tangents, the gradient of sum(f * cotangent) (vjp) and the forward derivative of that
 * gradient (second order, hvp), in float32 and float64.
 */
import { describe, expect, it } from "vitest";
import type { DType } from "../../../core/dtype.js";
import * as lax from "../../../core/lax/index.js";
import type { ArrayValue } from "../../../core/ndarray.js";
import * as nn from "../../../core/nn.js";
import * as np from "../../../core/numpy/index.js";
import { grad, jit, jvp, vmap } from "../../../transforms/index.js";
import { expectClose, flat, itHasCases, loadFixture } from "../../helpers.js";

interface Encoded {
  shape: number[];
  data: (number | string)[];
}
interface Derivatives {
  value: Encoded;
  jvp: Encoded;
  vjp: Encoded[];
  hvp: Encoded[];
}
interface Case {
  name: string;
  fn: string;
  args: Encoded[];
  tangents: Encoded[];
  cotangent: Encoded;
  float32: Derivatives;
  float64: Derivatives;
}
interface EmptyCase {
  fn: string;
  shape: number[];
  dtype: DType;
  value?: Encoded;
  error?: string;
}

const fixture = loadFixture<{
  cases: Case[];
  empty: EmptyCase[];
  power: { x: (number | string)[]; y: (number | string)[]; float32: (number | string)[]; float64: (number | string)[] };
  integerPow: { x: (number | string)[]; exponents: number[]; float32: Record<string, (number | string)[]>; float64: Record<string, (number | string)[]> };
}>("kinks");

const decode = (e: Encoded, dtype: DType): ArrayValue => np.reshape(np.array(e.data.map(Number), { dtype }), e.shape);
const like = (x: ArrayValue, v: number) => np.array(v, { dtype: x.dtype });
const windowMax = (x: ArrayValue) => lax.reduceWindow(x, "max", { windowDimensions: [2], windowStrides: [1] });
const windowMin = (x: ArrayValue) => lax.reduceWindow(x, "min", { windowDimensions: [2], windowStrides: [2] });

type Fn = (...args: ArrayValue[]) => ArrayValue;

/** The same functions as `functions` in generate_kinks.py, by name. */
const functions: Record<string, Fn> = {
  relu: nn.relu,
  relu6: nn.relu6,
  hardTanh: nn.hardTanh,
  leakyRelu: (x) => nn.leakyRelu(x),
  elu: (x) => nn.elu(x),
  selu: nn.selu,
  geluTanh: (x) => nn.gelu(x),
  geluExact: (x) => nn.gelu(x, { approximate: false }),
  silu: nn.silu,
  sigmoid: nn.sigmoid,
  softplus: nn.softplus,
  logSigmoid: nn.logSigmoid,
  abs: np.abs,
  sign: np.sign,
  floor: np.floor,
  ceil: np.ceil,
  round: (x) => np.round(x),
  trunc: np.trunc,
  sqrt: np.sqrt,
  cbrt: np.cbrt,
  square: np.square,
  powInt2: (x) => np.power(x, 2),
  powInt3: (x) => np.power(x, 3),
  powInt0: (x) => np.power(x, 0),
  powFloat2: (x) => np.power(x, like(x, 2)),
  powHalf: (x) => np.power(x, 0.5),
  powThreeHalves: (x) => np.power(x, 1.5),
  powFloat0: (x) => np.power(x, like(x, 0)),
  zeroPow: (y) => np.power(0, y),
  power: (x, y) => np.power(x, y!),
  maximum: (x, y) => np.maximum(x, y!),
  minimum: (x, y) => np.minimum(x, y!),
  maximumScalar: (x) => np.maximum(x, 0),
  scalarMinimum: (x) => np.minimum(1, x),
  maximumBroadcast: (x, y) => np.maximum(x, y!),
  clip: (x) => np.clip(x, 0, 6),
  clipArrays: (x, lo, hi) => np.clip(x, lo!, hi!),
  whereRelu: (x) => np.where(np.greater(x, 0), x, 0),
  whereSqrt: (x) => np.where(np.greater(x, 0), np.sqrt(x), 0),
  logaddexp: (x, y) => np.logaddexp(x, y!),
  hypot: (x, y) => np.hypot(x, y!),
  max: (x) => np.max(x),
  min: (x) => np.min(x),
  maxAxis1: (x) => np.max(x, { axis: 1 }),
  minAxis0: (x) => np.min(x, { axis: 0 }),
  ptp: (x) => np.ptp(x),
  takeArgmax: (x) => np.take(x, np.argmax(x)),
  sort: (x) => np.sort(x),
  topK2: (x) => np.topK(x, 2)[0],
  median: (x) => np.median(x),
  cummax: (x) => lax.cummax(x, 0),
  cummaxReverse: (x) => lax.cummax(x, 0, true),
  cummin: (x) => lax.cummin(x, 0),
  cumminReverse: (x) => lax.cummin(x, 0, true),
  cummaxAxis1: (x) => lax.cummax(x, 1),
  windowMax,
  windowMin,
  maxPool2d: (x) => lax.maxPool(x, [2, 2]),
  logsumexp: (x) => nn.logsumexp(x),
  logsumexpAxis1: (x) => nn.logsumexp(x, { axis: 1 }),
  softmax: (x) => nn.softmax(x),
  logSoftmax: (x) => nn.logSoftmax(x),
  norm: (x) => np.linalg.norm(x),
  normOrd1: (x) => np.linalg.norm(x, { ord: 1 }),
  normOrdInf: (x) => np.linalg.norm(x, { ord: Infinity }),
  normFro: (x) => np.linalg.norm(x, { ord: "fro" }),
};

const tolerance = { float32: { rtol: 2e-6, atol: 1e-6 }, float64: { rtol: 1e-13, atol: 1e-13 } };

/** The four quantities of a case, computed by `wrap`ped (eager, jitted) functions. */
function compute(f: Fn, args: ArrayValue[], tangents: ArrayValue[], cotangent: ArrayValue, wrap: <F extends (...a: any[]) => any>(g: F) => F) {
  const argnums = args.map((_, i) => i);
  const loss = (...a: ArrayValue[]) => np.sum(np.multiply(f(...a), cotangent));
  const gradients = (...a: ArrayValue[]): ArrayValue[] => grad(loss, { argnums })(...a) as ArrayValue[];
  return {
    value: wrap(f)(...args),
    jvp: wrap((...a: ArrayValue[]) => jvp(f, a, tangents)[1])(...args),
    vjp: wrap(gradients)(...args),
    hvp: wrap((...a: ArrayValue[]) => jvp(gradients, a, tangents)[1])(...args),
  };
}

function expectMatches(got: ReturnType<typeof compute>, want: Derivatives, dtype: DType): void {
  const tol = tolerance[dtype as "float32" | "float64"];
  const check = (what: string, g: ArrayValue, w: Encoded) => {
    expect(g.shape, `${what} shape`).toEqual(w.shape);
    expect(g.dtype, `${what} dtype`).toBe(dtype);
    try {
      expectClose(g, w.data, tol);
    } catch (error) {
      throw new Error(`${what}: ${(error as Error).message}\n  got ${JSON.stringify(flat(g.toArray()).map(String))}\n  JAX ${JSON.stringify(w.data)}`);
    }
  };
  check("value", got.value, want.value);
  check("jvp", got.jvp, want.jvp);
  want.vjp.forEach((w, i) => check(`vjp of operand ${i}`, got.vjp[i]!, w));
  want.hvp.forEach((w, i) => check(`hvp of operand ${i}`, got.hvp[i]!, w));
}

const identity = <F>(f: F): F => f;
const jitted = <F extends (...a: any[]) => any>(f: F): F => jit(f) as unknown as F;
/** Runs `f` on two stacked copies of its operands under vmap and returns the second row. */
const batched = <F extends (...a: any[]) => any>(f: F): F =>
  ((...a: ArrayValue[]) => {
    const out = vmap(f)(...(a.map((x) => np.stack([x, x])) as Parameters<F>));
    const row = (v: ArrayValue) => np.take(v, 1, { axis: 0 });
    return Array.isArray(out) ? out.map(row) : row(out as ArrayValue);
  }) as F;

describe("derivatives at kinks and ties match JAX", () => {
  itHasCases(fixture.cases, "derivative");
  for (const c of fixture.cases) {
    const f = functions[c.fn];
    for (const dtype of ["float32", "float64"] as const) {
      const load = () => ({
        args: c.args.map((a) => decode(a, dtype)),
        tangents: c.tangents.map((t) => decode(t, dtype)),
        cotangent: decode(c.cotangent, dtype),
      });
      it(`${c.name} (${c.fn}, ${dtype}, eager)`, () => {
        expect(f, `a function named ${c.fn}`).toBeDefined();
        const { args, tangents, cotangent } = load();
        expectMatches(compute(f!, args, tangents, cotangent, identity), c[dtype], dtype);
      });
      it(`${c.name} (${c.fn}, ${dtype}, jit)`, () => {
        const { args, tangents, cotangent } = load();
        expectMatches(compute(f!, args, tangents, cotangent, jitted), c[dtype], dtype);
      });
      it(`${c.name} (${c.fn}, ${dtype}, vmap)`, () => {
        const { args, tangents, cotangent } = load();
        expectMatches(compute(f!, args, tangents, cotangent, batched), c[dtype], dtype);
      });
    }
  }
});

const emptyFunctions: Record<string, Fn> = {
  sum: (x) => np.sum(x),
  prod: (x) => np.prod(x),
  mean: (x) => np.mean(x),
  var: (x) => np.var(x),
  std: (x) => np.std(x),
  logsumexp: (x) => nn.logsumexp(x),
  max: (x) => np.max(x),
  min: (x) => np.min(x),
  ptp: (x) => np.ptp(x),
  argmax: (x) => np.argmax(x),
  argmin: (x) => np.argmin(x),
  meanAxis1: (x) => np.mean(x, { axis: 1 }),
  sumAxis1: (x) => np.sum(x, { axis: 1 }),
  maxAxis0: (x) => np.max(x, { axis: 0 }),
  maxAxis1: (x) => np.max(x, { axis: 1 }),
};

describe("empty reductions match JAX: identities where there is one, an error where JAX raises", () => {
  itHasCases(fixture.empty, "empty reduction");
  for (const c of fixture.empty) {
    const f = emptyFunctions[c.fn]!;
    const x = () => np.zeros(c.shape, { dtype: c.dtype });
    if (c.error !== undefined) {
      // JAX's words, minus the operation name it puts in the middle.
      const fragment = c.error.startsWith("zero-size") ? "zero-size" : "empty sequence";
      it(`${c.fn} of shape [${c.shape}] ${c.dtype} raises (JAX: ${c.error})`, () => {
        expect(() => f(x())).toThrow(fragment);
        expect(() => jit(f)(x())).toThrow(fragment);
      });
    } else {
      it(`${c.fn} of shape [${c.shape}] ${c.dtype} is ${JSON.stringify(c.value!.data)}`, () => {
        for (const run of [f, jit(f)]) {
          const got = run(x());
          expect(got.shape).toEqual(c.value!.shape);
          expectClose(got, c.value!.data, { rtol: 0, atol: 0 });
        }
      });
    }
  }
});

/**
 * The same number, or both NaN; a finite nonzero JAX result may differ by an ulp or so (XLA's pow
 * and V8's Math.pow are not both correctly rounded), every special value (0, ±inf, NaN, the sign
 * of a zero) must be exact.
 */
function expectSameSpecial(got: number, want: number, what: string, dtype: DType): void {
  if (Number.isFinite(want) && want !== 0) {
    const ulp = dtype === "float32" ? 2 ** -23 : 2 ** -52;
    expect(Math.abs(got - want) <= 2 * ulp * Math.abs(want), `${what} = ${got}, JAX ${want}`).toBe(true);
  } else {
    expect(Object.is(got, want) || (Number.isNaN(got) && Number.isNaN(want)), `${what} = ${got}, JAX ${want}`).toBe(true);
  }
}

describe("pow's IEEE special cases match JAX", () => {
  const x = fixture.power.x.map(Number);
  const y = fixture.power.y.map(Number);
  for (const dtype of ["float32", "float64"] as const) {
    const want = fixture.power[dtype].map(Number);
    const check = (got: ArrayValue) => flat(got.toArray()).forEach((g, i) => expectSameSpecial(g, want[i]!, `pow(${x[i]}, ${y[i]})`, dtype));
    it(`np.power over every pair of special operands (${dtype}, eager and jit)`, () => {
      const [a, b] = [np.array(x, { dtype }), np.array(y, { dtype })];
      check(np.power(a, b));
      check(jit((p: ArrayValue, q: ArrayValue) => np.power(p, q))(a, b));
      // Fused with another elementwise op (max with -inf changes nothing, -0 included), the
      // jitted kernel renders pow inline.
      check(jit((p: ArrayValue, q: ArrayValue) => np.maximum(np.power(p, q), -Infinity))(a, b));
    });
    it(`integerPow of special bases (${dtype}, eager and jit)`, () => {
      const bases = np.array(fixture.integerPow.x.map(Number), { dtype });
      for (const n of fixture.integerPow.exponents) {
        const want = fixture.integerPow[dtype][String(n)]!.map(Number);
        for (const got of [lax.integerPow(bases, n), jit((b: ArrayValue) => lax.integerPow(b, n))(bases)]) {
          flat(got.toArray()).forEach((g, i) => expectSameSpecial(g, want[i]!, `integerPow(${fixture.integerPow.x[i]}, ${n})`, dtype));
        }
      }
    });
  }
});

describe("the kept difference from JAX (README, Semantics worth knowing)", () => {
  it("logaddexp(+inf, y) has derivative 0 with respect to a finite y (JAX's rule gives exp(y) there)", () => {
    const [inf, y] = [np.array(Infinity, { dtype: "float64" }), np.array(2, { dtype: "float64" })];
    const [gx, gy] = grad((a: ArrayValue, b: ArrayValue) => np.logaddexp(a, b), { argnums: [0, 1] })(inf, y);
    expect(flat(gx!.toArray())).toEqual([1]);
    expect(flat(gy!.toArray())).toEqual([0]);
  });
});
