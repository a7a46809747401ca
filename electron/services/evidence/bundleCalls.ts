import type { CallResult, ParsedArgs } from '../../../shared/contract/calls';
import { UserError } from '../../../shared/contract/errors';
import type { Severity } from '../../../shared/validation/report';
import { bundleFile, bundleReport, latestFindings, listBundles, storedContent } from '../store/bundleTable';
import type { Workspace } from '../store/workspace';

/** The cycle's imported evidence bundles as the contract's calls read them. */

/** Files shown as text in the app (model cards, lineage); larger ones are listed only. */
const MAX_TEXT_BYTES = 1024 * 1024;

export function listBundlesCall(ws: Workspace, a: ParsedArgs<'bundles.list'>): CallResult<'bundles.list'> {
  return listBundles(ws.reader, a.modelId);
}

/** One file of a bundle, with its text when it is UTF-8 and small enough to show. */
export function bundleFileCall(ws: Workspace, a: ParsedArgs<'bundles.file'>): CallResult<'bundles.file'> {
  const file = bundleFile(ws.reader, a.sha256, a.path);
  if (!file) throw new UserError('not_found', `The bundle ${a.sha256.slice(0, 12)}… has no file ${a.path}.`, 'path');
  let text: string | null = null;
  if (file.bytes <= MAX_TEXT_BYTES) {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(storedContent(ws.reader, file.sha256));
    } catch {
      text = null;
    }
  }
  return { path: file.path, role: file.role, sha256: file.sha256, bytes: file.bytes, text };
}

export function bundleReportCall(ws: Workspace, a: ParsedArgs<'bundles.report'>): CallResult<'bundles.report'> {
  const report = bundleReport(ws.reader, a.sha256);
  if (!report) throw new UserError('not_found', `No bundle ${a.sha256.slice(0, 12)}… has been imported into this cycle.`);
  return report;
}

/** The findings of each model's latest bundle. */
export function latestFindingsCall(ws: Workspace, a: ParsedArgs<'findings.list'>): CallResult<'findings.list'> {
  return latestFindings(ws.reader, a.modelId).map((f) => ({ ...f, severity: f.severity as Severity }));
}
