import path from 'node:path';
import { UserError } from '../../../shared/contract/errors';
import { readCycle } from '../store/cycleTable';
import { listPackets } from '../store/packetTable';
import type { Workspace } from '../store/workspace';
import type { WorkspaceWitness } from './verifyPdf';

/**
 * What a workspace recorded of the packets it exported: its cycle and each packet's
 * SHA-256. A packet whose exact bytes it recorded, whose record names its cycle, is the
 * board's, whatever CA signed it; `mrb verify --workspace` opens the file read-only for this.
 */
export function workspaceWitness(ws: Workspace): WorkspaceWitness {
  const cycle = readCycle(ws.reader);
  if (!cycle) throw new UserError('workspace_refused', `${path.basename(ws.path)} holds no review cycle.`, 'workspace');
  return {
    name: path.basename(ws.path),
    cycleId: cycle.id,
    cycleName: cycle.name,
    exported: listPackets(ws.reader).map((p) => ({ sha256: p.sha256, fileName: p.fileName, signedAt: p.signedAt, exportedBy: p.exportedBy })),
  };
}
