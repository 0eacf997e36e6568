/**
 * Arrays cannot be silently coerced or mutated (issue 9, section 4): JS conversions give the
 * number of a one-element array or a clear error, tracers raise the concretization error,
 * storage is unreachable from user code, and leaked tracers are reported by every op, including
 * those whose shortcut returns their operand unchanged.
 */
import { describe, expect, it } from "vitest";
import { grad, jit, jvp, lax, makeJaxpr, NdArray, nn, np, TesseraError, vmap, type ArrayValue } from "../../index.js";
import { errorOf } from "../helpers.js";


// JS operators on objects are what is under test here, so the operands are loosely typed.
/* eslint-disable @typescript-eslint/no-explicit-any */
const loose = (x: ArrayValue): any => x;

describe("JS conversions of concrete arrays", () => {
  it("a one-element array converts to its number under +x, Number(x), comparisons and arithmetic", () => {
    expect(+np.array(3)).toBe(3);
    expect(Number(np.array([2.5]))).toBe(2.5);
    expect(+np.array([[7]], { dtype: "int32" })).toBe(7);
    expect(+np.array(4294967295, { dtype: "uint32" })).toBe(4294967295);
    expect(loose(np.array(2)) > 1).toBe(true);
    expect(loose(np.array(-2)) > 0).toBe(false);
    expect(loose(np.array(3)) + 1).toBe(4);
    expect(loose(np.array(3)) * 2).toBe(6);
    expect(Math.max(loose(np.array([5])), 1)).toBe(5);
  });

  it("a one-element bool array converts to 1 or 0", () => {
    expect(+np.array(true)).toBe(1);
    expect(+np.array([false])).toBe(0);
    expect(loose(np.array(2).gt(1)) > 0).toBe(true);
  });

  it("any other array throws instead of becoming NaN, false or a string", () => {
    const x = np.array([1, -2]);
    const cases: [string, () => unknown][] = [
      ["+x", () => +loose(x)],
      ["Number(x)", () => Number(x)],
      ["x > 0", () => loose(x) > 0],
      ["x + 1", () => loose(x) + 1],
      ["x == 1", () => loose(x) == 1],
      ["x.valueOf()", () => x.valueOf()],
      ["+np.zeros([0])", () => +loose(np.zeros([0]))],
    ];
    for (const [, run] of cases) {
      const e = errorOf(run);
      expect(e.message).toContain("f32[2]".slice(0, 3));
      expect(e.message).toContain("only a one-element array converts");
      expect(e.message).toContain("x.item()");
      expect(e.message).toContain("np.any(x) / np.all(x)");
    }
    expect(errorOf(() => +loose(x)).message).toContain("f32[2] (2 elements)");
  });

  it("String(x) and template literals print any array", () => {
    const x = np.array([1, 2]);
    expect(`${x}`).toBe(x.toString());
    expect(String(x)).toBe("array([1., 2.], dtype=float32)");
    expect(`${np.array(3)}`).toBe(np.array(3).toString());
  });
});

describe("JS conversions of tracers raise the concretization error", () => {
  const branchy = (x: ArrayValue): ArrayValue => (loose(x) > 0 ? x : x.neg());

  it("if (x > 0) under jit names jit, the traced value and the alternatives (instead of taking the else branch)", () => {
    const e = errorOf(() => jit(branchy)(np.array(2)));
    expect(e.op).toBe("toPrimitive");
    for (const fragment of ["abstract tracer value", "f32[]", "inside jit", "lax.cond", "np.where", "staticArgnums"]) {
      expect(e.message).toContain(fragment);
    }
  });

  it("names the transform whose function is traced", () => {
    const transformOf = (run: () => unknown) => /inside (\S+) has no value/.exec(errorOf(run).message)?.[1];
    expect(transformOf(() => grad(branchy)(np.array(2)))).toBe("grad");
    expect(transformOf(() => vmap(branchy)(np.array([1, -2])))).toBe("vmap");
    expect(transformOf(() => jvp(branchy, [np.array(2)], [np.array(1)]))).toBe("jvp");
    expect(transformOf(() => makeJaxpr(branchy)(np.array(2)))).toBe("makeJaxpr");
    expect(transformOf(() => lax.scan((c: ArrayValue, x: ArrayValue) => [branchy(c), x], np.array(1), np.ones([3])))).toBe("lax.scan");
    expect(transformOf(() => lax.cond(np.array(true), branchy, (x: ArrayValue) => x, np.array(1)))).toBe("lax.cond");
  });

  it("Number(x), x + 1, valueOf, item, toArray and toTypedArray under a transform all raise it", () => {
    const reads: [string, (x: ArrayValue) => unknown][] = [
      ["toPrimitive", (x) => Number(x)],
      ["toPrimitive", (x) => loose(x) + 1],
      ["valueOf", (x) => x.valueOf()],
      ["item", (x) => x.item()],
      ["toArray", (x) => x.toArray()],
      ["toTypedArray", (x) => x.toTypedArray()],
    ];
    for (const [op, read] of reads) {
      for (const transform of [(f: (x: ArrayValue) => ArrayValue) => jit(f), (f: (x: ArrayValue) => ArrayValue) => grad(f)]) {
        const e = errorOf(() => transform((x) => (read(x), x))(np.array(2)));
        expect(e.op).toBe(op);
        expect(e.message).toContain("abstract tracer value encountered where a concrete value is expected");
      }
    }
  });

  it("a tracer still prints, so logging inside a transform works", () => {
    let printed = "";
    jit((x: ArrayValue) => ((printed = `${x}`), x))(np.array([1, 2]));
    expect(printed).toBe("Traced<f32[2]>(jit)");
  });
});

