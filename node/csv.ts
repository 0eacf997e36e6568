/**
 * `loadCsv`: a numeric CSV file from disk, parsed by models/csv.ts (the parser itself is
 * `models.parseCsv`, which runs anywhere; only the file read is Node's).
 *
 * @example
 * import { writeFileSync } from "node:fs";
 * import { loadCsv } from "tessera/node";
 * writeFileSync("flowers.csv", "sepal length,sepal width,species\n5.1,3.5,0\n7.0,3.2,1\n");
 * const { x, y, columns } = loadCsv("flowers.csv"); // x f32[2,2], y i32[2], columns ["sepal length", "sepal width"]
 */
import { readFileSync } from "node:fs";
import { fail } from "../core/errors.js";
import { string } from "../core/validate.js";
import { parseCsvText, readCsvOptions, type CsvData, type CsvOptions } from "../models/csv.js";

/**
 * Loads a numeric CSV file (as the shared digits, iris and diabetes files: a header row, the
 * label in the last column) into `{x, y, columns, labelName}`.
 */
export function loadCsv(path: string, csvOptions?: CsvOptions): CsvData {
  const options = readCsvOptions("loadCsv", csvOptions);
  string("loadCsv", "path", path);
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    return fail("loadCsv", `cannot read ${path}: ${(error as Error).message}`);
  }
  return parseCsvText("loadCsv", text, options);
}
