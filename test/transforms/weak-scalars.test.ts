/**
 * JS numbers passed as arguments to transforms are weakly typed, as Python scalars are in JAX:
 * `jit` stages an integer value as a weak int32 scalar and any other as a weak float (promoting
 * like the JS number itself), an unmapped `vmap` argument stays the JS number, and each weak kind
 * is part of jit's cache signature. Expected dtypes and values come from JAX 0.10.2 (the Python
 * expression is quoted beside each case), e.g. `jax.jit(lambda x, y: x + y)(jnp.array([16777217],
 * jnp.int32), 1)` is int32 [16777218].
 */
import { describe, expect, it } from "vitest";
import { grad, jit, lax, makeJaxpr, np, vmap, type ArrayValue } from "../../index.js";

const add = (x: ArrayValue, y: ArrayValue | number) => np.add(x, y);
const mul = (x: ArrayValue, y: ArrayValue | number) => np.multiply(x, y);

/** Checks dtype and values. */
function same(actual: ArrayValue, dtype: string, values: unknown): void {
  expect(actual.dtype).toBe(dtype);
  expect(actual.toArray()).toEqual(values);
}

const big = np.array([16777217, 5], { dtype: "int32" });

describe("jit: a JS number argument promotes as it does eagerly (and as in JAX)", () => {
  it("an integer meeting an int32 array keeps int32 and the exact value", () => {
    // jax.jit(lambda x, y: x + y)(jnp.array([16777217, 5], jnp.int32), 1) -> int32 [16777218, 6]
    same(jit(add)(big, 1), "int32", [16777218, 6]);
    same(np.add(big, 1), "int32", [16777218, 6]);
    // jax.jit(lambda x, y: x * y)(..., 3) -> int32 [50331651, 15]
    same(jit(mul)(big, 3), "int32", [50331651, 15]);
  });
  it("a non-integer meeting an int32 array is float32", () => {
    // jax.jit(lambda x, y: x + y)(jnp.array([3, -4], jnp.int32), 2.5) -> float32 [5.5, -1.5]
    same(jit(add)(np.array([3, -4], { dtype: "int32" }), 2.5), "float32", [5.5, -1.5]);
  });
  it("float32, uint32 and bool partners", () => {
    // f32 [1.5, 2] + 1 -> float32 [2.5, 3]; u32 [1, 2] + 1 -> uint32 [2, 3]
    same(jit(add)(np.array([1.5, 2]), 1), "float32", [2.5, 3]);
    same(jit(add)(np.array([1, 2], { dtype: "uint32" }), 1), "uint32", [2, 3]);
    // bool [T, F] + 1 -> int32 [2, 1]; + 2.5 -> float32 [3.5, 2.5]; < 1 -> bool [F, T]
    const b = np.array([true, false]);
    same(jit(add)(b, 1), "int32", [2, 1]);
    same(jit(add)(b, 2.5), "float32", [3.5, 2.5]);
    same(jit((x: ArrayValue, y: number) => np.less(x, y))(b, 1), "bool", [false, true]);
  });
  it("division and maximum follow JAX's weak promotion", () => {
    const i = np.array([7, -7], { dtype: "int32" });
    // x // 2 -> int32 [3, -4]; x / 2 -> float32 [3.5, -3.5]; maximum([0, 2], 0.5) -> float32 [0.5, 2]
    same(jit((x: ArrayValue, y: number) => np.floorDivide(x, y))(i, 2), "int32", [3, -4]);
    same(jit((x: ArrayValue, y: number) => np.divide(x, y))(i, 2), "float32", [3.5, -3.5]);
    same(jit((x: ArrayValue, y: number) => np.maximum(x, y))(np.array([0, 2], { dtype: "int32" }), 0.5), "float32", [0.5, 2]);
  });
  it("a non-integer keeps its double value against a float64 array (as eager code does)", () => {
    const x = np.array([1], { dtype: "float64" });
    same(jit(mul)(x, 0.1), "float64", [0.1]);
    same(np.multiply(x, 0.1), "float64", [0.1]);
    // ... and is rounded to float32 against a float32 array, exactly as eagerly
    expect(jit(mul)(np.array([1]), 0.1).toArray()).toEqual(np.multiply(np.array([1]), 0.1).toArray());
  });
  it("JS numbers alone: weak int32 stays int32, a non-integer is float32 (JAX: jit(lambda y: y)(1) is int32)", () => {
    same(jit((y: number) => y)(1) as unknown as ArrayValue, "int32", 1);
    same(jit((y: number) => y)(1.5) as unknown as ArrayValue, "float32", 1.5);
    // jax.jit(lambda x, y: x * y)(3, 2) -> int32 6; (3, 2.5) -> float32 7.5
    same(jit((x: number, y: number) => np.multiply(x, y))(3, 2), "int32", 6);
    same(jit((x: number, y: number) => np.multiply(x, y))(3, 2.5), "float32", 7.5);
    // jax.jit(lambda y: jnp.sin(y))(1) -> float32 0.84147096
    same(jit((y: number) => np.sin(y))(1), "float32", Math.fround(Math.sin(1)));
  });
  it("-0 is a float (an int32 zero would lose its sign): 1 / -0 is -Infinity as eagerly", () => {
    same(jit((y: number) => np.divide(1, y))(-0), "float32", -Infinity);
  });
  it("an integer outside int32 is an error (JAX raises OverflowError), never a silent float", () => {
    expect(() => jit(add)(big, 2 ** 40)).toThrow(/jit: argument 1 is the JS number 1099511627776, an integer outside int32/);
  });
  it("nested in a pytree, the leaf is weak too", () => {
    const f = jit((p: { x: ArrayValue; k: number }) => np.add(p.x, p.k));
    same(f({ x: big, k: 1 }), "int32", [16777218, 6]);
  });
  it("a jit inside a jit sees the weak scalar tracer as weak", () => {
    const inner = jit(add);
    same(jit((x: ArrayValue, y: number) => inner(x, y))(big, 1), "int32", [16777218, 6]);
  });
  it("makeJaxpr stages a JS integer as an int32 scalar", () => {
    expect(String(makeJaxpr(add)(np.array([1], { dtype: "int32" }), 1))).toMatch(/b:i32\[\]/);
  });
  it("a weak scalar as the initial carry of a loop takes the dtype the body gives it", () => {
    const f = jit((c0: number) => lax.foriLoop(0, 3, (_i: ArrayValue, c: ArrayValue) => np.add(c, 0.5), c0));
    same(f(1) as ArrayValue, "float32", 2.5);
  });
});

