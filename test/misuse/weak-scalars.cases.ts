/**
 * Misuse rows for JS numbers and leaked tracers passed as transform arguments: an integer a weak
 * int32 cannot hold is an error (never a quiet float), and a tracer that escaped a finished
 * transform is rejected by every transform it is passed to.
 */
import { jit, jvp, np, vjp, vmap, type ArrayValue } from "../../index.js";
import { misuse, type MisuseCase } from "./case.js";

const x = np.array([1, 2, 3], { dtype: "int32" });
const add = (a: ArrayValue, b: number) => np.add(a, b);
const id = (y: ArrayValue) => y;

/** A tracer leaked out of a finished jit. */
function leaked(): ArrayValue {
  let leak: ArrayValue | undefined;
  jit((v: ArrayValue) => ((leak = v), v))(np.array([1, 2, 3]));
  return leak!;
}

export const weakScalarCases: readonly MisuseCase[] = [
  misuse("jit(add)(int32Array, 2 ** 40)", () => jit(add)(x, 2 ** 40), "tessera.jit: argument 1 is the JS number 1099511627776, an integer outside int32", "OverflowError"),
  misuse("vmap(id)(leakedTracer)", () => vmap(id)(leaked()), "tessera.vmap: a traced value (f32[3]) from a jit transform that has already returned", "escaped"),
  misuse("jvp(id, [leakedTracer], [t])", () => jvp(id, [leaked()], [np.ones([3])]), "tessera.jvp: a traced value (f32[3]) from a jit transform", "escaped"),
  misuse("vjp(id, leakedTracer)", () => vjp(id, leaked()), "tessera.vjp: a traced value (f32[3]) from a jit transform", "escaped"),
];
