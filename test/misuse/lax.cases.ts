/** Misuse rows for lax (primitives, contractions, linalg, control flow), nn, random and the central size guard. */
import { jit, lax, nn, np, random } from "../../index.js";
import { misuse, type MisuseCase } from "./case.js";

const x = np.ones([2, 3]);
const img = np.ones([1, 4, 4, 1]);
const kernel = np.ones([2, 2, 1, 1]);
const k = random.key(0);
const cyclic: unknown[] = [1];
cyclic.push(cyclic);
const any = (v: unknown) => v as never;

export const laxCases: readonly MisuseCase[] = [
  // unknown option keys and did-you-mean
  misuse("nn.softmax(x, {dim: 0})", () => nn.softmax(x, any({ dim: 0 })), "nn.softmax", 'unknown option "dim"', 'did you mean "axis"?'),
  misuse("random.uniform(k, [2], {min: -1, max: 1})", () => random.uniform(k, [2], any({ min: -1, max: 1 })), "random.uniform", 'unknown option "min"', 'did you mean "minval"?'),
  misuse("lax.scan(f, 0, null, {lenght: 3})", () => lax.scan((c: unknown) => [c, c] as const, 0, null, any({ lenght: 3 })), "lax.scan", 'did you mean "length"?'),
  misuse("lax.linalg.qr(a, {full_matrices: false})", () => lax.linalg.qr(np.eye(2), any({ full_matrices: false })), "lax.linalg.qr", 'unknown option "full_matrices"', "fullMatrices"),
  misuse("lax.maxPool(img, [2, 2], {stride: [2, 2]})", () => lax.maxPool(img, [2, 2], any({ stride: [2, 2] })), "lax.maxPool", 'did you mean "strides"?'),
  misuse("nn.gelu(x, {approximate: 'no'})", () => nn.gelu(x, any({ approximate: "no" })), "nn.gelu", "approximate must be true or false", '"no"'),
  misuse("lax.dotGeneral(a, b, dims, 'highest')", () => lax.dotGeneral(x, x, [[[1], [1]], [[], []]], any("highest")), "lax.dotGeneral", "options must be a plain object"),
  // positional arguments
  misuse('lax.convGeneralDilated(x, w, [1, 1], "SAME")', () => lax.convGeneralDilated(img, kernel, [1, 1], "SAME"), "lax.convGeneralDilated", "needs dimensionNumbers", "NCHW"),
  misuse("lax.convGeneralDilated(x, w, {padding: 'SAME'}, 1)", () => lax.convGeneralDilated(img, kernel, any({ padding: "SAME" }), any(1)), "lax.convGeneralDilated", "takes at most 3 arguments"),
  misuse('lax.convGeneralDilated(x, w, {padding: "same"})', () => lax.convGeneralDilated(img, kernel, { padding: any("same") }), "padding must be", '"SAME"', '"same"'),
  misuse('lax.conv(x, w, [1, 1], "FULL")', () => lax.conv(img, kernel, [1, 1], any("FULL")), "lax.conv", "padding must be", '"FULL"'),
  misuse("lax.reshape(x, [6], [0, 1])", () => (lax.reshape as (...a: unknown[]) => unknown)(x, [6], [0, 1]), "lax.reshape", "takes at most 2 arguments, got 3"),
  misuse("nn.relu(x, 0.1)", () => (nn.relu as (...a: unknown[]) => unknown)(x, 0.1), "nn.relu", "takes at most 1 argument"),
  misuse("random.normal(k, [2], 'float64')", () => random.normal(k, [2], any("float64")), "random.normal", "options must be a plain object such as {dtype: ...}", '"float64"'),
  // operands
  misuse('lax.add("abc", x)', () => lax.add(any("abc"), x), "lax.add", "must be an array, a number or a boolean"),
  misuse("lax.mul(null, x)", () => lax.mul(any(null), x), "lax.mul", "must be an array, a number or a boolean", "null"),
  misuse('lax.max(x, "5")', () => lax.max(x, any("5")), "lax.max", "argument 1 must be an array"),
  misuse("lax.exp(1n)", () => lax.exp(any(1n)), "lax.exp", "must be an array"),
  misuse("lax.neg({})", () => lax.neg(any({})), "lax.neg", "must be an array"),
  misuse("lax.concatenate([x, [1, 2]], 0)", () => lax.concatenate([x, any([1, 2])], 0), "lax.concatenate", "operands[1] must be an array", "np.array"),
  misuse("nn.softmax('abc')", () => nn.softmax(any("abc")), "nn.softmax", "must be an array"),
  // list arguments
  misuse("lax.dynamicSlice(x, [[1,2],[3,4]], [1,1])", () => lax.dynamicSlice(x, any([[1, 2], [3, 4]]), [1, 1]), "lax.dynamicSlice", "startIndices[0] must be an integer", "[1, 2]"),
  misuse("lax.dynamicSlice(x, [0.5, 0], [1, 1])", () => lax.dynamicSlice(x, [0.5, 0], [1, 1]), "startIndices[0] must be an integer", "0.5"),
  misuse("lax.transpose(x, '10')", () => lax.transpose(x, any("10")), "lax.transpose", "permutation must be a list"),
  misuse("lax.reduceSum(x, [[0]])", () => lax.reduceSum(x, any([[0]])), "lax.reduceSum", "axes[0] must be an integer"),
  // the error path never throws
  misuse("lax.reshape(x, [1n, 6])", () => lax.reshape(x, any([1n, 6])), "lax.reshape", "entry 0 is 1n"),
  misuse("lax.transpose(x, cyclic)", () => lax.transpose(x, any(cyclic)), "lax.transpose", "a cycle"),
  misuse("lax.pad(x, 0, [[1n, 0, 0], [0, 0, 0]])", () => lax.pad(x, 0, any([[1n, 0, 0], [0, 0, 0]])), "lax.pad", "1n"),
  misuse("random.choice(k, 5, {shape: [1n]})", () => random.choice(k, 5, { shape: any([1n]) }), "random.choice", "1n"),
  // sizes: the central guard, eagerly and under jit
  misuse("lax.pad(x, 0, [[1e9, 0, 0], [0, 0, 0]])", () => lax.pad(x, 0, [[1e9, 0, 0], [0, 0, 0]]), "tessera.pad", "too large"),
  misuse("jit(a => lax.pad(a, 0, [[1e9, 0, 0], [0, 0, 0]]))(x)", () => jit((a: never) => lax.pad(a, 0, [[1e9, 0, 0], [0, 0, 0]]))(x as never), "tessera.pad", "too large"),
  misuse("lax.broadcastInDim(1, [1e5, 1e5], [])", () => lax.broadcastInDim(1, [1e5, 1e5], []), "lax.broadcastInDim", "at most 2^31 - 1"),
  misuse("jit(a => np.broadcastTo(a, [1e5, 1e5]))(x)", () => jit((a: never) => np.broadcastTo(a, [1e5, 1e5]))(np.ones([1]) as never), "broadcastTo", "too large"),
  misuse("lax.iota('float32', 2**31)", () => lax.iota("float32", 2 ** 31), "lax.iota", "at most 2^31 - 1"),
  misuse("lax.iota('float64', [2**29])", () => lax.iota("float64", [2 ** 29]), "lax.iota", "at most 2 GiB"),
  misuse("lax.reshape(x, [-1, 6])", () => lax.reshape(x, [-1, 6]), "lax.reshape", "non-negative integers"),
  misuse("random.normal(k, [1e5, 1e5])", () => random.normal(k, [1e5, 1e5]), "random.normal", "too large"),
  misuse("random.split(k, 2**40)", () => random.split(k, 2 ** 40), "random.split", "too large"),
  misuse("lax.foriLoop(0, 1e10, body, x)", () => lax.foriLoop(0, 1e10, (_i, v) => v, x), "lax.foriLoop", "upper must be an integer in int32 range"),
  misuse("lax.scan(f, 0, null, {length: 1e10})", () => lax.scan((c: unknown) => [c, c] as const, 0, null, { length: 1e10 }), "lax.scan", "length must be a non-negative integer at most 2^31 - 1"),
  // keys, functions and values
  misuse("random.normal(null, [2])", () => random.normal(any(null), [2]), "random.normal", "expected a key", "null"),
  misuse("random.uniform(np.ones([2]), [2])", () => random.uniform(np.ones([2]), [2]), "random.uniform", "expected a single key", "f32[2]"),
  misuse("random.randint(k, [2], 0, '10')", () => random.randint(k, [2], 0, any("10")), "random.randint", "maxval must be a number or an array", '"10"'),
  misuse("random.uniform(k, [2], {minval: '0'})", () => random.uniform(k, [2], { minval: any("0") }), "random.uniform", "minval must be a number or an array", '"0"'),
  misuse("lax.whileLoop(null, f, 0)", () => lax.whileLoop(any(null), (c) => c, 0), "lax.whileLoop", "condFn must be a function, got null"),
  misuse("lax.cond(true, 'a', f)", () => lax.cond(true, any("a"), () => 0), "lax.cond", "trueFn must be a function"),
  misuse("lax.switch(0, [f, 1])", () => lax.switch(0, any([() => 0, 1])), "lax.switch", "branches[1] must be a function"),
  misuse("lax.cumsum(x, 0, 'yes')", () => lax.cumsum(x, 0, any("yes")), "lax.cumsum", "reverse must be true or false"),
  misuse("lax.convertElementType(x, 'float16')", () => lax.convertElementType(x, any("float16")), "lax.convertElementType", "dtype must be one of", '"float16"'),
  // the same checks as np, with the same words (np.astype(x, 'float16'), np.transpose(x, [0.5, 1]))
  misuse("lax.convertElementType(x, 'int8')", () => lax.convertElementType(x, any("int8")), 'tessera.lax.convertElementType: dtype must be one of bool, uint32, int32, float32, float64, got "int8"'),
  misuse("lax.transpose(x, [0.5, 1])", () => lax.transpose(x, [0.5, 1]), "tessera.lax.transpose: permutation[0] must be an integer, got 0.5"),
  misuse("nn.oneHot(i, 2.5)", () => nn.oneHot(np.array([0, 1]), 2.5), "nn.oneHot", "numClasses must be a non-negative integer", "2.5"),
];
