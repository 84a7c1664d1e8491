import js from "@eslint/js";
import tseslint from "typescript-eslint";

/** Node built-ins that touch files, processes, the network or the environment. */
const IMPURE_MODULES = [
  "fs",
  "fs/promises",
  "child_process",
  "os",
  "net",
  "http",
  "https",
  "process",
  "worker_threads",
  "cluster",
  "dgram",
  "dns",
  "tls",
  "readline",
];

/** Only the SLURM command-line adapter runs or names the SLURM programs. */
const SLURM_PROGRAMS = {
  selector: "Literal[value=/^(sbatch|squeue|sacct|scontrol|scancel|sinfo|srun|salloc)$/]",
  message: "only src/scheduler/slurm-cli names the SLURM programs: go through the Scheduler port",
};

export default tseslint.config(
  {
    ignores: [
      "dist/**",
      "node_modules/**",
      ".dev-cluster/**",
      ".bench/**",
      ".ci/node24/**",
      // ajv's standalone output (scripts/validators.ts); a test keeps it fresh against schemas/.
      "src/contract/generated/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: "readonly",
        console: "readonly",
        Buffer: "readonly",
        setTimeout: "readonly",
        clearTimeout: "readonly",
        URL: "readonly",
      },
    },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // Only the SLURM command-line adapter runs or names the SLURM programs.
    files: ["src/**/*.ts"],
    ignores: ["src/scheduler/slurm-cli/**"],
    rules: { "no-restricted-syntax": ["error", SLURM_PROGRAMS] },
  },
  {
    // The domain decides; it never touches files, processes, the environment or the clock.
    // It may import only itself, the contract's types and vocabulary, and the error type.
    files: ["src/domain/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: IMPURE_MODULES.flatMap((m) => [
            { name: m, message: "src/domain is pure: no files, processes, network or environment" },
            { name: `node:${m}`, message: "src/domain is pure: no files, processes, network or environment" },
          ]),
          patterns: [
            {
              regex: "^\\.\\./(?!contract/(types|vocabulary)\\.js$|util/errors\\.js$)",
              message:
                "src/domain imports only src/domain, contract/types, contract/vocabulary and util/errors (everything else may do I/O)",
            },
            {
              regex: "^(?!\\.{1,2}/|node:|yaml$)",
              message: "src/domain imports no packages (only yaml, which is pure)",
            },
          ],
        },
      ],
      "no-restricted-globals": [
        "error",
        { name: "process", message: "src/domain is pure: pass values in, never read process" },
        { name: "fetch", message: "src/domain is pure: no network" },
        { name: "setTimeout", message: "src/domain is pure: no timers" },
        { name: "setInterval", message: "src/domain is pure: no timers" },
      ],
      "no-restricted-syntax": [
        "error",
        SLURM_PROGRAMS,
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: "src/domain has no clock: take `now` as an argument",
        },
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: "src/domain has no clock: take `now` as an argument",
        },
        {
          selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']",
          message: "src/domain is deterministic: take randomness as an argument",
        },
      ],
    },
  },
  {
    // The shape the architecture keeps: small files, small functions.
    files: ["src/**/*.ts"],
    rules: {
      "max-lines": ["error", { max: 600 }],
      "max-lines-per-function": ["error", { max: 150 }],
    },
  },
  {
    // A command composes steps, stores and the domain; it never imports another command.
    files: ["src/commands/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ regex: "^\\./", message: "a command module never imports another command module" }] },
      ],
    },
  },
  {
    files: ["src/commands/*/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { regex: "^\\.\\./(?!\\.\\./)", message: "a command module never imports another command module" },
          ],
        },
      ],
    },
  },
);
