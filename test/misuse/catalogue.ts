/** Every area's misuse rows, keyed by area; each area's rows live in `<area>.cases.ts`. */
import type { MisuseCase } from "./case.js";
import { validateCases } from "./validate.cases.js";
import { apiCases } from "./api.cases.js";

export const catalogue: Readonly<Record<string, readonly MisuseCase[]>> = {
  validate: validateCases,
  api: apiCases,
};
