import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cycleInfo } from '../../../electron/services/cycles/cycleService';
import { SCHEMA_VERSION } from '../../../electron/services/store/migrations';
import { setScore } from '../../../electron/services/scoring/scoreService';
import { listScores } from '../../../electron/services/store/scoreTable';
import { Workspace } from '../../../electron/services/store/workspace';
import { lowerSchema } from '../../helpers/olderSchema';
import { addModels, modelFixture, newWorkspace } from '../../helpers/workspaces';

describe('a workspace an older build made, read without upgrading it', () => {
  it.each(Array.from({ length: SCHEMA_VERSION - 1 }, (_, i) => i + 1))('schema %i: info names its real version and the chain holds; the file is not changed', (version) => {
    const { ws, file } = newWorkspace();
    addModels(ws, [modelFixture('m1')]);
    ws.close();
    lowerSchema(file, version);
    const before = fs.readFileSync(file);
    const reader = Workspace.open(file, { readonly: true });
    try {
      const info = cycleInfo(reader);
      expect(info.schemaVersion).toBe(version);
      expect(info.audit).toMatchObject({ ok: true, events: 3, problem: null });
      expect(reader.verifyAudit('full', { rehashFiles: true })).toMatchObject({ ok: true });
    } finally {
      reader.close();
    }
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('schema 3, before scores had evidence: its scores read with none, and the chain and the tables hold', () => {
    const { ws, file } = newWorkspace();
    addModels(ws, [modelFixture('m1')]);
    setScore(ws, { modelId: 'm1', dimension: 'privacy', value: 4, rationale: 'set before evidence existed' });
    ws.close();
    lowerSchema(file, 3);
    const reader = Workspace.open(file, { readonly: true });
    try {
      expect(listScores(reader.reader)).toMatchObject([{ modelId: 'm1', dimension: 'privacy', value: 4, evidence: null }]);
      expect(reader.verifyAudit('full')).toMatchObject({ ok: true, problem: null });
    } finally {
      reader.close();
    }
  });
});
