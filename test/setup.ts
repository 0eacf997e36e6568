/**
 * Test-suite setup: property tests run from one fixed seed, so a run is reproducible and CI never
 * flakes on a rare draw. To explore other draws, change the seed here (a failing seed stays
 * reproducible) or pass `seed` to a runner in a test of your own.
 */
import fc from "fast-check";

fc.configureGlobal({ seed: 20261122 });
