import { defineConfig } from "vitest/config";

// Two projects: `unit` (no cluster, no network: pure decisions as tables, parsers,
// renderers; `npm run test:unit`) and `cluster` (the real SLURM dev cluster, real
// git remotes, the bundled action against the local GitHub server). `npm test`
// runs both.
export default defineConfig({
  test: {
    testTimeout: 120_000,
    hookTimeout: 120_000,
    server: { deps: { inline: ["@actions/workflow-parser"] } },
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["__tests__/unit/**/*.test.ts"] },
      },
      {
        extends: true,
        test: {
          name: "cluster",
          include: ["__tests__/cluster/**/*.test.ts"],
          // Tests that drive the one shared SLURM dev cluster or GitHub mock servers
          // run file by file; inside a file they are sequential by default.
          fileParallelism: false,
        },
      },
    ],
  },
});
