#!/usr/bin/env node
// Bundles the action (dist/index.js) and the CLI (dist/cli/index.js) with ncc,
// after compiling the schema validators (src/contract/generated/validators.ts).
// TypeScript is compiled by tsc first (the project's own compiler and config),
// then ncc bundles the JavaScript with every dependency into one file each.
import { execFileSync } from "node:child_process";
import { chmodSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";

const run = (cmd, args) => execFileSync(cmd, args, { stdio: "inherit" });
// The schema validators are compiled ahead of time (scripts/validators.ts); rewrite them if the schemas changed.
run("node", ["--import", "tsx", "scripts/validators.ts"]);
rmSync("lib", { recursive: true, force: true });
run("npx", ["tsc", "-p", "tsconfig.build.json"]);
for (const [entry, out] of [
  ["lib/src/action/index.js", "dist"],
  ["lib/src/cli/index.js", "dist/cli"],
]) {
  rmSync(out === "dist" ? "dist/index.js" : out, { recursive: true, force: true });
  // The chunks of the commands loaded on demand (dynamic imports): none left from an earlier build.
  if (out === "dist") for (const f of readdirSync("dist")) if (/^\d+\.index\.js$/.test(f)) rmSync(`dist/${f}`);
  run("npx", ["ncc", "build", entry, "-o", out, "--license", "licenses.txt", "--quiet", "--target", "es2022"]);
}
const cli = "dist/cli/index.js";
if (existsSync(cli)) {
  const text = readFileSync(cli, "utf8");
  if (!text.startsWith("#!")) writeFileSync(cli, "#!/usr/bin/env node\n" + text);
  chmodSync(cli, 0o755);
}
rmSync("lib", { recursive: true, force: true });
