import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { callNames } from '../../shared/contract/calls';
import { dispatch } from '../../electron/services/dispatch';
import type { ChangeEvent } from '../../shared/contract/calls';
import { services } from '../helpers/services';

function setup() {
  const { dir, session, handlers } = services();
  const call = (name: string, args?: unknown) => dispatch(handlers, name, args);
  return { dir, session, call };
}

describe('the contract at the handler table', () => {
  it('has a handler for every declared call', () => {
    const { handlers } = services();
    expect(Object.keys(handlers).sort()).toEqual([...callNames].sort());
  });

  it.each([
    ['cycle.create', { path: 'x.mrb' }, 'name', /^Name: /],
    ['cycle.create', { path: 'x.txt', name: 'Q3' }, 'path', /^File: must be a file ending in .mrb/],
    ['cycle.create', { path: 'x.mrb', name: '   ' }, 'name', /^Name: must not be empty/],
    ['cycle.create', { path: 'x.mrb', name: 'Q3', periodStart: '01/07/2026' }, 'periodStart', /^Period start: must be a date as YYYY-MM-DD/],
    ['cycle.create', { path: 'x.mrb', name: 'Q3', periodStart: '2026-09-30', periodEnd: '2026-07-01' }, 'periodEnd', /must not end before it starts/],
    ['cycle.open', { path: 42 }, 'path', /^File: /],
    ['cycle.info', { surprise: true }, undefined, /Unrecognized key/],
  ])('rejects malformed arguments of %s with a sentence naming the field', async (name, args, field, message) => {
    const { call } = setup();
    const reply = await call(name, args);
    expect(reply.ok).toBe(false);
    if (reply.ok) return;
    expect(reply.error.code).toBe('invalid_argument');
    expect(reply.error.field).toBe(field);
    expect(reply.error.message).toMatch(message);
  });

  it('names an unknown call', async () => {
    const { call } = setup();
    expect(await call('cycle.delete', {})).toEqual({ ok: false, error: { code: 'unknown_call', message: 'There is no call named "cycle.delete".' } });
  });

  it('creates, reports, renames, closes and reopens a cycle, remembering it as recent', async () => {
    const { dir, call, session } = setup();
    const events: ChangeEvent[] = [];
    session.onChange((e) => events.push(e));
    const file = path.join(dir, 'q3.mrb');
    const created = await call('cycle.create', { path: file, name: 'Q3 2026', periodStart: '2026-07-01', periodEnd: '2026-09-30' });
    expect(created).toMatchObject({ ok: true, value: { name: 'Q3 2026', counts: { models: 0, auditEvents: 2 }, audit: { ok: true } } });
    expect(await call('models.list')).toEqual({ ok: true, value: [] });
    const taxonomy = await call('taxonomy.get');
    expect(taxonomy.ok && (taxonomy.value as { dimensions: unknown[] }).dimensions).toHaveLength(11);

    const renamed = await call('cycle.update', { name: 'Q3 2026 (final)' });
    expect(renamed).toMatchObject({ ok: true, value: { name: 'Q3 2026 (final)', counts: { auditEvents: 3 } } });
    expect(events.map((e) => e.entity)).toEqual(['workspace', 'cycle']);

    expect(await call('cycle.close')).toEqual({ ok: true, value: { closed: true } });
    expect(await call('cycle.info')).toEqual({ ok: true, value: null });
    const noCycle = await call('models.list');
    expect(noCycle).toMatchObject({ ok: false, error: { code: 'no_cycle_open' } });

    const recent = await call('cycle.recent');
    expect(recent).toMatchObject({ ok: true, value: [{ path: file, name: 'Q3 2026 (final)', exists: true }] });
    expect(await call('cycle.open', { path: file })).toMatchObject({ ok: true, value: { name: 'Q3 2026 (final)' } });
    expect(await call('audit.verify')).toMatchObject({ ok: true, value: { ok: true, events: 3 } });
  });

  it('reports a refused file as a sentence, not an internal error (nothing goes to the log)', async () => {
    const { dir, call } = setup();
    const previous = process.env.MRB_USER_DATA;
    process.env.MRB_USER_DATA = path.join(dir, 'user');
    try {
      const reply = await call('cycle.open', { path: path.join(dir, 'absent.mrb') });
      expect(reply).toMatchObject({ ok: false, error: { code: 'not_found', message: expect.stringMatching(/There is no workspace at .*absent.mrb/) } });
      expect(fs.existsSync(path.join(dir, 'user', 'logs'))).toBe(false);
    } finally {
      if (previous === undefined) delete process.env.MRB_USER_DATA;
      else process.env.MRB_USER_DATA = previous;
    }
  });
});
