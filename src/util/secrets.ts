/**
 * The secrets this process knows (the runner's tokens, read once at the
 * action's start; a token given to a command), and the one rule that hides
 * them: every form a secret can take in text (itself, base64, the base64 of
 * git's `x-access-token:<token>` credential, URL-encoded) becomes `***`.
 * Used for messages (git's errors) and, as a second line of defence, for
 * every file the tool writes or commits (git/record.applyEdits): a job that
 * learned a token and printed it does not get it committed.
 */

const known = new Set<string>();

/** Shorter values are not secrets worth hiding (and would garble text). */
const MIN_SECRET_LENGTH = 4;

/** Remember `value` as a secret of this process (ignored when empty or too short). */
export function registerSecret(value: string | undefined): void {
  if (value && value.length >= MIN_SECRET_LENGTH) known.add(value);
}

/** Every secret registered so far. */
export function knownSecrets(): string[] {
  return [...known];
}

/** The forms of one secret that can appear in text, longest first. */
export function secretForms(s: string): string[] {
  if (!s || s.length < MIN_SECRET_LENGTH) return [];
  const forms = new Set([
    s,
    Buffer.from(s, "utf8").toString("base64"),
    Buffer.from(`x-access-token:${s}`, "utf8").toString("base64"),
    encodeURIComponent(s),
  ]);
  // Longest first: base64(token) can be a suffix of base64("x-access-token:" + token).
  return [...forms].sort((a, b) => b.length - a.length);
}

function allForms(extra: readonly string[]): string[] {
  const forms = new Set<string>();
  for (const s of [...known, ...extra]) for (const f of secretForms(s)) forms.add(f);
  return [...forms].sort((a, b) => b.length - a.length);
}

/** `text` with every form of every known secret (and of `extra`) replaced by `***`. */
export function redactSecrets(text: string, extra: readonly string[] = []): string {
  let out = text;
  for (const f of allForms(extra)) if (out.includes(f)) out = out.split(f).join("***");
  return out;
}

/** Does `text` (or these bytes) hold a form of a known secret? */
export function holdsSecret(data: string | Uint8Array): boolean {
  const buf =
    typeof data === "string" ? Buffer.from(data, "utf8") : Buffer.from(data.buffer, data.byteOffset, data.length);
  return allForms([]).some((f) => buf.includes(f));
}

/**
 * File content with the known secrets replaced by `***`, byte for byte
 * elsewhere (a binary file or one in another encoding keeps its other bytes);
 * the same object when it holds none.
 */
export function redactContent<T extends string | Uint8Array>(data: T): T | Buffer {
  if (!known.size) return data;
  if (typeof data === "string") return redactSecrets(data) as T;
  let buf = Buffer.from(data.buffer, data.byteOffset, data.length);
  let changed = false;
  const mask = Buffer.from("***");
  for (const f of allForms([])) {
    const needle = Buffer.from(f, "utf8");
    let at = buf.indexOf(needle);
    if (at < 0) continue;
    const parts: Buffer[] = [];
    let from = 0;
    while (at >= 0) {
      parts.push(buf.subarray(from, at), mask);
      from = at + needle.length;
      at = buf.indexOf(needle, from);
    }
    parts.push(buf.subarray(from));
    buf = Buffer.concat(parts);
    changed = true;
  }
  return changed ? buf : data;
}

const held = new Map<string, string>();

/**
 * Take the variable `name` out of `env` into the process's keeping: it is
 * registered as a secret and deleted from `env`, so no child can inherit it
 * (`heldSecret` gives it back to the code that needs it).
 */
export function holdSecret(name: string, env: NodeJS.ProcessEnv = process.env): void {
  const v = env[name];
  if (v === undefined) return;
  registerSecret(v);
  if (v) held.set(name, v);
  delete env[name];
}

/** The value of a variable taken with `holdSecret` (undefined when there was none). */
export function heldSecret(name: string): string | undefined {
  return held.get(name);
}
