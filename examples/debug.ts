/**
 * Looking at values inside transformed functions: `npx tsx examples/debug.ts`.
 *
 * `debug.print` (JAX's `jax.debug.print`) prints concrete values wherever the program reaches it:
 * inside jit, under grad (the forward pass's values), once per example under vmap, and at every
 * iteration of a loop. A plain `console.log` inside a jitted function would print tracers, once,
 * at trace time.
 */
import { debug, grad, jit, lax, np, vmap, type ArrayValue } from "../index.js";

const line = (title: string) => console.log(`\n== ${title} ==`);

line("1. Inside jit: printed each time the compiled program runs");
const normalize = jit((x: ArrayValue) => {
  const centered = x.sub(x.mean());
  debug.print("mean {m:.3f}, centered {c}", { m: x.mean(), c: centered });
  return centered.div(np.sqrt(centered.square().mean()));
});
normalize(np.array([1, 2, 3, 4]));
normalize(np.array([10, 0, 5, 5]));

line("2. Under grad: the primal values of the forward pass");
const loss = (w: ArrayValue) => {
  const y = np.tanh(w.mul(2));
  debug.print("w = {}, tanh(2w) = {}", w, y);
  return y.sum();
};
console.log("gradient", String(grad(loss)(np.array([0.5, -1]))));

line("3. Under vmap: once per example");
vmap((row: ArrayValue) => {
  debug.print("row sum {}", row.sum());
  return row;
})(np.arange(6).reshape([2, 3]));

line("4. In a loop body: every iteration, in order (jitted too)");
const newton = jit((a: ArrayValue) =>
  lax.whileLoop(
    (x: ArrayValue) => np.abs(x.square().sub(a)).gt(1e-6),
    (x: ArrayValue) => {
      debug.print("  x = {:.7f}", x);
      return x.add(a.div(x)).mul(0.5);
    },
    a,
  ),
);
console.log("sqrt(2) =", String(newton(np.array(2))));

line("5. The print is one step of the program; the kernels around it fuse as before");
const lowered = jit((x: ArrayValue) => {
  const y = np.exp(x.mul(2));
  debug.print("x = {}", x);
  return y.add(1).sum();
}).lower(np.ones([8]));
console.log(String(lowered).split("\n\nmemory plan")[0]);

line("6. Capturing lines, and debug.callback for anything else");
const lines: string[] = [];
const record = debug.print({ sink: (text) => lines.push(text) });
jit((x: ArrayValue) => {
  record("captured {}", x);
  debug.callback((value: ArrayValue) => console.log(`callback got ${value.shape.join("x")} values, max ${String(value.max())}`), x);
  return x;
})(np.arange(3));
console.log(lines);
