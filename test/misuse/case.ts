import { expect } from "vitest";
import { TesseraError } from "../../index.js";

/**
 * The misuse catalogue's row type. Each row is a call a user might write by mistake and the
 * error text tessera must answer with: a TesseraError whose message contains every listed
 * fragment. Rows live in one file per area (`<area>.cases.ts`) and `misuse.test.ts` runs them all.
 */
export interface MisuseCase {
  /** The call as a user would write it, shown in the test name and the catalogue table. */
  readonly input: string;
  /** Performs the call. */
  readonly run: () => unknown;
  /** Fragments the error message must contain (all of them). */
  readonly expected: readonly string[];
}

/** A row: `misuse("np.sum(x, {axsi: 0})", () => np.sum(x, { axsi: 0 } as never), "unknown option", "did you mean \"axis\"")`. */
export function misuse(input: string, run: () => unknown, ...expected: string[]): MisuseCase {
  return { input, run, expected };
}

/** Raw JavaScript failure text that must never reach a user in a TesseraError's message. */
const RAW_TEXT = ["undefined is not", "[object Object]", "is not a function", "Cannot read prop", "is not iterable"];

/**
 * Calls `run` and checks it throws a TesseraError whose message a user can read (it names
 * tessera and shows no raw JS failure text) and holds every fragment (never a silent result).
 */
export function expectReadableError(run: () => unknown, ...fragments: string[]): void {
  let thrown: unknown;
  try {
    run();
  } catch (e) {
    thrown = e;
  }
  expect(thrown, "expected a TesseraError, but the call returned").toBeDefined();
  expect(thrown).toBeInstanceOf(TesseraError);
  const message = (thrown as Error).message;
  expect(message).toContain("tessera.");
  for (const bad of RAW_TEXT) expect(message).not.toContain(bad);
  for (const fragment of fragments) expect(message).toContain(fragment);
}
