/**
 * The jax.numpy functions of core/numpy/{ufuncs,manipulation,statistics,histograms,sized}.ts
 * against JAX 0.10.2 (test/fixtures/generate_numpy_extra.py): values, dtypes and shapes in
 * float32, float64 and int32, and gradients in float64.
 */
import * as np from "../../../core/numpy/index.js";
import { describeJaxCases } from "./jax-cases.js";

describeJaxCases("numpy_extra", "the new np functions", (name) => (np as unknown as Record<string, unknown>)[name]);
