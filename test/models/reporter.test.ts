import { describe, expect, it } from "vitest";
import { callbackReporter, jsonReporter, plainReporter, silentReporter, type Reporter, type StepReport } from "../../models/reporter.js";

/** Drives a reporter through a run of `totalSteps` steps of `perEpoch` each, as fit does, losses 1/step. */
function run(reporter: Reporter, totalSteps: number, perEpoch: number, validation?: (epoch: number) => number): void {
  reporter.start?.({ totalSteps });
  for (let step = 1; step <= totalSteps; step++) {
    const epoch = Math.floor((step - 1) / perEpoch);
    reporter.step?.({ step, totalSteps, epoch, loss: 1 / step });
    if (step % perEpoch === 0 || step === totalSteps) reporter.epoch?.({ epoch, step, totalSteps, ...(validation === undefined ? {} : { validation: validation(epoch) }) });
  }
  reporter.end?.({ step: totalSteps, totalSteps, finished: true });
}

describe("plainReporter", () => {
  it("writes a step line every tenth of the run by default, the last step always", () => {
    const lines: string[] = [];
    run(plainReporter({ write: (line) => lines.push(line) }), 25, 25);
    expect(lines).toEqual(["step 3/25  epoch 0  loss 0.3333", "step 6/25  epoch 0  loss 0.1667", "step 9/25  epoch 0  loss 0.1111", "step 12/25  epoch 0  loss 0.08333", "step 15/25  epoch 0  loss 0.06667", "step 18/25  epoch 0  loss 0.05556", "step 21/25  epoch 0  loss 0.04762", "step 24/25  epoch 0  loss 0.04167", "step 25/25  epoch 0  loss 0.04000"]);
  });

  it("takes a cadence, writes validation at each epoch's end and says when training stopped early", () => {
    const lines: string[] = [];
    const reporter = plainReporter({ every: 2, write: (line) => lines.push(line) });
    run(reporter, 4, 2, (epoch) => 0.5 + epoch / 4);
    reporter.end?.({ step: 1, totalSteps: 4, finished: false });
    expect(lines).toEqual([
      "step 2/4  epoch 0  loss 0.5000",
      "epoch 0 done at step 2/4  validation 0.5000",
      "step 4/4  epoch 1  loss 0.2500",
      "epoch 1 done at step 4/4  validation 0.7500",
      "stopped at step 1/4",
    ]);
  });

  it("writes to console.log by default", () => {
    const logged: unknown[][] = [];
    const log = console.log;
    console.log = (...args: unknown[]) => void logged.push(args);
    try {
      run(plainReporter({ every: 5 }), 5, 5);
    } finally {
      console.log = log;
    }
    expect(logged).toEqual([["step 5/5  epoch 0  loss 0.2000"]]);
  });

  it("rejects bad options by name", () => {
    expect(() => plainReporter({ evry: 3 } as never)).toThrow(/^tessera\.plainReporter: unknown option "evry" \(did you mean "every"\?\)/);
    expect(() => plainReporter({ every: 0 })).toThrow(/^tessera\.plainReporter: every must be a positive integer, got 0/);
    expect(() => jsonReporter({ write: "stdout" } as never)).toThrow(/^tessera\.jsonReporter: write must be a function/);
  });
});

describe("jsonReporter", () => {
  it("writes one JSON object per event at the plain cadence, every epoch, NaN as null", () => {
    const lines: string[] = [];
    const reporter = jsonReporter({ every: 2, write: (line) => lines.push(line) });
    reporter.start?.({ totalSteps: 2 });
    reporter.step?.({ step: 1, totalSteps: 2, epoch: 0, loss: 0.5 });
    reporter.step?.({ step: 2, totalSteps: 2, epoch: 0, loss: NaN });
    reporter.epoch?.({ epoch: 0, step: 2, totalSteps: 2, validation: 0.9 });
    reporter.end?.({ step: 2, totalSteps: 2, finished: true });
    expect(lines.map((line) => JSON.parse(line))).toEqual([
      { event: "start", totalSteps: 2 },
      { event: "step", step: 2, totalSteps: 2, epoch: 0, loss: null },
      { event: "epoch", epoch: 0, step: 2, totalSteps: 2, validation: 0.9 },
      { event: "end", step: 2, totalSteps: 2, finished: true },
    ]);
  });
});

describe("callbackReporter and silentReporter", () => {
  it("callbackReporter passes every step's report on; silentReporter has no callbacks", () => {
    const seen: StepReport[] = [];
    run(callbackReporter((report) => seen.push(report)), 3, 2);
    expect(seen.map((r) => [r.step, r.epoch, r.loss])).toEqual([[1, 0, 1], [2, 0, 0.5], [3, 1, 1 / 3]]);
    expect(Object.keys(silentReporter)).toEqual([]);
    expect(() => callbackReporter(3 as never)).toThrow(/^tessera\.callbackReporter: onStep must be a function, got 3/);
  });
});
