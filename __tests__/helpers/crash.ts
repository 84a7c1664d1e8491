/**
 * For the launch-crash tests (single launches and sweeps): the CLI as a real
 * child process whose signal and output the test reads, and the journal a
 * crashed launch leaves in the checkout's git dir.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { journalDir } from "../../src/commands/launch/index.js";
import { CLI_ENTRY, TSX_LOADER } from "./repo.js";

export interface ChildResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** `cmd args` in `cwd`; resolves with its exit code or the signal that killed it. */
export function runChild(
  cmd: string,
  args: string[],
  opts: { cwd: string; env?: NodeJS.ProcessEnv },
): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/** `node --import tsx src/cli/index.ts <args>`: the autolab process a wrapper sbatch kills is this one. */
export function cliChild(args: string[], cwd: string, env?: NodeJS.ProcessEnv): Promise<ChildResult> {
  return runChild(process.execPath, ["--import", TSX_LOADER, CLI_ENTRY, ...args], { cwd, env });
}

/** The launch journal's entries in `work`'s git dir. */
export async function readJournalEntries(work: string): Promise<Array<Record<string, string>>> {
  const dir = journalDir(path.join(work, ".git"));
  const names = existsSync(dir) ? await readdir(dir) : [];
  return Promise.all(names.map(async (n) => JSON.parse(await readFile(path.join(dir, n), "utf8"))));
}
