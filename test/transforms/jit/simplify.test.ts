import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { aval } from "../../../core/aval.js";
import type { DType } from "../../../core/dtype.js";
import { ClosedJaxpr, Jaxpr, Lit, Var, type Atom, type Eqn } from "../../../core/jaxpr.js";
import { evalJaxpr } from "../../../core/eval-jaxpr.js";
import { typecheckJaxpr } from "../../../core/jaxpr-check.js";
import { ArrayValue, NdArray } from "../../../core/ndarray.js";
import * as np from "../../../core/numpy/index.js";
import type { ParamsOf, Prim } from "../../../core/primitives.js";
import type { Shape } from "../../../core/shape.js";
import { program, uniformArray } from "../../../laws/programs.js";
import { grad } from "../../../transforms/autodiff.js";
import {
  algebraicIdentities,
  commonSubexpressionElimination,
  constantFolding,
  deadCodeElimination,
  simplify,
  type Pass,
} from "../../../transforms/jit/simplify.js";
import { makeJaxpr } from "../../../transforms/make-jaxpr.js";

// ---------------------------------------------------------------------------------------------
// building jaxprs by hand

const v = (shape: Shape, dtype: DType = "float32") => new Var(aval(shape, dtype));
const lit = (value: number | boolean, dtype: DType = "float32") => new Lit(np.full([], value, { dtype }));
const eqn = <P extends Prim>(prim: P, inputs: Atom[], params: ParamsOf[P], outs: Var[]): Eqn => ({ prim, inputs, params, outs }) as Eqn;
const noParams = {} as ParamsOf["add"];
const lines = (...ls: string[]) => ls.join("\n");

/** Special values where a wrong identity shows: NaN, infinities, signed zeros. */
const specials = [Number.NaN, Infinity, -Infinity, -0, 0, 1.5, -2.25, 1];
function specialArray(shape: Shape, dtype: DType = "float32", offset = 0): NdArray {
  const size = shape.reduce((a, b) => a * b, 1);
  const data = dtype === "float32" ? new Float32Array(size) : dtype === "float64" ? new Float64Array(size) : new Int32Array(size);
  for (let i = 0; i < size; i++) data[i] = dtype.startsWith("float") ? specials[(i + offset) % specials.length]! : ((i + offset) * 7919) % 201 - 100;
  return NdArray.fromBuffer(data, shape, dtype);
}

/** Element-by-element equality, NaN equal to NaN and -0 distinct from 0: the passes must be exact. */
function expectIdentical(actual: readonly ArrayValue[], expected: readonly ArrayValue[]): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((a, k) => {
    expect(a.shape).toEqual(expected[k]!.shape);
    expect(a.dtype).toBe(expected[k]!.dtype);
    const got = Array.from(a.toTypedArray() as ArrayLike<number>);
    const want = Array.from(expected[k]!.toTypedArray() as ArrayLike<number>);
    got.forEach((g, i) => {
      if (!Object.is(g, want[i])) expect.fail(`output ${k} element ${i}: got ${g}, expected ${want[i]}`);
    });
  });
}

/**
 * Runs `pass` and checks what every pass promises: the input is unchanged, the result type-checks
 * and evaluates exactly like the input on `args`. Returns the result's text.
 */
function check(pass: Pass, jaxpr: Jaxpr, args: readonly ArrayValue[] = defaultArgs(jaxpr), consts: readonly ArrayValue[] = []): string {
  const before = String(jaxpr);
  const result = pass(jaxpr);
  expect(String(jaxpr), "the input jaxpr is unchanged").toBe(before);
  typecheckJaxpr(result);
  expectIdentical(evalJaxpr(result, consts, args), evalJaxpr(jaxpr, consts, args));
  return String(result);
}

/** `x` with every third element replaced by a special value. */
function mixSpecials(x: NdArray, seed: number): NdArray {
  const data = x.toTypedArray();
  for (let i = seed % 3; i < data.length; i += 3) data[i] = specials[(seed + i) % specials.length]!;
  return NdArray.fromBuffer(data, x.shape, x.dtype);
}

function defaultArgs(jaxpr: Jaxpr): NdArray[] {
  return jaxpr.inVars.map((x, i) => specialArray(x.aval.shape, x.aval.dtype, 3 * i));
}

