/**
 * Every workflow template (templates/workflows) and this repository's own
 * workflows (.github/workflows) are checked with GitHub's own workflow parser
 * (@actions/workflow-parser) and against autolab's safety rules: no `${{ }}`
 * inside a `run:` script, no self-hosted job in a workflow a pull request can
 * trigger, and the triggers/permissions/concurrency each template promises.
 * Also keeps src/github/workflow-templates.ts byte-identical to the templates.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { convertWorkflowTemplate, NoOperationTraceWriter, parseWorkflow } from "@actions/workflow-parser";
import { writeFileAtomic } from "../../src/util/fs.js";
import { ok, runArgv } from "../../src/util/exec.js";
import { ACTION_PLACEHOLDER, WORKFLOW_TEMPLATES } from "../../src/github/workflow-templates.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const TEMPLATE_DIR = path.join(ROOT, "templates", "workflows");
const OWN_DIR = path.join(ROOT, ".github", "workflows");

function ymlFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => path.join(dir, f));
}

const templates = ymlFiles(TEMPLATE_DIR);
const own = ymlFiles(OWN_DIR);

async function parserErrors(name: string, content: string): Promise<string[]> {
  const result = parseWorkflow({ name, content }, new NoOperationTraceWriter());
  const errors = result.context.errors.getErrors().map((e) => e.message);
  if (errors.length || !result.value) return errors.length ? errors : [`${name}: parser returned no value`];
  const template = await convertWorkflowTemplate(result.context, result.value);
  return [...result.context.errors.getErrors().map((e) => e.message), ...(template.errors ?? []).map((e) => e.Message)];
}

type Obj = Record<string, unknown>;

function triggers(wf: Obj): string[] {
  const on = wf.on;
  if (typeof on === "string") return [on];
  if (Array.isArray(on)) return on.map(String);
  if (on && typeof on === "object") return Object.keys(on);
  return [];
}

function jobs(wf: Obj): Array<[string, Obj]> {
  return Object.entries((wf.jobs ?? {}) as Record<string, Obj>);
}

/** Labels a job asks for; `undefined` when runs-on is an expression (cannot be known statically). */
function runnerLabels(job: Obj): string[] | undefined {
  const r = job["runs-on"];
  const fromValue = (v: unknown): string[] | undefined => {
    if (typeof v === "string") return v.includes("${{") ? undefined : [v];
    if (Array.isArray(v)) {
      const out: string[] = [];
      for (const x of v) {
        const l = fromValue(x);
        if (!l) return undefined;
        out.push(...l);
      }
      return out;
    }
    return [];
  };
  if (r && typeof r === "object" && !Array.isArray(r)) {
    const m = r as Obj;
    // A runner group is always self-hosted or larger runners: treat it as self-hosted.
    const group = m.group !== undefined ? ["self-hosted"] : [];
    const labels = fromValue(m.labels ?? []);
    return labels ? [...group, ...labels] : undefined;
  }
  return fromValue(r);
}

const PR_EVENTS = ["pull_request", "pull_request_target", "pull_request_review", "pull_request_review_comment"];

/** autolab's rules for a workflow, as a list of violations. */
function safetyViolations(name: string, content: string): string[] {
  const wf = parseYaml(content) as Obj;
  const out: string[] = [];
  const prTriggered = triggers(wf).some((t) => PR_EVENTS.includes(t));
  for (const [id, job] of jobs(wf)) {
    for (const [i, step] of ((job.steps ?? []) as Obj[]).entries()) {
      if (typeof step.run === "string" && step.run.includes("${{")) {
        out.push(`${name}: job ${id} step ${i + 1}: \${{ }} inside run: (pass it through env: instead)`);
      }
    }
    if (prTriggered) {
      const labels = runnerLabels(job);
      if (labels === undefined) out.push(`${name}: job ${id}: runs-on is an expression in a pull_request workflow`);
      else if (labels.some((l) => l.toLowerCase() === "self-hosted"))
        out.push(`${name}: job ${id}: self-hosted runner on pull_request`);
    }
  }
  return out;
}

describe.each([...templates, ...own].map((f) => [path.relative(ROOT, f), f]))("%s", (rel, file) => {
  const content = readFileSync(file, "utf8");

  it("parses with GitHub's workflow parser without errors", async () => {
    expect(await parserErrors(path.basename(file), content)).toEqual([]);
  });

  it("follows the safety rules", () => {
    expect(safetyViolations(rel, content)).toEqual([]);
  });
});

