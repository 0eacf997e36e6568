import { describe, expect, it } from "vitest";
import type { ArrayValue } from "../../core/ndarray.js";
import * as np from "../../core/numpy/index.js";
import * as random from "../../core/random/index.js";
import { grad, jit, vmap } from "../../transforms/index.js";
import * as losses from "../../models/losses.js";
import { expectClose, loadFixture } from "../helpers.js";

const fixture = loadFixture("models").losses;
const f64 = (values: number[], shape?: number[]) => np.array(values, { dtype: "float64", ...(shape ? { shape } : {}) });

type Loss = (a: ArrayValue, b: ArrayValue, options?: losses.ReductionOptions) => ArrayValue;

/** Each loss with the fixture's inputs and its references (per-element values, gradient of their sum). */
const cases: { name: string; loss: Loss; a: () => ArrayValue; b: () => ArrayValue; expected: { values: number[]; grad: number[] } }[] = [
  { name: "meanSquaredError", loss: losses.meanSquaredError, a: () => f64(fixture.predictions), b: () => f64(fixture.targets), expected: fixture.squaredError },
  { name: "huber (delta 1)", loss: losses.huber, a: () => f64(fixture.predictions), b: () => f64(fixture.targets), expected: fixture.huber1 },
  {
    name: "huber (delta 0.5)",
    loss: (a, b, o) => losses.huber(a, b, { ...o, delta: 0.5 }),
    a: () => f64(fixture.predictions),
    b: () => f64(fixture.targets),
    expected: fixture.huberHalf,
  },
  {
    name: "softmaxCrossEntropy (integer labels)",
    loss: losses.softmaxCrossEntropy,
    a: () => f64(fixture.logits, fixture.logitsShape),
    b: () => np.array(fixture.intLabels, { dtype: "int32" }),
    expected: fixture.softmaxIntegerLabels,
  },
  {
    name: "softmaxCrossEntropy (probability labels)",
    loss: losses.softmaxCrossEntropy,
    a: () => f64(fixture.logits, fixture.logitsShape),
    b: () => f64(fixture.probLabels, fixture.logitsShape),
    expected: fixture.softmaxProbLabels,
  },
  { name: "binaryCrossEntropy", loss: losses.binaryCrossEntropy, a: () => f64(fixture.binaryLogits), b: () => f64(fixture.binaryTargets), expected: fixture.binaryCrossEntropy },
  { name: "hinge", loss: losses.hinge, a: () => f64(fixture.scores), b: () => f64(fixture.signs), expected: fixture.hinge },
  { name: "logisticLoss", loss: losses.logisticLoss, a: () => f64(fixture.scores), b: () => f64(fixture.signs), expected: fixture.logistic },
  { name: "perceptronLoss", loss: losses.perceptronLoss, a: () => f64(fixture.scores), b: () => f64(fixture.signs), expected: fixture.perceptron },
];

describe("losses match optax/JAX in float64 (values and jax.grad gradients, kinks and logits of magnitude 1e4 included)", () => {
  for (const c of cases) {
    it(c.name, () => {
      expectClose(c.loss(c.a(), c.b(), { reduction: "none" }), c.expected.values, { rtol: 1e-12, atol: 1e-12 });
      const g = grad((a: ArrayValue) => c.loss(a, c.b(), { reduction: "sum" }))(c.a());
      expectClose(g, c.expected.grad, { rtol: 1e-12, atol: 1e-15 });
    });
  }
});

describe("reductions", () => {
  for (const c of cases) {
    it(`${c.name}: mean by default, sum on request`, () => {
      const values = c.expected.values;
      const total = values.reduce((s, v) => s + v, 0);
      expectClose(c.loss(c.a(), c.b()), [total / values.length], { rtol: 1e-12 });
      expectClose(c.loss(c.a(), c.b(), { reduction: "sum" }), [total], { rtol: 1e-12 });
      expect(c.loss(c.a(), c.b()).shape).toEqual([]);
    });
  }
  it("an unknown reduction is an error naming the loss", () => {
    const x = f64([1, 2]);
    expect(() => losses.meanSquaredError(x, x, { reduction: "max" as losses.Reduction })).toThrow(/meanSquaredError: reduction must be one of "mean", "sum", "none", got "max"/);
  });
});