// ---------------------------------------------------------------------------------------------

describe("dead-code elimination", () => {
  it("drops equations no output reads and keeps every output", () => {
    const [a, b, c, d] = [v([3]), v([3]), v([3]), v([3])];
    const j = new Jaxpr([], [a], [eqn("sin", [a], noParams, [b]), eqn("cos", [a], noParams, [c]), eqn("exp", [b], noParams, [d])], [b, a]);
    expect(check(deadCodeElimination, j)).toBe("{ lambda ; a:f32[3]. let b:f32[3] = sin a in (b, a) }");
  });

  it("returns its input itself when nothing is dead", () => {
    const [a, b] = [v([3]), v([3])];
    const j = new Jaxpr([], [a], [eqn("sin", [a], noParams, [b])], [b]);
    expect(deadCodeElimination(j)).toBe(j);
  });
});

describe("common-subexpression elimination", () => {
  it("reuses the first of identical equations, downstream and in the outputs", () => {
    const [a, b, c, d] = [v([4]), v([4]), v([4]), v([4])];
    const j = new Jaxpr([], [a], [eqn("sin", [a], noParams, [b]), eqn("sin", [a], noParams, [c]), eqn("mul", [b, c], noParams, [d])], [d, c]);
    expect(check(commonSubexpressionElimination, j)).toBe(lines("{ lambda ; a:f32[4]. let", "    b:f32[4] = sin a", "    c:f32[4] = mul b b", "  in (c, b) }"));
  });

  it("compares literals by dtype and exact value: -0 is not 0, NaN is NaN", () => {
    const a = v([4]);
    const outs = [v([4]), v([4]), v([4]), v([4]), v([4])];
    const j = new Jaxpr(
      [],
      [a],
      [
        eqn("add", [a, lit(0)], noParams, [outs[0]!]),
        eqn("add", [a, lit(-0)], noParams, [outs[1]!]),
        eqn("add", [a, lit(Number.NaN)], noParams, [outs[2]!]),
        eqn("add", [a, lit(Number.NaN)], noParams, [outs[3]!]),
        eqn("add", [a, lit(0)], noParams, [outs[4]!]),
      ],
      outs,
    );
    expect(check(commonSubexpressionElimination, j)).toBe(
      lines("{ lambda ; a:f32[4]. let", "    b:f32[4] = add a 0.0:f32[]", "    c:f32[4] = add a -0.0:f32[]", "    d:f32[4] = add a NaN:f32[]", "  in (b, c, d, d, b) }"),
    );
    expect(Object.is((commonSubexpressionElimination(j).eqns[1]!.inputs[1] as Lit).value.item(), -0)).toBe(true);
  });

  it("compares params structurally (fresh arrays with equal axes merge, other axes do not)", () => {
    const [a, b, c, d] = [v([2, 3]), v([3]), v([3]), v([2])];
    const j = new Jaxpr(
      [],
      [a],
      [eqn("reduceSum", [a], { axes: [0] }, [b]), eqn("reduceSum", [a], { axes: [0] }, [c]), eqn("reduceSum", [a], { axes: [1] }, [d])],
      [b, c, d],
    );
    expect(check(commonSubexpressionElimination, j)).toBe(
      lines("{ lambda ; a:f32[2,3]. let", "    b:f32[3] = reduceSum[axes=(0,)] a", "    c:f32[2] = reduceSum[axes=(1,)] a", "  in (b, b, c) }"),
    );
  });

  it("compares jaxpr params by identity", () => {
    const body = makeJaxpr((x: ArrayValue) => np.sin(x))(np.ones([]));
    const twin = makeJaxpr((x: ArrayValue) => np.sin(x))(np.ones([]));
    const [i, a, b, c, d] = [v([], "int32"), v([]), v([]), v([]), v([])];
    const j = new Jaxpr(
      [],
      [i, a],
      [
        eqn("cond", [i, a], { branches: [body, body] }, [b]),
        eqn("cond", [i, a], { branches: [body, body] }, [c]),
        eqn("cond", [i, a], { branches: [body, twin] }, [d]),
      ],
      [b, c, d],
    );
    const text = check(commonSubexpressionElimination, j, [np.array(1, { dtype: "int32" }), np.array(0.5)]);
    expect(text.match(/= cond/g)).toHaveLength(2);
    expect(text).toMatch(/in \(c, c, d\) }$/);
  });

  it("merges the repeated work of a staged function", () => {
    const f = (x: ArrayValue) => np.multiply(np.exp(np.sin(x)), np.exp(np.sin(x)));
    const closed = makeJaxpr(f)(np.ones([3]));
    expect(check(simplify, closed.jaxpr)).toBe(lines("{ lambda ; a:f32[3]. let", "    b:f32[3] = sin a", "    c:f32[3] = exp b", "    d:f32[3] = mul c c", "  in (d) }"));
  });
});

