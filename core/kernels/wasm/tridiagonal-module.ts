/**
 * The two WebAssembly SIMD functions of the tridiagonal reduction's inner step (see
 * core/kernels/linalg/tridiagonal.ts, whose JavaScript is the fallback and does the same
 * operations in the same order), on a symmetric block stored in the lower triangle of rows
 * `stride` bytes apart. They live in the reflectors module (reflectors-module.ts), so that they
 * work on the same scratch memory.
 *
 * lowerTimes(a, stride, len, v, p): p := A v. Row r, in order: d = the dot product of its entries
 * 0..r-1 with v (even columns summed in lane 0, odd in lane 1, the lanes added, then a last
 * odd-one-out column), p[c] += A[r][c] v[r] for c < r, then p[r] += d + A[r][r] v[r].
 *
 * lowerRank2(a, stride, len, v, w): A[r][c] -= v[r] w[c] + w[r] v[c] for c <= r.
 */
import {
  f64, f64Load, f64Op, f64Store, f64x2, f64x2ExtractLane, i32, i32Const, i32Op, ifElse, localGet, localSet, repeat, seq,
  v128, v128Load, v128Store, v128Zero, type Code, type FunctionDef,
} from "./encoder.js";

const [a, stride, len, v, p] = [0, 1, 2, 3, 4];
// Locals shared by both functions (after the five i32 parameters).
const [row, r, offset, counter, pairs, vr, acc, x, dot, wr, vrs, wrs, rowCounter] = [5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17];
const locals = [i32, i32, i32, i32, i32, f64, v128, v128, f64, f64, v128, v128, i32] as const;

/** `f64.const 0`. */
const f64Zero: Code = [0x44, 0, 0, 0, 0, 0, 0, 0, 0];
const at = (base: number): Code => seq(localGet(base), localGet(offset), i32Op.add);
const scalarAt = (base: number, index: number): Code => seq(localGet(base), localGet(index), i32Const(8), i32Op.mul, i32Op.add);
const nextPair = seq(localGet(offset), i32Const(16), i32Op.add, localSet(offset));

/** Runs `body` for r = 0..len-1 with `row` at A's row r. */
function eachRow(body: Code): Code {
  return seq(
    i32Const(0), localSet(r), localGet(a), localSet(row),
    repeat(rowCounter, localGet(len), seq(
      body,
      localGet(r), i32Const(1), i32Op.add, localSet(r),
      localGet(row), localGet(stride), i32Op.add, localSet(row),
    )),
  );
}

/** The lowerTimes export. */
export function lowerTimesFunction(): FunctionDef {
  const rowBody = seq(
    scalarAt(v, r), f64Load(0), localSet(vr),
    localGet(vr), f64x2.splat, localSet(vrs),
    v128Zero, localSet(acc),
    i32Const(0), localSet(offset),
    localGet(r), i32Const(1), i32Op.shrU, localSet(pairs),
    repeat(counter, localGet(pairs), seq(
      at(row), v128Load(0), localSet(x),
      localGet(acc), localGet(x), at(v), v128Load(0), f64x2.mul, f64x2.add, localSet(acc),
      at(p), at(p), v128Load(0), localGet(x), localGet(vrs), f64x2.mul, f64x2.add, v128Store(0),
      nextPair,
    )),
    localGet(acc), f64x2ExtractLane(0), localGet(acc), f64x2ExtractLane(1), f64Op.add, localSet(dot),
    // An odd r leaves column r - 1, at byte `offset`.
    localGet(r), i32Const(1), i32Op.and,
    ifElse(seq(
      localGet(dot), at(row), f64Load(0), at(v), f64Load(0), f64Op.mul, f64Op.add, localSet(dot),
      at(p), at(p), f64Load(0), at(row), f64Load(0), localGet(vr), f64Op.mul, f64Op.add, f64Store(0),
    )),
    // p[r] += d + A[r][r] v[r]
    scalarAt(p, r), scalarAt(p, r), f64Load(0),
    localGet(dot), localGet(row), localGet(r), i32Const(8), i32Op.mul, i32Op.add, f64Load(0), localGet(vr), f64Op.mul, f64Op.add,
    f64Op.add, f64Store(0),
  );
  const zeroP = seq(i32Const(0), localSet(r), repeat(counter, localGet(len), seq(scalarAt(p, r), f64Zero, f64Store(0), localGet(r), i32Const(1), i32Op.add, localSet(r))));
  return { params: [i32, i32, i32, i32, i32], results: [], locals: [...locals], body: seq(zeroP, eachRow(rowBody)), exportAs: "lowerTimes" };
}

/** The lowerRank2 export. */
export function lowerRank2Function(): FunctionDef {
  const w = p;
  const rowBody = seq(
    scalarAt(v, r), f64Load(0), localSet(vr),
    scalarAt(w, r), f64Load(0), localSet(wr),
    localGet(vr), f64x2.splat, localSet(vrs),
    localGet(wr), f64x2.splat, localSet(wrs),
    i32Const(0), localSet(offset),
    // Columns 0..r: (r + 1) >> 1 pairs, then column r alone when r is even.
    localGet(r), i32Const(1), i32Op.add, i32Const(1), i32Op.shrU, localSet(pairs),
    repeat(counter, localGet(pairs), seq(
      at(row), at(row), v128Load(0),
      localGet(vrs), at(w), v128Load(0), f64x2.mul, localGet(wrs), at(v), v128Load(0), f64x2.mul, f64x2.add,
      f64x2.sub, v128Store(0),
      nextPair,
    )),
    localGet(r), i32Const(1), i32Op.and, i32Op.eqz,
    ifElse(seq(
      at(row), at(row), f64Load(0),
      localGet(vr), at(w), f64Load(0), f64Op.mul, localGet(wr), at(v), f64Load(0), f64Op.mul, f64Op.add,
      f64Op.sub, f64Store(0),
    )),
  );
  return { params: [i32, i32, i32, i32, i32], results: [], locals: [...locals], body: eachRow(rowBody), exportAs: "lowerRank2" };
}
