/**
 * Generates the WebAssembly SIMD module that replays a log of plane rotations on the rows of a
 * float64 matrix (the eigenvector and singular vector updates of eigh and svd; see
 * core/kernels/linalg/rotations.ts). Two float64 lanes per instruction and no bounds checks make
 * it several times faster than the same loop in JavaScript.
 *
 * Each entry is computed as (c a + s b, c b - s a) with separate multiplies and adds, exactly as
 * the JavaScript fallback does, so both paths give bitwise the same result.
 */
import {
  block, br, brIf, f64x2, i32, i32Const, i32Load, i32Op, ifElse, localGet, localSet, loop, repeat, seq, v128, v128Load, v128Load64Splat, v128Store, type Code, type ModuleDef,
} from "./encoder.js";

/**
 * The module. Export `replay(x, stride, pairs, rows, cs, count)` applies `count` rotations to a
 * strip of `pairs` float64 pairs of each row of the matrix whose strip starts at byte address x,
 * rows `stride` bytes apart. Rotation k reads rows p, q as int32 at `rows + 8k` and c, s as float64
 * at `cs + 16k`, and sets (row p, row q) := (c row p + s row q, c row q - s row p).
 *
 * Two rotations in a row that share a row (rotation k's q is rotation k+1's p, as along a QR or QL
 * sweep) go together: the shared row is loaded and stored once for both.
 */
export function rotationsModule(): ModuleDef {
  const [x, stride, pairs, rows, cs, count] = [0, 1, 2, 3, 4, 5];
  const [a, b, e, pairCounter, c, s, c2, s2, va, vb, ve] = [6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16];
  const rowAddress = (offset: number): Code => seq(localGet(x), localGet(rows), i32Load(offset), localGet(stride), i32Op.mul, i32Op.add);
  const advance = (pointer: number, bytes: number): Code => seq(localGet(pointer), i32Const(bytes), i32Op.add, localSet(pointer));
  const times = (u: number, v: number): Code => seq(localGet(u), localGet(v), f64x2.mul);
  const load = (address: number, into: number): Code => seq(localGet(address), v128Load(0), localSet(into));
  // (row p, row q) := (c p + s q, c q - s p) on the loaded vectors, leaving the new q in `q`.
  const rotate = (cos: number, sin: number, p: number, q: number, storeP: number): Code => seq(
    localGet(storeP), times(cos, p), times(sin, q), f64x2.add, v128Store(0),
    times(cos, q), times(sin, p), f64x2.sub, localSet(q),
  );
  const single = seq(
    rowAddress(0), localSet(a),
    rowAddress(4), localSet(b),
    localGet(cs), v128Load64Splat(0), localSet(c),
    localGet(cs), v128Load64Splat(8), localSet(s),
    repeat(pairCounter, localGet(pairs), seq(
      load(a, va), load(b, vb),
      rotate(c, s, va, vb, a),
      localGet(b), localGet(vb), v128Store(0),
      advance(a, 16), advance(b, 16),
    )),
    advance(rows, 8), advance(cs, 16), localGet(count), i32Const(1), i32Op.sub, localSet(count),
  );
  const double = seq(
    rowAddress(0), localSet(a),
    rowAddress(4), localSet(b),
    rowAddress(12), localSet(e),
    localGet(cs), v128Load64Splat(0), localSet(c),
    localGet(cs), v128Load64Splat(8), localSet(s),
    localGet(cs), v128Load64Splat(16), localSet(c2),
    localGet(cs), v128Load64Splat(24), localSet(s2),
    repeat(pairCounter, localGet(pairs), seq(
      load(a, va), load(b, vb), load(e, ve),
      rotate(c, s, va, vb, a),
      rotate(c2, s2, vb, ve, b),
      localGet(e), localGet(ve), v128Store(0),
      advance(a, 16), advance(b, 16), advance(e, 16),
    )),
    advance(rows, 16), advance(cs, 32), localGet(count), i32Const(2), i32Op.sub, localSet(count),
  );
  // Another rotation follows and its p is this one's q? (Reading past the last rotation reads the
  // c, s area after the rows, which the count test then ignores.)
  const chained = seq(localGet(count), i32Const(2), i32Op.geU, localGet(rows), i32Load(8), localGet(rows), i32Load(4), i32Op.eq, i32Op.and);
  return {
    functions: [{
      params: [i32, i32, i32, i32, i32, i32],
      results: [],
      locals: [i32, i32, i32, i32, v128, v128, v128, v128, v128, v128, v128],
      body: block(loop(seq(localGet(count), i32Op.eqz, brIf(1), chained, ifElse(double, single), br(0)))),
      exportAs: "replay",
    }],
    memoryPages: 1,
  };
}
