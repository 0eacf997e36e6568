import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as E from "fp-ts/lib/Either.js";
import { afterAll, describe, expect, it } from "vitest";
import * as np from "../../core/numpy/index.js";
import { formatErrors } from "../../models/checkpoint/index.js";
import { loadCheckpoint, loadCheckpointSync, saveCheckpoint, saveCheckpointSync } from "../../node/checkpoint.js";

const directory = mkdtempSync(join(tmpdir(), "tessera-checkpoint-"));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

const state = {
  params: { w: np.array([[1, 2], [3, 4]], { dtype: "float32" }), b: np.array([0.5, -0.5], { dtype: "float64" }) },
  optState: { count: np.array(12, { dtype: "int32" }), mu: [np.zeros([2, 2]), null] },
};

describe("checkpoint files", () => {
  it("save and load (async, TaskEither) in both forms; the form follows the extension", async () => {
    for (const name of ["state.json", "state.ckpt"]) {
      const path = join(directory, name);
      expect(await saveCheckpoint(path, state)()).toEqual(E.right(undefined));
      const firstByte = readFileSync(path)[0];
      expect(String.fromCharCode(firstByte!)).toBe(name.endsWith(".json") ? "{" : "T");
      const loaded = await loadCheckpoint(path, state)();
      if (E.isLeft(loaded)) return expect.fail(formatErrors(loaded.left));
      expect(loaded.right.params.w.toArray()).toEqual([[1, 2], [3, 4]]);
      expect(loaded.right.params.b.dtype).toBe("float64");
      expect(loaded.right.optState.count.item()).toBe(12);
      expect(loaded.right.optState.mu[1]).toBeNull();
    }
  });

  it("an explicit format overrides the extension; loading tells the forms apart by content", () => {
    const path = join(directory, "binary.json");
    expect(saveCheckpointSync(path, state, { format: "binary" })).toEqual(E.right(undefined));
    expect(readFileSync(path).subarray(0, 8).toString("latin1")).toBe("TSRACKPT");
    const loaded = loadCheckpointSync(path, state);
    expect(E.isRight(loaded) && loaded.right.params.b.toArray()).toEqual([0.5, -0.5]);
  });

  it("leaves no temporary files behind", () => {
    expect(readdirSync(directory).filter((name) => name.endsWith(".tmp"))).toEqual([]);
  });

  it("I/O failures and bad files are Left values", async () => {
    const missing = join(directory, "missing.ckpt");
    const read = await loadCheckpoint(missing)();
    expect(E.isLeft(read) && read.left[0]!.message).toMatch(/^cannot read .*missing\.ckpt: ENOENT/);
    expect(E.isLeft(loadCheckpointSync(missing))).toBe(true);
    const write = await saveCheckpoint(join(directory, "no-such-dir", "x.ckpt"), state)();
    expect(E.isLeft(write) && write.left[0]!.message).toMatch(/^cannot write .*x\.ckpt: ENOENT/);
    expect(E.isLeft(saveCheckpointSync(join(directory, "no-such-dir", "x.ckpt"), state))).toBe(true);
    const garbage = join(directory, "garbage.bin");
    writeFileSync(garbage, new Uint8Array([0xff, 0xfe, 0x00]));
    expect(loadCheckpointSync(garbage)).toEqual(E.left([{ path: "", message: "neither a binary checkpoint (no TSRACKPT magic) nor UTF-8 JSON text" }]));
    const mismatch = loadCheckpointSync(join(directory, "state.ckpt"), { ...state, params: { w: np.zeros([2, 2]) } });
    expect(E.isLeft(mismatch) && formatErrors(mismatch.left)).toBe("params.b: not in the template");
  });

  it("saving a value that is not a pytree of concrete leaves throws before touching the disk", () => {
    const path = join(directory, "bad.ckpt");
    expect(() => saveCheckpoint(path, { f: () => 1 })).toThrow(/functions and configuration belong in closures/);
    expect(readdirSync(directory).some((name) => name.startsWith("bad.ckpt"))).toBe(false);
  });
});
