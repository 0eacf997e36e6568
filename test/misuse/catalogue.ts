/** Every area's misuse rows, keyed by area; each area's rows live in `<area>.cases.ts`. */
import type { MisuseCase } from "./case.js";
import { checkpointCases } from "./checkpoints.cases.js";
import { debugCases } from "./debug.cases.js";
import { jitCases } from "./jit.cases.js";
import { randomTransformCases } from "./random-transforms.cases.js";
import { arraysCases } from "./arrays.cases.js";
import { npCases } from "./np.cases.js";
import { laxCases } from "./lax.cases.js";
import { validateCases } from "./validate.cases.js";
import { apiCases } from "./api.cases.js";
import { modelsCases } from "./models.cases.js";
import { weakScalarCases } from "./weak-scalars.cases.js";

export const catalogue: Readonly<Record<string, readonly MisuseCase[]>> = {
  validate: validateCases,
  checkpoints: checkpointCases,
  debug: debugCases,
  jit: jitCases,
  "random-transforms": randomTransformCases,
  arrays: arraysCases,
  np: npCases,
  lax: laxCases,
  api: apiCases,
  models: modelsCases,
  "weak-scalars": weakScalarCases,
};
