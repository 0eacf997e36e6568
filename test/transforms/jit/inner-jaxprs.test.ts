import { describe, expect, it } from "vitest";
import type { Eqn } from "../../../core/jaxpr.js";
import type { ArrayValue } from "../../../core/ndarray.js";
import { NdArray } from "../../../core/ndarray.js";
import * as np from "../../../core/numpy/index.js";
import { uniformArray } from "../../../laws/programs.js";
import { checkpoint } from "../../../transforms/custom.js";
import { cond, whileLoop } from "../../../transforms/control.js";
import { jit } from "../../../transforms/jit/jit.js";
import { compileInnerJaxprs } from "../../../transforms/jit/inner-jaxprs.js";
import { compile } from "../../../transforms/jit/compile.js";
import { makeJaxpr } from "../../../transforms/make-jaxpr.js";
import { foriLoop, scan } from "../../../transforms/scan.js";

const bits = (x: ArrayValue) => Array.from(x.toTypedArray());

describe("loop and branch bodies inside jit are compiled", () => {
  it("scan, foriLoop, whileLoop, cond and checkpoint give eager's bits", () => {
    const x = uniformArray([4, 6], "float32", 1, { min: -1, max: 1 });
    const w = uniformArray([6, 6], "float32", 2, { min: -0.5, max: 0.5 });
    const programs: ((u: ArrayValue) => ArrayValue)[] = [
      (u) => scan((c: ArrayValue, row: ArrayValue) => [np.tanh(np.add(np.matmul(c, w), row)), np.sum(c)] as const, np.zeros([6]), u)[1] as ArrayValue,
      (u) => foriLoop(0, 5, (_i: ArrayValue, h: ArrayValue) => np.tanh(np.matmul(h, w)), u) as ArrayValue,
      (u) => whileLoop((h: ArrayValue) => np.less(np.max(np.abs(h)), 100), (h: ArrayValue) => np.multiply(np.add(h, 0.5), 3), u) as ArrayValue,
      (u) => cond(np.greater(np.sum(u), 0), (v: ArrayValue) => np.exp(v), (v: ArrayValue) => np.sin(v), u) as ArrayValue,
      (u) => checkpoint((v: ArrayValue) => np.sum(np.square(np.tanh(v)), { axis: 0 }))(u) as ArrayValue,
    ];
    for (const f of programs) expect(bits(jit(f)(x))).toEqual(bits(f(x)));
  });

  it("replaces each body by a call of its compiled form, recursively, leaving other equations alone", () => {
    const x = np.ones([3]) as NdArray;
    const nested = (u: ArrayValue) =>
      foriLoop(0, 3, (_i: ArrayValue, h: ArrayValue) => foriLoop(0, 2, (_j: ArrayValue, g: ArrayValue) => np.multiply(g, 2), h) as ArrayValue, np.sin(u)) as ArrayValue;
    const closed = makeJaxpr(nested)(x);
    const rewritten = compileInnerJaxprs(closed.jaxpr, compile);
    const loop = rewritten.eqns.find((e): e is Eqn<"scan"> => e.prim === "scan")!;
    expect(rewritten.eqns.map((e) => e.prim)).toEqual(closed.jaxpr.eqns.map((e) => e.prim));
    const body = loop.params.body.jaxpr;
    expect(body.eqns.map((e) => e.prim)).toEqual(["jit"]);
    expect(bits(compile(closed)([x])[0]!)).toEqual(bits(nested(x)));
  });
});
