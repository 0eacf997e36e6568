/**
 * jax.lax's convolution and window-reduction shape helpers (core/lax/conv-shapes.ts): the tuples
 * JAX 0.10.2 returns for the same shapes (test/fixtures/lax_conv.json, "shapes"), then the errors.
 */
import { describe, expect, it } from "vitest";
import { lax } from "../../../index.js";
import { itHasCases, loadFixture } from "../../helpers.js";

describe("the convolution shape helpers return JAX's tuples", () => {
  const shapes = loadFixture<{ shapes: { fn: string; args: unknown[]; out: unknown }[] }>("lax_conv").shapes;
  itHasCases(shapes, "shape");
  shapes.forEach((c, i) => {
    it(`${c.fn}(${JSON.stringify(c.args).slice(1, -1)}) #${i}`, () => {
      const f = (lax as unknown as Record<string, (...args: unknown[]) => unknown>)[c.fn]!;
      expect(f(...c.args)).toEqual(c.out);
    });
  });
});

describe("the shape helpers reject malformed shapes, naming the op", () => {
  it("checks lengths and layout strings", () => {
    expect(() => lax.convGeneralPermutations(["NHWC", "HWI", "NHWC"] as never)).toThrow(/convGeneralPermutations.*same spatial characters/);
    expect(() => lax.convGeneralPermutations(["NHWX", "HWIO", "NHWC"])).toThrow(/convGeneralPermutations.*must contain "N" and "C"/);
    expect(() => lax.convShapeTuple([2, 3, 7], [4, 3, 3], [1, 1], "SAME")).toThrow(/convShapeTuple.*strides needs 1 entries/);
    expect(() => lax.convShapeTuple([2, 3, 7], [4, 3, 3], [1], [[-5, -5]])).toThrow(/convShapeTuple.*negative padding/);
    expect(() => lax.reduceWindowShapeTuple([4, 6], [2], [1, 1], [[0, 0], [0, 0]])).toThrow(/reduceWindowShapeTuple.*windowDimensions needs 2 entries/);
    expect(() => lax.convTransposeShapeTuple([1, 3, 3, 2], [3, 3, 2, 4], [2, 2], "SAME_LOWER" as never, ["NHWC", "HWIO", "NHWC"])).toThrow(/convTransposeShapeTuple.*padding must be "SAME"/);
  });
});
