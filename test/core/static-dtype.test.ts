/**
 * The dtype in an array's static type (core/static-dtype.ts): for each expression, the type the
 * compiler gives it (checked by tsc, which `npm test` runs first) and the dtype it has at run time
 * (checked here) must name the same dtype, so neither can drift from the other.
 */
import { describe, expect, expectTypeOf, it } from "vitest";
import { np, type ArrayValue, type DType, type NdArray } from "../../index.js";

const f32 = np.array([1.5, -2]);
const f64 = np.array([1, 2], { dtype: "float64" });
const i32 = np.array([1, 2], { dtype: "int32" });
const u32 = np.zeros([2], "uint32");
const b = np.array([true, false]);
const any: ArrayValue = f32;

describe("the static dtype", () => {
  it("of created arrays is the dtype they have", () => {
    expectTypeOf(f32).toEqualTypeOf<ArrayValue<"float32">>();
    expectTypeOf(f64).toEqualTypeOf<ArrayValue<"float64">>();
    expectTypeOf(b).toEqualTypeOf<ArrayValue<"bool">>();
    expectTypeOf(u32).toEqualTypeOf<NdArray<"uint32">>();
    expectTypeOf(np.array([])).toEqualTypeOf<ArrayValue<"float32">>();
    expectTypeOf(np.array(new Int32Array(2))).toEqualTypeOf<ArrayValue<"int32">>();
    expectTypeOf(np.array(new Uint8Array(2))).toEqualTypeOf<ArrayValue<"bool">>();
    expectTypeOf(np.array(i32)).toEqualTypeOf<ArrayValue<"int32">>();
    expectTypeOf(np.full([2], true)).toEqualTypeOf<NdArray<"bool">>();
    expectTypeOf(np.full([2], 3)).toEqualTypeOf<NdArray<"float32">>();
    expectTypeOf(np.zerosLike(i32)).toEqualTypeOf<NdArray<"int32">>();
    expectTypeOf(np.onesLike(i32, { dtype: "float64" })).toEqualTypeOf<NdArray<"float64">>();
    expectTypeOf(np.eye(2)).toEqualTypeOf<NdArray<"float32">>();
    expectTypeOf(np.linspace(0, 1, 5, { dtype: "float64" })).toEqualTypeOf<NdArray<"float64">>();
    expectTypeOf(np.arange(3)).toEqualTypeOf<NdArray<"int32" | "float32">>();
    const cases: [ArrayValue, DType][] = [
      [f32, "float32"], [f64, "float64"], [b, "bool"], [u32, "uint32"], [np.array([]), "float32"], [np.array(new Int32Array(2)), "int32"],
      [np.array(new Uint8Array(2)), "bool"], [np.full([2], true), "bool"], [np.full([2], 3), "float32"], [np.zerosLike(i32), "int32"],
      [np.onesLike(i32, { dtype: "float64" }), "float64"], [np.eye(2), "float32"], [np.linspace(0, 1, 5, { dtype: "float64" }), "float64"],
    ];
    for (const [x, dtype] of cases) expect(x.dtype).toBe(dtype);
    expect(["int32", "float32"]).toContain(np.arange(3).dtype);
  });

  it("of a dtype given by a variable is that variable's type", () => {
    const dtype: DType = "int32" as DType;
    expectTypeOf(np.zeros([2], { dtype })).toEqualTypeOf<NdArray<DType>>();
    const maybe: { dtype?: "float64" } = {};
    expectTypeOf(np.zeros([2], maybe)).toEqualTypeOf<NdArray<"float64" | "float32">>();
    expect(np.zeros([2], maybe).dtype).toBe("float32");
  });

  it("follows tessera's promotion through the ops and methods", () => {
    expectTypeOf(i32.add(1)).toEqualTypeOf<ArrayValue<"int32">>();
    expectTypeOf(i32.add(0.5)).toEqualTypeOf<ArrayValue<"float32">>();
    expectTypeOf(b.mul(2)).toEqualTypeOf<ArrayValue<"int32">>();
    expectTypeOf(b.add(true)).toEqualTypeOf<ArrayValue<"bool">>();
    expectTypeOf(i32.div(i32)).toEqualTypeOf<ArrayValue<"float32">>();
    expectTypeOf(f64.mul(f64)).toEqualTypeOf<ArrayValue<"float64">>();
    expectTypeOf(b.sum()).toEqualTypeOf<ArrayValue<"int32">>();
    expectTypeOf(i32.sum({ dtype: "float64" })).toEqualTypeOf<ArrayValue<"float64">>();
    expectTypeOf(i32.mean()).toEqualTypeOf<ArrayValue<"float32">>();
    expectTypeOf(f64.exp()).toEqualTypeOf<ArrayValue<"float64">>();
    expectTypeOf(np.exp(i32)).toEqualTypeOf<ArrayValue<"float32">>();
    expectTypeOf(b.max()).toEqualTypeOf<ArrayValue<"bool">>();
    expectTypeOf(b.cumsum()).toEqualTypeOf<ArrayValue<"int32">>();
    expectTypeOf(f32.argmax()).toEqualTypeOf<ArrayValue<"int32">>();
    expectTypeOf(f32.gt(0)).toEqualTypeOf<ArrayValue<"bool">>();
    expectTypeOf(f32.astype("uint32")).toEqualTypeOf<ArrayValue<"uint32">>();
    expectTypeOf(i32.reshape(2, 1).T.slice(0)).toEqualTypeOf<ArrayValue<"int32">>();
    expectTypeOf(i32.at(0).set(5)).toEqualTypeOf<ArrayValue<"int32">>();
    expectTypeOf(np.matmul(b, b)).toEqualTypeOf<ArrayValue<"bool">>();
    expectTypeOf(np.add(i32, f32)).toEqualTypeOf<ArrayValue<DType>>();
    const cases: [ArrayValue, DType][] = [
      [i32.add(1), "int32"], [i32.add(0.5), "float32"], [b.mul(2), "int32"], [b.add(true), "bool"], [i32.div(i32), "float32"],
      [f64.mul(f64), "float64"], [b.sum(), "int32"], [i32.sum({ dtype: "float64" }), "float64"], [i32.mean(), "float32"], [f64.exp(), "float64"],
      [np.exp(i32), "float32"], [b.max(), "bool"], [b.cumsum(), "int32"], [f32.argmax(), "int32"], [f32.gt(0), "bool"],
      [f32.astype("uint32"), "uint32"], [i32.reshape(2, 1).T.slice(0), "int32"], [i32.at(0).set(5), "int32"], [np.matmul(b, b), "bool"],
    ];
    for (const [x, dtype] of cases) expect(x.dtype).toBe(dtype);
  });

  it("types item(): a boolean for bool arrays, a number for the others, the union when unknown", () => {
    expectTypeOf(f32.sum().item()).toEqualTypeOf<number>();
    expectTypeOf(f32.gt(0).all().item()).toEqualTypeOf<boolean>();
    expectTypeOf(any.sum().item()).toEqualTypeOf<number>();
    expectTypeOf(any.item).returns.toEqualTypeOf<number | boolean>();
    expect(f32.sum().item()).toBe(-0.5);
    expect(f32.gt(0).all().item()).toBe(false);
    expect(b.any().item()).toBe(true);
    // @ts-expect-error a bool array's item is not a number
    const wrong: number = b.slice(0).item();
    expect(typeof wrong).toBe("boolean");
  });
});
