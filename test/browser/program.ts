/**
 * The program the browser test bundles and runs in Chromium. It imports the package's public
 * face (index.ts) as an application would, exercises what a browser user relies on, and leaves
 * plain data on `globalThis.tesseraResults` (or the error on `globalThis.tesseraError`) for the
 * test to read. The only internal import asks whether the WebAssembly matmul kernel is in use.
 */
import { wasmSgemmAvailable } from "../../core/kernels/wasm/sgemm.js";
import { checkpoints, grad, jit, models, np, optim, random, type ArrayValue } from "../../index.js";

/** What the program measured, as JSON-friendly data. */
export interface BrowserResults {
  /** `x.add(y)` through the array methods index.ts installs. */
  readonly methodSum: number[];
  /** jit(grad + adam) training of a linear model: the loss before and after 100 steps. */
  readonly adamLoss: { readonly first: number; readonly last: number };
  readonly wasmMatmul: boolean;
  /** The largest |difference| between np.matmul's 256x256 float32 product and a JavaScript triple loop, over 4 rows. */
  readonly matmulError: number;
  readonly matmulShape: number[];
  /** fit's loss history and the lines its plainReporter wrote. */
  readonly fitLoss: number[];
  readonly fitLines: string[];
  /** Checkpoint round trips: decoded Right and equal to the tree, for JSON and binary. */
  readonly checkpointJson: boolean;
  readonly checkpointBinary: boolean;
  readonly svg: string;
}

/** The i-th of four keys split from key 0. */
const at = (i: number) => np.take(random.split(random.key(0), 4), i, { axis: 0 }) as random.Key;

/** A 64 x 3 regression problem with known weights. */
const problem = () => {
  const x = random.normal(at(0), [64, 3]);
  return { x, y: np.matmul(x, np.array([[1.5], [-2], [0.5]])) };
};
const squaredError = (w: ArrayValue, batch: { x: ArrayValue; y: ArrayValue }) => np.mean(np.square(np.subtract(np.matmul(batch.x, w), batch.y)));

function trainWithAdam(): { first: number; last: number } {
  const { x: xs, y: ys } = problem();
  const optimizer = optim.adam({ learningRate: 0.1 });
  type State = ReturnType<typeof optimizer.init<ArrayValue>>;
  const step = jit((w: ArrayValue, state: State) => {
    const g = grad((v: ArrayValue) => squaredError(v, { x: xs, y: ys }))(w);
    const [updates, next] = optimizer.update(g, state, w);
    return [optim.applyUpdates(w, updates), next] as const;
  });
  let w: ArrayValue = np.zeros([3, 1]);
  let state: State = optimizer.init(w);
  const first = Number(squaredError(w, { x: xs, y: ys }).item());
  for (let i = 0; i < 100; i++) [w, state] = step(w, state);
  return { first, last: Number(squaredError(w, { x: xs, y: ys }).item()) };
}

/** np.matmul of two 256x256 float32 matrices against a plain JavaScript product of a few rows. */
function checkMatmul(): { error: number; shape: number[] } {
  const a = random.normal(at(1), [256, 256]);
  const b = random.normal(at(2), [256, 256]);
  const c = np.matmul(a, b).toTypedArray();
  const [av, bv] = [a.toTypedArray(), b.toTypedArray()];
  let error = 0;
  for (const i of [0, 1, 128, 255]) {
    for (let j = 0; j < 256; j++) {
      let sum = 0;
      for (let k = 0; k < 256; k++) sum += av[i * 256 + k]! * bv[k * 256 + j]!;
      error = Math.max(error, Math.abs(sum - c[i * 256 + j]!));
    }
  }
  return { error, shape: [...np.matmul(a, b).shape] };
}

/**
 * Milliseconds for one 256x256 float32 matmul: the median of `runs` timed batches of 10 calls,
 * after 200 ms of warm-up (the engine tiers WebAssembly up in the background). For bench/browser.ts; no test
 * asserts a time.
 */
export function timeMatmul(runs: number): number {
  const a = random.normal(at(1), [256, 256]);
  const b = random.normal(at(2), [256, 256]);
  const warmUp = performance.now();
  do np.matmul(a, b);
  while (performance.now() - warmUp < 200);
  // Each sample times a batch of calls: a browser's performance.now() is coarsened (to 0.1 ms in
  // Chromium without cross-origin isolation), too coarse for one call of about a millisecond.
  const batch = 10;
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const start = performance.now();
    for (let k = 0; k < batch; k++) np.matmul(a, b);
    times.push((performance.now() - start) / batch);
  }
  times.sort((p, q) => p - q);
  return times[Math.floor(runs / 2)]!;
}

function trainWithFit(): { loss: number[]; lines: string[] } {
  const lines: string[] = [];
  const data = problem();
  const { history } = models.fit({
    loss: squaredError,
    params: np.zeros([3, 1]),
    optimizer: optim.sgd({ learningRate: 0.1 }),
    data,
    steps: 20,
    reporter: models.plainReporter({ every: 10, write: (line) => lines.push(line) }),
  });
  return { loss: [...history.loss], lines };
}

function roundTrips(): { json: boolean; binary: boolean } {
  const tree = { w: random.normal(at(3), [3, 2]), step: np.array(7, { dtype: "int32" }), layers: [np.array([true, false])] };
  const same = (decoded: { _tag: string; right?: unknown }) => {
    if (decoded._tag !== "Right") return false;
    const back = decoded.right as typeof tree;
    return np.arrayEqual(back.w, tree.w) && np.arrayEqual(back.step, tree.step) && np.arrayEqual(back.layers[0]!, tree.layers[0]!) && back.w.dtype === "float32";
  };
  return { json: same(checkpoints.decodeJson(checkpoints.encodeJson(tree), tree)), binary: same(checkpoints.decodeBinary(checkpoints.encodeBinary(tree), tree)) };
}

function run(): BrowserResults {
  const x = np.array([1, 2, 3]);
  const methodSum = Array.from(x.add(np.array([10, 20, 30])).toTypedArray());
  const adamLoss = trainWithAdam();
  const matmul = checkMatmul();
  const fitted = trainWithFit();
  const trips = roundTrips();
  return {
    methodSum,
    adamLoss,
    wasmMatmul: wasmSgemmAvailable(),
    matmulError: matmul.error,
    matmulShape: matmul.shape,
    fitLoss: fitted.loss,
    fitLines: fitted.lines,
    checkpointJson: trips.json,
    checkpointBinary: trips.binary,
    svg: models.svgChart(fitted.loss, { title: "fit loss", log: true }),
  };
}

const global = globalThis as { tesseraResults?: BrowserResults; tesseraError?: string; tesseraTimeMatmul?: typeof timeMatmul };
try {
  global.tesseraResults = run();
  global.tesseraTimeMatmul = timeMatmul;
} catch (error) {
  global.tesseraError = error instanceof Error ? `${error.name}: ${error.message}\n${error.stack ?? ""}` : String(error);
}
