/**
 * `autolab policy apply preset NAME` and `autolab policy show`: layer a preset
 * into .autolab/verifier_policy.yaml (keeping comments and key order), and
 * print the effective policy (defaults < preset < file).
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { stringify } from "yaml";
import { jsonText } from "../../report/json.js";
import type { CliCommand, CliIO } from "../command.js";
import { commandLine } from "../args.js";
import { didYouMean } from "../suggest.js";
import { UsageError } from "../../util/errors.js";
import { applyPreset, listPresets, loadPolicy, POLICY_PATH } from "../../contract/policy.js";

const HELP = `Usage: autolab policy apply preset NAME [--repo DIR] [--json]
       autolab policy show [--repo DIR] [--json]

  apply preset NAME  merge presets/NAME.yaml into ${POLICY_PATH}: mappings merge
                     key by key, a value or list from the preset replaces the file's.
                     Your comments and key order are kept. The preset is recorded in
                     policy_resolution.default_preset. Creates the file when missing.
  show               print the effective policy: built-in defaults < preset < file.

Options:
  --repo DIR  repository root (default: the nearest directory above the current one
              that holds .autolab/ or .git/)
  --json      print the result as JSON

Exit codes: 0 ok, 1 invalid policy or error, 2 usage error (including an unknown preset).
`;

/** The nearest ancestor of `start` holding .autolab/ or .git; `start` itself when none does. */
export function findRepoRoot(start: string): string {
  let dir = path.resolve(start);
  for (;;) {
    if (existsSync(path.join(dir, ".autolab")) || existsSync(path.join(dir, ".git"))) return dir;
    const up = path.dirname(dir);
    if (up === dir) return path.resolve(start);
    dir = up;
  }
}

export const command: CliCommand = {
  name: "policy",
  summary: "apply a policy preset (policy apply preset slurm) or show the effective policy",
  help: HELP,
  async run(argv: string[], io: CliIO): Promise<number> {
    const a = commandLine(argv, io, [{ name: "json" }], {
      command: "policy",
      positionals: { min: 0, max: 3, what: "words (apply preset NAME, or show)" },
    });
    const root = a.repoGiven ? a.cwd : findRepoRoot(io.cwd);
    const json = a.flags.json === true;
    const [sub, ...rest] = a.positionals;
    if (sub === "apply") {
      if (rest[0] !== "preset")
        throw new UsageError(
          rest[0] ? `unknown policy apply target '${rest[0]}'` : "missing 'preset NAME'",
          "use `autolab policy apply preset NAME`",
        );
      const name = rest[1];
      if (!name) throw new UsageError("missing preset name", `known presets: ${listPresets().join(", ")}`);
      if (rest.length > 2) throw new UsageError(`unexpected argument '${rest[2]}'`);
      const r = await applyPreset(root, name);
      if (json) io.stdout(jsonText({ preset: name, file: r.file, changed: r.changed }));
      else
        io.stdout(
          r.changed
            ? `applied preset ${name} to ${r.file}\n`
            : `${r.file} already includes preset ${name}; nothing changed\n`,
        );
      return 0;
    }
    if (sub === "show") {
      if (rest.length) throw new UsageError(`unexpected argument '${rest[0]}'`);
      const loaded = await loadPolicy(root);
      if (json) {
        io.stdout(
          jsonText(
            { file: loaded.file ?? null, preset: loaded.preset ?? null, policy: loaded.policy },
            { verbatim: ["policy"] },
          ),
        );
      } else {
        const layers = ["built-in defaults", loaded.preset ? `preset ${loaded.preset}` : undefined, loaded.file].filter(
          Boolean,
        );
        io.stdout(`# effective policy: ${layers.join(" < ")}\n${stringify(loaded.policy)}`);
      }
      return 0;
    }
    const near = sub ? didYouMean(sub, ["apply", "show"]) : undefined;
    throw new UsageError(
      sub ? `unknown subcommand '${sub}'${near ? ` (did you mean '${near}'?)` : ""}` : "missing subcommand",
      "use `autolab policy apply preset NAME` or `autolab policy show`",
    );
  },
};
