/**
 * Generates the WebAssembly SIMD float32 matmul (sgemm) module.
 *
 * Operands arrive packed (see sgemm.ts): A in panels of `rows` rows, B in panels of `cols`
 * columns, both k-major, zero-padded to whole panels. A register-blocked micro-kernel keeps a
 * rows x cols tile of C in `rows * cols / 4` f32x4 accumulators; each k step loads `cols / 4`
 * vectors of B, splats one float of A per row, and does a mul + add per accumulator. Around it,
 * the depth is blocked by `depthBlock` (an A and a B panel stay in L1) and rows by `rowBlock` (a
 * block of A panels stays in L2 while each B panel is swept over it).
 *
 * The k loop is not unrolled: V8's TurboFan hoists the loads of every unrolled step to the top of
 * the loop body, runs out of xmm registers and spills accumulators (measured: a 4 x 8 tile
 * unrolled by 2 or 4 ran at a third to two thirds of the speed of the plain loop).
 *
 * Each C element is a float32 sum in k order within a depth block, added to C block by block, so
 * results depend only on the shapes and values, never on call history.
 */
import {
  block, brIf, call, f32x4, i32, i32Const, i32Load, i32Op, i32Store, ifElse, localGet, localSet, loop, repeat, seq,
  v128, v128Load, v128Load32Splat, v128Store, v128Zero, type Code, type FunctionDef, type ModuleDef, type ValueType,
} from "./encoder.js";

/** The blocking of the generated kernel. */
export interface SgemmConfig {
  /** Rows of the register tile (A panel height). */
  readonly rows: number;
  /** Columns of the register tile (B panel width), a multiple of 4. */
  readonly cols: number;
  /** Depth block in k steps. */
  readonly depthBlock: number;
  /** Row block in rows, a multiple of `rows`. */
  readonly rowBlock: number;
}

// A 5 x 8 tile takes 10 accumulators + 2 B vectors + 1 splat + 1 product = 14 of the 15 xmm
// registers V8 allocates on x86-64 (one is its scratch); 6 x 8 spills and ran at half the speed.
// Depth 512: a 5 x 512 A panel and a 512 x 8 B panel are 26 KB of a 32 KB L1; 120 rows x 512 of
// A are 240 KB of a 512 KB L2. Measured on the 2-core AMD EPYC (Zen 3) this project runs on.
/** The blocking in use. */
export const sgemmConfig: SgemmConfig = { rows: 5, cols: 8, depthBlock: 512, rowBlock: 120 };

/**
 * The module. Export `sgemm(pa, pb, pc, mp, np, kc, accumulate)` computes (or, when accumulate is
 * non-zero, adds to) the row-major [mp, np] float32 matrix at byte address pc the product of
 * packed A (mp rows, depth kc) at pa and packed B (np columns, depth kc) at pb. Exports `packA`
 * and `packB` build the full panels of each (see `packer`).
 */
export function sgemmModule(config: SgemmConfig = sgemmConfig): ModuleDef {
  return { functions: [microKernel(config), driver(config), packer(config.rows, "packA"), packer(config.cols, "packB")], memoryPages: 1 };
}

/** `forLoop`: counter from `start` while below the local `limit`, stepping by `step`. */
function forLoop(counter: number, start: Code, limit: number, step: number, body: Code): Code {
  const next = seq(localGet(counter), i32Const(step), i32Op.add, localSet(counter));
  const more = seq(localGet(counter), localGet(limit), i32Op.ltU, brIf(0));
  return seq(start, localSet(counter), block(seq(localGet(counter), localGet(limit), i32Op.geU, brIf(0), loop(seq(body, next, more)))));
}

/**
 * micro(aptr, bptr, cptr, kb, ldc, accumulate): one rows x cols tile of C (row stride ldc bytes)
 * from an A panel and a B panel of depth kb.
 */
function microKernel({ rows, cols }: SgemmConfig): FunctionDef {
  const [aptr, bptr, cptr, kb, ldc, accumulate, counter, row] = [0, 1, 2, 3, 4, 5, 6, 7];
  const vectors = cols / 4;
  const acc = (r: number, c: number): number => 8 + r * vectors + c;
  const bvec = (c: number): number => 8 + rows * vectors + c;
  const avec = 8 + rows * vectors + vectors;
  const tile = [...Array(rows).keys()].flatMap((r) => [...Array(vectors).keys()].map((c) => [r, c] as const));

  const step: number[] = [];
  for (let c = 0; c < vectors; c++) step.push(...localGet(bptr), ...v128Load(16 * c), ...localSet(bvec(c)));
  for (let r = 0; r < rows; r++) {
    step.push(...localGet(aptr), ...v128Load32Splat(4 * r), ...localSet(avec));
    for (let c = 0; c < vectors; c++) {
      step.push(...localGet(acc(r, c)), ...localGet(avec), ...localGet(bvec(c)), ...f32x4.mul, ...f32x4.add, ...localSet(acc(r, c)));
    }
  }
  const advance = (pointer: number, bytes: number): Code => seq(localGet(pointer), i32Const(bytes), i32Op.add, localSet(pointer));

  const store = (add: boolean): Code => {
    const code: number[] = [...localGet(cptr), ...localSet(row)];
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < vectors; c++) {
        const old = add ? seq(localGet(row), v128Load(c * 16)) : [];
        code.push(...localGet(row), ...old, ...localGet(acc(r, c)), ...(add ? f32x4.add : []), ...v128Store(c * 16));
      }
      code.push(...localGet(row), ...localGet(ldc), ...i32Op.add, ...localSet(row));
    }
    return code;
  };

  return {
    params: [i32, i32, i32, i32, i32, i32],
    results: [],
    locals: [i32, i32, ...new Array<ValueType>(rows * vectors + vectors + 1).fill(v128)],
    body: seq(
      tile.flatMap(([r, c]) => seq(v128Zero, localSet(acc(r, c)))),
      repeat(counter, localGet(kb), seq(step, advance(aptr, rows * 4), advance(bptr, cols * 4))),
      localGet(accumulate),
      ifElse(store(true), store(false)),
    ),
  };
}

