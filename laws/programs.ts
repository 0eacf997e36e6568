/**
 * Random programs for the transform and jit laws: compositions of np/nn/lax functions over 1-3
 * inputs of one dtype (float64 by default; float32; or int32, where only integer ops apply:
 * wrapping arithmetic, bitwise ops and shifts, floor division, comparisons) with random shapes
 * (elementwise unary and broadcasting binary ops, reductions over random axes,
 * reshape/transpose/slice/pad/concatenate/gather/scatter, matmul and contractions,
 * softmax/logsumexp, where, sort, ...; optionally the jit fuser's special cases), each step valid
 * for the shapes it receives. A program is
 * built from a stream of random choices, so fast-check shrinks it towards short programs of the
 * first ops in the catalog. Also uniform array arbitraries (seeded, free of fast-check's bias
 * towards boundary values, so arguments stay away from kinks such as |x| at 0).
 *
 * @example
 * fc.assert(fc.property(programWithInputs({ smooth: true }), ([p, inputs]) => {
 *   const result = jvpMatchesFiniteDifferences(p.run, inputs, inputs.map((x) => np.onesLike(x)));
 *   return result.ok;
 * }));
 */
import fc from "fast-check";
import { allocate, castScalar, isFloat, type DType } from "../core/dtype.js";
import * as lax from "../core/lax/index.js";
import { adoptBuffer, type ArrayValue, storageOf } from "../core/ndarray.js";
import { NdArray } from "../core/ndarray.js";
import * as nn from "../core/nn.js";
import * as np from "../core/numpy/index.js";
import { broadcastShapes, sizeOf, type Shape } from "../core/shape.js";
import * as arb from "./arbitraries.js";

// -------------------------------------------------------------------------------------
// uniform arrays
// -------------------------------------------------------------------------------------

/** A value range: uniform in [min, max], pushed out of (-awayFromZero, awayFromZero) when given. */
export interface UniformDomain {
  readonly min?: number;
  readonly max?: number;
  readonly awayFromZero?: number;
}

