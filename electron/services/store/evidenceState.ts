import type { AuditReport } from '../../../shared/contract/calls';
import { shownName } from '../../../shared/contract/errors';
import { findingRowsOfReport, findingsByBundle, hasBundleTables, importedEvidence, missingOrResizedFile, rehashBlobs } from './bundleTable';
import type { ReadDb } from './handles';

type Problem = NonNullable<AuditReport['problem']>;

function bundleName(sha256: string, modelId?: string): string {
  return `bundle ${sha256.slice(0, 12)}${modelId === undefined ? '' : ` (model ${shownName(modelId)})`}`;
}

/**
 * The evidence rows that no audit image holds whole, checked against what the import event
 * recorded or re-derived from what it pins:
 * - bundles.imported_at / imported_by are the import event's own time and actor (import
 *   writes tx.now and tx.actor), and decide which bundle is a model's latest;
 * - findings are exactly the findings of the stored report, in its order. Import writes a
 *   bundle's findings in one go, so each bundle's ids follow the previous bundle's without
 *   a gap, starting at 1: this pins the ids that decisions and scores name. The report
 *   itself is pinned by the digest in the bundle's image (imports logged before that
 *   digest existed: the report is only checked against its findings);
 * - every stored file has its content, of the size recorded; with `rehash`, each content's
 *   SHA-256 is its key (this reads every stored byte, so it is the `--full` pass).
 * Bundles without an import event were already named by the image check.
 */
export function evidenceProblem(db: ReadDb, rehash: boolean): Problem | null {
  if (!hasBundleTables(db)) return null;
  let nextId = 1;
  const seqOf = new Map<string, number>();
  const findings = findingsByBundle(db);
  for (const b of importedEvidence(db)) {
    seqOf.set(b.sha256, b.seq);
    const name = bundleName(b.sha256, b.modelId);
    if (b.importedAt !== b.loggedAt || b.importedBy !== b.loggedBy) {
      return { seq: b.seq, reason: `The ${name} was edited behind the app: its import time or importer no longer matches event #${b.seq}.` };
    }
    const expected = findingRowsOfReport(b.report);
    if (expected === null) {
      return { seq: b.seq, reason: `The validation report of ${name} was edited behind the app: it is no longer a report (event #${b.seq} records the import).` };
    }
    const rows = findings.get(b.sha256) ?? [];
    findings.delete(b.sha256);
    if (rows.length !== expected.length) {
      const how = rows.length < expected.length ? `${expected.length - rows.length} of its findings were deleted` : `${rows.length - expected.length} findings were added to it`;
      return { seq: b.seq, reason: `The ${name} was changed behind the app: ${how} (its report lists ${expected.length}; event #${b.seq} records the import).` };
    }
    for (const [i, row] of rows.entries()) {
      const want = expected[i] as (typeof expected)[number];
      if (row.id !== nextId + i) {
        return { seq: b.seq, reason: `Finding #${row.id} of ${name} was renumbered behind the app: it should be finding #${nextId + i}.` };
      }
      if (row.modelId !== b.modelId || row.severity !== want.severity || row.category !== want.category || row.message !== want.message || row.evidence !== want.evidence) {
        return { seq: b.seq, reason: `Finding #${row.id} of ${name} was edited behind the app: it no longer matches the bundle's report (event #${b.seq}).` };
      }
    }
    nextId += rows.length;
  }
  // What is left belongs to no imported bundle.
  const stray = [...findings].map(([bundle, rows]) => ({ bundle, id: (rows[0] as (typeof rows)[number]).id })).sort((a, b) => a.id - b.id)[0];
  if (stray) return { seq: null, reason: `Finding #${stray.id} was inserted behind the app: its ${bundleName(stray.bundle)} has no import event.` };

  const file = missingOrResizedFile(db);
  if (file) {
    const what = file.stored === null ? 'is missing' : `is ${file.stored} bytes, not the ${file.bytes} its import recorded`;
    return { seq: seqOf.get(file.bundleSha256) ?? null, reason: `The stored content of ${shownName(file.path)} in ${bundleName(file.bundleSha256)} ${what}: it was removed or replaced behind the app.` };
  }
  if (rehash) {
    const bad = rehashBlobs(db);
    if (bad) {
      const where = bad.file ? `${shownName(bad.file.path)} in ${bundleName(bad.file.bundleSha256)}` : `a stored file (${bad.sha256.slice(0, 12)}…)`;
      return {
        seq: bad.file ? (seqOf.get(bad.file.bundleSha256) ?? null) : null,
        reason: `The stored content of ${where} was replaced behind the app: its SHA-256 is ${bad.actual.slice(0, 12)}…, not the ${bad.sha256.slice(0, 12)}… it is stored under.`,
      };
    }
  }
  return null;
}
