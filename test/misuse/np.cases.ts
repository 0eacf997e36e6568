/**
 * Misuse rows for the np namespace (core/numpy, np.linalg, core/shape.ts and the array methods):
 * every example of issue 9's "Reject what is not understood" that must still fail, with the
 * error text a user sees. (The examples that JAX accepts, such as `x.reshape(2, 3)`,
 * `np.concatenate([a, b], 1)` or `np.transpose(x, np.array([1, 0]))`, now work and are tested
 * in test/core/numpy/strict.test.ts.)
 */
import { jit, nn, np } from "../../index.js";
import { misuse, type MisuseCase } from "./case.js";

const x = np.array([1, 2, 3, 4, 5, 6]).reshape([2, 3]);
const square = np.array([[2, 1], [1, 2]]);
const selfHolding: unknown[] = [1];
selfHolding.push(selfHolding);
const onlySelf: unknown[] = [];
onlySelf.push(onlySelf);
const cyclicShape: unknown[] = [2];
cyclicShape.push(cyclicShape);

export const npCases: readonly MisuseCase[] = [
  // unknown option keys, with a hint
  misuse("np.sum(x, {axsi: 0})", () => np.sum(x, { axsi: 0 } as never), 'tessera.sum: unknown option "axsi"', 'did you mean "axis"?', "sum takes axis, keepdims"),
  misuse("np.sum(x, {keepDims: true})", () => np.sum(x, { keepDims: true } as never), 'did you mean "keepdims"?'),
  misuse("np.mean(x, {dim: 0})", () => np.mean(x, { dim: 0 } as never), 'did you mean "axis"?'),
  misuse("x.sum({axsi: 0})", () => x.sum({ axsi: 0 } as never), 'tessera.sum: unknown option "axsi"'),
  misuse("np.argmax(x, {axes: 0})", () => np.argmax(x, { axes: 0 } as never), 'did you mean "axis"?'),
  misuse("np.sort(x, {reverse: true})", () => np.sort(x, { reverse: true } as never), 'unknown option "reverse"', "sort takes axis, descending, stable"),
  misuse("np.zeros([2], {dtpye: 'int32'})", () => np.zeros([2], { dtpye: "int32" } as never), 'did you mean "dtype"?'),
  misuse("np.linalg.norm(x, {odr: 2})", () => np.linalg.norm(x, { odr: 2 } as never), 'tessera.linalg.norm: unknown option "odr"', 'did you mean "ord"?'),
  misuse("np.linalg.qr(x, {mod: 'r'})", () => np.linalg.qr(x, { mod: "r" } as never), 'did you mean "mode"?'),
  misuse("np.linalg.svd(x, {full_matrices: false})", () => np.linalg.svd(x, { full_matrices: false } as never), 'unknown option "full_matrices"', "fullMatrices"),
  misuse("np.linalg.eigh(a, {uplo: 'U'})", () => np.linalg.eigh(square, { uplo: "U" } as never), 'did you mean "UPLO"?'),
  // option values are type-checked, never coerced
  misuse("np.sum(x, {keepdims: 'yes'})", () => np.sum(x, { keepdims: "yes" } as never), "keepdims must be true or false", '"yes"'),
  misuse("np.sum(x, {axis: '0'})", () => np.sum(x, { axis: "0" } as never), "axis must be an integer, a list of integers or null", '"0"'),
  misuse("np.sum(x, '0')", () => np.sum(x, "0" as never), "options must be a plain object", '"0"'),
  misuse("np.linalg.norm(x, {ord: 'two'})", () => np.linalg.norm(x, { ord: "two" } as never), 'ord must be a number (including Infinity and -Infinity), "fro", "nuc" or null, got "two"'),
  // extra or misplaced positional arguments
  misuse("np.zeros(2, 3)", () => np.zeros(2, 3 as never), "tessera.zeros", "np.zeros([2, 3])"),
  misuse("np.ones(2, 3)", () => np.ones(2, 3 as never), "np.ones([2, 3])"),
  misuse("np.zeros([2], 'int32', 1)", () => (np.zeros as (...a: unknown[]) => unknown)([2], "int32", 1), "takes at most 2 arguments, got 3"),
  misuse("np.reshape(x, 3, 2)", () => (np.reshape as (...a: unknown[]) => unknown)(x, 3, 2), "tessera.np.reshape: takes at most 2 arguments, got 3"),
  misuse("x.reshape(2, 4)", () => x.reshape(2, 4), "cannot reshape float32[2,3] (6 elements) into shape [2,4]"),
  misuse("np.concatenate([a, b], 1, 0)", () => (np.concatenate as (...a: unknown[]) => unknown)([x, x], 1, 0), "tessera.np.concatenate: takes at most 2 arguments, got 3"),
  misuse("np.concatenate(a, b)", () => np.concatenate(x as never, x as never), "expected a non-empty list of arrays"),
  misuse("np.concatenate([a, b], '1')", () => np.concatenate([x, x], "1" as never), "options must be a plain object", '"1"'),
  misuse("np.add(x, 1, 2)", () => (np.add as (...a: unknown[]) => unknown)(x, 1, 2), "tessera.np.add: takes at most 2 arguments, got 3 (extra: 2)"),
  misuse("np.exp(x, 2)", () => (np.exp as (...a: unknown[]) => unknown)(x, 2), "tessera.np.exp: takes at most 1 argument, got 2"),
  misuse("x.add(1, 2)", () => (x.add as (...a: unknown[]) => unknown).call(x, 1, 2), "tessera.add: takes at most 2 arguments"),
  misuse("x.at(0).set(1, 2)", () => (x.at(0).set as (...a: unknown[]) => unknown)(1, 2), "tessera.at.set: takes at most 1 argument"),
  misuse("np.linalg.inv(a, b)", () => (np.linalg.inv as (...a: unknown[]) => unknown)(square, square), "tessera.np.linalg.inv: takes at most 1 argument"),
  // operands of creation functions are checked, never coerced
  misuse("np.linspace('3', 4, 3)", () => np.linspace("3" as never, 4, 3), "tessera.linspace: start must be a finite number", '"3"'),
  misuse("np.arange('5')", () => np.arange("5" as never), "tessera.arange: start must be a finite number", '"5"'),
  misuse("np.arange(9, {dtpye: 'int32'})", () => np.arange(9, { dtpye: "int32" } as never), 'tessera.arange: unknown option "dtpye"', 'did you mean "dtype"?'),
  misuse("np.arange(9, {dtype: 'int32'}, 2)", () => np.arange(9, { dtype: "int32" }, 2), "tessera.arange: stop must be a finite number", "{dtype: \"int32\"}"),
  misuse("np.eye(2, 3, 0.5)", () => np.eye(2, 3, 0.5), "tessera.eye: k must be an integer, got 0.5"),
  misuse("np.full([2], np.array([1, 2, 3]))", () => np.full([2], np.array([1, 2, 3])), "[3]", "[2]"),
  misuse("nn.softmax(x, 0.5)", () => nn.softmax(x, 0.5), "tessera.nn.softmax: axis must be an integer axis or a list of integer axes, got 0.5"),
  misuse("np.full([2], 'abc')", () => np.full([2], "abc" as never), "tessera.full: the fill value must be a number or a boolean", '"abc"'),
  misuse("np.full([2], null)", () => np.full([2], null as never), "the fill value must be a number or a boolean, got null"),
  misuse("np.fromFunction(() => undefined, [2])", () => np.fromFunction(() => undefined as never, [2]), "tessera.fromFunction: fn returned undefined at index [0]"),
  misuse("np.eye('3')", () => np.eye("3" as never), "tessera.eye: n must be a non-negative integer", '"3"'),
  misuse("np.add(x, '1')", () => np.add(x, "1" as never), "tessera.add: argument 1 must be an array, a number or a boolean", '"1"'),
  misuse("np.where(c)", () => (np.where as (...a: unknown[]) => unknown)(x.gt(2)), "tessera.where: the one-argument form where(cond)", "is not supported", "np.where(cond, x, y)"),
  misuse("np.where(c, x)", () => (np.where as (...a: unknown[]) => unknown)(x.gt(2), x), "tessera.where: takes cond, x and y: got x but no y", "np.where(cond, x, y)"),
  misuse("np.where(c, 'a', x)", () => np.where(x.gt(2), "a" as never, x), "tessera.where: argument 1 must be an array, a number or a boolean", '"a"'),
  misuse("np.where(c, x, null)", () => np.where(x.gt(2), x, null as never), "tessera.where: argument 2 must be an array, a number or a boolean, got null"),
  misuse("np.sum({})", () => np.sum({} as never), "tessera.sum: argument 0 must be an array", "got {}"),
  // nested JS arrays
  misuse("np.array([[1, , 3], [4, 5, 6]])", () => np.array([[1, , 3], [4, 5, 6]] as never), "tessera.array: the nested list has a hole at [0][1]"),
  misuse("np.array(new Array(3))", () => np.array(new Array(3)), "hole at [0]"),
  misuse("a = [1]; a.push(a); np.array(a)", () => np.array(selfHolding as never), "tessera.array: ragged nested input: [1] is a list where a number is expected"),
  misuse("a = []; a.push(a); np.array(a)", () => np.array(onlySelf as never), "the nested list contains itself"),
  misuse("np.array([[1, 2], [3]])", () => np.array([[1, 2], [3]]), "ragged nested input: [1] has length 1 where axis 1 needs length 2"),
  misuse("np.array([1, '2'])", () => np.array([1, "2"] as never), 'element at [1] is "2"; expected a number or a boolean'),
  misuse("np.array([1, null])", () => np.array([1, null] as never), "element at [1] is null"),
  misuse("np.array([x, x])", () => np.array([x, x] as never), "is an array float32[2,3] inside a list; use np.stack"),
  misuse("np.array(65 nested lists)", () => np.array(Array.from({ length: 65 }).reduce<unknown>((v) => [v], 1) as never), "more than 64 levels deep"),
  // list arguments
  misuse("np.transpose(x, '10')", () => np.transpose(x, "10" as never), "tessera.transpose: axes must be a list of integers", '"10"'),
  misuse("np.transpose(x, [1.5, 0])", () => np.transpose(x, [1.5, 0]), "axes[0] must be an integer, got 1.5"),
  misuse("x.transpose([1, 0], 1)", () => (x.transpose as (...a: unknown[]) => unknown).call(x, [1, 0], 1), "tessera.transpose: pass either one list or separate integers, as x.transpose([1, 0]) or x.transpose(1, 0); got [1, 0], 1"),
  misuse("x.reshape([4], 1)", () => (x.reshape as (...a: unknown[]) => unknown).call(x, [4], 1), "tessera.reshape: pass either one list or separate integers, as x.reshape([2, 3]) or x.reshape(2, 3); got [4], 1"),
  misuse("x.reshape(2, '3')", () => (x.reshape as (...a: unknown[]) => unknown).call(x, 2, "3"), "tessera.reshape: pass either one list or separate integers", '2, "3"'),
  misuse("x.transpose(1, 0, 2)", () => x.transpose(1, 0, 2), "are not a permutation of the axes of an array of shape [2,3]"),
  misuse("np.tile(x, np.array([true]))", () => np.tile(x, np.array([true]) as never), "tessera.tile: reps must hold integers, got a bool array"),
  misuse("np.split(x, 'two')", () => np.split(x, "two" as never), "tessera.split: indicesOrSections must be an integer or a list of integers"),
  misuse("np.moveaxis(x, {}, 1)", () => np.moveaxis(x, {} as never, 1), "tessera.moveaxis: source must be an integer or a list of integers, got {}"),
  misuse("np.tensordot(x, x, 'ij')", () => np.tensordot(x, x, "ij" as never), "tessera.tensordot: axes must be an integer or a pair"),
  misuse("jit((x, p) => np.transpose(x, p))(x, np.array([1, 0]))", () => jit((a: never, p: never) => np.transpose(a, p))(x as never, np.array([1, 0]) as never), "tessera.transpose: axes must be known before tracing", "traced array"),
  // the error path itself never throws
  misuse("np.zeros([1n])", () => np.zeros([1n] as never), "tessera.zeros: shape must be a list of non-negative integers, got [1n]"),
  misuse("np.zeros(cyclic)", () => np.zeros(cyclicShape as never), "shape must be a list of non-negative integers", "[a cycle]"),
  misuse("np.sum(x, {axis: Symbol('a')})", () => np.sum(x, { axis: Symbol("a") } as never), "axis must be an integer", "Symbol(a)"),
  misuse("np.reshape(x, [2n, 3])", () => np.reshape(x, [2n, 3] as never), "shape[0] must be an integer, got 2n"),
  // sizes
  misuse("np.zeros([2**32])", () => np.zeros([2 ** 32]), "tessera.zeros: shape [4294967296] is too large", "at most 2^31 - 1"),
  misuse("np.zeros([1e10])", () => np.zeros([1e10]), "is too large"),
  misuse("np.zeros([0, 1e300])", () => np.zeros([0, 1e300]), "entry 1 is 1e+300"),
  misuse("np.zeros([2**29, 2])", () => np.zeros([2 ** 29, 2]), "needs 4.0 GiB; tessera allocates at most 2 GiB per array"),
  misuse("np.zeros([-1])", () => np.zeros([-1]), "entry 0 is -1"),
  misuse("np.zeros([1.5])", () => np.zeros([1.5]), "entry 0 is 1.5"),
  misuse("np.broadcastTo(x, [2**20, 2**12, 3])", () => np.broadcastTo(x, [2 ** 20, 2 ** 12, 3]), "tessera.broadcastTo: shape", "too large"),
  misuse("np.pad(x, 2**31)", () => np.pad(x, 2 ** 31), "tessera.pad: shape", "too large"),
  misuse("np.tile(x, [2**30, 2])", () => np.tile(x, [2 ** 30, 2]), "tessera.tile: shape", "too large"),
  misuse("np.linspace(0, 1, 2**31)", () => np.linspace(0, 1, 2 ** 31), "tessera.linspace: shape [2147483648] is too large"),
  misuse("np.arange(0, 2**40)", () => np.arange(0, 2 ** 40), "tessera.arange: shape", "too large"),
  misuse("np.array(new Float32Array(6), {shape: [2, -3]})", () => np.array(new Float32Array(6), { shape: [2, -3] }), "tessera.array: shape must be a list of non-negative integers"),
  misuse("np.take(x, [2 ** 32], {axis: 0})", () => np.take(x, [2 ** 32] as never, { axis: 0 }), "tessera.take: index 4294967296 is out of int32 range"),
];