/** A small deterministic generator (mulberry32): uniform numbers in [0, 1). */
export function randomStream(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An array of `shape` with values uniform in the domain, from `seed` (integers round, bools are random). */
export function uniformArray(shape: Shape, dtype: DType, seed: number, domain: UniformDomain = {}): NdArray {
  const next = randomStream(seed);
  const min = domain.min ?? -1;
  const max = domain.max ?? 1;
  const gap = domain.awayFromZero ?? 0;
  const size = sizeOf(shape);
  const data = allocate(dtype, size);
  for (let i = 0; i < size; i++) {
    let v = min + (max - min) * next();
    if (gap > 0 && Math.abs(v) < gap) v = v < 0 ? v - gap : v + gap;
    data[i] = dtype === "bool" ? Number(next() < 0.5) : isFloat(dtype) ? castScalar(v, dtype) : castScalar(Math.floor(v), dtype);
  }
  return adoptBuffer(data, shape, dtype);
}

/**
 * Seeds for `uniformArray`: unbiased and not shrunk, so two arrays never share a seed by
 * fast-check's preference for small numbers (equal seeds would make ties, e.g. max(x, y) with x = y).
 */
export const arraySeed: fc.Arbitrary<number> = fc.noShrink(fc.noBias(fc.nat()));

/** Arrays of `shape` with uniform values in the domain (seeded, so no bias towards 0 or the bounds). */
export function uniform(shape: Shape, dtype: DType = "float64", domain: UniformDomain = {}): fc.Arbitrary<NdArray> {
  return arraySeed.map((s) => uniformArray(shape, dtype, s, domain));
}

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/** One step of a program: an op applied to earlier values (inputs first, then step results). */
export interface Step {
  /** What the step computes, for counterexample reports (e.g. "sum(axis=[0], keepdims)"). */
  readonly text: string;
  /** Indices of the values it reads. */
  readonly args: readonly number[];
  readonly shape: Shape;
  readonly apply: (...xs: ArrayValue[]) => ArrayValue;
}

/** The dtypes of program inputs (every input of a program has the same one). */
export type ProgramDtype = "float64" | "float32" | "int32";

const shortNames: Record<ProgramDtype, string> = { float64: "f64", float32: "f32", int32: "i32" };

/** A straight-line program: inputs of fixed shapes, then steps; its output is the last value. */
export class Program {
  constructor(
    readonly inputShapes: readonly Shape[],
    readonly steps: readonly Step[],
    readonly dtype: ProgramDtype = "float64",
  ) {}

  /** Every value: the inputs, then one per step. */
  values(...inputs: ArrayValue[]): ArrayValue[] {
    return this.continueFrom(inputs, 0);
  }

  /** The program as a function: its last value. */
  readonly run = (...inputs: ArrayValue[]): ArrayValue => {
    const values = this.values(...inputs);
    return values[values.length - 1]!;
  };

  /** The first `k` steps as a function of the inputs, returning every value so far. */
  prefix(k: number): (...inputs: ArrayValue[]) => ArrayValue[] {
    return (...inputs) => this.runSteps(inputs, 0, k);
  }

  /** The steps from `k` on as a function of the values the first `k` steps leave (see `prefix`). */
  suffix(k: number): (...values: ArrayValue[]) => ArrayValue {
    return (...values) => {
      const all = this.continueFrom(values, k);
      return all[all.length - 1]!;
    };
  }

  private continueFrom(values: readonly ArrayValue[], from: number): ArrayValue[] {
    return this.runSteps(values, from, this.steps.length);
  }

  private runSteps(values: readonly ArrayValue[], from: number, to: number): ArrayValue[] {
    const env = [...values];
    for (let s = from; s < to; s++) {
      const step = this.steps[s]!;
      env.push(step.apply(...step.args.map((a) => env[a]!)));
    }
    return env;
  }

  /** The program in a readable form: `v2 = sin(v0)` lines. */
  toString(): string {
    const n = this.inputShapes.length;
    const inputs = this.inputShapes.map((s, i) => `v${i}: ${shortNames[this.dtype]}[${s.join(",")}]`).join(", ");
    const lines = this.steps.map((step, s) => `  v${n + s}: [${step.shape.join(",")}] = ${step.text}(${step.args.map((a) => `v${a}`).join(", ")})`);
    return `program(${inputs}) {\n${lines.join("\n")}\n  return v${n + this.steps.length - 1}\n}`;
  }
}

/** Options of generated programs. */
export interface ProgramOptions {
  /** Fewest and most inputs (default 1 and 3). */
  readonly minInputs?: number;
  readonly maxInputs?: number;
  /** Most steps (default 6; at least 1). */
  readonly maxSteps?: number;
  /** Only ops differentiable everywhere (no abs, max, sort, where, ...): for finite-difference laws (default false). */
  readonly smooth?: boolean;
  /** The inputs' dtype (default float64); int32 programs use only the integer ops. */
  readonly dtype?: ProgramDtype;
  /** Also use ops shaped like the jit fuser's special cases (reductions whose epilogue reads what they reduced; default false). */
  readonly fusionPatterns?: boolean;
}

// -------------------------------------------------------------------------------------
// choices
// -------------------------------------------------------------------------------------

/** Reads random choices from a stream (then from a generator seeded by it, if it runs out). */
class Choices {
  private position = 0;
  private fallback: (() => number) | undefined;
  constructor(private readonly stream: readonly number[]) {}

  /** An integer in [0, n). */
  int(n: number): number {
    if (n <= 1) return 0;
    if (this.position < this.stream.length) return this.stream[this.position++]! % n;
    this.fallback ??= randomStream(this.stream.reduce((h, v) => (Math.imul(h, 31) + v) | 0, 7));
    return Math.floor(this.fallback() * n);
  }
  /** An integer in [lo, hi]. */
  between(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }
  /** One of `items`. */
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }
  /** True with probability 1/2. */
  flip(): boolean {
    return this.int(2) === 1;
  }
  /** A constant array with values in [-1.5, 1.5] (integers: in [-8, 8]). */
  constant(shape: Shape, dtype: ProgramDtype): NdArray {
    const seed = this.int(2 ** 30);
    return dtype === "int32" ? uniformArray(shape, dtype, seed, { min: -8, max: 8 }) : uniformArray(shape, dtype, seed, { min: -1.5, max: 1.5 });
  }
  /** int32 indices in [0, bound). */
  indices(shape: Shape, bound: number): NdArray {
    const size = sizeOf(shape);
    const data = new Int32Array(size);
    for (let i = 0; i < size; i++) data[i] = this.int(bound);
    return adoptBuffer(data, shape, "int32");
  }
}

// -------------------------------------------------------------------------------------
// the op catalog
// -------------------------------------------------------------------------------------