describe("storage is unreachable from user code", () => {
  it("an array exposes no storage field, own property or symbol", () => {
    const x = np.array([1, 2, 3]);
    expect(errorOf(() => (x as any).data).message).toContain("storage is private");
    expect(errorOf(() => ((x as any).data[0] = 42)).message).toContain("x.at(index).set(value)");
    expect(errorOf(() => ((x as any).data = new Float32Array([9, 9, 9]))).message).toContain("storage is private");
    expect(Object.getOwnPropertyNames(x).sort()).toEqual(["dtype", "shape"]);
    expect(Object.getOwnPropertySymbols(x)).toEqual([]);
    expect(Reflect.ownKeys(x).sort()).toEqual(["dtype", "shape"]);
    expect(Object.keys({ ...x }).sort()).toEqual(["dtype", "shape"]);
    expect(() => Object.defineProperty(x, "data", { value: new Float32Array(3) })).toThrow(TypeError);
    expect(x.toArray()).toEqual([1, 2, 3]);
  });

  it("writing into toTypedArray's result changes neither the array nor its views", () => {
    const x = np.array([1, 2, 3, 4]);
    const view = x.reshape([2, 2]);
    const copy = x.toTypedArray();
    copy[0] = 42;
    expect(x.toArray()).toEqual([1, 2, 3, 4]);
    expect(view.toArray()).toEqual([[1, 2], [3, 4]]);
    expect(x.toTypedArray()[0]).toBe(1);
  });

  it("np.array and NdArray.fromBuffer copy the buffer they are given", () => {
    const buffer = new Float32Array([1, 2, 3, 4]);
    const a = np.array(buffer);
    const b = NdArray.fromBuffer(buffer, [2, 2]);
    const c = np.array(buffer, { shape: [4] });
    buffer[0] = 42;
    expect(a.toArray()).toEqual([1, 2, 3, 4]);
    expect(b.toArray()).toEqual([[1, 2], [3, 4]]);
    expect(c.toArray()).toEqual([1, 2, 3, 4]);
  });

  it("a jitted function's captured constant cannot be changed through anything a user holds", () => {
    const c = np.array([10, 20]);
    const f = jit((x: ArrayValue) => x.add(c));
    const before = f(np.array([1, 2]));
    expect(before.toArray()).toEqual([11, 22]);
    c.toTypedArray()[0] = 0;
    before.toTypedArray()[0] = 0;
    expect(() => ((c as any).data = new Float32Array([0, 0]))).toThrow(TesseraError);
    expect(() => Object.defineProperty(c, "data", { value: new Float32Array([0, 0]) })).toThrow(TypeError);
    expect(f(np.array([1, 2])).toArray()).toEqual([11, 22]);
    expect(before.toArray()).toEqual([11, 22]);
  });

  it("the test suite's equality still sees values (deep equality cannot read private fields)", () => {
    expect(np.array([1, 2])).toEqual(np.array([1, 2]));
    expect(np.array([1, 2])).not.toEqual(np.array([1, 3]));
    expect(np.array(0)).not.toEqual(np.array(-0));
    expect(np.array([1, 2])).not.toEqual(np.array([1, 2], { dtype: "float64" }));
  });
});

