/**
 * The job summary's adapter: append markdown (rendered by report/summary.ts)
 * to this step's summary file, GITHUB_STEP_SUMMARY.
 */
import * as core from "@actions/core";

/**
 * Append `markdown` to this step's summary (GITHUB_STEP_SUMMARY). Returns
 * false, writing nothing, when not running in a GitHub Actions step.
 */
export async function writeSummary(markdown: string): Promise<boolean> {
  if (!process.env.GITHUB_STEP_SUMMARY) return false;
  await core.summary.addRaw(markdown, true).write();
  return true;
}