/** Largest number of elements a value may have. */
const maxSize = 48;

/** What an op needs to build a step: the choices, the value it starts from, all values so far and the program's dtype. */
interface Context {
  readonly choices: Choices;
  readonly x: number;
  readonly shapes: readonly Shape[];
  readonly dtype: ProgramDtype;
}

/** A partial step: its op text, extra value indices it reads beyond x, and how to apply it. */
interface Built {
  readonly text: string;
  readonly others?: readonly number[];
  readonly apply: (x: ArrayValue, ...others: ArrayValue[]) => ArrayValue;
}

/** The programs an op belongs to: float ones, integer ones, or both. */
type Domain = "float" | "integer" | "both";

interface OpEntry {
  readonly name: string;
  readonly smooth: boolean;
  readonly domain: Domain;
  /** Builds a step from value `x`, or null if the op does not apply to its shape. */
  readonly build: (c: Context) => Built | null;
}

const unary = (name: string, smooth: boolean, f: (x: ArrayValue) => ArrayValue, domain: Domain = "float"): OpEntry => ({
  name,
  smooth,
  domain,
  build: () => ({ text: name, apply: f }),
});

const one = (x: ArrayValue): ArrayValue => np.add(np.square(x), 1);

const unaryOps: OpEntry[] = [
  unary("sin", true, np.sin),
  unary("cos", true, np.cos),
  unary("tanh", true, np.tanh),
  unary("arctan", true, np.arctan),
  unary("expit", true, np.expit),
  unary("erf", true, np.erf),
  unary("arcsinh", true, np.arcsinh),
  unary("square", true, np.square, "both"),
  unary("negative", true, np.negative, "both"),
  unary("softplus", true, nn.softplus),
  unary("log1p(x^2)", true, (x) => np.log1p(np.square(x))),
  unary("log(1+x^2)", true, (x) => np.log(one(x))),
  unary("sqrt(1+x^2)", true, (x) => np.sqrt(one(x))),
  unary("rsqrt(1+x^2)", true, (x) => np.rsqrt(one(x))),
  unary("cbrt(1+x^2)", true, (x) => np.cbrt(one(x))),
  unary("exp(sin x)", true, (x) => np.exp(np.sin(x))),
  unary("expm1(tanh x)", true, (x) => np.expm1(np.tanh(x))),
  unary("1/(1+x^2)", true, (x) => np.reciprocal(one(x))),
  unary("(1+x^2)^1.5", true, (x) => np.power(one(x), 1.5)),
  unary("x^3", true, (x) => np.power(x, 3), "both"),
  unary("2.5x", true, (x) => np.multiply(x, 2.5)),
  unary("logSigmoid", true, nn.logSigmoid),
  unary("gelu", true, nn.gelu),
  unary("abs", false, np.abs, "both"),
  unary("relu", false, nn.relu),
  unary("floor", false, np.floor),
  unary("round", false, (x) => np.round(x)),
];

/** A value (or a new constant) whose shape broadcasts against value x. */
function partner(c: Context): { index: number | null; constant: NdArray | null; shape: Shape } {
  const xs = c.shapes[c.x]!;
  const compatible = c.shapes.map((s, i) => [s, i] as const).filter(([s]) => broadcastsWithin(xs, s));
  if (compatible.length > 0 && c.choices.int(4) !== 0) {
    const [s, i] = c.choices.pick(compatible);
    return { index: i, constant: null, shape: s };
  }
  const shape = xs.slice(c.choices.int(xs.length + 1)).map((d) => (c.choices.int(3) === 0 ? 1 : d));
  return { index: null, constant: c.choices.constant(shape, c.dtype), shape };
}

function broadcastsWithin(a: Shape, b: Shape): boolean {
  try {
    return sizeOf(broadcastShapes("program", a, b)) <= maxSize;
  } catch {
    return false;
  }
}

const binary = (name: string, smooth: boolean, f: (x: ArrayValue, y: ArrayValue) => ArrayValue, domain: Domain = "float"): OpEntry => ({
  name,
  smooth,
  domain,
  build: (c) => {
    const p = partner(c);
    const swap = c.choices.flip();
    const g = swap ? (x: ArrayValue, y: ArrayValue) => f(y, x) : f;
    if (p.index !== null) return { text: swap ? `${name}(swapped)` : name, others: [p.index], apply: g };
    const k = p.constant!;
    return { text: `${name}${swap ? "(swapped)" : ""} with constant [${k.shape.join(",")}]`, apply: (x) => g(x, k) };
  },
});