describe("leaked tracers are reported by every op, shortcuts included", () => {
  /** A tracer that escaped from `transform` applied to a function of one float32 vector [2]. */
  const leaked: Record<string, () => ArrayValue> = {
    jit: () => {
      let t: ArrayValue | undefined;
      jit((x: ArrayValue) => ((t = x), x))(np.array([1, 2]));
      return t!;
    },
    grad: () => {
      let t: ArrayValue | undefined;
      grad((x: ArrayValue) => ((t = x), np.sum(x)))(np.array([1, 2]));
      return t!;
    },
    vmap: () => {
      let t: ArrayValue | undefined;
      vmap((x: ArrayValue) => ((t = x), x))(np.array([[1, 2]]));
      return t!;
    },
  };
  const ops: [string, (t: ArrayValue) => unknown][] = [
    ["np.positive(t)", (t) => np.positive(t)],
    ["np.array(t)", (t) => np.array(t)],
    ["np.asarray(t)", (t) => np.asarray(t)],
    ["np.squeeze(t)", (t) => np.squeeze(t)],
    ["np.broadcastTo(t, t.shape)", (t) => np.broadcastTo(t, t.shape)],
    ["np.reshape(t, t.shape)", (t) => np.reshape(t, t.shape)],
    ["t.reshape(t.shape)", (t) => t.reshape(t.shape)],
    ["np.ravel(t)", (t) => np.ravel(t)],
    ["np.astype(t, t.dtype)", (t) => np.astype(t, t.dtype)],
    ["t.astype(t.dtype)", (t) => t.astype(t.dtype)],
    ["np.transpose(t)", (t) => np.transpose(t)],
    ["t.T", (t) => t.T],
    ["np.pad(t, 0)", (t) => np.pad(t, 0)],
    ["np.concatenate([t])", (t) => np.concatenate([t])],
    ["np.split(t, 1)", (t) => np.split(t, 1)],
    ["np.tile(t, 1)", (t) => np.tile(t, 1)],
    ["t.slice(null)", (t) => t.slice(null)],
    ["t.at([0, 0]).set(1)", (t) => t.at([0, 0]).set(1)],
    ["np.stack([t])", (t) => np.stack([t])],
    ["np.where(true, t, t)", (t) => np.where(true, t, t)],
    ["nn.relu(t)", (t) => nn.relu(t)],
    ["lax.stopGradient(t)", (t) => lax.stopGradient(t)],
    ["lax.convertElementType(t, t.dtype)", (t) => lax.convertElementType(t, t.dtype)],
    ["np.linalg.norm(t)", (t) => np.linalg.norm(t)],
    ["np.einsum('i->i', t)", (t) => np.einsum("i->i", t)],
    ["np.matmul(t, t)", (t) => np.matmul(t, t)],
    ["np.moveaxis(t, 0, 0)", (t) => np.moveaxis(t, 0, 0)],
    ["np.add(t, 0)", (t) => np.add(t, 0)],
    ["np.sum(t, {axis: []})", (t) => np.sum(t, { axis: [] })],
    ["np.linalg.matrixPower(np.outer(t, t), 1)", (t) => np.linalg.matrixPower(np.outer(t, t), 1)],
    ["Number(t)", (t) => Number(t)],
    ["t.item()", (t) => t.item()],
  ];
  for (const [transform, leak] of Object.entries(leaked)) {
    for (const [input, op] of ops) {
      it(`${input} with a tracer leaked from ${transform}`, () => {
        const e = errorOf(() => op(leak()));
        expect(e.message).toContain(`from a ${transform} transform that has already returned`);
      });
    }
  }
});

describe("JSON.stringify of an array", () => {
  it("writes shape, dtype and the values as nested lists", () => {
    expect(JSON.stringify(np.array([1, 2]))).toBe('{"shape":[2],"dtype":"float32","data":[1,2]}');
    expect(JSON.stringify(np.array([[1, 2, 3], [4, 5, 6]], { dtype: "int32" }))).toBe('{"shape":[2,3],"dtype":"int32","data":[[1,2,3],[4,5,6]]}');
    expect(JSON.stringify(np.array(2.5))).toBe('{"shape":[],"dtype":"float32","data":2.5}');
    expect(JSON.stringify(np.zeros([0, 2]))).toBe('{"shape":[0,2],"dtype":"float32","data":[]}');
  });
  it("writes bools as true/false and float64 values exactly", () => {
    expect(JSON.stringify(np.array([true, false]))).toBe('{"shape":[2],"dtype":"bool","data":[true,false]}');
    expect(JSON.parse(JSON.stringify(np.array([0.1], { dtype: "float64" }))).data).toEqual([0.1]);
  });
  it("works inside a tree, and the values read back with np.array", () => {
    const text = JSON.stringify({ w: np.array([[1, 2]]), b: 0 });
    expect(text).toBe('{"w":{"shape":[1,2],"dtype":"float32","data":[[1,2]]},"b":0}');
    const back = JSON.parse(text) as { w: { data: number[][]; dtype: "float32" } };
    expect(np.array(back.w.data, { dtype: back.w.dtype }).toArray()).toEqual([[1, 2]]);
  });
  it("writes non-finite floats as null, as JSON.stringify does for JS numbers", () => {
    expect(JSON.stringify(np.array([Number.NaN, Number.POSITIVE_INFINITY, 1]))).toBe('{"shape":[3],"dtype":"float32","data":[null,null,1]}');
  });
  it("a traced array throws the concretization error under every transform, as its values are not known yet", () => {
    const stringify = (t: ArrayValue): ArrayValue => {
      JSON.stringify({ t });
      return t;
    };
    const x = np.array([1, 2]);
    for (const run of [() => jit(stringify)(x), () => grad((t: ArrayValue) => np.sum(stringify(t)))(x), () => vmap(stringify)(x), () => jvp(stringify, [x], [x])]) {
      const e = errorOf(run);
      expect(e.message).toMatch(/^tessera\.toJSON: abstract tracer value encountered where a concrete value is expected/);
      expect(e.message).toContain("JSON.stringify");
    }
  });
});
