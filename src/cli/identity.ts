/** The face's part of "a person's commit is theirs": ask git who they are, say so when it does not know. */
import type { CommitIdentity } from "../git/commitback.js";
import { personIdentity } from "../git/identity.js";
import { noIdentityNote } from "../report/common.js";
import type { CommandLine, OptionSpec } from "./args.js";
import type { CliIO } from "./command.js";

/** The identity for commits made through the CLI in `cwd` (undefined: commit-back's default). */
export async function cliIdentity(cwd: string, io: CliIO): Promise<CommitIdentity | undefined> {
  const who = await personIdentity(cwd, io.env);
  if (!who) io.stderr(noIdentityNote());
  return who;
}

/** The options every recording command (launch, monitor, cancel, run) takes for how it records. */
export const RECORD_FLAGS: OptionSpec[] = [
  { name: "no-push" },
  { name: "no-commit" },
  { name: "skip-ci" },
  { name: "branch", value: true },
];

/** How the command records, from those options: push, commit, branch, [skip ci], and whose commit it is. */
export async function recordOptions(
  a: CommandLine,
  io: CliIO,
): Promise<{
  push?: false;
  commit?: false;
  branch?: string;
  skipCi: boolean;
  identity?: CommitIdentity;
}> {
  const writesNothing = !!a.flags["no-commit"] || !!a.flags["dry-run"];
  return {
    push: a.flags["no-push"] ? false : undefined,
    commit: a.flags["no-commit"] ? false : undefined,
    branch: a.values.branch,
    skipCi: !!a.flags["skip-ci"],
    identity: writesNothing ? undefined : await cliIdentity(a.cwd, io),
  };
}
