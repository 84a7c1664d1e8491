/**
 * `path.link`: a tool-owned file or directory that is a symlink, or a
 * tool-owned file that is not a regular file (a named pipe, a device, a
 * socket), is an error at that path. The tool never reads or writes through
 * such an entry (a linked `docs/slurm_job_list.md` or `analysis/summary.md`
 * could publish a runner file; a FIFO could hang a reader), so verify names
 * each one instead of staying silent.
 *
 * Checked (with lstat only; nothing is opened): `docs/`, the ledger,
 * `.autolab/` and its state files, and for every iteration directory under
 * `experiments/<plan|in_progress|done>/` (links included, so a linked
 * iteration is reported too): the iteration directory, `launch/`, `runs/`,
 * `analysis/`, `analysis/summary.md`, and in every run directory the run
 * directory itself, `logs/`, the manifest, the metrics, the sentinel.
 */
import type { Dirent } from "node:fs";
import { lstat, readdir } from "node:fs/promises";
import path from "node:path";
import {
  ITERATION_BUCKETS,
  LEDGER_PATH,
  MANIFEST_FILE,
  METRICS_FILE,
  MONITOR_STATE_PATH,
  SENTINEL_FILE,
  STATE_PATH,
} from "../domain/layout.js";
import type { Finding } from "../util/errors.js";

type Kind = "dir" | "file";

async function entry(root: string, rel: string, kind: Kind): Promise<Finding | undefined | "absent" | "dir"> {
  let st;
  try {
    st = await lstat(path.join(root, rel));
  } catch {
    return "absent";
  }
  if (st.isSymbolicLink()) {
    return {
      severity: "error",
      check: "path.link",
      file: rel,
      message: `${rel} is a symlink: a tool-owned ${kind === "dir" ? "directory" : "file"} is never read or written through a link`,
      hint: `replace the link by a regular ${kind === "dir" ? "directory" : "file"} (git rm ${rel})`,
    };
  }
  if (kind === "file" && !st.isFile() && !st.isDirectory()) {
    return {
      severity: "error",
      check: "path.link",
      file: rel,
      message: `${rel} is not a regular file (a named pipe, socket or device): it is never read`,
      hint: `remove it; a job must write its evidence as regular files`,
    };
  }
  return kind === "dir" && st.isDirectory() ? "dir" : undefined;
}

async function names(root: string, rel: string): Promise<Dirent[]> {
  try {
    return await readdir(path.join(root, rel), { withFileTypes: true });
  } catch {
    return [];
  }
}

/** Every tool-owned entry of the repository that is a link (or a non-regular file), as error findings. */
export async function linkFindings(root: string): Promise<Finding[]> {
  const out: Finding[] = [];
  const check = async (rel: string, kind: Kind): Promise<boolean> => {
    const r = await entry(root, rel, kind);
    if (r && typeof r === "object") out.push(r);
    return r === "dir";
  };
  if (await check("docs", "dir")) await check(LEDGER_PATH, "file");
  if (await check(".autolab", "dir")) for (const f of [STATE_PATH, MONITOR_STATE_PATH]) await check(f, "file");
  if (!(await check("experiments", "dir"))) return out;
  for (const bucket of ITERATION_BUCKETS) {
    const b = `experiments/${bucket}`;
    if (!(await check(b, "dir"))) continue;
    for (const it of await names(root, b)) {
      const itRel = `${b}/${it.name}`;
      if (!(await check(itRel, "dir"))) continue;
      await check(`${itRel}/launch`, "dir");
      if (await check(`${itRel}/analysis`, "dir")) await check(`${itRel}/analysis/summary.md`, "file");
      if (!(await check(`${itRel}/runs`, "dir"))) continue;
      for (const run of await names(root, `${itRel}/runs`)) {
        const runRel = `${itRel}/runs/${run.name}`;
        if (!(await check(runRel, "dir"))) continue;
        for (const f of [MANIFEST_FILE, METRICS_FILE, SENTINEL_FILE]) await check(`${runRel}/${f}`, "file");
        await check(`${runRel}/logs`, "dir");
      }
    }
  }
  return out;
}