describe("stability at logits of magnitude 1e4 in float32", () => {
  it("softmax cross-entropy is finite and exact, and so is its gradient", () => {
    const logits = np.array(fixture.logits, { shape: fixture.logitsShape });
    const labels = np.array(fixture.intLabels, { dtype: "int32" });
    const values = losses.softmaxCrossEntropy(logits, labels, { reduction: "none" });
    expect(values.dtype).toBe("float32");
    expectClose(values, fixture.softmaxIntegerLabels.values, { rtol: 1e-6, atol: 1e-6 });
    expectClose(grad((l: ArrayValue) => losses.softmaxCrossEntropy(l, labels, { reduction: "sum" }))(logits), fixture.softmaxIntegerLabels.grad, { rtol: 1e-5, atol: 1e-6 });
  });
  it("binary cross-entropy and the logistic loss are finite and exact", () => {
    expectClose(losses.binaryCrossEntropy(np.array(fixture.binaryLogits), np.array(fixture.binaryTargets), { reduction: "none" }), fixture.binaryCrossEntropy.values, {
      rtol: 1e-6,
      atol: 1e-6,
    });
    expectClose(losses.logisticLoss(np.array(fixture.scores), np.array(fixture.signs), { reduction: "none" }), fixture.logistic.values, { rtol: 1e-6, atol: 1e-6 });
  });
  it("binary cross-entropy keeps tiny losses for confident right answers (log1p(e^-40), not 0)", () => {
    expectClose(losses.binaryCrossEntropy(f64([40, -40]), f64([1, 0]), { reduction: "none" }), [4.248354255291589e-18, 4.248354255291589e-18], { rtol: 1e-12, atol: 0 });
  });
  it("the gradient of binary cross-entropy at logit 0 is sigmoid(0) - y = 0.5 - y", () => {
    expectClose(grad((z: ArrayValue) => losses.binaryCrossEntropy(z, f64([1, 0, 0.25]), { reduction: "sum" }))(f64([0, 0, 0])), [-0.5, 0.5, 0.25], { rtol: 0, atol: 0 });
  });
});

describe("transforms", () => {
  for (const c of cases) {
    it(`${c.name}: jit(loss) equals loss, and jit(grad(loss)) equals grad(loss)`, () => {
      const loss = (a: ArrayValue, b: ArrayValue) => c.loss(a, b);
      expectClose(jit(loss)(c.a(), c.b()), c.loss(c.a(), c.b()).toArray(), { rtol: 1e-13, atol: 1e-13 });
      const g = grad(loss);
      expectClose(jit(g)(c.a(), c.b()), g(c.a(), c.b()).toArray() as number[], { rtol: 1e-13, atol: 1e-15 });
    });
    it(`${c.name}: vmap of the per-example loss equals reduction "none"`, () => {
      const perExample = vmap((a: ArrayValue, b: ArrayValue) => c.loss(a, b, { reduction: "sum" }));
      const a = c.a();
      const b = c.b();
      // One-dimensional losses are mapped over elements (rank-0 examples); reshape them to [n, 1] rows.
      const rows = a.ndim === 1 ? [a.reshape([a.shape[0]!, 1]), b.reshape([b.shape[0]!, 1])] : [a, b];
      expectClose(perExample(rows[0]!, rows[1]!), c.expected.values, { rtol: 1e-12, atol: 1e-12 });
    });
  }

  it("gradients match central finite differences in float64 at random points away from kinks", () => {
    const [k1, k2, k3] = random.split(random.key(7), 3);
    const x = random.normal(k1!, [4, 3], { dtype: "float64" });
    const t = random.normal(k2!, [4, 3], { dtype: "float64" });
    const probs = np.divide(np.exp(t), np.sum(np.exp(t), { axis: -1, keepdims: true }));
    const labels = random.randint(k3!, [4], 0, 3);
    const signs = np.sign(t);
    const targets01 = random.uniform(k3!, [4, 3], { dtype: "float64" });
    const functions: [string, (a: ArrayValue) => ArrayValue][] = [
      ["meanSquaredError", (a) => losses.meanSquaredError(a, t)],
      ["huber", (a) => losses.huber(a, t, { delta: 0.7 })],
      ["softmaxCrossEntropy integer", (a) => losses.softmaxCrossEntropy(a, labels)],
      ["softmaxCrossEntropy probabilities", (a) => losses.softmaxCrossEntropy(a, probs)],
      ["binaryCrossEntropy", (a) => losses.binaryCrossEntropy(a, targets01)],
      ["hinge", (a) => losses.hinge(a, signs)],
      ["logisticLoss", (a) => losses.logisticLoss(a, signs)],
      ["perceptronLoss", (a) => losses.perceptronLoss(a, signs)],
      ["l1Penalty", (a) => losses.l1Penalty({ a })],
      ["l2Penalty", (a) => losses.l2Penalty([a, { b: a }])],
    ];
    const base = x.toTypedArray() as Float64Array;
    const h = 1e-6;
    for (const [name, f] of functions) {
      const analytic = grad(f)(x).toTypedArray();
      const numeric = Array.from(base, (_, i) => {
        const shifted = (d: number) => {
          const copy = Float64Array.from(base);
          copy[i] = copy[i]! + d;
          return f(np.array(copy, { shape: x.shape })).item() as number;
        };
        return (shifted(h) - shifted(-h)) / (2 * h);
      });
      numeric.forEach((v, i) => expect(Math.abs(analytic[i]! - v), `${name}, element ${i}`).toBeLessThan(1e-7));
    }
  });
});

