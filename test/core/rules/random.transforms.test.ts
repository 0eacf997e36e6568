import { describe, expect, it } from "vitest";
import { evaluate } from "../../../core/eager.js";
import { NdArray } from "../../../core/ndarray.js";
import { rules } from "../../../core/rules/index.js";
import { Zero, type BatchDim, type JaxprTransforms } from "../../../core/rules/rule.js";
import * as np from "../../../core/numpy/index.js";
import * as random from "../../../core/random/index.js";
import { sizeOf } from "../../../core/shape.js";
import { grad, vmap } from "../../../transforms/index.js";

/** First-order rules never use the jaxpr transforms: any use fails loudly. */
const noTransforms = new Proxy({} as JaxprTransforms, {
  get: (_, name) => {
    throw new Error(`the threefry rule used transforms.${String(name)}`);
  },
});

let seed = 7;
const word = (): number => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0);
const bits = (shape: readonly number[]): NdArray => NdArray.fromBuffer(Uint32Array.from({ length: sizeOf(shape) }, word), shape, "uint32");
const values = (x: unknown): number[] => Array.from((x as NdArray).toTypedArray());

/** Slice `i` of axis `axis`, with that axis removed. */
function take(x: NdArray, axis: number, i: number): NdArray {
  const outer = sizeOf(x.shape.slice(0, axis));
  const inner = sizeOf(x.shape.slice(axis + 1));
  const len = x.shape[axis]!;
  const data: number[] = [];
  for (let o = 0; o < outer; o++) for (let k = 0; k < inner; k++) data.push(x.toTypedArray()[(o * len + i) * inner + k]!);
  return NdArray.fromBuffer(Uint32Array.from(data), [...x.shape.slice(0, axis), ...x.shape.slice(axis + 1)], "uint32");
}

describe("threefry2x32 transform rules", () => {
  it("jvp returns the bits with uint32 zero tangents", () => {
    const args = [bits([]), bits([]), bits([2, 3]), bits([3])];
    const [outs, tangents] = rules.threefry2x32.jvp(args, args.map((a) => new Zero({ shape: a.shape, dtype: "uint32" })), {}, noTransforms);
    const expected = evaluate("threefry2x32", args, {});
    outs.forEach((o, i) => expect(values(o)).toEqual(values(expected[i])));
    expect(tangents).toEqual([new Zero({ shape: [2, 3], dtype: "uint32" }), new Zero({ shape: [2, 3], dtype: "uint32" })]);
  });

  it("vmap equals hashing each example, for mapped and unmapped operands of different ranks", () => {
    const size = 3;
    // Per-example shapes broadcast to [2, 4]; each case maps some operands at some axis.
    const exampleShapes = [[], [4], [2, 4], [2, 1]];
    const cases: BatchDim[][] = [
      [0, null, null, null],
      [null, null, 0, 1],
      [null, 0, null, 2],
      [0, 1, 1, null],
      [0, 0, 0, 0],
      [null, null, null, 1],
    ];
    for (const dims of cases) {
      const examples = Array.from({ length: size }, () => exampleShapes.map(bits));
      const args = dims.map((d, i) => {
        if (d === null) return examples[0]![i]!;
        const stacked = NdArray.fromBuffer(Uint32Array.from(examples.flatMap((e) => values(e[i]))), [size, ...exampleShapes[i]!], "uint32");
        const perm = Array.from({ length: stacked.ndim }, (_, k) => k).filter((k) => k !== 0);
        perm.splice(d, 0, 0);
        return evaluate("transpose", [stacked], { permutation: perm })[0]!;
      });
      const [outs, outDims] = rules.threefry2x32.vmap(args, dims, {}, size, noTransforms);
      outs.forEach((o, k) => {
        for (let e = 0; e < size; e++) {
          const expected = evaluate("threefry2x32", dims.map((d, i) => (d === null ? examples[0]![i]! : examples[e]![i]!)), {})[k]!;
          const got = take(o as NdArray, outDims[k]!, e);
          expect(got.shape).toEqual(expected.shape);
          expect(got.dtype).toBe("uint32");
          expect(values(got), `dims ${JSON.stringify(dims)} output ${k} example ${e}`).toEqual(values(expected));
        }
      });
    }
  });

  it("through the public transforms: vmap over keys equals sampling each key, and samples carry no derivative", () => {
    const keys = random.split(random.key(42), 3) as NdArray;
    const sample = (k: unknown) => random.uniform(k as random.Key, [2, 2]);
    const batched = vmap(sample)(keys) as NdArray;
    const each = [0, 1, 2].map((i) => values(sample(take(keys, 0, i))));
    expect(Array.from(batched.toTypedArray())).toEqual(each.flat());
    // The sample adds no derivative: d/dx sum(sample + x) over 3 elements is exactly 3.
    const f = (x: unknown) => np.sum(np.add(random.normal(random.key(0), [3], { dtype: "float64" }), x as NdArray));
    const x = NdArray.fromBuffer(Float64Array.of(0.5), [], "float64");
    expect((grad(f)(x) as NdArray).item()).toBe(3);
  });
});
