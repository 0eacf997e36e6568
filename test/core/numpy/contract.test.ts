import { describe, expect, it } from "vitest";
import * as np from "../../../core/numpy/index.js";
import { expectClose, itHasCases } from "../../helpers.js";
import { contractFixture, expectMatches, operand } from "../contract-fixture.js";

describe("numpy products match numpy", () => {
  itHasCases(contractFixture.numpy, "numpy");
  for (const c of contractFixture.numpy) {
    it(`${c.fn}(${c.dtype}[${c.lhs}], ${c.dtype}[${c.rhs}]${c.axes === null ? "" : `, ${JSON.stringify(c.axes)}`})`, () => {
      const a = operand(c.lhs, c.dtype, 0);
      const b = operand(c.rhs, c.dtype, 1);
      const r = c.fn === "tensordot" ? np.tensordot(a, b, c.axes as number) : np[c.fn](a, b);
      expectMatches(r, c.out);
    });
  }
});

describe("einsum matches numpy.einsum", () => {
  itHasCases(contractFixture.einsum, "einsum");
  for (const c of contractFixture.einsum) {
    it(`"${c.subscripts}" on ${c.shapes.map((s) => `${c.dtype}[${s}]`).join(", ")}`, () => {
      expectMatches(np.einsum(c.subscripts, ...c.shapes.map((s, k) => operand(s, c.dtype, k))), c.out);
    });
  }
});

describe("matmul", () => {
  it("is what x.matmul calls", () => {
    const a = operand([2, 3]);
    const b = operand([3, 2], "float32", 1);
    expect(a.matmul(b).toArray()).toEqual(np.matmul(a, b).toArray());
  });

  it("promotes mixed dtypes and keeps bool products as bools (or of ands)", () => {
    expect(np.matmul(operand([2, 2], "int32"), operand([2, 2], "float64")).dtype).toBe("float64");
    const t = np.array([[true, false], [false, false]]);
    const u = np.array([[true, true], [false, true]]);
    const r = np.matmul(t, u);
    expect(r.dtype).toBe("bool");
    expect(r.toArray()).toEqual([[true, true], [false, false]]);
  });

  it("leaves its operands unchanged", () => {
    const a = operand([3, 4, 5]);
    const b = operand([5, 2], "float32", 1);
    const [da, db] = [a.toTypedArray(), b.toTypedArray()];
    np.matmul(a, b);
    np.einsum("ijk,kl->lji", a, b);
    expect(a.toTypedArray()).toEqual(da);
    expect(b.toTypedArray()).toEqual(db);
  });

  it("rejects scalars (rank 0), naming the op and shapes", () => {
    expect(() => np.matmul(operand([]), operand([3]))).toThrow(/matmul.*at least 1 axis.*f32\[\].*f32\[3\]/);
    expect(() => np.matmul(operand([2, 2]), 3)).toThrow(/matmul.*at least 1 axis/);
  });

  it("rejects mismatched contracting sizes, naming both shapes", () => {
    expect(() => np.matmul(operand([2, 3]), operand([4, 5]))).toThrow(/matmul.*f32\[2,3\] has 3 columns.*f32\[4,5\] has 4 rows/);
    expect(() => np.matmul(operand([3]), operand([4]))).toThrow(/matmul.*f32\[3\].*f32\[4\]/);
  });

  it("rejects batch axes that do not broadcast", () => {
    expect(() => np.matmul(operand([2, 2, 3]), operand([3, 3, 2]))).toThrow(/matmul.*batch.*f32\[2,2,3\].*f32\[3,3,2\]/);
  });
});

describe("dot, vdot, inner, outer, tensordot", () => {
  it("dot of a scalar multiplies, and accepts JS numbers", () => {
    expect(np.dot(2, operand([3])).toArray()).toEqual([-2.75, -1, 0.75]);
  });

  it("outer gives the full products grid", () => {
    expect(np.outer(np.array([1, 2]), np.array([3, 4, 5])).toArray()).toEqual([[3, 4, 5], [6, 8, 10]]);
  });

  it("report mismatched sizes naming both shapes", () => {
    expect(() => np.dot(operand([2, 3]), operand([2, 3]))).toThrow(/dot.*f32\[2,3\].*f32\[2,3\].*not aligned/);
    expect(() => np.vdot(operand([2, 3]), operand([5]))).toThrow(/vdot.*f32\[2,3\].*f32\[5\]/);
    expect(() => np.inner(operand([2, 3]), operand([2]))).toThrow(/inner.*f32\[2,3\].*f32\[2\]/);
    expect(() => np.tensordot(operand([2, 3]), operand([2, 3]), 1)).toThrow(/tensordot.*f32\[2,3\] axis 1 has size 3.*f32\[2,3\] axis 0 has size 2/);
    expect(() => np.tensordot(operand([2, 3]), operand([3]), 3)).toThrow(/tensordot.*axes=3/);
  });
});

describe("einsum", () => {
  it("contracts three operands left to right", () => {
    const [a, b, c] = [operand([2, 3]), operand([3, 4], "float32", 1), operand([4, 2], "float32", 2)];
    // A float64 loop over the operands' data: out[i, l] = sum_j sum_k a[i, j] b[j, k] c[k, l].
    const expected: number[] = [];
    for (let i = 0; i < 2; i++) {
      for (let l = 0; l < 2; l++) {
        let sum = 0;
        for (let j = 0; j < 3; j++) for (let k = 0; k < 4; k++) sum += a.toTypedArray()[i * 3 + j]! * b.toTypedArray()[j * 4 + k]! * c.toTypedArray()[k * 2 + l]!;
        expected.push(sum);
      }
    }
    const r = np.einsum("ij,jk,kl->il", a, b, c);
    expect(r.shape).toEqual([2, 2]);
    expectClose(r, expected, { rtol: 1e-6, atol: 1e-6 });
  });

  it("keeps bool results bool", () => {
    const r = np.einsum("i,i->", np.array([true, false]), np.array([false, true]));
    expect(r.dtype).toBe("bool");
    expect(r.item()).toBe(false);
  });

  it("rejects bad subscripts with the reason", () => {
    const a = operand([2, 3]);
    expect(() => np.einsum("ij,jk->ik", a)).toThrow(/einsum.*name 2 operands but 1 were given/);
    expect(() => np.einsum("ijk->", a)).toThrow(/einsum.*"ijk" name 3 axes.*f32\[2,3\]/);
    expect(() => np.einsum("ij,ij->", a, operand([3, 2]))).toThrow(/einsum.*label "i" has size 2 and 3/);
    expect(() => np.einsum("i1->", a)).toThrow(/einsum.*contains "1"/);
    expect(() => np.einsum("ij->k", a)).toThrow(/einsum.*output label "k".*no operand/);
    expect(() => np.einsum("ij->ii", a)).toThrow(/einsum.*repeat a label/);
    expect(() => np.einsum("i->j->k", a)).toThrow(/einsum.*more than one "->"/);
  });
});
