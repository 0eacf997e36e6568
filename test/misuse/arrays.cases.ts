/**
 * Misuse rows for arrays that cannot be silently coerced or mutated (issue 9, section 4): JS
 * conversions of arrays with more than one element, conversions of tracers, writes to storage,
 * and leaked tracers through the ops whose shortcuts return their operand.
 */
import { grad, jit, NdArray, np, vmap, type ArrayValue } from "../../index.js";
import { misuse, type MisuseCase } from "./case.js";

// JS operators on arrays are what these rows exercise, so operands are loosely typed.
/* eslint-disable @typescript-eslint/no-explicit-any */
const loose = (x: ArrayValue): any => x;
const branchy = (x: ArrayValue): ArrayValue => (loose(x) > 0 ? x : x.neg());

/** A tracer that escaped from jit (stored in an outer variable, used after jit returned). */
function leakedTracer(): ArrayValue {
  let t: ArrayValue | undefined;
  jit((x: ArrayValue) => ((t = x), x))(np.array([1, 2]));
  return t!;
}

export const arraysCases: readonly MisuseCase[] = [
  misuse("+np.array([1, 2])", () => +loose(np.array([1, 2])), "cannot convert an array of f32[2] (2 elements) to a JS number", "x.item()"),
  misuse("np.array([1, -2]) > 0", () => loose(np.array([1, -2])) > 0, "only a one-element array converts", "np.any(x) / np.all(x)", "x.gt(0)"),
  misuse("np.array([1, 2]) + 1", () => loose(np.array([1, 2])) + 1, "only a one-element array converts", "x.add(1)", "String(x)"),
  misuse("Number(np.zeros([0]))", () => Number(np.zeros([0])), "f32[0] (0 elements)"),
  misuse("np.array([1, 2]).valueOf()", () => np.array([1, 2]).valueOf(), "tessera.valueOf", "only a one-element array converts"),
  misuse("jit(x => (x > 0 ? x : x.neg()))(np.array(2))", () => jit(branchy)(np.array(2)), "abstract tracer value", "f32[] inside jit", "lax.cond", "np.where", "staticArgnums"),
  misuse("jit(x => np.array(Number(x)))(np.array(2))", () => jit((x: ArrayValue) => np.array(Number(x)))(np.array(2)), "f32[] inside jit", "lax.cond"),
  misuse("grad(x => (x > 0 ? x : x.neg()))(np.array(2))", () => grad(branchy)(np.array(2)), "f32[] inside grad"),
  misuse("vmap(x => (x > 0 ? x : x.neg()))(np.array([1, -2]))", () => vmap(branchy)(np.array([1, -2])), "f32[] inside vmap"),
  misuse("jit(x => np.array(x.item()))(np.array(2))", () => jit((x: ArrayValue) => np.array(x.item()))(np.array(2)), "tessera.item", "inside jit"),
  misuse("jit(x => np.array(x.toTypedArray()))(np.array([2]))", () => jit((x: ArrayValue) => np.array(x.toTypedArray()))(np.array([2])), "tessera.toTypedArray", "inside jit"),
  misuse("x.data[0] = 42", () => ((np.array([1, 2]) as any).data[0] = 42), "storage is private", "x.toTypedArray()", "x.at(index).set(value)"),
  misuse("x.data = new Float32Array(2)", () => ((np.array([1, 2]) as any).data = new Float32Array(2)), "storage is private"),
  misuse("NdArray.fromBuffer([1, 2], [2])", () => NdArray.fromBuffer([1, 2] as never, [2]), "data must be a Float32Array", "got [1, 2]"),
  misuse("NdArray.fromBuffer(new Int8Array(2), [2])", () => NdArray.fromBuffer(new Int8Array(2) as never, [2]), "Uint8Array (bool)", "Int8Array"),
  misuse("NdArray.fromBuffer(new Float32Array(2), [2.5])", () => NdArray.fromBuffer(new Float32Array(2), [2.5]), "shape must be a list of non-negative integers"),
  misuse("np.positive(t) (t leaked from jit)", () => np.positive(leakedTracer()), "tessera.positive", "from a jit transform that has already returned"),
  misuse("np.array(t) (t leaked from jit)", () => np.array(leakedTracer()), "tessera.array", "has already returned"),
  misuse("np.squeeze(t) (t leaked from jit)", () => np.squeeze(leakedTracer()), "tessera.squeeze", "has already returned"),
  misuse("np.broadcastTo(t, t.shape) (t leaked from jit)", () => { const t = leakedTracer(); return np.broadcastTo(t, t.shape); }, "tessera.broadcastTo", "has already returned"),
  misuse("np.reshape(t, t.shape) (t leaked from jit)", () => { const t = leakedTracer(); return np.reshape(t, t.shape); }, "has already returned"),
  misuse("np.astype(t, t.dtype) (t leaked from jit)", () => { const t = leakedTracer(); return np.astype(t, t.dtype); }, "has already returned"),
  misuse("t.slice(null) (t leaked from jit)", () => leakedTracer().slice(null), "tessera.slice", "has already returned"),
  misuse("Number(t) (t leaked from jit)", () => Number(leakedTracer()), "has already returned"),
];