describe("constant folding", () => {
  it("evaluates scalar equations on literals and uses the literal downstream", () => {
    const [a, b, c, d] = [v([3]), v([]), v([]), v([3])];
    const j = new Jaxpr([], [a], [eqn("add", [lit(1), lit(2)], noParams, [b]), eqn("exp", [b], noParams, [c]), eqn("mul", [a, c], noParams, [d])], [d, b]);
    const folded = check(constantFolding, j);
    expect(folded).toBe("{ lambda ; a:f32[3]. let b:f32[3] = mul a 20.08553695678711:f32[] in (b, 3.0:f32[]) }");
  });

  it("folds with the kernels' semantics: int32 wraps, 0/0 is NaN, -0 stays -0", () => {
    const [a, b, c, d] = [v([2], "int32"), v([], "int32"), v([]), v([])];
    const j = new Jaxpr(
      [],
      [a],
      [eqn("mul", [lit(65536, "int32"), lit(65537, "int32")], noParams, [b]), eqn("div", [lit(0), lit(0)], noParams, [c]), eqn("neg", [lit(0)], noParams, [d])],
      [b, c, d],
    );
    expect(check(constantFolding, j)).toBe("{ lambda ; a:i32[2]. let in (65536:i32[], NaN:f32[], -0.0:f32[]) }");
    const out = constantFolding(j).outs[2] as Lit;
    expect(Object.is(out.value.item(), -0)).toBe(true);
  });

  it("does not fold equations with array inputs or outputs, nor higher-order primitives", () => {
    const body = makeJaxpr((x: ArrayValue) => np.sin(x))(np.ones([]));
    const [a, b, c, d] = [v([3]), v([3]), v([3]), v([])];
    const j = new Jaxpr(
      [],
      [a],
      [
        eqn("broadcastInDim", [lit(2)], { shape: [3], broadcastDimensions: [] }, [b]),
        eqn("add", [a, lit(1)], noParams, [c]),
        eqn("cond", [lit(0, "int32"), lit(0.5)], { branches: [body] }, [d]),
      ],
      [b, c, d],
    );
    expect(constantFolding(j)).toBe(j);
  });

  it("leaves an equation that fails on its constants to fail when run", () => {
    const b = v([], "int32");
    const j = new Jaxpr([], [], [eqn("gather", [lit(1, "int32"), lit(5, "int32")], { axis: 0 }, [b])], [b]);
    expect(constantFolding(j)).toBe(j);
  });
});

