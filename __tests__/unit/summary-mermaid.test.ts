/**
 * Every Mermaid block the report layer writes is parsed and drawn by the real
 * `mermaid` library (the version GitHub's renderer tracks, a devDependency)
 * in the same headless Chromium as the screenshot test: a chart Mermaid
 * cannot parse shows on GitHub as a red "Unable to render rich display" box
 * instead of the timeline or the metric chart.
 *
 * The blocks are whatever the presenters produce: the job summary at 10 and
 * 500 runs (the runs' gantt timeline, the metric chart per group) with a
 * sweep's group result, and the sweep section alone with awkward values
 * (tiny and negative numbers, labels with quotes and brackets).
 */
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { groupResult } from "../../src/domain/sweep-result.js";
import { renderSummary } from "../../src/report/summary.js";
import { sweepSection } from "../../src/report/sweep.js";
import { CHROMIUM, runs } from "../helpers/summary-fixtures.js";

const MERMAID = createRequire(import.meta.url).resolve("mermaid/dist/mermaid.min.js");

/** The bodies of the ```mermaid blocks of a markdown text. */
function mermaidBlocks(md: string): string[] {
  return [...md.matchAll(/^```mermaid\n([\s\S]*?)^```$/gm)].map((m) => m[1]);
}

let browser: Browser | undefined;
let page: Page | undefined;
beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install chromium (.ci/run installs it)`);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-dev-shm-usage"],
  });
  page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  await page.setContent(`<!doctype html><meta charset="utf-8"><body><div id="out"></div></body>`);
  await page.addScriptTag({ path: MERMAID });
  await page.evaluate(() => {
    (globalThis as unknown as { mermaid: { initialize: (o: object) => void } }).mermaid.initialize({
      startOnLoad: false,
      securityLevel: "strict",
    });
  });
}, 60_000);
afterAll(async () => {
  await browser?.close();
});

/** Parse and draw each block; what Mermaid said for each that failed, and the diagram types drawn. */
async function render(blocks: string[]): Promise<{ errors: string[]; drawn: string[] }> {
  return page!.evaluate(async (texts) => {
    type Mermaid = {
      parse: (t: string) => Promise<{ diagramType: string }>;
      render: (id: string, t: string) => Promise<{ svg: string }>;
    };
    const m = (globalThis as unknown as { mermaid: Mermaid }).mermaid;
    const errors: string[] = [];
    const drawn: string[] = [];
    for (const [i, t] of texts.entries()) {
      try {
        const { diagramType } = await m.parse(t);
        const { svg } = await m.render(`chart${i}`, t);
        if (!svg.includes("<svg")) throw new Error("no svg");
        drawn.push(diagramType);
      } catch (e) {
        errors.push(`block ${i}: ${(e as Error).message ?? String(e)}\n${t.split("\n").slice(0, 6).join("\n")}`);
      }
    }
    return { errors, drawn };
  }, blocks);
}

function sweep(labels: string[], values: Array<number | null>) {
  return groupResult({
    metric: "val_loss",
    goal: "minimize",
    baseline: 0.5,
    labels,
    tasks: values.map((value, i) => ({
      point: i % labels.length,
      replicate: Math.floor(i / labels.length),
      runId: `s_${i}`,
      status: value === null ? "failed" : "completed",
      value,
    })),
  });
}

describe("Mermaid charts of the reports, drawn by mermaid in Chromium", () => {
  it.each([10, 500])("the job summary at %i runs, with a sweep's group result", async (n) => {
    const g = sweep(["lr=0.0001", "lr=0.0003", "lr=0.001"], [0.41, 0.39, 0.45, 0.4, 0.38, null]);
    const md = renderSummary({
      title: "autolab status",
      command: "status",
      runs: runs(n),
      findings: [],
      now: "2026-12-05T12:00:00Z",
      blobBase: "https://github.com/lab/exp/blob/0123456789abcdef0123456789abcdef01234567/",
      groups: new Map([["lr", g]]),
    });
    const blocks = mermaidBlocks(md);
    expect(blocks.length).toBeGreaterThan(1);
    const { errors, drawn } = await render(blocks);
    expect(errors).toEqual([]);
    expect(drawn.length).toBe(blocks.length);
    expect(new Set(drawn)).toEqual(new Set(["gantt", "xychart"]));
  });

  it("metric charts of tiny and huge values (no exponents: Mermaid cannot read them)", async () => {
    for (const scale of [1e-9, 1e23]) {
      const rs = runs(10).map((r) =>
        r.primaryMetric
          ? { ...r, primaryMetric: { ...r.primaryMetric, value: (r.primaryMetric.value as number) * scale } }
          : r,
      );
      const md = renderSummary({ title: "autolab status", command: "status", runs: rs, findings: [] });
      const { errors, drawn } = await render(mermaidBlocks(md));
      expect(errors).toEqual([]);
      expect(drawn).toContain("xychart");
    }
  });

  it("a sweep section with tiny, negative and quoted values", async () => {
    const g = sweep(
      ['opt="adam" [b]', "lr=1e-05", "lr=-3", "wd=0.00001"],
      [1.5e-5, -0.25, 2.5e-7, 1234567.5, 1.6e-5, -0.3, 2.4e-7, 1234568],
    );
    const blocks = mermaidBlocks(sweepSection("sw", g));
    expect(blocks.length).toBe(1);
    expect(await render(blocks)).toEqual({ errors: [], drawn: ["xychart"] });
  });

  it("fails on a chart Mermaid cannot parse (the check can fail)", async () => {
    const { errors } = await render(["xychart-beta\n    x-axis [a, b\n    line [1, 2]"]);
    expect(errors.length).toBe(1);
  });
});
