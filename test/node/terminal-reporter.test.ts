import { afterEach, describe, expect, it, vi } from "vitest";
import * as np from "../../core/numpy/index.js";
import type { Reporter } from "../../models/reporter.js";
import { sgd } from "../../models/optim/index.js";
import { fit } from "../../node/fit.js";
import { progressBar, type TerminalStream } from "../../node/progress-bar.js";
import { terminalReporter } from "../../node/terminal-reporter.js";

/** A stream recording what is written to it. */
function fakeStream(isTTY: boolean): TerminalStream & { readonly written: string[] } {
  const written: string[] = [];
  return { isTTY, columns: 80, written, write: (text: string) => written.push(text) };
}

function run(reporter: Reporter, totalSteps: number): void {
  reporter.start?.({ totalSteps });
  for (let step = 1; step <= totalSteps; step++) reporter.step?.({ step, totalSteps, epoch: 0, loss: 1 / step });
  reporter.epoch?.({ epoch: 0, step: totalSteps, totalSteps, validation: 0.75 });
  reporter.end?.({ step: totalSteps, totalSteps, finished: true });
}

afterEach(() => vi.restoreAllMocks());

describe("terminalReporter", () => {
  it("draws a bar on a TTY, hiding the cursor while it runs and ending the line", () => {
    const stream = fakeStream(true);
    run(terminalReporter({ stream }), 4);
    const text = stream.written.join("");
    expect(stream.written[0]).toBe("\x1b[?25l");
    expect(stream.written[1]).toMatch(/^\rstep 0\/4 \[░+\] loss - \| ETA -\x1b\[K$/);
    expect(text).toMatch(/\rstep 4\/4 \[█+\] loss 0\.2500  validation 0\.7500 \| ETA 0s\x1b\[K\n\x1b\[\?25h$/);
  });

  it("writes plain lines, or JSON lines, when the stream is not a TTY", () => {
    const plain = fakeStream(false);
    run(terminalReporter({ stream: plain, every: 2 }), 4);
    expect(plain.written).toEqual(["step 2/4  epoch 0  loss 0.5000\n", "step 4/4  epoch 0  loss 0.2500\n", "epoch 0 done at step 4/4  validation 0.7500\n"]);
    const json = fakeStream(false);
    run(terminalReporter({ stream: json, format: "json", every: 4 }), 4);
    expect(json.written.map((line) => JSON.parse(line).event)).toEqual(["start", "step", "epoch", "end"]);
  });

  it("rejects bad options by name", () => {
    expect(() => terminalReporter({ stream: "stdout" } as never)).toThrow(/^tessera\.terminalReporter: stream must be a writable stream \(an object with a write function/);
    expect(() => terminalReporter({ format: "xml" } as never)).toThrow(/^tessera\.terminalReporter: format must be one of/);
  });
});

describe("progressBar", () => {
  it("redraws at most every 100 ms, and always at the last step, with an ETA from the pace so far", () => {
    const stream = fakeStream(true);
    let time = 0;
    const bar = progressBar(stream, () => time);
    bar.start?.({ totalSteps: 100 });
    for (let step = 1; step <= 100; step++) {
      time += 30;
      bar.step?.({ step, totalSteps: 100, epoch: 0, loss: 1 });
    }
    const frames = stream.written.filter((text) => text.startsWith("\r"));
    // 0, then steps 4, 8, ..., 100 (every fourth step is 120 ms after the last redraw).
    expect(frames.map((frame) => /step (\d+)/.exec(frame)![1])).toEqual(["0", ...Array.from({ length: 25 }, (_, i) => String(4 * (i + 1)))]);
    expect(frames[1]).toContain("ETA 3s");
  });
});

describe("the Node entry's fit", () => {
  const options = { loss: (w: ReturnType<typeof np.array>) => np.sum(np.square(w)), params: np.array([1, 2]), optimizer: sgd({ learningRate: 0.1 }), steps: 2, jit: false };

  it("reports to the terminal (here process.stdout) unless given a reporter", () => {
    const written: string[] = [];
    vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => (written.push(String(chunk)), true));
    fit({ ...options, data: np.zeros([1, 1]) });
    expect(written.join("")).toContain("step 2/2");
    written.length = 0;
    const steps: number[] = [];
    fit({ ...options, data: np.zeros([1, 1]), reporter: { step: (r) => steps.push(r.step) } });
    expect(written).toEqual([]);
    expect(steps).toEqual([1, 2]);
  });
});
