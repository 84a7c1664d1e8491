import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["__tests__/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Tests that drive the one shared SLURM dev cluster or GitHub mock servers
    // run file by file; inside a file they are sequential by default.
    fileParallelism: false,
    server: { deps: { inline: ["@actions/workflow-parser"] } },
  },
});
