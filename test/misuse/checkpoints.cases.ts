/** Misuse rows for the checkpoint helpers that take a decode's errors. */
import { checkpoints } from "../../index.js";
import { misuse, type MisuseCase } from "./case.js";

export const checkpointCases: readonly MisuseCase[] = [
  misuse("checkpoints.formatErrors(null)", () => checkpoints.formatErrors(null as never), "checkpoints.formatErrors", "errors must be a list, got null"),
  misuse('checkpoints.formatErrors("3")', () => checkpoints.formatErrors("3" as never), "errors must be a list", '"3"'),
  misuse("checkpoints.formatErrors([-1])", () => checkpoints.formatErrors([-1] as never), "errors[0] must be a {path, message} record", "got -1"),
];
