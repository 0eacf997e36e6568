import { describe, expect, it } from "vitest";
import * as np from "../../../core/numpy/index.js";
import { describeExpected, expectationOf } from "../../../models/checkpoint/template.js";

describe("templates", () => {
  it("read arrays by shape and dtype, specs, scalars, empty nodes, lists and records", () => {
    const expected = expectationOf({ w: np.zeros([2, 3]), s: { shape: [4], dtype: "int32" }, n: 1, f: false, z: null, u: undefined, l: [] });
    expect(expected.kind).toBe("record");
    if (expected.kind !== "record") return;
    expect(Object.fromEntries([...expected.fields].map(([k, e]) => [k, describeExpected(e)]))).toEqual({
      f: "a boolean",
      l: "a list of length 0",
      n: "a number",
      s: "an array i32[4]",
      u: "undefined",
      w: "an array f32[2,3]",
      z: "null",
    });
  });

  it("a malformed template is a TesseraError naming its path", () => {
    expect(() => expectationOf({ a: [{ shape: [2], dtype: "float16" }] })).toThrow('tessera.checkpoint.template: the spec at a[0] has unknown dtype "float16"');
    expect(() => expectationOf({ a: { shape: [2], dtype: "float32", extra: 1 } })).toThrow("the spec at a has keys [dtype, extra, shape]; expected exactly shape and dtype");
    expect(() => expectationOf({ a: { shape: [-1], dtype: "float32" } })).toThrow("the spec at a has shape a list of length 1; expected a list of non-negative integers");
    expect(() => expectationOf({ a: "float32" })).toThrow('a holds "float32"; expected an array, a {shape, dtype} spec');
    expect(() => expectationOf({ a: new Map() })).toThrow("a holds an instance of a class");
    const cyclic: Record<string, unknown> = {};
    cyclic["self"] = [cyclic];
    expect(() => expectationOf(cyclic)).toThrow("the template contains a cycle at self[0]");
  });
});