const binaryOps: OpEntry[] = [
  binary("add", true, np.add, "both"),
  binary("subtract", true, np.subtract, "both"),
  binary("multiply", true, np.multiply, "both"),
  binary("x/(1+y^2)", true, (x, y) => np.divide(x, one(y))),
  binary("logaddexp", true, np.logaddexp),
  binary("arctan2(x, 2+y^2)", true, (x, y) => np.arctan2(x, np.add(np.square(y), 2))),
  binary("sqrt(1+x^2+y^2)", true, (x, y) => np.sqrt(np.add(one(x), np.square(y)))),
  binary("(1+x^2)^y", true, (x, y) => np.power(one(x), np.tanh(y))),
  binary("maximum", false, np.maximum, "both"),
  binary("minimum", false, np.minimum, "both"),
  binary("where(x>y, x, 2y)", false, (x, y) => np.where(np.greater(x, y), x, np.multiply(y, 2)), "both"),
  binary("hypot", false, np.hypot),
];

/** Integer-only ops: wrapping arithmetic, bits and shifts (by any amount), floor division and remainders (by zero too). */
const integerOps: OpEntry[] = [
  unary("bitwiseNot", false, np.bitwiseNot, "integer"),
  unary("sign", false, np.sign, "integer"),
  binary("bitwiseAnd", false, np.bitwiseAnd, "integer"),
  binary("bitwiseOr", false, np.bitwiseOr, "integer"),
  binary("bitwiseXor", false, np.bitwiseXor, "integer"),
  binary("leftShift", false, np.leftShift, "integer"),
  binary("rightShift", false, np.rightShift, "integer"),
  binary("floorDivide", false, np.floorDivide, "integer"),
  binary("remainder", false, np.remainder, "integer"),
  binary("x + (x > y)", false, (x, y) => np.add(x, np.astype(np.greater(x, y), "int32")), "integer"),
];

/** Random axes of a rank: null (all), one axis (either sign) or a subset. */
function axes(c: Choices, rank: number): number | number[] | null {
  switch (c.int(3)) {
    case 0:
      return null;
    case 1:
      return rank === 0 ? null : c.between(-rank, rank - 1);
    default:
      return Array.from({ length: rank }, (_, i) => i).filter(() => c.flip());
  }
}

const reduction = (
  name: string,
  smooth: boolean,
  f: (x: ArrayValue, options: { axis: number | number[] | null; keepdims: boolean }) => ArrayValue,
  domain: Domain = "float",
): OpEntry => ({
  name,
  smooth,
  domain,
  build: (c) => {
    const rank = c.shapes[c.x]!.length;
    const options = { axis: axes(c.choices, rank), keepdims: c.choices.flip() };
    return { text: `${name}(axis=${JSON.stringify(options.axis)}${options.keepdims ? ", keepdims" : ""})`, apply: (x) => f(x, options) };
  },
});

/** An op along one axis of a value of rank >= 1. */
const alongAxis = (name: string, smooth: boolean, f: (x: ArrayValue, axis: number) => ArrayValue, domain: Domain = "float"): OpEntry => ({
  name,
  smooth,
  domain,
  build: (c) => {
    const rank = c.shapes[c.x]!.length;
    if (rank === 0) return null;
    const axis = c.choices.between(-rank, rank - 1);
    return { text: `${name}(axis=${axis})`, apply: (x) => f(x, axis) };
  },
});

const reductionOps: OpEntry[] = [
  reduction("sum", true, (x, o) => np.sum(x, o), "both"),
  reduction("mean", true, (x, o) => np.mean(x, o)),
  reduction("prod", true, (x, o) => np.prod(x, o), "both"),
  reduction("logsumexp", true, (x, o) => nn.logsumexp(x, o)),
  reduction("var", true, (x, o) => np.var(x, o)),
  reduction("max", false, (x, o) => np.max(x, o), "both"),
  reduction("min", false, (x, o) => np.min(x, o), "both"),
  alongAxis("cumsum", true, (x, axis) => np.cumsum(x, { axis }), "both"),
  alongAxis("cumprod", true, (x, axis) => np.cumprod(x, { axis }), "both"),
  alongAxis("cumsum(reverse)", true, (x, axis) => lax.cumsum(x, axis < 0 ? axis + x.ndim : axis, true)),
  alongAxis("softmax", true, (x, axis) => nn.softmax(x, { axis })),
  alongAxis("logSoftmax", true, (x, axis) => nn.logSoftmax(x, { axis })),
  alongAxis("cummax", false, (x, axis) => lax.cummax(x, axis < 0 ? axis + x.ndim : axis), "both"),
  alongAxis("sort", false, (x, axis) => np.sort(x, { axis }), "both"),
];