describe("penalties over a params pytree", () => {
  const params = () => ({
    w: f64(fixture.penaltyTree.w, fixture.penaltyShapes.w),
    b: f64(fixture.penaltyTree.b),
    layers: [f64(fixture.penaltyTree.layers[0], [1])],
  });
  it("l1 sums |w| and l2 sums w^2 over every leaf", () => {
    expectClose(losses.l1Penalty(params()), [fixture.l1], { rtol: 1e-15 });
    expectClose(losses.l2Penalty(params()), [fixture.l2], { rtol: 1e-15 });
  });
  it("their gradients are abs'(w) (1 at 0, as jax.grad of sum(abs(w))) and 2w, shaped like params", () => {
    type Params = ReturnType<typeof params>;
    const g1 = grad((p: Params) => losses.l1Penalty(p))(params());
    const g2 = grad((p: Params) => losses.l2Penalty(p))(params());
    expect(g1.w.toArray()).toEqual([[1, -1], [1, 1]]);
    expect(g2.b.toArray()).toEqual([-2, 0.5]);
    expect(g2.layers[0]!.toArray()).toEqual([8]);
  });
  it("an empty tree has penalty 0; integer leaves are an error", () => {
    expect(losses.l2Penalty({}).item()).toBe(0);
    expect(() => losses.l1Penalty({ n: np.arange(3) })).toThrow(/l1Penalty: every leaf of params must be a float array, got i32\[3\]/);
  });
});

