import { describe, expect, it } from "vitest";
import { ClosedJaxpr, Jaxpr, Lit, Var, type Eqn } from "../../core/jaxpr.js";
import { callJaxpr, evalJaxpr } from "../../core/eval-jaxpr.js";
import { typecheckJaxpr } from "../../core/jaxpr-check.js";
import { ArrayValue } from "../../core/ndarray.js";
import * as np from "../../core/numpy/index.js";
import { grad } from "../../transforms/autodiff.js";
import { vmap } from "../../transforms/vmap.js";
import { customJvp } from "../../transforms/custom.js";
import { makeJaxpr } from "../../transforms/make-jaxpr.js";
import { scan } from "../../transforms/scan.js";
import { expectClose } from "../helpers.js";

const values = (xs: readonly ArrayValue[]) => xs.map((x) => x.toArray());
const sum = (x: ArrayValue) => np.sum(x);

describe("printing", () => {
  it("prints a one-equation jaxpr on one line, as JAX", () => {
    expect(String(makeJaxpr(np.sin)(np.ones([3])))).toBe("{ lambda ; a:f32[3]. let b:f32[3] = sin a in (b) }");
  });

  it("prints one equation per line when there are several", () => {
    const f = (x: ArrayValue, y: ArrayValue) => np.add(np.multiply(x, y), np.exp(x));
    expect(String(makeJaxpr(f)(np.ones([3]), np.ones([3])))).toBe(
      ["{ lambda ; a:f32[3] b:f32[3]. let", "    c:f32[3] = mul a b", "    d:f32[3] = exp a", "    e:f32[3] = add c d", "  in (e) }"].join("\n"),
    );
  });

  it("prints literals with their type", () => {
    const text = String(makeJaxpr((x: ArrayValue) => np.multiply(np.sin(x), 2))(np.ones([3])));
    expect(text).toBe(["{ lambda ; a:f32[3]. let", "    b:f32[3] = sin a", "    c:f32[3] = mul b 2.0:f32[]", "  in (c) }"].join("\n"));
    expect(String(makeJaxpr((x: ArrayValue) => np.multiply(x, 2))(np.ones([3], { dtype: "float64" })))).toBe(
      "{ lambda ; a:f64[3]. let b:f64[3] = mul a 2.0:f64[] in (b) }",
    );
    expect(String(makeJaxpr((x: ArrayValue) => np.add(x, 2))(np.ones([3], { dtype: "int32" })))).toBe(
      "{ lambda ; a:i32[3]. let b:i32[3] = add a 2:i32[] in (b) }",
    );
    expect(String(makeJaxpr((x: ArrayValue) => np.logicalAnd(x, true))(np.ones([2], { dtype: "bool" })))).toContain("True:bool[]");
  });

  it("turns closed-over arrays into constant binders (deduplicated) and scalars into literals", () => {
    const c = np.array([1, 2, 3]);
    const s = np.array(2.5);
    const f = (x: ArrayValue) => np.add(np.multiply(np.multiply(x, c), s), c);
    const closed = makeJaxpr(f)(np.ones([3]));
    expect(String(closed)).toBe(
      ["{ lambda a:f32[3]; b:f32[3]. let", "    c:f32[3] = mul b a", "    d:f32[3] = mul c 2.5:f32[]", "    e:f32[3] = add d a", "  in (e) }"].join("\n"),
    );
    expect(closed.consts).toHaveLength(1);
    expect(closed.consts[0]).toBe(c);
  });

  it("flattens pytree arguments in sorted-key order", () => {
    // Distinct shapes show the leaf order: p.a[0], p.a[1], then p.z.
    const f = (p: { z: ArrayValue; a: ArrayValue[] }) => np.add(np.sum(p.z), np.sum(p.a[1]!));
    const closed = makeJaxpr(f)({ z: np.ones([2]), a: [np.ones([1]), np.ones([3])] });
    expect(closed.inAvals.map((v) => v.shape)).toEqual([[1], [3], [2]]);
    const g = (p: { z: ArrayValue; a: ArrayValue }) => np.subtract(p.z, p.a);
    expect(String(makeJaxpr(g)({ z: np.ones([2]), a: np.ones([2]) }))).toBe("{ lambda ; a:f32[2] b:f32[2]. let c:f32[2] = sub b a in (c) }");
    // Multiple outputs flatten the same way.
    const h = (x: ArrayValue) => [np.sin(x), { b: np.cos(x), a: x }];
    expect(String(makeJaxpr(h)(np.ones([3])))).toMatch(/in \(b, a, c\) }$/);
  });

  it("prints a scan body once-braced inside its params", () => {
    const f = (xs: ArrayValue) => scan((c: ArrayValue, x: ArrayValue) => [np.add(c, x), np.sin(x)], np.zeros([]), xs);
    const text = String(makeJaxpr(f)(np.ones([3])));
    expect(text).toContain("b:f32[] c:f32[3] = scan[body={ lambda ; a:f32[] b:f32[]. let c:f32[] = add a b d:f32[] = sin b in (c, d) }");
    expect(text).toContain("numCarry=1 length=3 reverse=false] 0.0:f32[] a");
    expect(text).not.toContain("{{");
    expect(text.match(/\{ lambda/g)).toHaveLength(2);
  });
});

