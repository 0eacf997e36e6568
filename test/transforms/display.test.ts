/**
 * What console.log, the REPL and String() show for the values a user inspects: tracers, jaxprs,
 * lowered programs and tree structures print as their text, never as an object dump.
 */
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { ClosedJaxpr, grad, jit, jvp, lax, makeJaxpr, np, tree, vmap, type ArrayValue } from "../../index.js";

/** What `f` shows for the tracer it is given, both as String(x) and as console.log would print it. */
function printedInside(transform: (f: (x: ArrayValue) => ArrayValue) => unknown): { text: string; inspected: string } {
  let seen = { text: "", inspected: "" };
  transform((x) => {
    seen = { text: String(x), inspected: inspect(x) };
    return x;
  });
  return seen;
}

describe("tracers print as Traced<aval>(transform)", () => {
  const x = np.array([1, 2]);
  const cases: [string, (f: (x: ArrayValue) => ArrayValue) => unknown, string][] = [
    ["jvp", (f) => jvp(f, [x], [x]), "Traced<f32[2]>(jvp)"],
    ["grad", (f) => grad((t: ArrayValue) => np.sum(f(t)))(x), "Traced<f32[2]>(grad)"],
    ["vmap", (f) => vmap(f)(np.ones([3, 2])), "Traced<f32[2]>(vmap)"],
    ["jit", (f) => jit(f)(x), "Traced<f32[2]>(jit)"],
    ["makeJaxpr", (f) => makeJaxpr(f)(x), "Traced<f32[2]>(makeJaxpr)"],
    ["lax.scan", (f) => lax.scan((c: ArrayValue, row: ArrayValue) => [f(c), row], x, np.ones([3])), "Traced<f32[2]>(lax.scan)"],
  ];
  for (const [name, transform, expected] of cases) {
    it(`under ${name}`, () => {
      expect(printedInside(transform)).toEqual({ text: expected, inspected: expected });
    });
  }
  it("inside a list, console.log shows each tracer by its text", () => {
    let shown = "";
    jit((a: ArrayValue, b: ArrayValue) => ((shown = inspect([a, b])), a))(np.ones([2]), np.ones([], { dtype: "int32" }));
    expect(shown).toBe("[ Traced<f32[2]>(jit), Traced<i32[]>(jit) ]");
  });
});

describe("jaxprs print as their text", () => {
  const closed = makeJaxpr((x: ArrayValue) => np.sin(x).mul(2))(np.ones([3]));
  const text = ["{ lambda ; a:f32[3]. let", "    b:f32[3] = sin a", "    c:f32[3] = mul b 2.0:f32[]", "  in (c) }"].join("\n");
  it("makeJaxpr's ClosedJaxpr, in String() and console.log", () => {
    expect(closed).toBeInstanceOf(ClosedJaxpr);
    expect(String(closed)).toBe(text);
    expect(inspect(closed)).toBe(text);
  });
  it("the open Jaxpr inside it", () => {
    expect(String(closed.jaxpr)).toBe(text);
    expect(inspect(closed.jaxpr)).toBe(text);
  });
});

describe("jit(f).lower(...) prints as its report", () => {
  it("console.log shows the same text as String()", () => {
    const lowered = jit((x: ArrayValue) => np.exp(x).add(1))
      .lower(np.ones([4]));
    const text = String(lowered);
    expect(text.split("\n")[0]).toBe("{ lambda ; a:f32[4]. let");
    expect(text).toContain("memory plan:");
    expect(inspect(lowered)).toBe(text);
  });
});

describe("tree structures print as PyTreeDef(...)", () => {
  it("String() and console.log use JAX's form, with * for each leaf", () => {
    const def = tree.structure({ a: np.ones([2]), b: [1, 2] });
    expect(String(def)).toBe("PyTreeDef({a: *, b: [*, *]})");
    expect(`${def}`).toBe("PyTreeDef({a: *, b: [*, *]})");
    expect(inspect(def)).toBe("PyTreeDef({a: *, b: [*, *]})");
  });
  it("empty nodes, odd keys, a bare leaf and flatten's own result", () => {
    expect(String(tree.structure({ "odd key": null, u: undefined }))).toBe('PyTreeDef({"odd key": null, u: undefined})');
    expect(String(tree.structure(1))).toBe("PyTreeDef(*)");
    expect(inspect(tree.flatten([1, { w: 2 }]))).toBe("[ [ 1, 2 ], PyTreeDef([*, {w: *}]) ]");
  });
  it("the structure stays plain data: its fields are all that is enumerable", () => {
    const def = tree.structure([1]);
    expect(Object.keys(def)).toEqual(["kind", "children", "numLeaves"]);
    expect(def).toEqual({ kind: "array", children: [{ kind: "leaf", numLeaves: 1 }], numLeaves: 1 });
  });
});
