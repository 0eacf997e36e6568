import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { TesseraError } from "../../core/errors.js";
import type { ArrayValue } from "../../core/ndarray.js";
import { np } from "../../index.js";
import { grad, jit, vmap } from "../../transforms/index.js";
import {
  MAX_BYTES,
  bool,
  checkArity,
  closestName,
  describeValue,
  integer,
  listOf,
  nullable,
  oneOf,
  readOptions,
  validShape,
} from "../../core/validate.js";

describe("describeValue", () => {
  it("describes every kind of value briefly", () => {
    const cyclic: unknown[] = [1];
    cyclic.push(cyclic);
    const record: Record<string, unknown> = { a: 1 };
    record.self = record;
    expect(describeValue("abc")).toBe('"abc"');
    expect(describeValue(-0)).toBe("-0");
    expect(describeValue(NaN)).toBe("NaN");
    expect(describeValue(3n)).toBe("3n");
    expect(describeValue(Symbol("k"))).toBe("Symbol(k)");
    expect(describeValue(null)).toBe("null");
    expect(describeValue(undefined)).toBe("undefined");
    expect(describeValue(() => 1)).toBe("a function");
    expect(describeValue([1, , 3])).toBe("[1, <hole>, 3]");
    expect(describeValue(cyclic)).toBe("[1, [a cycle]]");
    expect(describeValue(record)).toBe("{a: 1, self: {a cycle}}");
    expect(describeValue(new Map())).toBe("a Map");
    expect(describeValue(new Float32Array(2))).toBe("a Float32Array");
    expect(describeValue({ "bad key": 1 })).toBe('{"bad key": 1}');
    expect(describeValue(Array.from({ length: 100 }, (_, i) => i))).toMatch(/^\[0, 1, 2, 3, 4, 5, 6, 7, \.\.\. 92 more\]$/);
    expect(describeValue("x".repeat(500)).length).toBeLessThanOrEqual(80);
  });

  it("never calls user code: getters, toString and proxy traps are not run", () => {
    let called = false;
    const sneaky = {
      get value() {
        called = true;
        return 1;
      },
      toString() {
        called = true;
        return "x";
      },
    };
    expect(describeValue(sneaky)).toBe("{value: <getter>, toString: a function}");
    expect(called).toBe(false);
  });

  it("never runs getters of class instances, their prototypes, constructors or list entries", () => {
    const calls: string[] = [];
    class Sneaky {
      get shape(): number[] {
        calls.push("shape");
        return [1];
      }
      get dtype(): string {
        calls.push("dtype");
        throw new Error("dtype getter ran");
      }
    }
    class Named {
      static get name(): string {
        calls.push("name");
        return "Named";
      }
    }
    const list: unknown[] = [1, 2];
    Object.defineProperty(list, 1, { get: () => calls.push("entry"), enumerable: true });
    expect(describeValue(new Sneaky())).toBe("a Sneaky");
    expect(describeValue(new Named())).toBe("an object");
    expect(describeValue(list)).toBe("[1, <getter>]");
    expect(calls).toEqual([]);
  });

  it("tells tessera's arrays and tracers from objects that only look like one", () => {
    class Lookalike {
      readonly shape = [1];
      readonly dtype = "float32";
    }
    expect(describeValue(new Lookalike())).toBe("an object shaped like an array (not a tessera array)");
    expect(describeValue(np.array([1, 2]))).toBe("an array float32[2]");
    expect(describeValue(np.zeros([2, 3], "int32"))).toBe("an array int32[2,3]");
    const seen: string[] = [];
    const record = (t: unknown) => {
      seen.push(describeValue(t));
      return t as ArrayValue;
    };
    vmap(record)(np.zeros([3, 2]));
    jit(record)(np.zeros([2], "int32"));
    grad((t: ArrayValue) => np.sum(record(t)))(np.zeros([4]));
    expect(seen).toEqual(["an array float32[2]", "an array int32[2]", "an array float32[4]"]);
    // a plain record keeps its fields, so the reader sees what was passed
    expect(describeValue({ shape: [1], dtype: "float32" })).toBe('{shape: [1], dtype: "float32"}');
  });

  it("survives proxies whose traps throw, and revoked proxies", () => {
    const hostile = new Proxy({}, { ownKeys: () => { throw new Error("trap"); }, getPrototypeOf: () => { throw new Error("trap"); } });
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    expect(describeValue(hostile)).toBe("an unreadable value");
    expect(describeValue(proxy)).toBe("an unreadable value");
  });

  it("never throws on any value fast-check can build", () => {
    fc.assert(fc.property(fc.anything({ withBigInt: true, withMap: true, withSet: true, withTypedArray: true, withSparseArray: true, withDate: true }), (v) => typeof describeValue(v) === "string"));
  });
});

