/**
 * The scheduler a command uses under the policy's `launch.job_user`: the same
 * adapter, bound to submit and cancel as that user (every command that
 * submits, resubmits or cancels goes through this, so launch, sweeps, the
 * monitor's resubmission and cancel take one path).
 */
import { POLICY_PATH } from "../domain/layout.js";
import { jobUser } from "../domain/settings.js";
import { AutolabError } from "../util/errors.js";
import type { Scheduler } from "./port.js";

export function schedulerFor(s: Scheduler, policy: Record<string, unknown>): Scheduler {
  const user = jobUser(policy);
  if (user === s.jobUser) return s;
  if (!s.asJobUser)
    throw new AutolabError(
      `launch.job_user is ${JSON.stringify(user)}, but the ${s.name} scheduler cannot submit as another user`,
      { file: POLICY_PATH, jsonPath: "/launch/job_user" },
    );
  return s.asJobUser(user);
}