/** A shape of `size` elements with up to 3 axes. */
function reshapeTarget(c: Choices, size: number): number[] {
  const shape: number[] = [];
  let rest = size;
  const rank = c.int(4);
  for (let i = 0; i < rank - 1 && rest > 1; i++) {
    const divisors = Array.from({ length: rest }, (_, d) => d + 1).filter((d) => rest % d === 0);
    const d = c.pick(divisors);
    shape.push(d);
    rest /= d;
  }
  if (rank > 0 || rest > 1) shape.push(rest);
  return shape;
}

const movementOps: OpEntry[] = [
  {
    name: "reshape",
    smooth: true,
    domain: "both",
    build: (c) => {
      const target = reshapeTarget(c.choices, sizeOf(c.shapes[c.x]!));
      return { text: `reshape([${target.join(",")}])`, apply: (x) => np.reshape(x, target) };
    },
  },
  {
    name: "transpose",
    smooth: true,
    domain: "both",
    build: (c) => {
      const rank = c.shapes[c.x]!.length;
      if (rank < 2) return null;
      const perm = Array.from({ length: rank }, (_, i) => i);
      for (let i = rank - 1; i > 0; i--) {
        const j = c.choices.int(i + 1);
        [perm[i], perm[j]] = [perm[j]!, perm[i]!];
      }
      return { text: `transpose([${perm.join(",")}])`, apply: (x) => np.transpose(x, perm) };
    },
  },
  {
    name: "slice",
    smooth: true,
    domain: "both",
    build: (c) => {
      const shape = c.shapes[c.x]!;
      if (shape.length === 0) return null;
      const start = shape.map((d) => c.choices.int(d));
      const limit = shape.map((d, i) => c.choices.between(start[i]! + 1, d));
      const strides = shape.map(() => c.choices.between(1, 2));
      return { text: `slice(${JSON.stringify([start, limit, strides])})`, apply: (x) => lax.slice(x, start, limit, strides) };
    },
  },
  alongAxis("flip", true, (x, axis) => np.flip(x, { axis }), "both"),
  {
    name: "broadcast",
    smooth: true,
    domain: "both",
    build: (c) => {
      const shape = c.shapes[c.x]!;
      const k = c.choices.between(2, 3);
      if (sizeOf(shape) * k > maxSize || shape.length >= 4) return null;
      return { text: `broadcastTo([${k},...])`, apply: (x) => np.broadcastTo(x, [k, ...x.shape]) };
    },
  },
  {
    name: "concatenate",
    smooth: true,
    domain: "both",
    build: (c) => {
      const shape = c.shapes[c.x]!;
      if (shape.length === 0 || 2 * sizeOf(shape) > maxSize) return null;
      const axis = c.choices.int(shape.length);
      const fits = c.shapes.map((s, i) => [s, i] as const).filter(([s]) => s.length === shape.length && s.every((d, j) => j === axis || d === shape[j]) && sizeOf(s) <= sizeOf(shape));
      const [, other] = c.choices.pick(fits);
      return { text: `concatenate(axis=${axis})`, others: [other], apply: (x, y) => np.concatenate([x, y!], { axis }) };
    },
  },
  {
    name: "pad",
    smooth: true,
    domain: "both",
    build: (c) => {
      const shape = c.shapes[c.x]!;
      if (shape.length === 0) return null;
      const config = shape.map((d) => {
        const interior = c.choices.int(2);
        const low = c.choices.between(-1, 2);
        const high = c.choices.between(-1, 2);
        const size = low + high + d + Math.max(0, d - 1) * interior;
        return size >= 1 ? ([low, high, interior] as [number, number, number]) : ([0, 0, 0] as [number, number, number]);
      });
      const padded = shape.map((d, i) => config[i]![0] + config[i]![1] + d + Math.max(0, d - 1) * config[i]![2]);
      if (sizeOf(padded) > maxSize) return null;
      const value = c.choices.between(-2, 2) / (c.dtype === "int32" ? 1 : 2);
      return { text: `pad(${value}, ${JSON.stringify(config)})`, apply: (x) => lax.pad(x, value, config) };
    },
  },
  {
    name: "take",
    smooth: true,
    domain: "both",
    build: (c) => {
      const shape = c.shapes[c.x]!;
      if (shape.length === 0) return null;
      const axis = c.choices.int(shape.length);
      const count = c.choices.between(1, 4);
      if ((sizeOf(shape) / shape[axis]!) * count > maxSize) return null;
      const indices = c.choices.indices([count], shape[axis]!);
      return { text: `take([${storageOf(indices).join(",")}], axis=${axis})`, apply: (x) => np.take(x, indices, { axis }) };
    },
  },
  {
    name: "dynamicSlice",
    smooth: true,
    domain: "both",
    build: (c) => {
      const shape = c.shapes[c.x]!;
      if (shape.length === 0) return null;
      const sizes = shape.map((d) => c.choices.between(1, d));
      const starts = shape.map((d) => c.choices.between(-1, d));
      return { text: `dynamicSlice(starts=[${starts.join(",")}], sizes=[${sizes.join(",")}])`, apply: (x) => lax.dynamicSlice(x, starts, sizes) };
    },
  },
  {
    name: "dynamicUpdateSlice",
    smooth: true,
    domain: "both",
    build: (c) => {
      const shape = c.shapes[c.x]!;
      if (shape.length === 0) return null;
      const fits = c.shapes.map((s, i) => [s, i] as const).filter(([s]) => s.length === shape.length && s.every((d, j) => d <= shape[j]!));
      const [s, other] = c.choices.pick(fits);
      const starts = shape.map((d, j) => c.choices.between(0, d - s[j]!));
      // Floats squash the update, so it stays in range (and smooth) wherever it came from.
      const update = (u: ArrayValue) => (c.dtype === "int32" ? u : np.tanh(u));
      return { text: `dynamicUpdateSlice(starts=[${starts.join(",")}])`, others: [other], apply: (x, u) => lax.dynamicUpdateSlice(x, update(u!), starts) };
    },
  },
  {
    name: "scatterAdd",
    smooth: true,
    domain: "both",
    build: (c) => {
      const shape = c.shapes[c.x]!;
      if (shape.length === 0) return null;
      const axis = c.choices.int(shape.length);
      const count = c.choices.between(1, 3);
      const from = c.choices.indices([count], shape[axis]!);
      const to = c.choices.indices([count], shape[axis]!);
      const squash = c.dtype === "int32" ? "" : "sin";
      const update = (u: ArrayValue) => (c.dtype === "int32" ? u : np.sin(u));
      return {
        text: `scatterAdd(axis=${axis}, [${storageOf(to).join(",")}] += ${squash}(take([${storageOf(from).join(",")}])))`,
        apply: (x) => lax.scatterAdd(x, to, update(np.take(x, from, { axis })), axis),
      };
    },
  },
];

