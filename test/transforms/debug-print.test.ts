/**
 * debug.print and debug.callback under every transform. The expected lines are what JAX 0.10.2
 * prints for the same programs (`jax.debug.print`), except that a float32 scalar shows its
 * shortest float32 digits (numpy's `str`, "0.84147096") where JAX shows the float64 expansion
 * ("0.8414709568023682").
 */
import { describe, expect, it, vi } from "vitest";
import { debug, grad, jit, jvp, lax, makeJaxpr, np, checkpoint, vmap, TesseraError, type ArrayValue } from "../../index.js";

/** A print that records its lines, and the lines. */
function capture(): { print: debug.Printer; lines: string[] } {
  const lines: string[] = [];
  return { print: debug.print({ sink: (line) => lines.push(line) }), lines };
}

const f32 = (v: number | number[]) => np.array(v, { dtype: "float32" });
const i32 = (v: number | number[]) => np.array(v, { dtype: "int32" });

describe("debug.print", () => {
  it("prints eagerly, arrays as numpy's str (as jax.debug.print)", () => {
    const { print, lines } = capture();
    print("x = {}", f32([0, 1, 2]));
    print("{} {}", f32(1.5), i32([0, 1, 2, 3]).reshape([2, 2]));
    print("{} {}", 3, "s");
    print("{0} {0} {{}}", 3);
    print("hello");
    print("{}", np.array(true));
    print("{}", f32([0, 1, 2]).div(3));
    print("{x!r}", { x: i32([0, 1]) });
    expect(lines).toEqual(["x = [0. 1. 2.]", "1.5 [[0 1]\n [2 3]]", "3 s", "3 3 {}", "hello", "True", "[0.         0.33333334 0.6666667 ]", "array([0, 1], dtype=int32)"]);
  });

  it("takes named values from a trailing record and format specs for scalars", () => {
    const { print, lines } = capture();
    print("{:.3f} {x:.2e}", f32(1.5), { x: f32(12345) });
    print("{a} and {b:>6d}|", { a: f32([1, 2]), b: i32(42) });
    print("{:g} {:.1%}", 0.0001234, 0.25);
    // JAX: "1.500 1.23e+04", "[1. 2.] and     42|", "0.0001234 25.0%"
    expect(lines).toEqual(["1.500 1.23e+04", "[1. 2.] and     42|", "0.0001234 25.0%"]);
  });

  it("prints pytrees of arrays", () => {
    const { print, lines } = capture();
    print("{}", { a: f32([0, 1]), b: [1, i32(3)] });
    expect(lines).toEqual(["{a: [0. 1.], b: [1, 3]}"]);
  });

  it("writes to console.log by default", () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
    try {
      debug.print("y = {}", f32(2));
      expect(log).toHaveBeenCalledWith("y = 2.0");
    } finally {
      log.mockRestore();
    }
  });

  it("under jit prints each time the program runs, not when it is traced", () => {
    const { print, lines } = capture();
    const f = jit((x: ArrayValue) => {
      print("x = {}", x);
      return x.mul(2);
    });
    const lowered = f.lower(f32([1, 2]));
    expect(lines).toEqual([]);
    expect(String(lowered)).toContain("debugCallback[callback=<function> fmt='x = {}']");
    expect(Array.from(f(f32([1, 2])).toArray() as number[])).toEqual([2, 4]);
    f(f32([3, 4]));
    expect(lines).toEqual(["x = [1. 2.]", "x = [3. 4.]"]);
    expect(f.cacheSize()).toBe(1);
  });

  it("under vmap prints once per example, unmapped values whole (JAX unrolls the batch)", () => {
    const { print, lines } = capture();
    vmap((x: ArrayValue) => {
      print("{}", x);
      return x;
    })(f32([0, 1, 2]));
    vmap((x: ArrayValue, y: ArrayValue) => {
      print("{} {}", x, y);
      return x;
    }, { inAxes: [0, null] })(f32([0, 1, 2]), f32(7));
    vmap((x: ArrayValue) => {
      print("{}", x);
      return x;
    })(f32([0, 1, 2, 3]).reshape([2, 2]));
    vmap((x: ArrayValue) => {
      print("{}", x);
      return x;
    }, { inAxes: 1 })(f32([0, 1, 2, 3]).reshape([2, 2]));
    expect(lines).toEqual(["0.0", "1.0", "2.0", "0.0 7.0", "1.0 7.0", "2.0 7.0", "[0. 1.]", "[2. 3.]", "[0. 2.]", "[1. 3.]"]);
  });

  it("under grad, jvp and jit(grad) prints the primal values once, in the forward pass", () => {
    const { print, lines } = capture();
    const g = (x: ArrayValue) => {
      print("g x={}", x);
      const y = np.sin(x);
      print("g y={}", y);
      return y;
    };
    const expected = ["g x=1.0", "g y=0.84147096"];
    expect(Number(grad(g)(f32(1)).item())).toBeCloseTo(Math.cos(1), 6);
    expect(lines.splice(0)).toEqual(expected);
    jvp(g, [f32(1)], [f32(1)]);
    expect(lines.splice(0)).toEqual(expected);
    expect(Number(jit(grad(g))(f32(1)).item())).toBeCloseTo(Math.cos(1), 6);
    expect(lines.splice(0)).toEqual(expected);
  });

  it("under checkpoint prints again when the backward pass recomputes (as JAX's remat)", () => {
    const { print, lines } = capture();
    grad(checkpoint((x: ArrayValue) => {
      print("remat x={}", x);
      return np.sin(x);
    }))(f32(1));
    expect(lines).toEqual(["remat x=1.0", "remat x=1.0"]);
  });

  it("in scan bodies prints every iteration in order, eagerly, under jit and under grad", () => {
    const { print, lines } = capture();
    const body = (c: ArrayValue, x: ArrayValue) => {
      print("c={} x={}", c, x);
      return [c.add(x), c] as const;
    };
    const run = () => lax.scan(body, f32(0), f32([0, 1, 2]));
    const expected = ["c=0.0 x=0.0", "c=0.0 x=1.0", "c=1.0 x=2.0"];
    run();
    expect(lines.splice(0)).toEqual(expected);
    jit(run)();
    expect(lines.splice(0)).toEqual(expected);
    const powerOf = (x: ArrayValue) =>
      lax.scan((c: ArrayValue) => {
        print("gc={}", c);
        return [c.mul(x), null] as const;
      }, f32(1), null, { length: 3 })[0] as ArrayValue;
    expect(Number(grad(powerOf)(f32(2)).item())).toBe(12);
    expect(lines.splice(0)).toEqual(["gc=1.0", "gc=2.0", "gc=4.0"]);
    expect(Number(jit(grad(powerOf))(f32(2)).item())).toBe(12);
    expect(lines.splice(0)).toEqual(["gc=1.0", "gc=2.0", "gc=4.0"]);
  });

  it("in whileLoop bodies prints every iteration, eagerly and under jit", () => {
    const { print, lines } = capture();
    const loop = (c0: ArrayValue) =>
      lax.whileLoop((c: ArrayValue) => c.lt(3), (c: ArrayValue) => {
        print("i={}", c);
        return c.add(1);
      }, c0);
    loop(i32(0));
    jit(loop)(i32(0));
    expect(lines).toEqual(["i=0", "i=1", "i=2", "i=0", "i=1", "i=2"]);
  });

  it("in cond prints the taken branch only; a batched predicate runs both branches (as JAX)", () => {
    const { print, lines } = capture();
    const branchy = (p: ArrayValue, x: ArrayValue) =>
      lax.cond(p, (a: ArrayValue) => (print("T {}", a), a), (a: ArrayValue) => (print("F {}", a), a), x);
    branchy(np.array(true), f32(1));
    jit(branchy)(np.array(false), f32(2));
    expect(lines.splice(0)).toEqual(["T 1.0", "F 2.0"]);
    vmap(branchy)(np.array([true, false]), f32([0, 1]));
    expect(lines.splice(0)).toEqual(["F 0.0", "F 1.0", "T 0.0", "T 1.0"]);
  });

  it("under jit(vmap(...)) prints each example each run", () => {
    const { print, lines } = capture();
    const f = jit(vmap((x: ArrayValue) => {
      print("{}", x.sum());
      return x.mul(2);
    }));
    f(f32([1, 2, 3, 4]).reshape([2, 2]));
    f(f32([1, 2, 3, 4]).reshape([2, 2]));
    expect(lines).toEqual(["3.0", "7.0", "3.0", "7.0"]);
  });

  it("is not removed by dead-code elimination when nothing reads what it prints", () => {
    const { print, lines } = capture();
    const f = jit((x: ArrayValue) => {
      print("unused {}", np.exp(x.mul(2)));
      print("constant {}", 5);
      return x.add(1);
    });
    expect(Number(f(f32(0)).item())).toBe(1);
    expect(lines).toEqual(["unused 1.0", "constant 5"]);
    expect(String(makeJaxpr((x: ArrayValue) => (print("{}", x), x))(f32(0)))).toBe("{ lambda ; a:f32[]. let debugCallback[callback=<function> fmt='{}'] a in (a) }");
  });

  it("keeps a loop whose results are unused when its body prints, and never hoists a print out of a loop", () => {
    const { print, lines } = capture();
    jit((x: ArrayValue) => {
      lax.scan((c: ArrayValue) => {
        print("step {}", c);
        return [c.add(1), null] as const;
      }, f32(0), null, { length: 2 });
      return x;
    })(f32(5));
    expect(lines.splice(0)).toEqual(["step 0.0", "step 1.0"]);
    // Reverse mode moves loop-invariant work out of the loop; a print of a loop-invariant value stays in it.
    const powerOf = (x: ArrayValue) =>
      lax.scan((c: ArrayValue) => {
        print("w={}", x.mul(1));
        return [c.mul(x), null] as const;
      }, f32(1), null, { length: 3 })[0] as ArrayValue;
    expect(Number(grad(powerOf)(f32(2)).item())).toBe(12);
    expect(lines.splice(0)).toEqual(["w=2.0", "w=2.0", "w=2.0"]);
  });

  it("keeps two identical prints and their order (no common-subexpression merging)", () => {
    const { print, lines } = capture();
    jit((x: ArrayValue) => {
      print("first {}", x);
      print("second {}", x);
      print("first {}", x);
      return x;
    })(f32(1));
    expect(lines).toEqual(["first 1.0", "second 1.0", "first 1.0"]);
  });

  it("leaves the kernels around it fused as without it", () => {
    const { print } = capture();
    const body = (x: ArrayValue) => np.exp(x.mul(2)).add(1).sum();
    const plain = jit(body).lower(f32([1, 2, 3]));
    const printed = jit((x: ArrayValue) => {
      const y = np.exp(x.mul(2));
      print("x = {}", x);
      return y.add(1).sum();
    }).lower(f32([1, 2, 3]));
    expect(plain.steps).toEqual(["kernel"]);
    expect(printed.steps).toEqual(["call", "kernel"]);
    expect(printed.kernels).toEqual(plain.kernels);
  });

  it("debug.callback calls a function with concrete copies of the values", () => {
    const seen: string[] = [];
    const kept: ArrayValue[] = [];
    const f = jit((x: ArrayValue) => {
      const y = x.mul(2);
      debug.callback((a: ArrayValue, label: string) => {
        kept.push(a);
        seen.push(`${label}: ${String(a)}`);
      }, y, "y");
      return y.add(1);
    });
    f(f32([1, 2]));
    f(f32([5, 6]));
    expect(seen).toEqual(["y: array([2., 4.], dtype=float32)", "y: array([10., 12.], dtype=float32)"]);
    // The first call's value is a copy: the program reusing its buffers did not change it.
    expect(Array.from(kept[0]!.toArray() as number[])).toEqual([2, 4]);
  });

  it("rejects bad formats at the call, naming what is wrong", () => {
    const { print } = capture();
    const fails = (run: () => unknown, fragment: string) => {
      expect(run).toThrow(TesseraError);
      expect(run).toThrow(fragment);
    };
    fails(() => print("{} {}", 1), "positional argument 1 but only 1 was given");
    fails(() => print("{x}", { y: 1 }), 'no "x"; did you mean "y"?');
    fails(() => print("{}", 1, 2), "positional argument 1 is not used");
    fails(() => print("{0} {}", 1, 2), "cannot switch from manual field numbering");
    fails(() => print("{", 1), "single '{'");
    fails(() => print("{:.3f}", f32([1, 2])), "applies to scalars, but the value is an array of shape [2]");
    fails(() => print("{x}", 1), "the last argument must be a record");
    // Traced values fail the same way, at trace time.
    fails(() => jit((x: ArrayValue) => (print("{} {}", x), x))(f32(1)), "only 1 was given");
  });
});
