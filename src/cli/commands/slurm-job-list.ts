/**
 * `autolab slurm-job-list append|verify`: keep docs/slurm_job_list.md in step
 * with a run manifest (upsert one line), or check that it is.
 */
import path from "node:path";
import { resolveInside } from "../../util/fs.js";
import { openWorkspace } from "../../store/workspace.js";
import { jsonText } from "../../report/json.js";
import type { CliCommand, CliIO } from "../command.js";
import { commandLine } from "../args.js";
import { didYouMean } from "../suggest.js";
import { AutolabError, formatFinding, UsageError, type Finding } from "../../util/errors.js";
import { readManifest } from "../../contract/manifest.js";
import { canonicalLine } from "../../ledger/ledger.js";
import { LEDGER_PATH, upsertLedgerFile, verifyLedgerFile } from "../../ledger/io.js";

const HELP = `Usage: autolab slurm-job-list append --manifest FILE [--doc FILE] [--json] [--repo DIR]
       autolab slurm-job-list verify --manifest FILE [--doc FILE] [--json] [--repo DIR]

The ledger (default ${LEDGER_PATH}) holds one line per SLURM run:
  - YYYY-MM-DD | job_id=J | iteration_id=I | run_id=R | status=S
dated with the run's UTC launch date; a job on a named cluster (slurm.cluster) adds
" | cluster=C" at the end.

  append   add the run's line at the end, or rewrite its existing line in place
           (status, job id). Every other line of the file stays byte for byte.
           Creates the file (with a short header) when it does not exist.
  verify   check that the ledger holds the line for the manifest's current state;
           prints what differs (field, expected, found) with line numbers.

A manifest whose host_mode is not slurm is skipped with a message (exit 0).
A run with malformed or duplicate lines is reported with their line numbers and
not touched.

Options:
  --manifest FILE  the run's run_manifest.json (required)
  --doc FILE       the ledger file (default: ${LEDGER_PATH} in the current directory)
  --json           print the result as JSON
  --repo DIR       act on the repository at DIR; relative paths are taken from DIR

Exit codes: 0 ok (or skipped), 1 check failed or error, 2 usage error.
`;

/**
 * A path given on the command line. Inside a git checkout it must stay in
 * the checkout (the ledger and manifests are the repository's); outside one
 * (checking a sample, say) any path is taken.
 */
function shownPath(
  root: string | undefined,
  cwd: string,
  given: string,
  what: string,
): { abs: string; display: string } {
  const abs = root ? resolveInside(root, path.resolve(cwd, given), what) : path.resolve(cwd, given);
  return { abs, display: given };
}

export const command: CliCommand = {
  name: "slurm-job-list",
  summary: "append a run to the ledger docs/slurm_job_list.md, or verify its line",
  help: HELP,
  async run(argv: string[], io: CliIO): Promise<number> {
    const a = commandLine(
      argv,
      io,
      [{ name: "manifest", value: true }, { name: "doc", value: true }, { name: "json" }],
      {
        command: "slurm-job-list",
        positionals: { min: 0, max: 1, what: "subcommand (append or verify)" },
      },
    );
    const [sub] = a.positionals;
    if (sub !== "append" && sub !== "verify") {
      const near = sub ? didYouMean(sub, ["append", "verify"]) : undefined;
      throw new UsageError(
        sub ? `unknown subcommand '${sub}'${near ? ` (did you mean '${near}'?)` : ""}` : "missing subcommand",
        "use `autolab slurm-job-list append|verify --manifest FILE`",
      );
    }
    if (!a.values.manifest) throw new UsageError("--manifest FILE is required");
    const ws = await openWorkspace(a.cwd);
    const root = ws.inGit ? ws.root : undefined;
    const manifestPath = shownPath(root, a.cwd, a.values.manifest, "--manifest");
    const docPath = a.values.doc
      ? shownPath(root, a.cwd, a.values.doc, "--doc")
      : { abs: path.join(root ?? a.cwd, LEDGER_PATH), display: LEDGER_PATH };
    const json = a.flags.json === true;

    const manifest = (await readManifest(manifestPath.abs, manifestPath.display)).data;
    if (manifest.host_mode !== "slurm") {
      const message = `skipped: run ${manifest.run_id} is not a SLURM run (host_mode=${manifest.host_mode}); the ledger lists SLURM runs only`;
      if (json) io.stdout(jsonText({ action: "skipped", run_id: manifest.run_id, message }));
      else io.stdout(message + "\n");
      return 0;
    }
    let expected: string;
    try {
      expected = canonicalLine(manifest);
    } catch (e) {
      if (e instanceof AutolabError) {
        throw new AutolabError(e.message, { file: manifestPath.display, jsonPath: e.location.jsonPath, hint: e.hint });
      }
      throw e;
    }

    if (sub === "append") {
      const r = await upsertLedgerFile(docPath.abs, manifest, docPath.display);
      if (json) {
        io.stdout(
          jsonText({
            action: r.action,
            run_id: manifest.run_id,
            file: docPath.display,
            line: r.line,
            created: r.created,
            text: expected,
          }),
        );
      } else {
        const what = r.action === "unchanged" ? "already up to date at" : `${r.action}`;
        io.stdout(
          `${docPath.display}:${r.line}: ${what}${r.action === "unchanged" ? "" : " line"} for run ${manifest.run_id}${r.created ? " (created the file)" : ""}\n${expected}\n`,
        );
      }
      return 0;
    }

    // verify
    const inLedger = verifyLedgerFile(docPath.abs, manifest, docPath.display);
    const findings: Finding[] =
      inLedger === undefined
        ? [
            {
              severity: "error",
              check: "ledger.missing",
              file: docPath.display,
              message: `the ledger does not exist; expected it to hold: ${expected}`,
              hint: `run \`autolab slurm-job-list append --manifest ${manifestPath.display}\``,
            },
          ]
        : inLedger;
    const ok = !findings.some((f) => f.severity === "error");
    if (json) {
      io.stdout(jsonText({ ok, run_id: manifest.run_id, file: docPath.display, expected, findings }));
    } else {
      for (const f of findings) io.stdout(formatFinding(f) + "\n");
      io.stdout(
        ok
          ? `ok: ${docPath.display} holds the line for run ${manifest.run_id}\n`
          : `${docPath.display}: the ledger does not match run ${manifest.run_id}; expected: ${expected}\n`,
      );
    }
    return ok ? 0 : 1;
  },
};