describe("template contracts", () => {
  const load = (name: string) => parseYaml(readFileSync(path.join(TEMPLATE_DIR, name), "utf8")) as Obj;

  it("has exactly the four templates", () => {
    expect(templates.map((f) => path.basename(f))).toEqual([
      "autolab-launch.yml",
      "autolab-monitor.yml",
      "autolab-verify.yml",
      "autolab-watch.yml",
    ]);
  });

  it("watch: workflow_dispatch only, its own runner label, its own concurrency group, a time limit under the job's", () => {
    const wf = load("autolab-watch.yml");
    expect(triggers(wf)).toEqual(["workflow_dispatch"]);
    expect(wf.permissions).toEqual({ contents: "write", checks: "write", actions: "write", issues: "write" });
    const conc = wf.concurrency as Obj;
    expect(String(conc.group)).toMatch(/^autolab-watch-/);
    // Not the ledger group: a watcher would hold launch and monitor back for hours.
    expect(conc.group).not.toBe((load("autolab-launch.yml").concurrency as Obj).group);
    expect(conc["cancel-in-progress"]).toBe(false);
    const [[, job]] = jobs(wf);
    expect(runnerLabels(job)).toEqual(expect.arrayContaining(["self-hosted", "autolab-watch"]));
    const step = ((job.steps ?? []) as Obj[]).find((s) => s.uses === ACTION_PLACEHOLDER)!;
    const w = step.with as Obj;
    expect(w.command).toBe("watch");
    expect(w["monitor-workflow"]).toBe("autolab-monitor.yml");
    const limitMinutes = /^(\d+)h(\d+)m$/.exec(String(w["time-limit"]))!;
    expect(Number(limitMinutes[1]) * 60 + Number(limitMinutes[2])).toBeLessThan(Number(job["timeout-minutes"]));
  });

  it("launch: workflow_dispatch with inputs, self-hosted labels, a ledger concurrency group, never on pull requests", () => {
    const wf = load("autolab-launch.yml");
    expect(triggers(wf)).toEqual(["workflow_dispatch"]);
    const inputs = ((wf.on as Obj).workflow_dispatch as Obj).inputs as Obj;
    expect(Object.keys(inputs)).toContain("design");
    expect((inputs.design as Obj).required).toBe(true);
    const conc = wf.concurrency as Obj;
    expect(String(conc.group)).toMatch(/^autolab-ledger-/);
    expect(conc["cancel-in-progress"]).toBe(false);
    for (const [, job] of jobs(wf)) expect(runnerLabels(job)).toContain("self-hosted");
    expect(wf.permissions).toEqual({ contents: "write", checks: "write" });
  });

  it("monitor: schedule + workflow_dispatch, contents/checks/actions/issues: write, same ledger group as launch, starts the watcher", () => {
    const wf = load("autolab-monitor.yml");
    expect(triggers(wf).sort()).toEqual(["schedule", "workflow_dispatch"]);
    const schedule = (wf.on as Obj).schedule as Obj[];
    expect(schedule.length).toBeGreaterThan(0);
    expect(String(schedule[0].cron).split(" ")).toHaveLength(5);
    expect(wf.permissions).toEqual({ contents: "write", checks: "write", actions: "write", issues: "write" });
    const step = jobs(wf)
      .flatMap(([, j]) => (j.steps ?? []) as Obj[])
      .find((s) => s.uses === ACTION_PLACEHOLDER)!;
    expect((step.with as Obj)["watch-workflow"]).toBe("autolab-watch.yml");
    expect((wf.concurrency as Obj).group).toBe((load("autolab-launch.yml").concurrency as Obj).group);
    for (const [, job] of jobs(wf)) expect(runnerLabels(job)).toContain("self-hosted");
  });

  it("verify: pull_request on a GitHub-hosted runner, read-only contents", () => {
    const wf = load("autolab-verify.yml");
    expect(triggers(wf)).toEqual(["pull_request"]);
    const perms = wf.permissions as Obj;
    expect(perms.contents).toBe("read");
    // The only write scope is checks (annotations); it cannot touch code.
    expect(
      Object.entries(perms)
        .filter(([, v]) => v === "write")
        .map(([k]) => k),
    ).toEqual(["checks"]);
    for (const [, job] of jobs(wf)) {
      expect(runnerLabels(job)!.every((l) => /^(ubuntu|windows|macos)-/.test(l))).toBe(true);
    }
  });

  it("every template uses the action (with:, never a run: of it) through the documented placeholder", () => {
    for (const f of templates) {
      const wf = parseYaml(readFileSync(f, "utf8")) as Obj;
      const uses = jobs(wf)
        .flatMap(([, j]) => ((j.steps ?? []) as Obj[]).map((s) => s.uses))
        .filter((u) => typeof u === "string");
      expect(uses).toContain(ACTION_PLACEHOLDER);
      const step = jobs(wf)
        .flatMap(([, j]) => (j.steps ?? []) as Obj[])
        .find((s) => s.uses === ACTION_PLACEHOLDER)!;
      expect(typeof (step.with as Obj).command).toBe("string");
    }
  });

  it("every actions/checkout step sets persist-credentials: false (no token left in .git/config for the job)", () => {
    for (const f of templates) {
      const wf = parseYaml(readFileSync(f, "utf8")) as Obj;
      const checkouts = jobs(wf)
        .flatMap(([, j]) => (j.steps ?? []) as Obj[])
        .filter((s) => typeof s.uses === "string" && s.uses.startsWith("actions/checkout@"));
      expect(checkouts.length, f).toBeGreaterThan(0);
      for (const s of checkouts) expect((s.with as Obj | undefined)?.["persist-credentials"], f).toBe(false);
    }
  });
});

