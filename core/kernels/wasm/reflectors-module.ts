/**
 * Generates the WebAssembly SIMD module that applies a Householder reflector H = I - tau v vᵀ
 * (v[0] taken as 1) to a run of float64 vectors: the inner step of QR, of forming Q from its
 * reflectors, and of the tridiagonal and bidiagonal reductions (see core/kernels/linalg/reflector.ts,
 * whose JavaScript `reflectEach` is the fallback and does the same operations in the same order).
 *
 * For each vector y: d = y[0] + vᵀy over entries 1.., with the odd entries (1, 3, ...) summed in
 * lane 0 after y[0] and the even ones (2, 4, ...) in lane 1 from zero, the lanes added, then the
 * last entry if the pairs left one over; f = tau d; y[0] -= f; y[i] -= f v[i]. Four vectors go
 * at a time, so each load of v serves four of them.
 */
import {
  f64, f64Load, f64Op, f64Store, f64x2, f64x2ExtractLane, i32, i32Const, i32Op, ifElse, localGet, localSet, repeat, seq,
  v128, v128Load, v128Load64Zero, v128Store, type Code, type ModuleDef, type ValueType,
} from "./encoder.js";
import { lowerRank2Function, lowerTimesFunction } from "./tridiagonal-module.js";

// Parameters, then locals, by index.
const [vp, length, tau, yp, stride, count] = [0, 1, 2, 3, 4, 5];
const [pairs, odd, tail, offset, counter, groups, vv, tv] = [6, 7, 8, 9, 10, 11, 12, 13];
const lanes = 4;
const y = (j: number): number => 14 + j; // i32: address of vector j of the group
const acc = (j: number): number => 14 + lanes + j; // v128: its two partial sums
const f = (j: number): number => 14 + 2 * lanes + j; // f64: its tau d
const fs = (j: number): number => 14 + 3 * lanes + j; // v128: f in both lanes

/**
 * The module. Export `reflect(v, length, tau, y, stride, count)` applies the reflector whose v
 * (`length` float64) is at byte address v to the `count` vectors of `length` float64 at y,
 * y + stride, ... (byte addresses and strides). It also exports the tridiagonal reduction's
 * `lowerTimes` and `lowerRank2` (tridiagonal-module.ts), which work on the same memory.
 */
export function reflectorsModule(): ModuleDef {
  const locals: ValueType[] = [i32, i32, i32, i32, i32, i32, v128, f64, ...Array<ValueType>(lanes).fill(i32), ...Array<ValueType>(lanes).fill(v128), ...Array<ValueType>(lanes).fill(f64), ...Array<ValueType>(lanes).fill(v128)];
  const body = seq(
    // pairs = (length - 1) >> 1 whole pairs from entry 1; odd = one entry left at byte `tail`.
    localGet(length), i32Const(1), i32Op.sub, i32Const(1), i32Op.shrU, localSet(pairs),
    localGet(length), i32Const(1), i32Op.sub, i32Const(1), i32Op.and, localSet(odd),
    localGet(pairs), i32Const(16), i32Op.mul, i32Const(8), i32Op.add, localSet(tail),
    repeat(groups, seq(localGet(count), i32Const(2), i32Op.shrU), group(lanes)),
    repeat(groups, seq(localGet(count), i32Const(3), i32Op.and), group(1)),
  );
  return {
    functions: [{ params: [i32, i32, f64, i32, i32, i32], results: [], locals, body, exportAs: "reflect" }, lowerTimesFunction(), lowerRank2Function()],
    memoryPages: 1,
  };
}

/** The reflector applied to `k` vectors from `yp` on, then `yp` advanced past them. */
function group(k: number): Code {
  const each = (code: (j: number) => Code): Code => seq(...Array.from({ length: k }, (_, j) => code(j)));
  const at = (base: Code): Code => seq(base, localGet(offset), i32Op.add);
  const dot = seq(
    each((j) => seq(localGet(yp), localGet(stride), i32Const(j), i32Op.mul, i32Op.add, localSet(y(j)))),
    each((j) => seq(localGet(y(j)), v128Load64Zero(0), localSet(acc(j)))),
    i32Const(8), localSet(offset),
    repeat(counter, localGet(pairs), seq(
      at(localGet(vp)), v128Load(0), localSet(vv),
      each((j) => seq(localGet(acc(j)), localGet(vv), at(localGet(y(j))), v128Load(0), f64x2.mul, f64x2.add, localSet(acc(j)))),
      localGet(offset), i32Const(16), i32Op.add, localSet(offset),
    )),
    each((j) => seq(localGet(acc(j)), f64x2ExtractLane(0), localGet(acc(j)), f64x2ExtractLane(1), f64Op.add, localSet(f(j)))),
    localGet(odd),
    ifElse(seq(
      localGet(vp), localGet(tail), i32Op.add, f64Load(0), localSet(tv),
      each((j) => seq(localGet(f(j)), localGet(tv), localGet(y(j)), localGet(tail), i32Op.add, f64Load(0), f64Op.mul, f64Op.add, localSet(f(j)))),
    )),
    each((j) => seq(localGet(tau), localGet(f(j)), f64Op.mul, localSet(f(j)))),
  );
  const update = seq(
    each((j) => seq(localGet(y(j)), localGet(y(j)), f64Load(0), localGet(f(j)), f64Op.sub, f64Store(0))),
    each((j) => seq(localGet(f(j)), f64x2.splat, localSet(fs(j)))),
    i32Const(8), localSet(offset),
    repeat(counter, localGet(pairs), seq(
      at(localGet(vp)), v128Load(0), localSet(vv),
      each((j) => seq(at(localGet(y(j))), at(localGet(y(j))), v128Load(0), localGet(fs(j)), localGet(vv), f64x2.mul, f64x2.sub, v128Store(0))),
      localGet(offset), i32Const(16), i32Op.add, localSet(offset),
    )),
    localGet(odd),
    ifElse(seq(
      localGet(vp), localGet(tail), i32Op.add, f64Load(0), localSet(tv),
      each((j) => seq(localGet(y(j)), localGet(tail), i32Op.add, localGet(y(j)), localGet(tail), i32Op.add, f64Load(0), localGet(f(j)), localGet(tv), f64Op.mul, f64Op.sub, f64Store(0))),
    )),
  );
  return seq(dot, update, localGet(yp), localGet(stride), i32Const(k), i32Op.mul, i32Op.add, localSet(yp));
}
