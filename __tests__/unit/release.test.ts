/**
 * What a release needs, checked on the files themselves: the license package.json
 * names, a changelog, a security policy, dependabot, dist/ marked generated, an
 * action description the Marketplace takes, one owner in every README snippet, and
 * no dependency nothing imports.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { ACTION_PLACEHOLDER } from "../../src/github/workflow-templates.js";
import { VERSION } from "../../src/version.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const read = (p: string) => readFileSync(path.join(ROOT, p), "utf8");
const pkg = JSON.parse(read("package.json")) as {
  license: string;
  repository?: { url: string };
  dependencies: Record<string, string>;
};

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = path.join(dir, n);
    return statSync(p).isDirectory() ? sources(p) : /\.(ts|mjs|js)$/.test(n) ? [p] : [];
  });
}

describe("release files", () => {
  it("LICENSE is the MIT license package.json names, for the autolab-slurm authors", () => {
    expect(pkg.license).toBe("MIT");
    const text = read("LICENSE");
    expect(text).toMatch(/^MIT License\n\nCopyright \(c\) \d{4} the autolab-slurm authors\n/);
    expect(text).toContain('THE SOFTWARE IS PROVIDED "AS IS"');
  });

  it("CHANGELOG.md follows Keep a Changelog with an Unreleased section", () => {
    const text = read("CHANGELOG.md");
    expect(text).toMatch(/^# Changelog\n/);
    expect(text).toContain("https://keepachangelog.com/");
    expect(text).toMatch(/^## \[Unreleased\]$/m);
    for (const h of text.match(/^### .*$/gm) ?? [])
      expect(["### Added", "### Changed", "### Deprecated", "### Removed", "### Fixed", "### Security"]).toContain(h);
  });

  it("SECURITY.md says how to report, who can trigger what, and what the tool guarantees", () => {
    const text = read("SECURITY.md");
    for (const s of ["Report a vulnerability", "workflow_dispatch", "schedule", "pull_request", "self-hosted"])
      expect(text).toContain(s);
    for (const s of ["reaches a shell", "environment", "atomic", "link"]) expect(text).toContain(s);
  });

  it("dependabot updates npm and github-actions", () => {
    const cfg = parse(read(".github/dependabot.yml")) as {
      version: number;
      updates: Array<{ "package-ecosystem": string }>;
    };
    expect(cfg.version).toBe(2);
    expect(cfg.updates.map((u) => u["package-ecosystem"]).sort()).toEqual(["github-actions", "npm"]);
  });

  it("src/version.ts says package.json's version (autolab init pins the tag v<VERSION>), and the release checks both and prints the pin", () => {
    expect(VERSION).toBe((JSON.parse(read("package.json")) as { version: string }).version);
    const release = read(".github/workflows/release.yml");
    expect(release).toContain("src/version.ts does not say");
    expect(release).toContain("- uses: %s@%s # %s");
  });

  it(".gitattributes marks dist/ generated and out of diffs", () => {
    expect(read(".gitattributes").split("\n")).toContain("dist/** linguist-generated=true -diff");
  });

  it("action.yml's description is under the Marketplace's 125 characters", () => {
    const action = parse(read("action.yml")) as { description: string };
    expect(action.description.length).toBeLessThan(125);
  });

  it("every README snippet names the one owner of the templates and package.json", () => {
    const owner = ACTION_PLACEHOLDER.split("/")[0];
    expect(pkg.repository?.url).toContain(`github.com/${owner}/autolab-slurm`);
    const uses = [...read("README.md").matchAll(/([\w.-]+)\/autolab-slurm@/g)].map((m) => m[1]);
    expect(uses.length).toBeGreaterThan(0);
    expect(new Set(uses)).toEqual(new Set([owner]));
  });

  it("every runtime dependency is imported at run time somewhere in src/ (a type-only import is not a use)", () => {
    const text = sources(path.join(ROOT, "src"))
      .map((f) => readFileSync(f, "utf8"))
      .join("\n")
      .replace(/^import type [^;]*;/gm, "");
    // A static import, or a dynamic one (the GitHub client is loaded on first use).
    for (const dep of Object.keys(pkg.dependencies))
      expect(text, dep).toMatch(new RegExp(`(from |import\\()"${dep}(/[^"]*)?"`));
  });
});
