import { describe, expect, it } from "vitest";
import { axisTicks, formatNumber, niceTicks, stepOf } from "../../models/chart-scale.js";
import { svgChart, textChart } from "../../models/plot.js";

/** The y-axis labels of a text chart, top to bottom (rows with a ┤ tick). */
const yLabels = (chart: string) =>
  chart
    .split("\n")
    .filter((row) => row.includes("┤"))
    .map((row) => row.slice(0, row.indexOf("┤")).trim());

/** The text of every element of the given tag in an SVG document. */
const texts = (svg: string, attribute = "") => [...svg.matchAll(new RegExp(`<text${attribute}[^>]*>([^<]*)</text>`, "g"))].map((m) => m[1]);

describe("textChart", () => {
  it("draws one column per step, highest value on the top row, with round y ticks and step ticks", () => {
    const chart = textChart([4, 3, 2, 1], { width: 10, height: 4 }).split("\n");
    expect(chart).toEqual(["   4 ┤•   ", "     ││•  ", "   2 ┤││• ", "     ││││•", "     └┬──┬", "step  1  4"]);
  });

  it("averages buckets when there are more values than columns and skips non-finite ones", () => {
    const chart = textChart([1, 1, 3, 3, Number.NaN, 3], { width: 3, height: 3 }).split("\n");
    expect(chart.slice(0, 3).map((r) => r.slice(6))).toEqual([" ••", " ││", "•││"]);
  });

  it("labels a log axis with the values as numbers, never as exponents", () => {
    const losses = Array.from({ length: 100 }, (_, i) => 100 * 10 ** (-i / 20)); // 100 down to about 1e-3
    const chart = textChart(losses, { log: true, height: 12 });
    expect(yLabels(chart)).toEqual(["100", "10", "1", "0.1", "0.01"]);
    expect(chart).not.toMatch(/1e\d\.\d/);
    expect(yLabels(textChart([1e-5, 1e-3], { log: true, height: 5 }))).toEqual(["1e-3", "1e-4", "1e-5"]);
    expect(yLabels(textChart([1.6, 4], { log: true, height: 9 }))).toEqual(["4", "3.5", "3", "2.5", "2"]);
  });

  it("labels the step axis with round step numbers under ┬ ticks", () => {
    const chart = textChart(Array.from({ length: 200 }, (_, i) => i), { width: 60 }).split("\n");
    const [axis, labels] = chart.slice(-2);
    expect(labels!.trim().split(/\s+/)).toEqual(["step", "1", "50", "100", "150", "200"]);
    expect([...axis!].filter((c) => c === "┬")).toHaveLength(5);
    // Each label is centred under its tick.
    for (const tick of ["50", "100", "150"]) {
      const start = labels!.indexOf(` ${tick} `) + 1;
      expect(axis![start + Math.floor((tick.length - 1) / 2)]).toBe("┬");
    }
  });

  it("draws named series with their own markers on one chart, with a legend", () => {
    const chart = textChart({ train: [4, 3, 2, 1], validation: [4.5, 3.5, 2.5, 1.5] }, { height: 8 }).split("\n");
    const plot = chart.slice(0, 8).join("");
    expect([...plot].filter((c) => c === "•")).toHaveLength(4);
    expect([...plot].filter((c) => c === "○")).toHaveLength(4);
    expect(plot).not.toContain("│•"); // several series are drawn as points, not filled columns
    expect(chart.at(-1)!.trim()).toBe("• train   ○ validation");
  });

  it("takes a list of { name, values } as well, and spreads a shorter series over the same steps", () => {
    const chart = textChart([{ name: "loss", values: [8, 7, 6, 5, 4, 3, 2, 1] }, { name: "per epoch", values: [8, 1] }], { height: 8 }).split("\n");
    // The two values of the short series sit at steps 4 and 8 (the ends of the two epochs): columns 3 and 7.
    const columnsOf = (marker: string) => chart.slice(0, 8).flatMap((row) => [...row.slice(6)].flatMap((c, i) => (c === marker ? [i] : [])));
    expect(columnsOf("○").sort()).toEqual([3, 7]);
    expect(chart.at(-1)!.trim()).toBe("• loss   ○ per epoch");
  });

  it("a single named series gets a legend; a plain list does not", () => {
    expect(textChart({ loss: [2, 1] }).split("\n").at(-1)!.trim()).toBe("• loss");
    expect(textChart([2, 1]).split("\n").at(-1)!.trim()).toMatch(/^step /);
  });

  it("rejects nothing to plot and malformed series", () => {
    expect(() => textChart([])).toThrow(/no values/);
    expect(() => textChart([Number.NaN])).toThrow(/no finite values/);
    expect(() => textChart({})).toThrow("tessera.textChart: values must be a list of numbers or named series (such as { train: [...], validation: [...] }), got {} (no series)");
    expect(() => textChart({ train: [1, "2"] } as never)).toThrow('tessera.textChart: series "train" must be a list of numbers, got "2" at index 1');
    expect(() => textChart([{ name: "a", values: [1] }, { name: "a", values: [2] }])).toThrow('tessera.textChart: two series are named "a"');
    expect(() => textChart([{ name: "a", value: [1] }] as never)).toThrow('tessera.textChart: series 0 must be { name, values }, got {name: "a", value: [1]}');
    expect(() => textChart({ v: [1, -1] }, { log: true })).toThrow('a log chart needs non-negative values (0 is left out), got -1 at index 1 of series "v"');
  });
});

