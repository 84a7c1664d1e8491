/**
 * The job summary as a person sees it: rendered (GitHub-flavoured markdown ->
 * HTML with marked, GitHub's `<details>` and tables) in headless Chromium
 * (Debian's /usr/bin/chromium through playwright-core) at 10 and 500 runs,
 * screenshots written to .tmp/summary-<n>.png for a human to look at.
 * Mermaid blocks stay code here (GitHub draws them; the chart's text is
 * checked in report-summary tests).
 *
 * What is asserted is what makes the page readable: at 500 runs the page is
 * not a wall of rows (finished runs are folded, so the visible height stays
 * bounded), the failed and running runs are in view before any finished one,
 * each iteration has its counts, and the markdown is under GitHub's 1 MiB.
 */
import { existsSync, mkdirSync, statSync } from "node:fs";
import path from "node:path";
import { marked } from "marked";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderSummary, STEP_SUMMARY_LIMIT_BYTES } from "../../src/report/summary.js";
import { CHROMIUM, runs } from "../helpers/summary-fixtures.js";

const OUT = path.resolve(__dirname, "../../.tmp");

const CSS = `body{font:14px -apple-system,"Segoe UI",Helvetica,Arial,sans-serif;color:#1f2328;max-width:1012px;margin:24px auto;padding:0 16px}
table{border-collapse:collapse;display:block;overflow:auto;margin:8px 0}th,td{border:1px solid #d1d9e0;padding:4px 10px;white-space:nowrap}
tr:nth-child(2n){background:#f6f8fa}code{background:#eff1f3;padding:1px 4px;border-radius:4px;font-size:85%}
pre{background:#f6f8fa;padding:12px;overflow:auto;max-height:240px}h2{border-bottom:1px solid #d1d9e0}details{margin:8px 0}a{color:#0969da}`;

let browser: Browser | undefined;
beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install chromium (.ci/run installs it)`);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-dev-shm-usage"],
  });
  mkdirSync(OUT, { recursive: true });
}, 60_000);
afterAll(async () => {
  await browser?.close();
});

async function show(n: number) {
  const md = renderSummary({
    title: "autolab status",
    command: "status",
    runs: runs(n),
    findings: [],
    now: "2026-12-05T12:00:00Z",
    blobBase: "https://github.com/lab/exp/blob/0123456789abcdef0123456789abcdef01234567/",
  });
  const html = `<!doctype html><meta charset="utf-8"><style>${CSS}</style><body>${await marked.parse(md, { gfm: true })}</body>`;
  const page = await browser!.newPage({ viewport: { width: 1100, height: 900 } });
  await page.setContent(html);
  const file = path.join(OUT, `summary-${n}.png`);
  await page.screenshot({ path: file, fullPage: true });
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  const visibleRows = await page.evaluate(
    () => [...document.querySelectorAll("tr")].filter((tr) => (tr as HTMLElement).checkVisibility()).length,
  );
  const firstStates = await page.evaluate(() =>
    [...document.querySelectorAll("tbody tr")]
      .filter((tr) => (tr as HTMLElement).checkVisibility())
      .slice(0, 3)
      .map((tr) => tr.children[2]?.textContent ?? ""),
  );
  const details = await page.evaluate(() => document.querySelectorAll("details").length);
  const links = await page.evaluate(() =>
    [...document.querySelectorAll("tbody a")].map((a) => [a.textContent ?? "", a.getAttribute("href") ?? ""]),
  );
  await page.close();
  return { md, file, height, visibleRows, firstStates, details, links };
}

describe("the job summary, rendered", () => {
  it("at 10 runs: one table per group, every run visible, nothing folded", async () => {
    const s = await show(10);
    expect(statSync(s.file).size).toBeGreaterThan(10_000);
    expect(s.details).toBe(0);
    expect(s.visibleRows - (s.md.match(/^\| Run \|/gm)?.length ?? 0)).toBe(10);
    expect(s.md).toContain("**10 run(s):**");
    // Each run links its manifest and its log on the commit the summary describes.
    const base = "https://github.com/lab/exp/blob/0123456789abcdef0123456789abcdef01234567/";
    const manifests = s.links.filter(([t]) => t === "manifest").map(([, h]) => h);
    const logs = s.links.filter(([t]) => t === "log").map(([, h]) => h);
    expect(manifests).toHaveLength(10);
    expect(logs).toHaveLength(10);
    for (const h of manifests) expect(h).toMatch(new RegExp(`^${base}experiments/.+/runs/[^/]+/run_manifest\\.json$`));
    for (const h of logs) expect(h.startsWith(base)).toBe(true);
  }, 60_000);

  it("at 500 runs: finished runs folded, failed and running first, a bounded page under the size limit", async () => {
    const s = await show(500);
    expect(Buffer.byteLength(s.md)).toBeLessThan(STEP_SUMMARY_LIMIT_BYTES / 4);
    expect(s.details).toBeGreaterThan(0);
    // 500 rows at ~35 px would be ~17,500 px; folded, what shows is the runs needing attention.
    expect(s.visibleRows).toBeLessThan(120);
    expect(s.height).toBeLessThan(9000);
    expect(s.firstStates[0]).toMatch(/failed/);
    for (const it of ["lr_sweep_0", "lr_sweep_4"]) expect(s.md).toMatch(new RegExp(`Iteration \`${it}\` \\(100\\):`));
    expect(s.md).toMatch(/🔴 \d+ failed · 🔵 \d+ running · ⚪ \d+ submitted · 🟢 \d+ completed/);
  }, 60_000);
});
