/**
 * JavaScript text for a fused Threefry-2x32 node: the 20 rounds of core/kernels/threefry.ts
 * written out over two `let` words, so a sampler's bits, their conversion to floats and the
 * distribution's arithmetic run in one loop with nothing stored in between. The arithmetic is
 * the eager kernel's, step for step (int32 adds with `| 0`, rotations by shifts, `>>> 0` at the
 * end to read the words as uint32), so the fused hash equals it bit for bit.
 */

/** Threefry's key-schedule parity constant. */
const PARITY = 0x1bd11bda;

/** Rotation amounts of the four rounds of each group; groups alternate the two rows. */
const ROTATIONS = [
  [13, 15, 26, 6],
  [17, 29, 16, 24],
] as const;

/**
 * Statements declaring `first` and `second` (uint32 numbers) as the hash of the counter pair
 * `(x1, x2)` under the key `(k1, k2)`; operands are names of uint32 values.
 */
export function renderThreefry(first: string, second: string, [k1, k2, x1, x2]: readonly string[]): string {
  const a = first;
  const b = second;
  // The key words and the parity word, as int32; the schedule injects (k[g+1 mod 3], k[g+2 mod 3] + g + 1) after group g.
  const keys = [`${a}_k0`, `${a}_k1`, `${a}_k2`];
  const lines = [
    `const ${keys[0]} = ${k1} | 0;`,
    `const ${keys[1]} = ${k2} | 0;`,
    `const ${keys[2]} = ${keys[0]} ^ ${keys[1]} ^ ${PARITY};`,
    `let ${a} = (${x1} + ${keys[0]}) | 0;`,
    `let ${b} = (${x2} + ${keys[1]}) | 0;`,
  ];
  for (let group = 0; group < 5; group++) {
    for (const r of ROTATIONS[group % 2]!) {
      lines.push(`${a} = (${a} + ${b}) | 0; ${b} = ((${b} << ${r}) | (${b} >>> ${32 - r})) ^ ${a};`);
    }
    lines.push(`${a} = (${a} + ${keys[(group + 1) % 3]}) | 0; ${b} = (${b} + ${keys[(group + 2) % 3]} + ${group + 1}) | 0;`);
  }
  lines.push(`${a} >>>= 0; ${b} >>>= 0;`);
  return lines.join("\n");
}
