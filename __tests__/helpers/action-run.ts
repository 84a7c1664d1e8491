/**
 * Run the bundled action (`node dist/index.js`) as the GitHub runner runs it:
 * INPUT_*, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, GITHUB_EVENT_PATH and
 * GITHUB_API_URL (the local OpenAPI-checking server) set; returns the step's
 * outputs and job summary. When AUTOLAB_NODE24 names a Node 24 binary, the
 * bundle runs under it.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { runArgv } from "../../src/util/exec.js";
import type { GithubMock } from "./github-mock.js";

export const DIST = path.resolve(__dirname, "../../dist/index.js");
const NODE =
  process.env.AUTOLAB_NODE24 && existsSync(process.env.AUTOLAB_NODE24) ? process.env.AUTOLAB_NODE24 : process.execPath;

/** The GITHUB_OUTPUT file as name -> value (`name<<DELIM\nvalue\nDELIM` or `name=value`). */
export function parseOutputFile(file: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!existsSync(file)) return out;
  const lines = readFileSync(file, "utf8").split("\n");
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<=]+)<<(.+)$/.exec(lines[i]);
    if (m) {
      const value: string[] = [];
      i++;
      while (i < lines.length && lines[i] !== m[2]) value.push(lines[i++]);
      out[m[1]] = value.join("\n");
    } else if (lines[i].includes("=")) {
      const k = lines[i].indexOf("=");
      out[lines[i].slice(0, k)] = lines[i].slice(k + 1);
    }
  }
  return out;
}

export interface BundledRun {
  code: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
}

export async function runBundledAction(o: {
  workspace: string;
  inputs: Record<string, string>;
  event: string;
  mock?: GithubMock;
  sha?: string;
}): Promise<BundledRun> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "autolab-runner-"));
  const files = { output: path.join(dir, "output"), summary: path.join(dir, "summary"), event: path.join(dir, "e") };
  writeFileSync(files.output, "");
  writeFileSync(files.summary, "");
  writeFileSync(files.event, "{}");
  const sha = o.sha ?? execFileSync("git", ["rev-parse", "HEAD"], { cwd: o.workspace, encoding: "utf8" }).trim();
  const env: Record<string, string | undefined> = {
    GITHUB_ACTIONS: "true",
    GITHUB_WORKSPACE: o.workspace,
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_EVENT_PATH: files.event,
    GITHUB_EVENT_NAME: o.event,
    GITHUB_REPOSITORY: "lab/experiments",
    GITHUB_SHA: sha,
    GITHUB_REF: "refs/heads/main",
    GITHUB_RUN_ID: String(Math.floor(Math.random() * 1e9)),
    GITHUB_ACTOR: "researcher",
    GITHUB_API_URL: o.mock?.url ?? "http://127.0.0.1:9",
    GITHUB_SERVER_URL: "https://github.com",
  };
  for (const [k, v] of Object.entries(o.inputs)) env[`INPUT_${k.toUpperCase()}`] = v;
  const r = await runArgv(NODE, [DIST], { cwd: o.workspace, env, timeoutMs: 120_000 });
  return {
    code: r.code,
    stdout: r.stdout,
    stderr: r.stderr,
    outputs: parseOutputFile(files.output),
    summary: readFileSync(files.summary, "utf8"),
  };
}