const contractionOps: OpEntry[] = [
  {
    name: "matmul(constant)",
    smooth: true,
    domain: "both",
    build: (c) => {
      const shape = c.shapes[c.x]!;
      if (shape.length === 0) return null;
      const m = c.choices.between(1, 3);
      if ((sizeOf(shape) / shape[shape.length - 1]!) * m > maxSize) return null;
      const w = c.choices.constant([shape[shape.length - 1]!, m], c.dtype);
      return { text: `matmul(x, constant [${w.shape.join(",")}])`, apply: (x) => np.matmul(x, w) };
    },
  },
  {
    name: "gram",
    smooth: true,
    domain: "both",
    build: (c) => {
      const shape = c.shapes[c.x]!;
      if (shape.length < 2) return null;
      const m = shape[shape.length - 2]!;
      if ((sizeOf(shape) / shape[shape.length - 1]!) * m > maxSize) return null;
      return { text: "matmul(x, swapaxes(x))", apply: (x) => np.matmul(x, np.swapaxes(x, -1, -2)) };
    },
  },
  {
    name: "dotGeneral(last axis)",
    smooth: true,
    domain: "both",
    build: (c) => {
      const shape = c.shapes[c.x]!;
      if (shape.length === 0) return null;
      const same = c.shapes.map((s, i) => [s, i] as const).filter(([s]) => s.length === shape.length && s.every((d, j) => d === shape[j]));
      const [, other] = c.choices.pick(same);
      const r = shape.length;
      const batch = Array.from({ length: r - 1 }, (_, i) => i);
      return { text: "dotGeneral(contract last, batch the rest)", others: [other], apply: (x, y) => lax.dotGeneral(x, y!, [[[r - 1], [r - 1]], [batch, batch]]) };
    },
  },
  {
    name: "einsum(outer)",
    smooth: true,
    domain: "both",
    build: (c) => {
      const shape = c.shapes[c.x]!;
      const vectors = c.shapes.map((s, i) => [s, i] as const).filter(([s]) => sizeOf(s) * sizeOf(shape) <= maxSize);
      if (vectors.length === 0) return null;
      const [, other] = c.choices.pick(vectors);
      return { text: "einsum('i,j->ij', ravel x, ravel y)", others: [other], apply: (x, y) => np.einsum("i,j->ij", np.ravel(x), np.ravel(y!)) };
    },
  },
];

