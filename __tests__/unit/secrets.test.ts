import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { holdSecret, heldSecret, redactContent, redactSecrets, registerSecret } from "../../src/util/secrets.js";
import { isTokenVariable, tokenValueSpans } from "../../src/action/environ.js";
import { childEnvironment } from "../../src/util/exec.js";
import { assertTrustedEvent, eventIsTrusted } from "../../src/github/context.js";

describe("known secrets (util/secrets)", () => {
  it("redacts every form of a registered secret in text and in bytes, leaving other bytes alone", () => {
    registerSecret("ghs_unitSecret42");
    const b64 = Buffer.from("x-access-token:ghs_unitSecret42").toString("base64");
    expect(redactSecrets(`a ghs_unitSecret42 b ${b64} c`)).toBe("a *** b *** c");
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("ghs_unitSecret42\r\n"), Buffer.from([0x00])]);
    const out = redactContent(bytes) as Buffer;
    expect([...out]).toEqual([0xff, 0xfe, ...Buffer.from("***\r\n"), 0x00]);
    const clean = Buffer.from("nothing here");
    expect(redactContent(clean)).toBe(clean);
  });

  it("a held secret leaves the environment, is given back, and no child inherits a value holding it", () => {
    const env: NodeJS.ProcessEnv = { INPUT_TOKEN: "ghs_heldValue77", PATH: "/bin", COPY: "x ghs_heldValue77 y" };
    holdSecret("INPUT_TOKEN", env);
    expect(env.INPUT_TOKEN).toBeUndefined();
    expect(heldSecret("INPUT_TOKEN")).toBe("ghs_heldValue77");
    expect(childEnvironment(env)).toEqual({ PATH: "/bin" });
    expect(childEnvironment({ GITHUB_ENV: "/tmp/x", GITHUB_OUTPUT: "/tmp/y", HOME: "/h" })).toEqual({ HOME: "/h" });
  });
});

describe("the initial environment (action/environ)", () => {
  it("names the runner's token variables and finds their values in a raw environment block", () => {
    for (const n of [
      "INPUT_TOKEN",
      "GITHUB_TOKEN",
      "GH_TOKEN",
      "ACTIONS_RUNTIME_TOKEN",
      "ACTIONS_ID_TOKEN_REQUEST_TOKEN",
    ])
      expect(isTokenVariable(n), n).toBe(true);
    for (const n of ["INPUT_DESIGN", "GITHUB_SHA", "ACTIONS_RUNTIME_URL", "PATH"])
      expect(isTokenVariable(n), n).toBe(false);
    const raw = Buffer.from("A=1\0INPUT_TOKEN=abc\0B=INPUT_TOKEN=x\0GITHUB_TOKEN=\0");
    expect(tokenValueSpans(raw).map(([a, b]) => raw.subarray(a, b).toString())).toEqual(["abc", ""]);
  });

  it("a process that took its tokens shows none in /proc/self/environ, and its children inherit none", () => {
    if (process.platform !== "linux") return;
    const script = path.resolve(__dirname, "../../src/action/environ.ts");
    const code = [
      `const { takeRunnerSecrets } = await import(${JSON.stringify(script)});`,
      "const why = takeRunnerSecrets();",
      "const fs = await import('node:fs');",
      "const { execFileSync } = await import('node:child_process');",
      "const own = fs.readFileSync('/proc/self/environ', 'utf8');",
      "const child = execFileSync('sh', ['-c', 'tr \"\\\\0\" \"\\\\n\" < /proc/$PPID/environ; env'], { encoding: 'utf8' });",
      "console.log(JSON.stringify({ why, own, child, left: process.env.ACTIONS_RUNTIME_TOKEN }));",
    ].join("\n");
    const r = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", code], {
      env: { PATH: process.env.PATH, INPUT_TOKEN: "ghs_procTest9", ACTIONS_RUNTIME_TOKEN: "eyJprocTest8" },
      encoding: "utf8",
    });
    expect(r.status, r.stderr).toBe(0);
    const o = JSON.parse(r.stdout) as { why?: string; own: string; child: string; left?: string };
    expect(o.why).toBeUndefined();
    expect(o.left).toBeUndefined();
    for (const text of [o.own, o.child]) {
      expect(text).not.toContain("ghs_procTest9");
      expect(text).not.toContain("eyJprocTest8");
    }
    expect(o.own).toContain("INPUT_TOKEN=*************");
  });
});

describe("the event allow-list (github/context)", () => {
  it("privileged commands run only on the allowed events; verify and status anywhere", () => {
    const allowed = ["workflow_dispatch", "schedule", "push", "repository_dispatch"];
    const refused = [
      "issue_comment",
      "check_run",
      "check_suite",
      "workflow_run",
      "merge_group",
      "pull_request",
      "",
      "release",
    ];
    for (const command of ["launch", "monitor", "cancel", "watch"]) {
      for (const eventName of allowed)
        expect(() => assertTrustedEvent({ eventName, isFork: false }, command)).not.toThrow();
      for (const eventName of refused)
        expect(() => assertTrustedEvent({ eventName, isFork: false }, command), `${command} ${eventName}`).toThrow(
          /refusing/,
        );
    }
    for (const eventName of refused)
      expect(() => assertTrustedEvent({ eventName, isFork: true }, "verify")).not.toThrow();
    expect(eventIsTrusted({ eventName: "push", isFork: false })).toBe(true);
    expect(eventIsTrusted({ eventName: "push", isFork: true })).toBe(false);
    expect(eventIsTrusted({ eventName: "issue_comment", isFork: false })).toBe(false);
  });
});