describe("the checks themselves", () => {
  it("catch a parser error, a ${{ }} in run:, and a self-hosted job on pull_request", async () => {
    const bad = [
      "on:",
      "  pull_request:",
      "jobs:",
      "  a:",
      "    runs-on: [self-hosted, linux]",
      "    steps:",
      "      - run: echo ${{ github.event.pull_request.title }}",
      "  b:",
      "    runs-on: ${{ matrix.os }}",
      "    steps:",
      "      - run: echo ok",
      "",
    ].join("\n");
    expect(await parserErrors("bad.yml", bad)).toEqual([]); // valid for GitHub...
    expect(safetyViolations("bad.yml", bad)).toEqual([
      "bad.yml: job a step 1: ${{ }} inside run: (pass it through env: instead)",
      "bad.yml: job a: self-hosted runner on pull_request",
      "bad.yml: job b: runs-on is an expression in a pull_request workflow",
    ]); // ...but not for autolab
    const typo = await parserErrors(
      "typo.yml",
      "on:\n  pushh:\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo\n",
    );
    expect(typo.join("\n")).toMatch(/pushh/);
  });
});

/** The TS module holding the templates, rendered from the files. */
function renderTemplatesModule(files: string[]): string {
  const header = readFileSync(path.join(ROOT, "src", "github", "workflow-templates.ts"), "utf8").split(
    "export const WORKFLOW_TEMPLATES",
  )[0];
  let out = header + "export const WORKFLOW_TEMPLATES: Readonly<Record<string, string>> = {\n";
  for (const f of files) {
    const lines = readFileSync(f, "utf8").split("\n");
    out += `  ${JSON.stringify(path.basename(f))}: [\n${lines.map((l) => `    ${JSON.stringify(l)},`).join("\n")}\n  ].join("\\n"),\n`;
  }
  return out + "};\n";
}

describe("src/github/workflow-templates.ts", () => {
  it("holds the templates byte for byte (regenerate: AUTOLAB_UPDATE_TEMPLATES=1 npx vitest run __tests__/workflows.test.ts)", async () => {
    if (process.env.AUTOLAB_UPDATE_TEMPLATES === "1") {
      const file = path.join(ROOT, "src", "github", "workflow-templates.ts");
      await writeFileAtomic(file, renderTemplatesModule(templates));
      // The module is formatted like every other source file.
      const fmt = await runArgv("npx", ["prettier", "--write", file], { cwd: ROOT, timeoutMs: 60_000 });
      expect(ok(fmt), fmt.stderr).toBe(true);
      return;
    }
    expect(Object.keys(WORKFLOW_TEMPLATES).sort()).toEqual(templates.map((f) => path.basename(f)));
    for (const f of templates) {
      expect(WORKFLOW_TEMPLATES[path.basename(f)] === readFileSync(f, "utf8"), `${path.basename(f)} differs`).toBe(
        true,
      );
    }
  });
});

describe("pinned actions", () => {
  /** Every `uses:` of a third-party action, with the comment on its line. */
  function usesLines(file: string): Array<{ ref: string; comment: string }> {
    return readFileSync(file, "utf8")
      .split("\n")
      .map((l) => /^\s*(?:-\s+)?uses:\s*(\S+)\s*(?:#\s*(.*))?$/.exec(l))
      .filter((m): m is RegExpExecArray => !!m)
      .map((m) => ({ ref: m[1], comment: m[2] ?? "" }))
      .filter((u) => !u.ref.startsWith("./") && u.ref !== ACTION_PLACEHOLDER);
  }

  it.each([...templates, ...own].map((f) => [path.relative(ROOT, f), f]))(
    "%s pins every third-party action by commit SHA, naming the version in a comment",
    (_name, file) => {
      for (const u of usesLines(file)) {
        expect(u.ref, `${u.ref} in ${file}`).toMatch(/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/);
        expect(u.comment, `${u.ref} in ${file}`).toMatch(/^v\d+(\.\d+){0,2}\b/);
      }
    },
  );
});
