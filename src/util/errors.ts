/**
 * Errors and findings shared by every layer.
 *
 * An AutolabError always says which file (and where possible which line and
 * column) it concerns, so the CLI and the action can point a researcher at the
 * exact spot. Exit codes follow the CLI contract: 1 = check failed / runtime
 * error, 2 = usage error.
 */

export type Severity = "error" | "warning" | "notice";

export interface SourceLocation {
  /** Path as the user should see it (repository-relative where possible). */
  file?: string;
  /** 1-based line. */
  line?: number;
  /** 1-based column. */
  column?: number;
  /** JSON pointer-ish path inside the document, e.g. `/timestamps/started_at`. */
  jsonPath?: string;
}

export interface Finding extends SourceLocation {
  severity: Severity;
  /** Stable identifier of the check that produced it, e.g. `schema`, `ledger.missing`. */
  check: string;
  message: string;
  /** What to do about it. */
  hint?: string;
}

export class AutolabError extends Error {
  readonly location: SourceLocation;
  readonly exitCode: 1 | 2;
  readonly hint?: string;
  readonly findings: Finding[];

  constructor(
    message: string,
    opts: SourceLocation & { exitCode?: 1 | 2; hint?: string; findings?: Finding[]; cause?: unknown } = {},
  ) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = "AutolabError";
    this.location = { file: opts.file, line: opts.line, column: opts.column, jsonPath: opts.jsonPath };
    this.exitCode = opts.exitCode ?? 1;
    this.hint = opts.hint;
    this.findings = opts.findings ?? [];
  }
}

/** A wrong command line: exit 2. */
export class UsageError extends AutolabError {
  constructor(message: string, hint?: string) {
    super(message, { exitCode: 2, hint });
    this.name = "UsageError";
  }
}

/** `file:line:col: ` prefix (only the parts that are known). */
export function formatLocation(loc: SourceLocation): string {
  if (!loc.file) return "";
  let s = loc.file;
  if (loc.line !== undefined) {
    s += `:${loc.line}`;
    if (loc.column !== undefined) s += `:${loc.column}`;
  }
  return s;
}

export function formatFinding(f: Finding): string {
  const where = formatLocation(f);
  const path = f.jsonPath ? ` (at ${f.jsonPath})` : "";
  const hint = f.hint ? `\n    fix: ${f.hint}` : "";
  return `${where ? where + ": " : ""}${f.severity}: ${f.message}${path} [${f.check}]${hint}`;
}

const ERRNO_WORDS: Readonly<Record<string, string>> = {
  ENOENT: "no such file or directory",
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  ENOSPC: "no space left on device",
  EDQUOT: "disk quota exceeded",
  EROFS: "read-only file system",
  EEXIST: "already exists",
  ENOTDIR: "not a directory",
  EISDIR: "is a directory",
  ENOTEMPTY: "directory not empty",
  EMFILE: "too many open files",
  ELOOP: "too many levels of symbolic links",
  ETIMEDOUT: "timed out",
  ECONNREFUSED: "connection refused",
};

/**
 * An error's message for a person: a system error (`EACCES: permission
 * denied, open '/x'`) as `/x: permission denied`, anything else as it is.
 */
export function errorMessage(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const e = err as Error & { code?: unknown; path?: unknown; dest?: unknown };
  const words = typeof e.code === "string" ? ERRNO_WORDS[e.code] : undefined;
  if (!words) return err.message;
  const where = typeof e.path === "string" ? e.path : undefined;
  return where ? `${where}: ${words}` : words;
}

export function formatError(err: unknown): string {
  if (err instanceof AutolabError) {
    const where = formatLocation(err.location);
    const path = err.location.jsonPath ? ` (at ${err.location.jsonPath})` : "";
    const extra = err.findings.length ? "\n" + err.findings.map((f) => "  " + formatFinding(f)).join("\n") : "";
    const hint = err.hint ? `\n  fix: ${err.hint}` : "";
    return `${where ? where + ": " : ""}error: ${err.message}${path}${extra}${hint}`;
  }
  return `error: ${errorMessage(err)}`;
}

export function worstSeverity(findings: Finding[]): Severity | undefined {
  if (findings.some((f) => f.severity === "error")) return "error";
  if (findings.some((f) => f.severity === "warning")) return "warning";
  if (findings.length) return "notice";
  return undefined;
}

/**
 * A finding from a caught error: an AutolabError keeps its own location and
 * hint; anything else becomes a finding at `file`.
 */
export function findingFromError(
  e: unknown,
  check: string,
  file?: string,
  opts: { severity?: Severity; hint?: string } = {},
): Finding {
  const severity = opts.severity ?? "error";
  if (e instanceof AutolabError) {
    return {
      severity,
      check,
      message: e.message,
      file: e.location.file ?? file,
      line: e.location.line,
      column: e.location.column,
      jsonPath: e.location.jsonPath,
      hint: e.hint ?? opts.hint,
    };
  }
  return { severity, check, message: errorMessage(e), file, hint: opts.hint };
}

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, notice: 2 };

/** Findings worst first (errors, warnings, notices), keeping their order within a severity. */
export function worstFirst(findings: readonly Finding[]): Finding[] {
  return findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => (SEVERITY_RANK[a.f.severity] ?? 0) - (SEVERITY_RANK[b.f.severity] ?? 0) || a.i - b.i)
    .map((x) => x.f);
}