/**
 * Opt-in ops shaped like what the jit fuser treats specially: a reduction whose epilogue reads
 * again what the reduced loop read (through a broadcast, or a slice), so a load is needed both
 * inside and after the reduced loop.
 */
const fusionPatternOps: OpEntry[] = [
  {
    name: "x + sum(x[..., None] * c, -1)",
    smooth: true,
    domain: "both",
    build: (c) => {
      const shape = c.shapes[c.x]!;
      const k = c.choices.between(2, 3);
      if (sizeOf(shape) * k > maxSize || shape.length >= 4) return null;
      const w = c.choices.constant([...shape, k], c.dtype);
      const float = c.dtype !== "int32";
      const head = (x: ArrayValue) => (float ? np.sin(x) : x);
      return {
        text: `${float ? "sin(x)" : "x"} + sum(x[..., None] * constant [${w.shape.join(",")}], axis=-1)`,
        apply: (x) => np.add(head(x), np.sum(np.multiply(np.expandDims(x, -1), w), { axis: -1 })),
      };
    },
  },
  {
    name: "x[..., 0] + reduce(x - x[..., :1], -1)",
    smooth: true,
    domain: "both",
    build: (c) => {
      const shape = c.shapes[c.x]!;
      if (shape.length === 0) return null;
      const limit = shape.map((d, i) => (i === shape.length - 1 ? 1 : d));
      const float = c.dtype !== "int32";
      // Floats: a logsumexp pivoted on the first element; integers: the largest step up from it.
      const reduce = (d: ArrayValue) => (float ? np.log(np.sum(np.exp(d), { axis: -1 })) : np.max(d, { axis: -1 }));
      return {
        text: `x[..., 0] + ${float ? "log(sum(exp" : "max("}(x - x[..., :1]), axis=-1)`,
        apply: (x) => {
          const first = lax.slice(x, shape.map(() => 0), limit);
          return np.add(np.squeeze(first, { axis: -1 }), reduce(np.subtract(x, first)));
        },
      };
    },
  },
];

/** The ops programs are built from (and `fusionPatternOps` when asked for). */
export const programOps: readonly OpEntry[] = [...unaryOps, ...binaryOps, ...reductionOps, ...movementOps, ...contractionOps, ...integerOps];

/** Whether an op belongs in programs of `dtype`. */
function fits(op: OpEntry, dtype: ProgramDtype): boolean {
  return op.domain === "both" || op.domain === (dtype === "int32" ? "integer" : "float");
}

