/** The shape of one `autolab <command>`. Commands parse their own args and call stages. */
export interface CliIO {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  cwd: string;
  env: NodeJS.ProcessEnv;
}

export interface CliCommand {
  name: string;
  summary: string;
  /** Full help text printed by `autolab <name> --help`. */
  help: string;
  /** Returns the exit code: 0 ok, 1 check failed / error, 2 usage error. Errors may be thrown (AutolabError). */
  run(argv: string[], io: CliIO): Promise<number>;
}
