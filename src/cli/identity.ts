/** The face's part of "a person's commit is theirs": ask git who they are, say so when it does not know. */
import type { CommitIdentity } from "../git/commitback.js";
import { personIdentity } from "../git/identity.js";
import { noIdentityNote } from "../report/common.js";
import type { CliIO } from "./command.js";

/** The identity for commits made through the CLI in `cwd` (undefined: commit-back's default). */
export async function cliIdentity(cwd: string, io: CliIO): Promise<CommitIdentity | undefined> {
  const who = await personIdentity(cwd, io.env);
  if (!who) io.stderr(noIdentityNote());
  return who;
}
