/** Every `autolab` command, in the order `autolab --help` lists them. */
import type { CliCommand } from "../command.js";
import { command as init } from "./init.js";
import { command as launch } from "./launch.js";
import { command as monitor } from "./monitor.js";
import { command as watch } from "./watch.js";
import { command as logs } from "./logs.js";
import { command as gc } from "./gc.js";
import { command as status } from "./status.js";
import { command as cancel } from "./cancel.js";
import { command as run } from "./run.js";
import { command as verify } from "./verify.js";
import { command as slurmJobList } from "./slurm-job-list.js";
import { command as policy } from "./policy.js";
import { command as validate } from "./validate.js";
import { command as doctor } from "./doctor.js";

export const COMMANDS: CliCommand[] = [
  init,
  launch,
  monitor,
  watch,
  status,
  logs,
  cancel,
  gc,
  run,
  verify,
  slurmJobList,
  policy,
  validate,
  doctor,
];
