/**
 * Runs the misuse catalogue: every row must throw a TesseraError (never a raw TypeError or
 * RangeError, never a silent result) whose message holds the row's expected fragments.
 * `npx tsx test/misuse/print-table.ts` prints the catalogue as a Markdown table.
 */
import { describe, expect, it } from "vitest";
import { TesseraError } from "../../index.js";
import { catalogue } from "./catalogue.js";

describe("misuse catalogue", () => {
  for (const [area, cases] of Object.entries(catalogue)) {
    describe(area, () => {
      for (const c of cases) {
        it(c.input, () => {
          let thrown: unknown;
          try {
            c.run();
          } catch (e) {
            thrown = e;
          }
          expect(thrown, "expected a TesseraError, but the call returned").toBeDefined();
          expect(thrown).toBeInstanceOf(TesseraError);
          for (const fragment of c.expected) expect((thrown as Error).message).toContain(fragment);
        });
      }
    });
  }
});
