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
