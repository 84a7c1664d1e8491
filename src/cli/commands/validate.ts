/**
 * `autolab validate FILE...`: schema-check contract files, each by its kind
 * (from its name, or --kind), reporting every problem with file, JSON path,
 * line and column.
 */
import path from "node:path";
import { jsonText } from "../../report/json.js";
import type { CliCommand, CliIO } from "../command.js";
import { commandLine } from "../args.js";
import { AutolabError, formatFinding, UsageError, type Finding } from "../../util/errors.js";
import { DOC_KINDS, kindOfPath, loadDocument, parseKind, type DocKind } from "../../contract/validate.js";

const HELP = `Usage: autolab validate [--kind KIND] [--json] [--repo DIR] FILE...

Checks each file against the run contract's JSON Schema for its kind:
  run_manifest.json     -> manifest     design.yaml           -> design
  verifier_policy.yaml  -> policy       metrics.json          -> metrics
  state.json            -> state
Other names need --kind (one of ${DOC_KINDS.join(", ")}), which applies to every FILE.

Every problem is printed as FILE:LINE:COLUMN with the JSON path of the value.

Options:
  --kind KIND  the kind of every FILE
  --json       print the result as JSON
  --repo DIR   take relative FILEs from DIR (default: the current directory)

Exit codes: 0 all valid, 1 a file is invalid or unreadable, 2 usage error.
`;

interface FileResult {
  file: string;
  kind: DocKind;
  ok: boolean;
  findings: Finding[];
}

export const command: CliCommand = {
  name: "validate",
  summary:
    "schema-check contract files (run_manifest.json, design.yaml, verifier_policy.yaml, metrics.json, state.json)",
  help: HELP,
  async run(argv: string[], io: CliIO): Promise<number> {
    const a = commandLine(argv, io, [{ name: "kind", value: true }, { name: "json" }], {
      command: "validate",
      positionals: { min: 1, max: Infinity, what: "FILE" },
    });
    let forced: DocKind | undefined;
    if (a.values.kind !== undefined) {
      forced = parseKind(a.values.kind);
      if (!forced) throw new UsageError(`unknown kind '${a.values.kind}'`, `kinds: ${DOC_KINDS.join(", ")}`);
    }
    const jobs = a.positionals.map((file) => {
      const kind = forced ?? kindOfPath(file);
      if (!kind) {
        throw new UsageError(
          `cannot tell the kind of ${file} from its name`,
          `pass --kind (one of ${DOC_KINDS.join(", ")})`,
        );
      }
      return { file, kind };
    });
    const results: FileResult[] = [];
    for (const { file, kind } of jobs) {
      let findings: Finding[];
      try {
        findings = (await loadDocument(kind, path.resolve(a.cwd, file), file)).findings;
      } catch (e) {
        if (!(e instanceof AutolabError)) throw e;
        findings = [
          {
            severity: "error",
            check: /^invalid (JSON|YAML)/.test(e.message) || /UTF-8/.test(e.message) ? "syntax" : "read",
            message: e.message,
            file: e.location.file ?? file,
            line: e.location.line,
            column: e.location.column,
            hint: e.hint,
          },
        ];
      }
      results.push({ file, kind, ok: !findings.some((f) => f.severity === "error"), findings });
    }
    const ok = results.every((r) => r.ok);
    if (a.flags.json) {
      io.stdout(jsonText({ ok, files: results }));
    } else {
      for (const r of results) {
        for (const f of r.findings) io.stdout(formatFinding(f) + "\n");
        const errors = r.findings.filter((f) => f.severity === "error").length;
        io.stdout(r.ok ? `${r.file}: ok (${r.kind})\n` : `${r.file}: ${errors} problem(s) (${r.kind})\n`);
      }
    }
    return ok ? 0 : 1;
  },
};
