/** What `autolab gc` says: what it freed (or would), and why each other run was kept. Pure. */
import type { GcReport } from "../commands/gc.js";
import { humanBytes } from "../domain/units.js";

export { humanBytes };

export function gcText(r: GcReport, o: { verbose?: boolean } = {}): string {
  const lines: string[] = [];
  const verb = r.dryRun ? "would remove" : "removed";
  for (const d of r.decisions) {
    if (d.remove)
      lines.push(
        `${d.runId}: ${verb}${d.snapshot ? ` snapshot ${d.snapshot} (${humanBytes(d.bytes)})` : ""}${d.journal.length ? `${d.snapshot ? "," : ""} ${d.journal.length} journal entr${d.journal.length === 1 ? "y" : "ies"}` : ""}`,
      );
    else if (o.verbose || d.why !== "nothing to free") lines.push(`${d.runId}: kept: ${d.why}`);
  }
  lines.push(
    `${r.dryRun ? "[dry run] would free" : "freed"} ${humanBytes(r.freed_bytes)}: ${r.removed_snapshots.length} snapshot(s), ${r.removed_journal_entries} journal entr${r.removed_journal_entries === 1 ? "y" : "ies"}`,
  );
  return lines.map((l) => l + "\n").join("");
}
