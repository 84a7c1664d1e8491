/** Failure comments: each failed run once, recorded in .autolab/notifications.json (domain/notify + commands/notify on a real git repo). */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { notificationsEdit, parseNotifications, toNotify } from "../../src/domain/notify.js";
import { notifyFailures, type FailedRun } from "../../src/commands/notify.js";
import { failureComment } from "../../src/report/notify.js";

const ctx = { superseded: new Set<string>(), note: () => undefined };
const enc = (s: string) => new TextEncoder().encode(s);

describe("domain/notify", () => {
  it.each<[string, string[], string | undefined, string[]]>([
    ["nothing recorded: every failed run, once", ["a", "b", "a"], undefined, ["a", "b"]],
    ["a recorded run is never announced again", ["a", "b"], '{"failure_comments":{"a":{"issue":1,"at":"x"}}}', ["b"]],
    ["a record that is not JSON counts as empty", ["a"], "{oops", ["a"]],
  ])("%s", (_n, failed, text, want) => expect(toNotify(failed, parseNotifications(text))).toEqual(want));

  it("the edit merges into another writer's record and keeps the first entry of a run", () => {
    const other = '{"schema_version":"1.0","failure_comments":{"z":{"issue":1,"at":"t0"},"a":{"issue":1,"at":"t0"}}}';
    const out = notificationsEdit({ a: { issue: 2, at: "t1" }, b: { issue: 2, comment_id: 9, at: "t1" } }).edit(
      enc(other),
      ctx,
    ) as string;
    const rec = JSON.parse(out);
    expect(Object.keys(rec.failure_comments)).toEqual(["a", "b", "z"]);
    expect(rec.failure_comments.a).toEqual({ issue: 1, at: "t0" });
    expect(notificationsEdit({ a: { issue: 2, at: "t1" } }).edit(enc(out), ctx)).toBe("unchanged");
  });

  it("the comment names the run, its reason, job and manifest, with the log tail", () => {
    const body = failureComment(
      {
        runId: "R1",
        iterationId: "it",
        jobId: "42",
        manifestPath: "e/x/run_manifest.json",
        failureReason: "timeout",
        logTail: "boom",
      },
      { serverUrl: "https://github.com", repository: "lab/exp", ref: "refs/heads/main" },
    );
    expect(body).toContain("<!-- autolab-run-failed: R1 -->");
    expect(body).toContain("**autolab: run `R1` failed** (timeout)");
    expect(body).toContain("[e/x/run_manifest.json](https://github.com/lab/exp/blob/main/e/x/run_manifest.json)");
    expect(body).toContain("boom");
  });
});

describe("notifyFailures on a git checkout", () => {
  it("posts each failed run once across calls, records it in a commit, and does not record a post that failed", async () => {
    const root = mkdtempSync(path.join(tmpdir(), "autolab-notify-"));
    const git = (...a: string[]) => execFileSync("git", a, { cwd: root, encoding: "utf8" });
    git("init", "-q", "-b", "main");
    git("config", "user.name", "t");
    git("config", "user.email", "t@example.invalid");
    git("commit", "-q", "--allow-empty", "-m", "init");
    const runs: FailedRun[] = [
      { runId: "R1", manifestPath: "m1" },
      { runId: "R2", manifestPath: "m2" },
    ];
    const posted: string[] = [];
    let fail = "R2";
    const post = async (r: FailedRun) => {
      if (r.runId === fail) throw new Error("HTTP 502");
      posted.push(r.runId);
      return { id: posted.length };
    };
    const first = await notifyFailures({ cwd: root, issue: 7, runs, post, push: false });
    expect(first.posted).toEqual(["R1"]);
    expect(first.findings.map((f) => f.check)).toEqual(["notify.comment"]);
    expect(first.committed).toBe(true);
    fail = "";
    const second = await notifyFailures({ cwd: root, issue: 7, runs, post, push: false });
    expect(second.posted).toEqual(["R2"]);
    expect(second.already).toEqual(["R1"]);
    const third = await notifyFailures({ cwd: root, issue: 7, runs, post, push: false });
    expect(third.posted).toEqual([]);
    expect(posted).toEqual(["R1", "R2"]);
    const rec = JSON.parse(readFileSync(path.join(root, ".autolab/notifications.json"), "utf8"));
    expect(Object.keys(rec.failure_comments)).toEqual(["R1", "R2"]);
    expect(git("status", "--porcelain")).toBe("");
    expect(
      git("log", "--format=%s")
        .split("\n")
        .filter((s) => s.includes("announced")),
    ).toHaveLength(2);
  });
});
