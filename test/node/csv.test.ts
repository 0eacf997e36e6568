import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import * as np from "../../core/numpy/index.js";
import { loadCsv } from "../../node/csv.js";

const dataFile = (name: string) => fileURLToPath(new URL(`../../examples/data/${name}`, import.meta.url));

describe("loadCsv", () => {
  it("loads the shared data sets: digits, iris and diabetes with their shapes, labels and column names", () => {
    const digits = loadCsv(dataFile("digits.csv"));
    expect([digits.x.shape, digits.y.shape, digits.y.dtype, digits.x.dtype]).toEqual([[1797, 64], [1797], "int32", "float32"]);
    expect(digits.columns[0]).toBe("pixel_0_0");
    expect(digits.labelName).toBe("label");
    expect(np.max(digits.y).item()).toBe(9);
    const iris = loadCsv(dataFile("iris.csv"));
    expect([iris.x.shape, iris.columns]).toEqual([[150, 4], ["sepal_length_cm", "sepal_width_cm", "petal_length_cm", "petal_width_cm"]]);
    const diabetes = loadCsv(dataFile("diabetes.csv"), { dtype: "float64", labelDtype: "float64" });
    expect([diabetes.x.shape, diabetes.labelName, diabetes.y.dtype]).toEqual([[442, 10], "target", "float64"]);
    expect(diabetes.x.toTypedArray()[0]).toBe(0.038075906433423026);
    expect(diabetes.y.toTypedArray()[0]).toBe(151);
  });

  it("a missing file or bad options are errors naming loadCsv, options checked before the file is read", () => {
    expect(() => loadCsv(dataFile("missing.csv"))).toThrow(/^tessera\.loadCsv: cannot read .*missing.csv/);
    expect(() => loadCsv(dataFile("missing.csv"), { labelColum: 0 } as never)).toThrow(/^tessera\.loadCsv: unknown option "labelColum" \(did you mean "labelColumn"\?\)/);
    expect(() => loadCsv(dataFile("iris.csv"), { labelColumn: "nope" })).toThrow(/^tessera\.loadCsv: labelColumn "nope" names no column of 5/);
  });
});
