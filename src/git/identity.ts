/**
 * Who a person's commit is by: the identity git itself would use for them
 * (GIT_AUTHOR_NAME / GIT_AUTHOR_EMAIL, else `git config user.name` /
 * `user.email` as seen from `dir`). The CLI passes it to the commands so a
 * commit a person makes through `autolab` is theirs; the action passes none
 * and commit-back uses github-actions[bot].
 */
import { existsSync } from "node:fs";
import type { CommitIdentity } from "./commitback.js";
import { git } from "./git.js";

async function configValue(dir: string, key: string): Promise<string | undefined> {
  const r = await git(existsSync(dir) ? dir : ".", ["config", "--get", key], { allowFailure: true, timeoutMs: 10_000 });
  const v = r.code === 0 ? r.stdout.trim() : "";
  return v || undefined;
}

/** The person's git identity, or undefined when git has none configured for them. */
export async function personIdentity(
  dir: string,
  env: Record<string, string | undefined> = process.env,
): Promise<CommitIdentity | undefined> {
  const name = env.GIT_AUTHOR_NAME?.trim() || (await configValue(dir, "user.name"));
  const email = env.GIT_AUTHOR_EMAIL?.trim() || (await configValue(dir, "user.email"));
  return name && email ? { name, email } : undefined;
}
