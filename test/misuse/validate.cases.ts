/** Misuse rows for the shared validator itself (core/validate.ts), called as an op would call it. */
import { checkArity, checkFunction, integer, readOptions, validShape, bool } from "../../core/validate.js";
import { np } from "../../index.js";
import { misuse, type MisuseCase } from "./case.js";

/** An object with an array's fields that is not a tessera array (its getters must never run). */
class Lookalike {
  readonly shape = [1];
  readonly dtype = "float32";
}
class GetterLookalike {
  get shape(): number[] {
    throw new Error("describeValue ran a getter");
  }
}

const cyclic: unknown[] = [1];
cyclic.push(cyclic);

export const validateCases: readonly MisuseCase[] = [
  misuse("readOptions('sum', {axsi: 0}, {axis, keepdims})", () => readOptions("sum", { axsi: 0 }, { axis: integer, keepdims: bool }), 'unknown option "axsi"', 'did you mean "axis"?', "sum takes axis, keepdims"),
  misuse("readOptions('sum', {keepDims: true}, ...)", () => readOptions("sum", { keepDims: true }, { axis: integer, keepdims: bool }), 'did you mean "keepdims"?'),
  misuse("readOptions('softmax', {dim: 0}, {axis})", () => readOptions("softmax", { dim: 0 }, { axis: integer }), 'did you mean "axis"?'),
  misuse("readOptions('sum', [0], ...)", () => readOptions("sum", [0], { axis: integer }), "options must be a plain object", "got [0]"),
  misuse("readOptions('sum', {keepdims: 'yes'}, ...)", () => readOptions("sum", { keepdims: "yes" }, { keepdims: bool }), "keepdims must be true or false", '"yes"'),
  misuse("validShape('zeros', [1n])", () => validShape("zeros", [1n]), "list of non-negative integers", "1n"),
  misuse("validShape('zeros', cyclic)", () => validShape("zeros", cyclic), "list of non-negative integers", "a cycle"),
  misuse("validShape('zeros', [2**32], 'float32')", () => validShape("zeros", [2 ** 32], "float32"), "at most 2^31 - 1"),
  misuse("validShape('zeros', [2**29, 2], 'float32')", () => validShape("zeros", [2 ** 29, 2], "float32"), "at most 2 GiB"),
  misuse("validShape('zeros', [0, 1e300])", () => validShape("zeros", [0, 1e300]), "entry 1 is 1e+300"),
  misuse("validShape('zeros', [2, , 3])", () => validShape("zeros", [2, , 3]), "entry 1 is a hole"),
  misuse("checkArity('zeros', [2, 3], 1)", () => checkArity("zeros", [2, 3], 1, "pass the shape as a list: zeros([2, 3])"), "takes at most 1 argument, got 2", "zeros([2, 3])"),
  misuse("checkFunction('vmap', null)", () => checkFunction("vmap", null), "must be a function, got null"),
  misuse("checkFunction('jit', 'x=>x')", () => checkFunction("jit", "x=>x"), 'must be a function, got "x=>x"'),
  misuse("np.sum(new Lookalike())", () => np.sum(new Lookalike() as never), "tessera.sum: argument 0 must be an array, a number or a boolean, got an object shaped like an array (not a tessera array)"),
  misuse("np.exp(new GetterLookalike())", () => np.exp(new GetterLookalike() as never), "tessera.exp: argument 0 must be an array", "got a GetterLookalike"),
];
