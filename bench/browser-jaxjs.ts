/**
 * The peer's side of bench/browser.ts, bundled for the browser: @jax-js/jax 0.1.25 on its `wasm`
 * device (the one the Node peer suite uses; headless Chromium here runs without a GPU), timing
 * the same 256x256 float32 matmul as test/browser/program.ts's `timeMatmul`: eager `np.matmul`,
 * waited on with `blockUntilReady`, median of `runs` batches of 10 after a 200 ms warm-up.
 */
import { defaultDevice, init, numpy as np, random } from "@jax-js/jax";

async function timeMatmul(runs: number): Promise<number> {
  const a = random.normal(random.key(1), [256, 256]);
  const b = random.normal(random.key(2), [256, 256]);
  const once = async () => (await np.matmul(a.ref, b.ref).blockUntilReady()).dispose();
  const warmUp = performance.now();
  do await once();
  while (performance.now() - warmUp < 200);
  const batch = 10; // as timeMatmul: batches, since the browser's clock is coarsened to 0.1 ms
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const start = performance.now();
    for (let k = 0; k < batch; k++) await once();
    times.push((performance.now() - start) / batch);
  }
  times.sort((p, q) => p - q);
  return times[Math.floor(runs / 2)]!;
}

const devices = await init("wasm");
if (!devices.includes("wasm")) throw new Error(`jax-js: wasm device unavailable (got ${devices.join(", ")})`);
defaultDevice("wasm");
(globalThis as { jaxjsTimeMatmul?: typeof timeMatmul }).jaxjsTimeMatmul = timeMatmul;