/** Builds a program from input shapes, a step count and a stream of choices. */
export function buildProgram(inputShapes: readonly Shape[], numSteps: number, stream: readonly number[], options: ProgramOptions = {}): Program {
  const c = new Choices(stream);
  const dtype = options.dtype ?? "float64";
  const float = dtype !== "int32";
  const catalog = options.fusionPatterns ? [...programOps, ...fusionPatternOps] : programOps;
  const ops = catalog.filter((op) => fits(op, dtype) && (!options.smooth || op.smooth));
  const shapes: Shape[] = [...inputShapes];
  // Each step runs on probe inputs as it is built: that gives its shape, and its magnitude.
  const probes: ArrayValue[] = inputShapes.map((s, i) => uniformArray(s, dtype, 7919 * (i + 1), { min: -2, max: 2 }));
  const used = shapes.map(() => false);
  const steps: Step[] = [];
  for (let attempts = 0; steps.length < numSteps && attempts < numSteps * 20; attempts++) {
    // Mostly build on the latest value, so programs are deep rather than wide.
    const x = steps.length > 0 && c.int(3) !== 0 ? shapes.length - 1 : c.int(shapes.length);
    const op = c.pick(ops);
    const built = op.build({ choices: c, x, shapes, dtype });
    if (built === null) continue;
    const args = [x, ...(built.others ?? [])];
    const raw = (...xs: ArrayValue[]) => built.apply(xs[0]!, ...xs.slice(1));
    const probe = raw(...args.map((a) => probes[a]!));
    if (sizeOf(probe.shape) > maxSize || probe.ndim > 4) continue;
    // Values that grow large (x^3 of x^3, products...) are scaled back, so later steps such as sin
    // stay slowly varying and finite differences stay accurate.
    const magnitude = Math.max(0, ...Array.from(probe.toTypedArray() as ArrayLike<number>, Math.abs));
    // Integers wrap instead (that is part of what integer programs check).
    const scale = float && magnitude > 8 ? 4 / magnitude : 1;
    const apply = scale === 1 ? raw : (...xs: ArrayValue[]) => np.multiply(raw(...xs), scale);
    args.forEach((a) => (used[a] = true));
    used.push(false);
    shapes.push(probe.shape);
    probes.push(scale === 1 ? probe : np.multiply(probe, scale));
    steps.push({ text: scale === 1 ? built.text : `${built.text}, times ${scale.toPrecision(3)}`, args, shape: probe.shape, apply });
  }
  if (steps.length === 0) {
    const [text, apply] = float ? (["sin", np.sin] as const) : (["negative", np.negative] as const);
    steps.push({ text, args: [shapes.length - 1], shape: shapes[shapes.length - 1]!, apply });
  }
  // Values nothing read (inputs included) join the output through their means (integers: sums), so every input matters.
  const last = shapes.length - 1;
  const dangling = used.flatMap((u, i) => (u || i === last ? [] : [i]));
  if (dangling.length > 0) {
    const summary: (x: ArrayValue) => ArrayValue = float ? np.mean : np.sum;
    const apply = (x: ArrayValue, ...others: ArrayValue[]) => others.reduce((acc, o) => np.add(acc, summary(o)), x);
    steps.push({ text: float ? "add means of" : "add sums of", args: [last, ...dangling], shape: shapes[last]!, apply });
  }
  return new Program(inputShapes, steps, dtype);
}

/** Random programs (see `ProgramOptions`). */
export function program(options: ProgramOptions = {}): fc.Arbitrary<Program> {
  return fc
    .record({
      inputs: fc.array(arb.shape({ maxRank: 3, maxDim: 3 }), { minLength: options.minInputs ?? 1, maxLength: options.maxInputs ?? 3 }),
      steps: fc.integer({ min: 1, max: Math.max(1, options.maxSteps ?? 6) }),
      choices: fc.array(fc.nat(), { minLength: 64, maxLength: 64 }),
    })
    .map(({ inputs, steps, choices }) => buildProgram(inputs, steps, choices, options));
}

/**
 * Inputs for a program: floats uniform in [-2, 2]; integers uniform in [-b, b] with b drawn per
 * input from 8, 1000 and 2^31 (small values, values whose products overflow, and any int32).
 */
export function programInputs(p: Program): fc.Arbitrary<NdArray[]> {
  const input = (s: Shape): fc.Arbitrary<NdArray> =>
    p.dtype === "int32" ? fc.constantFrom(8, 1000, 2 ** 31).chain((b) => uniform(s, "int32", { min: -b, max: b })) : uniform(s, p.dtype, { min: -2, max: 2 });
  return fc.tuple(...p.inputShapes.map(input));
}

/** A random program with inputs for it (see `programInputs`). */
export function programWithInputs(options: ProgramOptions = {}): fc.Arbitrary<[Program, NdArray[]]> {
  return program(options).chain((p) => fc.tuple(fc.constant(p), programInputs(p)));
}

/** A random program with `count` sets of inputs (examples to vmap over). */
export function programWithExamples(count: number, options: ProgramOptions = {}): fc.Arbitrary<[Program, NdArray[][]]> {
  return program(options).chain((p) => fc.tuple(fc.constant(p), fc.array(programInputs(p), { minLength: count, maxLength: count })));
}
