/**
 * Automatic differentiation, the story of forward and reverse mode (run with
 * `npx tsx examples/autodiff.ts`):
 *  1. a layered function, and what its derivative looks like as a jaxpr;
 *  2. forward mode (jacfwd) vs reverse mode (jacrev): one pass per input vs one per output, so
 *     forward wins on tall Jacobians and reverse on wide ones (measured);
 *  3. per-example gradients with vmap(grad);
 *  4. a Hessian as forward-over-reverse;
 *  5. checkpointing: reverse mode keeps fewer intermediates and recomputes them instead.
 */
import {
  checkpoint,
  grad,
  hessian,
  jacfwd,
  jacrev,
  makeJaxpr,
  np,
  random,
  savedResiduals,
  vmap,
  type ArrayValue,
} from "../index.js";

const section = (title: string) => console.log(`\n== ${title} ==`);

/** Median wall time of a few runs, after a warm-up. */
function timeMs(body: () => unknown, runs = 5): number {
  body();
  const times = Array.from({ length: runs }, () => {
    const start = performance.now();
    body();
    return performance.now() - start;
  });
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
}

/** A stack of tanh layers mapping R^n to R^m. */
function layered(weights: readonly ArrayValue[]) {
  return (x: ArrayValue): ArrayValue => weights.reduce((h, w) => np.tanh(np.matmul(w, h)), x);
}

/** Random layer weights for widths [n, hidden..., m]. */
function weightsFor(widths: readonly number[], seed: number): ArrayValue[] {
  const keys = [...random.split(random.key(seed), widths.length - 1)];
  return widths.slice(1).map((out, i) => random.normal(keys[i]!, [out, widths[i]!], { dtype: "float64" }).div(Math.sqrt(widths[i]!)));
}

section("1. A layered function and its gradient as a jaxpr");
const small = layered(weightsFor([3, 4, 1], 0));
const scalar = (x: ArrayValue) => np.sum(small(x));
console.log(String(makeJaxpr(grad(scalar))(np.ones([3], { dtype: "float64" }))));

section("2. Forward vs reverse mode: costs depend on the Jacobian's shape");
const hidden = [64, 64, 64];
for (const [name, n, m] of [["tall (few inputs, many outputs)", 4, 256], ["wide (many inputs, few outputs)", 256, 4]] as const) {
  const f = layered(weightsFor([n, ...hidden, m], 1));
  const x = random.normal(random.key(2), [n], { dtype: "float64" });
  const forward = jacfwd(f)(x) as ArrayValue;
  const reverse = jacrev(f)(x) as ArrayValue;
  const gap = np.max(np.abs(np.subtract(forward, reverse))).item();
  const fwdMs = timeMs(() => jacfwd(f)(x));
  const revMs = timeMs(() => jacrev(f)(x));
  console.log(
    `${name}: Jacobian [${forward.shape}] — jacfwd ${fwdMs.toFixed(1)} ms (${n} tangent directions), ` +
      `jacrev ${revMs.toFixed(1)} ms (${m} cotangent directions); max difference ${Number(gap).toExponential(1)}`,
  );
}

section("3. Per-example gradients with vmap(grad)");
type Params = { w: ArrayValue; b: ArrayValue };
const loss = (p: Params, x: ArrayValue, y: ArrayValue) => np.square(np.subtract(np.add(np.dot(x, p.w), p.b), y));
const params: Params = { w: np.array([0.5, -1, 2], { dtype: "float64" }), b: np.array(0.1, { dtype: "float64" }) };
const xs = random.normal(random.key(3), [4, 3], { dtype: "float64" });
const ys = random.normal(random.key(4), [4], { dtype: "float64" });
const perExample = vmap(grad(loss), { inAxes: [null, 0, 0] })(params, xs, ys);
console.log("per-example dloss/dw (one row per example):", perExample.w);
console.log("their mean equals the gradient of the mean loss:", np.mean(perExample.w, { axis: 0 }));
console.log("                                                ", grad((p: Params) => np.mean(vmap((x: ArrayValue, y: ArrayValue) => loss(p, x, y))(xs, ys)))(params).w);

section("4. A Hessian (forward over reverse)");
const quadratic = (x: ArrayValue) => np.add(np.sum(np.multiply(np.sin(x), x)), np.prod(x));
const point = np.array([0.5, 1, 1.5], { dtype: "float64" });
const h = hessian(quadratic)(point) as ArrayValue;
console.log("hessian =", h);
console.log("symmetric:", np.max(np.abs(np.subtract(h, h.T))).item() === 0);

section("5. Checkpointing: remember less, recompute more");
const deep = weightsFor([32, 32, 32, 32, 32, 32, 32, 32, 32], 5);
const block = (ws: readonly ArrayValue[]) => layered(ws);
const plain = (x: ArrayValue) => np.sum(layered(deep)(x));
const rematerialized = (x: ArrayValue) => np.sum(checkpoint(block(deep.slice(4)))(checkpoint(block(deep.slice(0, 4)))(x)));
const x0 = random.normal(random.key(6), [32], { dtype: "float64" });
const count = (f: (x: ArrayValue) => ArrayValue) => {
  const intermediates = savedResiduals(f, x0).filter((r) => r.source === "intermediate");
  return `${intermediates.length} intermediates saved (${intermediates.reduce((n, r) => n + r.shape.reduce((a, b) => a * b, 1), 0)} numbers)`;
};
console.log(`without checkpoint: ${count(plain)}; grad ${timeMs(() => grad(plain)(x0)).toFixed(1)} ms`);
console.log(`with two checkpointed blocks: ${count(rematerialized)}; grad ${timeMs(() => grad(rematerialized)(x0)).toFixed(1)} ms`);
const difference = np.max(np.abs(np.subtract(grad(plain)(x0), grad(rematerialized)(x0)))).item();
console.log(`same gradient (max difference ${difference})`);
