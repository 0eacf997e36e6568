/**
 * The `models` namespace of the Node entry point: models/index.public.ts with `fit` replaced by
 * node/fit.ts's (the terminal as its default reporter). A local export wins over the re-exported
 * one of the same name, so everything else is the very same function.
 */
export * from "../models/index.public.js";
export { fit } from "./fit.js";
