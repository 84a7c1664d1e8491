import { defineConfig } from "vitest/config";

/**
 * Cluster test files that change the one shared dev cluster for everyone (stop a
 * daemon, set the node down, restart it without accounting, fill every CPU) or
 * count what the whole cluster does. They run alone, file by file, after the
 * others (`npm test` runs them in a second vitest invocation).
 */
const EXCLUSIVE = [
  "devcluster", // stop-daemon of every daemon
  "monitor-outage", // slurmctld, slurmdbd, munged down
  "cancel-status-run", // slurmctld down
  "slurm-query", // slurmctld down
  "monitor-calls", // slurmdbd down
  "node-fail", // the node set down
  "no-accounting", // the cluster restarted without accounting
  "efficiency", // a job that holds every CPU; CPU efficiency of a busy job
  "cluster-outage", // autolab-dev2's slurmctld down
].map((f) => `__tests__/cluster/${f}.test.ts`);

// A cluster test waits for real jobs on a node other files' jobs may fill: a job can wait
// minutes for a CPU on a loaded 2-core machine. The waits inside say what they wait for;
// this is only the outer bound.
const CLUSTER_TIMEOUTS = { testTimeout: 300_000, hookTimeout: 300_000 };

// Three projects: `unit` (no cluster, no network: pure decisions as tables,
// parsers, renderers; `npm run test:unit`), `cluster` (the real SLURM dev
// cluster, real git remotes, the bundled action against the local GitHub
// server; three files at a time) and `cluster-exclusive` (the files above, one at
// a time, with nothing else running). `npm test` runs all three.
export default defineConfig({
  test: {
    testTimeout: 120_000,
    hookTimeout: 120_000,
    maxWorkers: 3,
    server: { deps: { inline: ["@actions/workflow-parser"] } },
    // A local stand-in for the action's repository, for `autolab init`'s pin (the tests run offline).
    globalSetup: ["__tests__/helpers/action-repo.ts"],
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
          exclude: EXCLUSIVE,
          ...CLUSTER_TIMEOUTS,
        },
      },
      {
        extends: true,
        test: {
          name: "cluster-exclusive",
          include: EXCLUSIVE,
          fileParallelism: false,
          ...CLUSTER_TIMEOUTS,
        },
      },
    ],
  },
});