describe("closestName", () => {
  it("suggests the likely intended option", () => {
    expect(closestName("axsi", ["axis", "keepdims"])).toBe("axis");
    expect(closestName("keepDims", ["axis", "keepdims"])).toBe("keepdims");
    expect(closestName("dim", ["axis"])).toBe("axis");
    expect(closestName("in_axes", ["inAxes", "outAxes"])).toBe("inAxes");
    expect(closestName("min", ["minval", "maxval", "dtype"])).toBe("minval");
    expect(closestName("zzzzzz", ["axis", "keepdims"])).toBeUndefined();
  });
  it("points fit's removed options to the reporter that replaced them", () => {
    const fitOptions = ["loss", "params", "optimizer", "data", "epochs", "reporter", "jit"];
    expect(closestName("silent", fitOptions)).toBe("reporter");
    expect(closestName("onStep", fitOptions)).toBe("reporter");
  });
});

describe("readOptions", () => {
  const spec = { axis: nullable(integer), keepdims: bool, mode: oneOf(["a", "b"] as const), sizes: listOf(integer) };
  it("treats undefined and null as no options", () => {
    expect(readOptions("op", undefined, spec)).toEqual({});
    expect(readOptions("op", null, spec)).toEqual({});
  });
  it("returns only present, checked values, in a fresh record", () => {
    const input = { axis: null, keepdims: true, mode: undefined, sizes: [1, 2] };
    const out = readOptions("op", input, spec);
    expect(out).toEqual({ axis: null, keepdims: true, sizes: [1, 2] });
    expect(out.sizes).not.toBe(input.sizes);
  });
  it("rejects unknown keys, non-records and mistyped values with the op's name", () => {
    expect(() => readOptions("sum", { axsi: 0 }, spec)).toThrow(/tessera\.sum: unknown option "axsi" \(did you mean "axis"\?\); sum takes axis, keepdims, mode, sizes/);
    expect(() => readOptions("sum", [0], spec)).toThrow(TesseraError);
    expect(() => readOptions("sum", new Map(), spec)).toThrow(/plain object/);
    expect(() => readOptions("sum", { [Symbol("s")]: 1 }, spec)).toThrow(/symbol keys/);
    expect(() => readOptions("sum", { keepdims: 1 }, spec)).toThrow(/keepdims must be true or false, got 1/);
    expect(() => readOptions("sum", { mode: "c" }, spec)).toThrow(/mode must be one of "a", "b", got "c"/);
    expect(() => readOptions("sum", { sizes: [1, , 2] }, spec)).toThrow(/sizes has a hole at index 1/);
    expect(() => readOptions("sum", { sizes: [1, "2"] }, spec)).toThrow(/sizes\[1\] must be an integer, got "2"/);
  });
  it("accepts records without a prototype", () => {
    const record = Object.create(null) as Record<string, unknown>;
    record.axis = 1;
    expect(readOptions("op", record, spec)).toEqual({ axis: 1 });
  });
});

describe("validShape", () => {
  it("returns a frozen copy of a valid shape", () => {
    const input = [2, 3];
    const shape = validShape("zeros", input, "float32");
    expect(shape).toEqual([2, 3]);
    expect(Object.isFrozen(shape)).toBe(true);
    input[0] = 7;
    expect(shape).toEqual([2, 3]);
  });
  it("accepts empty shapes and zero-size axes", () => {
    expect(validShape("zeros", [])).toEqual([]);
    expect(validShape("zeros", [0, 5])).toEqual([0, 5]);
  });
  it("rejects anything else, within the size limits", () => {
    for (const bad of [[-1], [1.5], [NaN], [Infinity], ["2"], [1n], "3", 3, null, [2, , 3], [0, 1e300], [0, 2 ** 40]]) {
      expect(() => validShape("zeros", bad, "float32")).toThrow(TesseraError);
    }
    expect(() => validShape("zeros", [2 ** 31])).toThrow(/at most 2\^31 - 1/);
    expect(() => validShape("zeros", [MAX_BYTES / 4 + 1], "float32")).toThrow(/GiB/);
    expect(validShape("zeros", [MAX_BYTES / 4], "float32")).toEqual([MAX_BYTES / 4]);
  });
});

describe("checkArity", () => {
  it("names the extra arguments and the fix", () => {
    expect(() => checkArity("zeros", [[2], 3], 1, "write zeros([2, 3])")).toThrow(/tessera\.zeros: takes at most 1 argument, got 2 \(extra: 3\); write zeros\(\[2, 3\]\)/);
    expect(() => checkArity("zeros", [[2]], 1)).not.toThrow();
  });
});