describe("algebraic identities", () => {
  it("removes x*1, 1*x, x/1, x-0 for floats, exactly (NaN, inf, -0 included)", () => {
    const [a, b, c, d, e] = [v([8]), v([8]), v([8]), v([8]), v([8])];
    const j = new Jaxpr(
      [],
      [a],
      [
        eqn("mul", [a, lit(1)], noParams, [b]),
        eqn("mul", [lit(1), b], noParams, [c]),
        eqn("div", [c, lit(1)], noParams, [d]),
        eqn("sub", [d, lit(0)], noParams, [e]),
      ],
      [e],
    );
    expect(check(algebraicIdentities, j)).toBe("{ lambda ; a:f32[8]. let in (a) }");
  });

  it("keeps float x+0 (it turns -0 into +0) but removes x+(-0) and (-0)+x", () => {
    const [a, b, c, d] = [v([8]), v([8]), v([8]), v([8])];
    const j = new Jaxpr([], [a], [eqn("add", [a, lit(0)], noParams, [b]), eqn("add", [b, lit(-0)], noParams, [c]), eqn("add", [lit(-0), c], noParams, [d])], [d]);
    expect(check(algebraicIdentities, j)).toBe("{ lambda ; a:f32[8]. let b:f32[8] = add a 0.0:f32[] in (b) }");
  });

  it("removes a pad with no padding and keeps any other", () => {
    const [a, b, c] = [v([2, 3]), v([2, 3]), v([2, 5])];
    const j = new Jaxpr(
      [],
      [a],
      [
        eqn("pad", [a, lit(0)], { config: [[0, 0, 0], [0, 0, 0]] }, [b]),
        eqn("pad", [b, lit(0)], { config: [[0, 0, 0], [1, -1, 1]] }, [c]),
      ],
      [c],
    );
    expect(check(algebraicIdentities, j)).toBe("{ lambda ; a:f32[2,3]. let b:f32[2,5] = pad[config=((0, 0, 0), (1, -1, 1))] a 0.0:f32[] in (b) }");
  });

  it("keeps x-(-0) and x*0 for floats", () => {
    const [a, b, c] = [v([8]), v([8]), v([8])];
    const j = new Jaxpr([], [a], [eqn("sub", [a, lit(-0)], noParams, [b]), eqn("mul", [b, lit(0)], noParams, [c])], [c]);
    expect(algebraicIdentities(j)).toBe(j);
  });

  it("removes x+0, 0+x, x-0 and x*1 for integers", () => {
    const [a, b, c, d, e] = [v([5], "int32"), v([5], "int32"), v([5], "int32"), v([5], "int32"), v([5], "int32")];
    const j = new Jaxpr(
      [],
      [a],
      [
        eqn("add", [a, lit(0, "int32")], noParams, [b]),
        eqn("add", [lit(0, "int32"), b], noParams, [c]),
        eqn("sub", [c, lit(0, "int32")], noParams, [d]),
        eqn("mul", [d, lit(1, "int32")], noParams, [e]),
      ],
      [e],
    );
    expect(check(algebraicIdentities, j)).toBe("{ lambda ; a:i32[5]. let in (a) }");
  });

  it("sees through broadcasts of scalar literals, but only when the shape does not change", () => {
    const [x, s, ones, b, c] = [v([3]), v([]), v([3]), v([3]), v([3])];
    const j = new Jaxpr(
      [],
      [x, s],
      [
        eqn("broadcastInDim", [lit(1)], { shape: [3], broadcastDimensions: [] }, [ones]),
        eqn("mul", [x, ones], noParams, [b]),
        // s is a scalar: s * ones([3]) broadcasts it, which is not s.
        eqn("mul", [s, ones], noParams, [c]),
      ],
      [b, c],
    );
    const text = check(simplify, j);
    expect(text).toBe(
      lines("{ lambda ; a:f32[3] b:f32[]. let", "    c:f32[3] = broadcastInDim[shape=(3,) broadcastDimensions=()] 1.0:f32[]", "    d:f32[3] = mul b c", "  in (a, d) }"),
    );
  });

  it("removes neg(neg x), convert to the same dtype, and select on a literal predicate", () => {
    const [a, y, b, c, d, e, f] = [v([8]), v([8]), v([8]), v([8]), v([8]), v([8]), v([8])];
    const j = new Jaxpr(
      [],
      [a, y],
      [
        eqn("neg", [a], noParams, [b]),
        eqn("neg", [b], noParams, [c]),
        eqn("convert", [c], { dtype: "float32" }, [d]),
        eqn("select", [lit(true, "bool"), d, y], noParams, [e]),
        eqn("select", [lit(false, "bool"), d, e], noParams, [f]),
      ],
      [f, b],
    );
    expect(check(algebraicIdentities, j)).toBe("{ lambda ; a:f32[8] b:f32[8]. let c:f32[8] = neg a in (a, c) }");
  });

  it("merges reshape of reshape, and drops reshapes back to the same shape", () => {
    const [a, b, c, d] = [v([2, 3]), v([6]), v([3, 2]), v([2, 3])];
    const j = new Jaxpr(
      [],
      [a],
      [eqn("reshape", [a], { newShape: [6] }, [b]), eqn("reshape", [b], { newShape: [3, 2] }, [c]), eqn("reshape", [c], { newShape: [2, 3] }, [d])],
      [c, d],
    );
    expect(check(simplify, j)).toBe("{ lambda ; a:f32[2,3]. let b:f32[3,2] = reshape[newShape=(3, 2)] a in (b, a) }");
  });

  it("composes transposes, and drops the identity", () => {
    const [a, b, c, d] = [v([2, 3, 4]), v([3, 4, 2]), v([4, 2, 3]), v([2, 3, 4])];
    const j = new Jaxpr(
      [],
      [a],
      [
        eqn("transpose", [a], { permutation: [1, 2, 0] }, [b]),
        eqn("transpose", [b], { permutation: [1, 2, 0] }, [c]),
        eqn("transpose", [c], { permutation: [1, 2, 0] }, [d]),
      ],
      [c, d],
    );
    expect(check(simplify, j)).toBe("{ lambda ; a:f32[2,3,4]. let b:f32[4,2,3] = transpose[permutation=(2, 0, 1)] a in (b, a) }");
  });
});

