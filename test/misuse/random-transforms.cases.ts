/** Misuse rows for random numbers inside transformed code: keys and sizes a transform cannot take. */
import * as np from "../../core/numpy/index.js";
import type { ArrayValue } from "../../core/ndarray.js";
import * as random from "../../core/random/index.js";
import { grad } from "../../transforms/autodiff.js";
import { vmap } from "../../transforms/vmap.js";
import { jit } from "../../transforms/jit/jit.js";
import { scan } from "../../transforms/scan.js";
import { misuse, type MisuseCase } from "./case.js";

const key = random.key(0);
const normal3 = (k: ArrayValue) => random.normal(k, [3]);

export const randomTransformCases: readonly MisuseCase[] = [
  misuse("jit(k => random.normal(k, [3]))(random.split(key, 4))", () => jit(normal3)(random.split(key, 4)), "random.normal", "expected a single key", "got u32[4,2]", "map over them (vmap)"),
  misuse("vmap(k => random.normal(k, [3]))(random.split(key, [4, 3]))", () => vmap(normal3)(random.split(key, [4, 3])), "random.normal", "got u32[3,2]", "map over them (vmap)"),
  misuse("vmap(k => random.normal(k, [3]), {inAxes: 1})(random.split(key, 4))", () => vmap(normal3, { inAxes: 1 })(random.split(key, 4)), "random.normal", "uint32 array of shape [2]", "got u32[4]"),
  misuse("jit(k => random.normal(k, [3]))(np.array([0, 1]))", () => jit(normal3)(np.array([0, 1])), "random.normal", "uint32 array of shape [2]", "got f32[2]"),
  misuse("scan((c, k) => [c, random.normal(k, [2])], 0, np.zeros([3, 2]))", () => scan((c: ArrayValue, k: ArrayValue) => [c, random.normal(k, [2])] as const, 0, np.zeros([3, 2])), "random.normal", "got f32[2]"),
  misuse("grad(k => random.normal(k, [3]).sum())(key)", () => grad((k: ArrayValue) => np.sum(normal3(k)))(key), "grad", "cannot differentiate with respect to argument 0", "uint32"),
  misuse("jit((k, n) => random.split(k, n))(key, 3)", () => jit((k: ArrayValue, n: number) => random.split(k, n))(key, 3), "random.split", "num must be known when the function is traced", "staticArgnums"),
  misuse("jit((k, n) => random.normal(k, [n]))(key, 3)", () => jit((k: ArrayValue, n: number) => random.normal(k, [n]))(key, 3), "random.normal", "shape must be known when the function is traced", "staticArgnums"),
  misuse("jit((k, n) => random.permutation(k, n))(key, 5)", () => jit((k: ArrayValue, n: number) => random.permutation(k, n))(key, 5), "random.permutation", "population size must be a JS number", "staticArgnums"),
  misuse("jit((k, n) => random.choice(k, n, {shape: [2]}))(key, 5)", () => jit((k: ArrayValue, n: number) => random.choice(k, n, { shape: [2] }))(key, 5), "random.choice", "population size must be a JS number"),
  misuse("jit(s => random.key(s))(np.array(1.5))", () => jit((s: ArrayValue) => random.key(s))(np.array(1.5)), "random.key", "seed must be a scalar integer", "f32[]"),
  misuse("jit((k, d) => random.foldIn(k, d))(key, np.array([1, 2], {dtype: 'int32'}))", () => jit((k: ArrayValue, d: ArrayValue) => random.foldIn(k, d))(key, np.array([1, 2], { dtype: "int32" })), "random.foldIn", "data must be a scalar integer", "i32[2]"),
  misuse("random.normal(key, [2], {dtype: 1n})", () => random.normal(key, [2], { dtype: 1n as never }), "random.normal", "dtype must be a float dtype", "1n"),
];
