/**
 * Generates the WebAssembly SIMD module that replays a log of plane rotations on the rows of a
 * float64 matrix (the eigenvector and singular vector updates of eigh and svd; see
 * core/kernels/linalg/rotations.ts). Two float64 lanes per instruction and no bounds checks make
 * it several times faster than the same loop in JavaScript.
 *
 * Each entry is computed as (c a + s b, c b - s a) with separate multiplies and adds, exactly as
 * the JavaScript fallback does, so both paths give bitwise the same result.
 */
import { f64x2, i32, i32Const, i32Load, i32Op, localGet, localSet, repeat, seq, v128, v128Load, v128Load64Splat, v128Store, type Code, type ModuleDef } from "./encoder.js";

/**
 * The module. Export `replay(x, stride, pairs, rows, cs, count)` applies `count` rotations to a
 * strip of `pairs` float64 pairs of each row of the matrix whose strip starts at byte address x,
 * rows `stride` bytes apart. Rotation k reads rows p, q as int32 at `rows + 8k` and c, s as float64
 * at `cs + 16k`, and sets (row p, row q) := (c row p + s row q, c row q - s row p).
 */
export function rotationsModule(): ModuleDef {
  const [x, stride, pairs, rows, cs, count] = [0, 1, 2, 3, 4, 5];
  const [a, b, pairCounter, rotationCounter, c, s, va, vb] = [6, 7, 8, 9, 10, 11, 12, 13];
  const rowAddress = (offset: number): Code => seq(localGet(x), localGet(rows), i32Load(offset), localGet(stride), i32Op.mul, i32Op.add);
  const advance = (pointer: number, bytes: number): Code => seq(localGet(pointer), i32Const(bytes), i32Op.add, localSet(pointer));
  const times = (u: number, v: number): Code => seq(localGet(u), localGet(v), f64x2.mul);
  const pair = seq(
    localGet(a), v128Load(0), localSet(va),
    localGet(b), v128Load(0), localSet(vb),
    localGet(a), times(c, va), times(s, vb), f64x2.add, v128Store(0),
    localGet(b), times(c, vb), times(s, va), f64x2.sub, v128Store(0),
    advance(a, 16),
    advance(b, 16),
  );
  const rotation = seq(
    rowAddress(0), localSet(a),
    rowAddress(4), localSet(b),
    localGet(cs), v128Load64Splat(0), localSet(c),
    localGet(cs), v128Load64Splat(8), localSet(s),
    repeat(pairCounter, localGet(pairs), pair),
    advance(rows, 8),
    advance(cs, 16),
  );
  return {
    functions: [{
      params: [i32, i32, i32, i32, i32, i32],
      results: [],
      locals: [i32, i32, i32, i32, v128, v128, v128, v128],
      body: repeat(rotationCounter, localGet(count), rotation),
      exportAs: "replay",
    }],
    memoryPages: 1,
  };
}
