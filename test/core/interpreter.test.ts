import { describe, expect, it, vi } from "vitest";
import { bind, bind1, currentInterpreter, evalInterpreter, withInterpreter, type Interpreter } from "../../core/interpreter.js";
import * as lax from "../../core/lax/index.js";
import type { ArrayValue } from "../../core/ndarray.js";
import * as np from "../../core/numpy/index.js";
import { normalizeAxis } from "../../core/shape.js";

describe("bind and the eval interpreter", () => {
  it("evaluates a primitive eagerly", () => {
    expect(bind1("add", [np.array([1, 2]), np.array([3, 4])], {}).toArray()).toEqual([4, 6]);
    const [values, indices] = bind("topK", [np.array([3, 1, 2])], { k: 2 });
    expect([values!.toArray(), indices!.toArray()]).toEqual([[3, 2], [0, 2]]);
  });
  it("names a non-array argument instead of calling it an escaped tracer", () => {
    expect(() => bind1("gather", [np.arange(3), [0, 1] as unknown as ArrayValue], { axis: 0 })).toThrow(
      /gather: argument 1 must be an array, got a JS array \(wrap it with np\.array\)/,
    );
  });
  it("withInterpreter installs an interpreter for a call and restores the previous one, even on error", () => {
    const seen: string[] = [];
    const recording: Interpreter = {
      name: "recording",
      process: (prim, args, params) => {
        seen.push(prim);
        return withInterpreter(evalInterpreter, () => bind(prim, args, params));
      },
    };
    const result = withInterpreter(recording, () => np.exp(np.array([0])).add(1));
    expect(result.toArray()).toEqual([2]);
    expect(seen).toEqual(["exp", "add"]);
    expect(() => withInterpreter(recording, () => np.add(np.zeros([2]), np.zeros([3])))).toThrow(/cannot be broadcast/);
    expect(currentInterpreter()).toBe(evalInterpreter);
  });
});

describe("axes", () => {
  it("a rank-0 array has no axes (as JAX)", () => {
    expect(() => normalizeAxis("sum", 0, 0)).toThrow(/sum: axis 0 is out of range for an array of rank 0; a rank-0 array has no axes/);
    expect(() => np.sum(np.array(3), { axis: 0 })).toThrow(/rank-0 array has no axes/);
  });
});

describe("lax wrappers", () => {
  it("sort defaults to the last axis", () => {
    expect(lax.sort([np.array([[3, 1, 2]])])[0]!.toArray()).toEqual([[1, 2, 3]]);
  });
  it("weak scalars must be integers for integer operands", () => {
    expect(() => lax.add(np.array([1], { dtype: "int32" }), 2.7)).toThrow(/lax\.add: 2\.7 cannot be a weakly typed int32 value; expected an integer/);
  });
  it("iota rejects unknown dtypes by name", () => {
    expect(() => lax.iota("float16" as never, [3])).toThrow(/lax.iota: dtype must be one of "float32", "float64", "int32", "uint32", got "float16"/);
  });
});

describe("installCore", () => {
  it("before installation, bind fails saying what to import, and array methods are absent; after it, both work", async () => {
    vi.resetModules(); // fresh module instances: nothing installed yet
    const fresh = {
      np: await import("../../core/numpy/index.js"),
      ndarray: await import("../../core/ndarray.js"),
      install: await import("../../core/install.js"),
    };
    const x = fresh.ndarray.NdArray.fromBuffer(new Float32Array([1, 2]), [2]);
    expect(() => fresh.np.exp(x)).toThrow(/exp: tessera's eager interpreter is not installed: import tessera through its entry point/);
    expect((x as unknown as { add?: unknown }).add).toBeUndefined();
    fresh.install.installCore();
    fresh.install.installCore(); // idempotent
    expect(x.add(1).toArray()).toEqual([2, 3]);
    expect(fresh.np.exp(x.sub(1)).toArray()).toEqual([1, Math.fround(Math.E)]);
    expect([...x].map((row) => row.item())).toEqual([1, 2]);
    expect(x.reshape(1, 2).T.shape).toEqual([2, 1]);
    vi.resetModules();
  });
});

