/**
 * Before a launch renders `launch/<script>` again: read the file on disk and
 * the submitted copy of the run it names (`# autolab job script: run <id>`),
 * never through a link, and let
 * domain/hand-edit.ts decide whether a hand fix would be dropped (then the
 * launch is refused with the exact steps).
 */
import path from "node:path";
import { handEditedScript } from "../domain/hand-edit.js";
import { readOwned } from "../util/fs.js";

/** What a launch knows (its Gathered record fits). */
export interface ScriptCheckInput {
  ws: { root: string };
  iterationPath: string;
  layout: { launchDir: string };
  /** This launch's run (not an earlier one). */
  run: { runId: string };
  designDisplay: string;
  /** Repository-relative path of this run's copy (its name is the script's). */
  scriptPath: string;
}

export async function refuseHandEditedScript(g: ScriptCheckInput, rendered: string): Promise<void> {
  const i = {
    root: g.ws.root,
    iterationPath: g.iterationPath,
    launchDir: g.layout.launchDir,
    runId: g.run.runId,
    design: g.designDisplay,
    scriptName: path.posix.basename(g.scriptPath),
    rendered,
  };
  const read = async (rel: string) => {
    const r = await readOwned(i.root, path.join(i.root, rel), 4 * 1024 * 1024);
    return r.data?.toString("utf8");
  };
  const launchScript = path.posix.join(i.launchDir, i.scriptName);
  const onDisk = await read(launchScript);
  if (onDisk === undefined || onDisk === i.rendered) return;
  // The script names the run it was rendered for; compare with that run's submitted copy.
  const named = /^# autolab job script: run (\S+) of iteration/m.exec(onDisk)?.[1];
  if (named === undefined || named === i.runId || named.includes("/") || named.startsWith(".")) return;
  const text = await read(path.posix.join(i.iterationPath, "runs", named, i.scriptName));
  if (text === undefined) return; // that run's copy is gone: no evidence of a hand edit
  const lastSubmitted = { runId: named, text };
  const err = handEditedScript({ path: launchScript, onDisk, rendered: i.rendered, lastSubmitted, design: i.design });
  if (err) throw err;
}