describe("simplify", () => {
  it("cleans the ones of a staged gradient", () => {
    const f = (x: ArrayValue) => np.sum(np.multiply(np.sin(x), np.exp(x)));
    const closed = makeJaxpr(grad(f))(np.ones([3]));
    expect(String(closed)).toContain("broadcastInDim[shape=(3,) broadcastDimensions=()] 1.0:f32[]");
    expect(check(simplify, closed.jaxpr)).toBe(
      lines("{ lambda ; a:f32[3]. let", "    b:f32[3] = sin a", "    c:f32[3] = cos a", "    d:f32[3] = exp a", "    e:f32[3] = mul b d", "    f:f32[3] = mul d c", "    g:f32[3] = add e f", "  in (g) }"),
    );
  });

  it("folds, then simplifies what folding exposed", () => {
    // (x * (2 - 1)) + (y - y) where the second term folds away only for integers
    const [a, one, b] = [v([3], "int32"), v([], "int32"), v([3], "int32")];
    const j = new Jaxpr([], [a], [eqn("sub", [lit(2, "int32"), lit(1, "int32")], noParams, [one]), eqn("mul", [a, one], noParams, [b])], [b]);
    expect(check(simplify, j)).toBe("{ lambda ; a:i32[3]. let in (a) }");
  });

  it("returns its input itself when there is nothing to simplify", () => {
    const closed = makeJaxpr((x: ArrayValue) => np.sin(x))(np.ones([3]));
    expect(simplify(closed.jaxpr)).toBe(closed.jaxpr);
  });

  it("evaluates exactly like the original on random staged programs and their gradients", () => {
    let removed = 0;
    fc.assert(
      fc.property(program({ maxSteps: 6 }), fc.nat(), fc.boolean(), (p, seed, withSpecials) => {
        const inputs = p.inputShapes.map((s, i) => uniformArray(s, "float64", seed + i, { min: -2, max: 2 }));
        const closed = makeJaxpr(p.run)(...inputs);
        const gradient = makeJaxpr(grad((...xs: ArrayValue[]) => np.sum(p.run(...xs))))(...inputs);
        // Where identities could go wrong: NaN, infinities and signed zeros among the inputs.
        const args = withSpecials ? inputs.map((x, i) => mixSpecials(x, seed + i)) : inputs;
        for (const c of [closed, gradient] as ClosedJaxpr[]) {
          const before = String(c.jaxpr);
          const simplified = simplify(c.jaxpr);
          expect(String(c.jaxpr)).toBe(before);
          typecheckJaxpr(simplified);
          removed += c.jaxpr.eqns.length - simplified.eqns.length;
          expect(simplified.eqns.length).toBeLessThanOrEqual(c.jaxpr.eqns.length);
          expectIdentical(evalJaxpr(simplified, c.consts, args), evalJaxpr(c.jaxpr, c.consts, args));
        }
      }),
      { numRuns: 80 },
    );
    expect(removed, "the programs gave the passes something to do").toBeGreaterThan(0);
  });
});