describe("vmap: an unmapped JS number stays weak", () => {
  const inAxes = { inAxes: [0, null] };
  it("vmap(add, [0, null])(int32, 1) keeps int32 and the value", () => {
    // jax.vmap(lambda x, y: x + y, in_axes=(0, None))(..., 1) -> int32 [16777218, 6]
    same(vmap(add, inAxes)(big, 1), "int32", [16777218, 6]);
    same(vmap(mul, inAxes)(big, 3), "int32", [50331651, 15]);
    same(vmap(add, inAxes)(np.array([3, -4], { dtype: "int32" }), 2.5), "float32", [5.5, -1.5]);
  });
  it("jit(vmap(...)) keeps it weak through both", () => {
    // jax.jit(jax.vmap(lambda x, y: x + y, in_axes=(0, None)))(..., 1) -> int32 [16777218, 6]; (..., 2.5) -> float32 [16777218, 7.5]
    same(jit(vmap(add, inAxes))(big, 1), "int32", [16777218, 6]);
    same(jit(vmap(add, inAxes))(big, 2.5), "float32", [16777218, 7.5]);
    // jax.jit(jax.vmap(lambda x, y: x * y, in_axes=(0, None)))(f32 [[1.5, 2]], 3) -> float32 [[4.5, 6]]
    same(jit(vmap(mul, inAxes))(np.array([[1.5, 2]]), 3), "float32", [[4.5, 6]]);
  });
  it("a JS number used as a plain number inside the mapped function still works", () => {
    same(vmap((x: ArrayValue, n: number) => x.slice([0, n]), inAxes)(np.array([[1, 2, 3], [4, 5, 6]]), 2), "float32", [[1, 2], [4, 5]]);
  });
});

describe("grad with a JS number as another argument", () => {
  const x = np.array([1, 2]);
  it("matches JAX, eagerly and under jit", () => {
    const g = grad((w: ArrayValue, c: number) => np.sum(np.power(w, c)));
    // jax.grad(lambda x, c: jnp.sum(x ** c))(f32 [1, 2], 3) -> float32 [3, 12]; c = 2.5 -> [2.5, 7.071068]
    same(g(x, 3), "float32", [3, 12]);
    same(jit(g)(x, 3), "float32", [3, 12]);
    expect(jit(g)(x, 2.5).toArray()).toEqual(g(x, 2.5).toArray());
    expect((g(x, 2.5).toArray() as number[])[1]).toBeCloseTo(7.071068, 5);
  });
  it("an int32 array plus the number keeps int32 precision before the cast", () => {
    // jax.jit(jax.grad(lambda x, k, c: jnp.sum(x * (k + c).astype(jnp.float32))))(x, i32 [16777217, 1], 1) -> [16777218, 2]
    const g = grad((w: ArrayValue, k: ArrayValue, c: number) => np.sum(np.multiply(w, np.add(k, c).astype("float32"))));
    const k = np.array([16777217, 1], { dtype: "int32" });
    same(g(x, k, 1), "float32", [16777218, 2]);
    same(jit(g)(x, k, 1), "float32", [16777218, 2]);
  });
  it("differentiating with respect to a weak scalar under jit gives float32, as outside jit", () => {
    const g = grad((c: number) => np.multiply(c, c));
    same(g(3) as ArrayValue, "float32", 6);
    same(jit(g)(3) as ArrayValue, "float32", 6);
    same(jit(g)(1.5) as ArrayValue, "float32", 3);
  });
});

describe("jit's cache signature includes the weak kind", () => {
  it("1 and 2 share a program; 1.5 and np.array(1) get their own", () => {
    const f = jit(add);
    const x = np.array([1, 2]);
    f(x, 1);
    f(x, 2);
    expect(f.cacheSize()).toBe(1);
    f(x, 1.5);
    expect(f.cacheSize()).toBe(2);
    f(x, np.array(1));
    expect(f.cacheSize()).toBe(3);
    f(x, 2.75);
    expect(f.cacheSize()).toBe(3);
  });
  it("the shared program computes with each call's number", () => {
    const f = jit(add);
    same(f(big, 1), "int32", [16777218, 6]);
    same(f(big, 2), "int32", [16777219, 7]);
    // a strong float32 array: int32 + float32 is float32, which rounds 16777218 (JAX gives the same)
    same(f(big, np.array(1)), "float32", [16777216, 6]);
  });
});

describe("a weak scalar reduced alone", () => {
  it("reduces as the JS number does eagerly (float32), under jit too", () => {
    for (const reduce of [np.sum, np.mean, np.max, np.min, np.cumsum] as ((y: ArrayValue) => ArrayValue)[]) {
      const eager = reduce(0.1 as never);
      const jitted = jit(reduce)(0.1 as never) as ArrayValue;
      expect(jitted.dtype).toBe("float32");
      expect(Array.from(jitted.toTypedArray())).toEqual(Array.from(eager.toTypedArray()));
    }
  });
});