describe("svgChart", () => {
  it("is a standalone document with one polyline point per finite value and an escaped title", () => {
    const svg = svgChart([3, 2, Number.POSITIVE_INFINITY, 1], { title: "a<b & c" });
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    const points = /points="([^"]*)"/.exec(svg)![1]!.split(" ");
    expect(points).toHaveLength(3);
    expect(svg).toContain("a&#60;b &#38; c");
    expect(svg).not.toContain("a<b");
  });

  it("has y ticks at round values and x ticks at round steps, labelled as numbers", () => {
    const svg = svgChart(Array.from({ length: 100 }, (_, i) => 100 * 10 ** (-i / 20)), { log: true });
    // The empty title, the y ticks bottom to top, the step ticks, the axis name.
    expect(texts(svg)).toEqual(["", "0.01", "0.1", "1", "10", "100", "1", "20", "40", "60", "80", "100", "step"]);
    expect(svg.match(/stroke="#ddd"/g)).toHaveLength(5); // a grid line per y tick
  });

  it("draws each named series as its own polyline with a legend entry", () => {
    const svg = svgChart({ train: [3, 2, 1], "<validation>": [3.5, 2.5] });
    const lines = [...svg.matchAll(/<polyline[^>]*stroke="([^"]*)"[^>]*points="([^"]*)"/g)];
    expect(lines.map((m) => m[1])).toEqual(["#1f77b4", "#ff7f0e"]);
    expect(lines.map((m) => m[2]!.split(" ").length)).toEqual([3, 2]);
    expect(texts(svg, ' class="legend"')).toEqual(["train", "&#60;validation&#62;"]);
    // The short series ends at the last step, as the long one does.
    expect(lines[1]![2]!.split(" ").at(-1)!.split(",")[0]).toBe(lines[0]![2]!.split(" ").at(-1)!.split(",")[0]);
  });

  it("a plain list has no legend", () => {
    expect(svgChart([1, 2])).not.toContain('class="legend"');
  });
});

describe("chart scales", () => {
  it("formats labels as short numbers", () => {
    expect([2.5, 100, 0.05, 0.001, 2.5e6, 1234.5678, -0.5, 0].map(formatNumber)).toEqual(["2.5", "100", "0.05", "1e-3", "2.5e6", "1230", "-0.5", "0"]);
  });
  it("puts log ticks at whole decades across decades, at round values within one", () => {
    expect(axisTicks(Math.log10(0.0035), Math.log10(2.5), 5, true).map((t) => formatNumber(10 ** t))).toEqual(["0.01", "0.1", "1"]);
    expect(axisTicks(Math.log10(1.6), Math.log10(4), 4, true).map((t) => formatNumber(10 ** t))).toEqual(["2", "2.5", "3", "3.5", "4"]);
  });
  it("puts ticks at 1, 2 or 5 times a power of ten, without float noise", () => {
    expect(niceTicks(0, 1, 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(0.1, 0.75, 3)).toEqual([0.2, 0.4, 0.6]);
    expect(niceTicks(-3, 2, 5)).toEqual([-3, -2, -1, 0, 1, 2]);
  });
  it("spreads a shorter series over the steps of the longest", () => {
    expect([0, 1, 2, 3].map((i) => stepOf(i, 4, 4))).toEqual([1, 2, 3, 4]);
    expect([0, 1].map((i) => stepOf(i, 2, 100))).toEqual([50, 100]);
  });
});