describe("evaluating and checking", () => {
  const x = np.array([0.5, -1, 2]);
  const c = np.array([3, 4, 5]);
  const f = (x: ArrayValue, p: { w: ArrayValue; b: ArrayValue }) => np.tanh(np.add(np.multiply(np.multiply(x, p.w), c), p.b));
  const args = [x, { w: np.array([1, 2, 3]), b: np.array(0.25) }] as const;

  it("evalJaxpr equals calling the function", () => {
    const closed = makeJaxpr(f)(...args);
    const leaves = [x, args[1].b, args[1].w];
    expect(values(evalJaxpr(closed.jaxpr, closed.consts, leaves))).toEqual([f(...args).toArray()]);
    expect(values(callJaxpr(closed, leaves))).toEqual([f(...args).toArray()]);
    expect(() => evalJaxpr(closed.jaxpr, closed.consts, [x])).toThrow(/evalJaxpr: the jaxpr takes 3 arguments, got 1/);
    expect(() => evalJaxpr(closed.jaxpr, closed.consts, [x, np.ones([2]), x])).toThrow(/evalJaxpr: argument 1 is f32\[2\], the jaxpr expects f32\[\]/);
  });

  it("typecheckJaxpr accepts staged jaxprs", () => {
    expect(() => typecheckJaxpr(makeJaxpr(f)(...args).jaxpr)).not.toThrow();
    expect(() => typecheckJaxpr(makeJaxpr(grad((x: ArrayValue) => sum(np.sin(x))))(x).jaxpr)).not.toThrow();
    const scanned = makeJaxpr((xs: ArrayValue) => scan((s: ArrayValue, v: ArrayValue) => [np.add(s, v), np.sin(v)], np.zeros([]), xs))(x);
    expect(() => typecheckJaxpr(scanned.jaxpr)).not.toThrow();
  });

  it("typecheckJaxpr rejects hand-broken jaxprs", () => {
    const f3 = { shape: [3], dtype: "float32" } as const;
    const a = new Var(f3);
    const b = new Var(f3);
    const eqn = (prim: "sin" | "cos", input: Var | Lit, out: Var): Eqn => ({ prim, inputs: [input], params: {}, outs: [out] }) as Eqn;
    const wrongAval = new Var({ shape: [2], dtype: "float32" });
    expect(() => typecheckJaxpr(new Jaxpr([], [a], [eqn("sin", a, wrongAval)], [wrongAval]))).toThrow(
      /typecheckJaxpr: equation 0 \(sin\) declares f32\[2\] but its shape rule gives f32\[3\]/,
    );
    const wrongDtype = new Var({ shape: [3], dtype: "float64" });
    expect(() => typecheckJaxpr(new Jaxpr([], [a], [eqn("sin", a, wrongDtype)], [wrongDtype]))).toThrow(/declares f64\[3\] but its shape rule gives f32\[3\]/);
    const later = new Var(f3);
    expect(() => typecheckJaxpr(new Jaxpr([], [a], [eqn("sin", later, b), eqn("cos", a, later)], [b]))).toThrow(
      /typecheckJaxpr: equation 0 \(sin\) uses a variable before it is bound/,
    );
    expect(() => typecheckJaxpr(new Jaxpr([], [a], [], [b]))).toThrow(/the output list uses a variable before it is bound/);
    expect(() => typecheckJaxpr(new Jaxpr([], [a], [eqn("sin", a, a)], [a]))).toThrow(/equation 0 \(sin\) rebinds a variable/);
    // A well-formed hand-written jaxpr passes and evaluates.
    const good = new Jaxpr([], [a], [eqn("sin", a, b)], [b]);
    expect(() => typecheckJaxpr(good)).not.toThrow();
    expect(values(callJaxpr(new ClosedJaxpr(good, []), [x]))).toEqual([np.sin(x).toArray()]);
  });
});

