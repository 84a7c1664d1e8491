/** What `autolab run` prints: the stage move and why. Pure. */

export function runStepText(r: { stageBefore: string; stageAfter: string; message: string }): string {
  return `stage ${r.stageBefore} -> ${r.stageAfter}: ${r.message}\n`;
}