describe("input validation", () => {
  it("mismatched shapes name both shapes", () => {
    expect(() => losses.meanSquaredError(f64([1, 2, 3]), f64([1, 2]))).toThrow(/meanSquaredError: predictions f64\[3\] and targets f64\[2\] must have the same shape/);
    expect(() => losses.hinge(f64([1, 2]), f64([1, 2], [2, 1]))).toThrow(/hinge: scores f64\[2\] and labels f64\[2,1\]/);
  });
  it("integer labels must drop exactly the class axis", () => {
    expect(() => losses.softmaxCrossEntropy(f64([1, 2, 3, 4], [2, 2]), np.array([0, 1, 1], { dtype: "int32" }))).toThrow(
      /softmaxCrossEntropy: integer labels i32\[3\] must have the shape of logits f64\[2,2\] without its last axis, \[2\]/,
    );
    expect(() => losses.softmaxCrossEntropy(f64([1, 2, 3, 4], [2, 2]), f64([1, 0]))).toThrow(/softmaxCrossEntropy: logits f64\[2,2\] and probability labels f64\[2\]/);
  });
  it("an out-of-range integer label is an error when concrete and NaN for its example when traced (optax's take_along_axis)", () => {
    // optax.softmax_cross_entropy_with_integer_labels([[1,2,3],[1,2,3]], [0,5]) = [2.407606, nan] (float32, JAX 0.10.2).
    const logits = np.array([[1, 2, 3], [1, 2, 3]]);
    const labels = np.array([0, 5], { dtype: "int32" });
    expect(() => losses.softmaxCrossEntropy(logits, labels)).toThrow(/softmaxCrossEntropy: labels must be class indices in \[0, 3\), got 5 at index \[1\] of labels i32\[2\]/);
    expect(() => losses.softmaxCrossEntropy(f64([1, 2, 3, 4], [1, 2, 2]), np.array([[0, 3]], { dtype: "int32" }))).toThrow(/got 3 at index \[0,1\]/);
    const traced = jit((l: ArrayValue, y: ArrayValue) => losses.softmaxCrossEntropy(l, y, { reduction: "none" }))(logits, labels).toArray() as number[];
    expect(traced[0]).toBeCloseTo(2.407606, 5);
    expect(traced[1]).toBeNaN();
    expect(jit((l: ArrayValue, y: ArrayValue) => losses.softmaxCrossEntropy(l, y))(logits, labels).item()).toBeNaN();
    const mapped = vmap((l: ArrayValue, y: ArrayValue) => losses.softmaxCrossEntropy(l, y), { inAxes: [0, 0] })(logits, np.array([-1, 2], { dtype: "int32" })).toArray() as number[];
    expect(mapped[0]).toBeNaN();
    expect(mapped[1]).toBeCloseTo(0.407606, 5);
    // in-range traced labels give the same values as concrete ones, and a NaN example leaves the others' gradient intact
    const ok = np.array([0, 2], { dtype: "int32" });
    expectClose(jit((l: ArrayValue, y: ArrayValue) => losses.softmaxCrossEntropy(l, y))(logits, ok), [losses.softmaxCrossEntropy(logits, ok).item() as number], { rtol: 1e-6 });
    const g = jit(grad((l: ArrayValue, y: ArrayValue) => losses.softmaxCrossEntropy(l, y, { reduction: "none" }).slice(0)))(logits, labels).toArray() as number[][];
    expectClose(np.array(g[0]!), [0.09003057 - 1, 0.24472847, 0.66524096], { rtol: 1e-5 });
  });
  it("margin losses take concrete labels in {-1, +1} only, and binary cross-entropy targets in [0, 1]", () => {
    expect(() => losses.hinge(f64([0.5, -1]), f64([1, 0]))).toThrow(/hinge: labels must be -1 or \+1 \(for labels in \{0, 1\} pass 2 \* y - 1\), got 0 at index \[1\]/);
    expect(() => losses.logisticLoss(f64([0.5]), f64([0]))).toThrow(/logisticLoss: labels must be -1 or \+1/);
    expect(() => losses.perceptronLoss(f64([0.5]), f64([0.5]))).toThrow(/perceptronLoss: labels must be -1 or \+1/);
    expect(() => losses.binaryCrossEntropy(f64([0.5, 1]), f64([0, 1.5]))).toThrow(/binaryCrossEntropy: targets must be in \[0, 1\], got 1.5 at index \[1\]/);
    expect(() => losses.binaryCrossEntropy(f64([0.5]), f64([NaN]))).toThrow(/targets must be in \[0, 1\], got NaN/);
    // traced labels enter the formula (optax.hinge_loss(0.5, 0.) = 1)
    expect(jit((s: ArrayValue, y: ArrayValue) => losses.hinge(s, y))(f64([0.5]), f64([0])).item()).toBe(1);
  });
  it("huber's delta must be positive", () => {
    expect(() => losses.huber(f64([1]), f64([1]), { delta: 0 })).toThrow(/huber: delta must be a positive finite number, got 0/);
  });
  it("shape errors are raised at trace time under jit", () => {
    expect(() => jit((a: ArrayValue, b: ArrayValue) => losses.binaryCrossEntropy(a, b))(f64([1, 2]), f64([1]))).toThrow(/binaryCrossEntropy: logits f64\[2\] and targets f64\[1\]/);
  });
});