/** sgemm(pa, pb, pc, mp, np, kc, accumulate): the blocked loops around the micro-kernel (function 0). */
function driver({ rows, cols, depthBlock, rowBlock }: SgemmConfig): FunctionDef {
  const [pa, pb, pc, mp, np, kc, accumulate] = [0, 1, 2, 3, 4, 5, 6];
  const [k0, kb, add, i1, ie, j0, i0, bptr, ldc] = [7, 8, 9, 10, 11, 12, 13, 14, 15];
  const left = seq(localGet(kc), localGet(k0), i32Op.sub);
  const minimum = (x: Code, y: Code): Code => seq(x, y, x, y, i32Op.ltU, i32Op.select);
  const times = (x: number, y: number): Code => seq(localGet(x), localGet(y), i32Op.mul);

  const tileCall = seq(
    // A panel at pa + (i0 * kc + k0 * rows) * 4, C tile at pc + (i0 * np + j0) * 4.
    localGet(pa), times(i0, kc), localGet(k0), i32Const(rows), i32Op.mul, i32Op.add, i32Const(4), i32Op.mul, i32Op.add,
    localGet(bptr),
    localGet(pc), times(i0, np), localGet(j0), i32Op.add, i32Const(4), i32Op.mul, i32Op.add,
    localGet(kb), localGet(ldc), localGet(add),
    call(0),
  );
  const panelSweep = seq(
    // B panel at pb + (j0 * kc + k0 * cols) * 4.
    localGet(pb), times(j0, kc), localGet(k0), i32Const(cols), i32Op.mul, i32Op.add, i32Const(4), i32Op.mul, i32Op.add, localSet(bptr),
    forLoop(i0, localGet(i1), ie, rows, tileCall),
  );
  const rowBlockLoop = seq(
    minimum(seq(localGet(i1), i32Const(rowBlock), i32Op.add), localGet(mp)), localSet(ie),
    forLoop(j0, i32Const(0), np, cols, panelSweep),
  );
  const depthLoop = seq(
    minimum(left, i32Const(depthBlock)), localSet(kb),
    localGet(accumulate), localGet(k0), i32Const(0), i32Op.ne, i32Op.or, localSet(add),
    forLoop(i1, i32Const(0), mp, rowBlock, rowBlockLoop),
  );
  return {
    params: [i32, i32, i32, i32, i32, i32, i32],
    results: [],
    locals: new Array<ValueType>(9).fill(i32),
    body: seq(localGet(np), i32Const(4), i32Op.mul, localSet(ldc), forLoop(k0, i32Const(0), kc, depthBlock, depthLoop)),
    exportAs: "sgemm",
  };
}

/**
 * pack(dst, src, lineStride, depthStride, panels, depth): copies `panels` full panels of `width`
 * lines (rows of A or columns of B) from a strided matrix at src into the depth-major panel
 * layout at dst. Addresses and strides are in bytes; words are copied as integers, bit for bit.
 */
function packer(width: number, exportAs: string): FunctionDef {
  const [dst, src, lineStride, depthStride, panels, depth, counter, at, from] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
  const bump = (pointer: number, by: Code): Code => seq(localGet(pointer), by, i32Op.add, localSet(pointer));
  // Lines spread through memory: one word per line, walking `from` across the lines.
  const strided: number[] = [...localGet(at), ...localSet(from)];
  for (let l = 0; l < width; l++) {
    strided.push(...localGet(dst), ...localGet(from), ...i32Load(0), ...i32Store(4 * l));
    if (l < width - 1) strided.push(...bump(from, localGet(lineStride)));
  }
  // Adjacent lines: whole vectors, then single words.
  const adjacent: number[] = [];
  for (let l = 0; l + 4 <= width; l += 4) adjacent.push(...localGet(dst), ...localGet(at), ...v128Load(4 * l), ...v128Store(4 * l));
  for (let l = width - (width % 4); l < width; l++) adjacent.push(...localGet(dst), ...localGet(at), ...i32Load(4 * l), ...i32Store(4 * l));

  const panelLoop = (step: Code): Code =>
    repeat(panels, localGet(panels), seq(
      localGet(src), localSet(at),
      repeat(counter, localGet(depth), seq(step, bump(dst, i32Const(4 * width)), bump(at, localGet(depthStride)))),
      bump(src, seq(localGet(lineStride), i32Const(width), i32Op.mul)),
    ));
  return {
    params: [i32, i32, i32, i32, i32, i32],
    results: [],
    locals: [i32, i32, i32],
    body: seq(localGet(lineStride), i32Const(4), i32Op.eq, ifElse(panelLoop(adjacent), panelLoop(strided))),
    exportAs,
  };
}