describe("transforming jaxprs again", () => {
  const x = np.array([0.5, -1, 2], { dtype: "float64" });
  const w = np.array([1, 2, 3], { dtype: "float64" });
  const f = (x: ArrayValue) => sum(np.sin(np.multiply(np.exp(x), w)));

  it("grad through a closed jaxpr equals grad of the function", () => {
    const closed = makeJaxpr(f)(x);
    const viaJaxpr = (x: ArrayValue) => callJaxpr(closed, [x])[0]!;
    expect(viaJaxpr(x).toArray()).toEqual(f(x).toArray());
    expectClose(grad(viaJaxpr)(x), grad(f)(x).toArray(), { rtol: 1e-14 });
    const second = (g: (x: ArrayValue) => ArrayValue) => grad((x: ArrayValue) => sum(grad(g)(x)))(x);
    expectClose(second(viaJaxpr), second(f).toArray(), { rtol: 1e-13 });
    const xs = np.array([[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]], { dtype: "float64" });
    expectClose(vmap(viaJaxpr)(xs), vmap(f)(xs).toArray(), { rtol: 1e-14 });
  });

  it("jaxprs of grad and of vmap evaluate to the transformed values", () => {
    const gradJaxpr = makeJaxpr(grad(f))(x);
    expect(() => typecheckJaxpr(gradJaxpr.jaxpr)).not.toThrow();
    expectClose(callJaxpr(gradJaxpr, [x])[0]!, grad(f)(x).toArray(), { rtol: 1e-14 });
    const xs = np.array([[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]], { dtype: "float64" });
    const vmapJaxpr = makeJaxpr(vmap(f))(xs);
    expect(() => typecheckJaxpr(vmapJaxpr.jaxpr)).not.toThrow();
    expect(vmapJaxpr.inAvals[0]!.shape).toEqual([2, 3]);
    expect(vmapJaxpr.outAvals[0]!.shape).toEqual([2]);
    expectClose(evalJaxpr(vmapJaxpr.jaxpr, vmapJaxpr.consts, [xs])[0]!, vmap(f)(xs).toArray(), { rtol: 1e-14 });
    const both = makeJaxpr(vmap(grad(f)))(xs);
    expectClose(callJaxpr(both, [xs])[0]!, vmap(grad(f))(xs).toArray(), { rtol: 1e-14 });
  });
});

describe("hostile pytree keys", () => {
  it("never reach printed or evaluated code", () => {
    const hostile = "});globalThis.pwned=1;//";
    const other = '"]); globalThis.pwned = 2; (["';
    const g = globalThis as Record<string, unknown>;
    const x = np.array([1, 2, 3]);
    type P = Record<string, ArrayValue>;
    const f = (p: P) => ({ [hostile]: np.add(p[hostile]!, p[other]!), [other]: np.sin(p[hostile]!) });
    const p: P = { [hostile]: x, [other]: np.array([10, 20, 30]) };
    const closed = makeJaxpr(f)(p);
    const text = String(closed);
    expect(text).not.toContain("pwned");
    expect(text).not.toContain("globalThis");
    // Keys sort by code unit: other ('"') before hostile ('}'), for the arguments and the outputs.
    const out = f(p);
    expect(values(callJaxpr(closed, [p[other]!, p[hostile]!]))).toEqual(values([out[other]!, out[hostile]!]));
    expect(values(evalJaxpr(closed.jaxpr, closed.consts, [p[other]!, p[hostile]!]))).toEqual([[Math.sin(1), Math.sin(2), Math.sin(3)].map(Math.fround), [11, 22, 33]]);
    const grads = grad((p: P) => sum(f(p)[hostile]!))(p);
    expect(Object.keys(grads).sort()).toEqual([hostile, other].sort());
    expect(grads[hostile]!.toArray()).toEqual([1, 1, 1]);
    const batched = vmap(f, { inAxes: [{ [hostile]: 0, [other]: null }] })({ [hostile]: np.ones([2, 3]), [other]: x });
    expect(batched[hostile]!.shape).toEqual([2, 3]);
    expect(g.pwned).toBeUndefined();
  });
});

describe("function-valued params", () => {
  it("print as <function>, keeping one equation per line", () => {
    const f = customJvp((x: ArrayValue) => np.sin(x), ([x], [t]) => [np.sin(x as ArrayValue), np.multiply(t as ArrayValue, 2)]);
    const text = String(makeJaxpr(f)(np.ones([3])));
    expect(text).toContain("jvp=<function>");
    expect(text.split("\n")).toHaveLength(1);
  });
});
