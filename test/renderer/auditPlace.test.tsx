import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AuditLogArgs, AuditLogEvent } from '../../shared/audit/auditLog';
import { AuditPlace } from '../../renderer/src/audit/AuditPlace';
import type { AuditTarget } from '../../renderer/src/audit/historyLink';
import { fakeClient, refuse, type Answer } from './fakeClient';
import { auditEvent, auditLog } from './fixtures';
import { renderWithApi } from './renderWithApi';

/**
 * The cycle's log as the service answers audit.events: newest first, filtered as asked,
 * `pageSize` at a time with the seq to page on.
 */
function auditBackEnd(events: AuditLogEvent[], pageSize = 50): Answer<'audit.events'> {
  return (args: AuditLogArgs) => {
    const matching = events
      .filter((e) => (args.entity === undefined || e.entity === args.entity) && (args.entityId === undefined || e.entityId === args.entityId))
      .filter((e) => (args.actor === undefined || e.actor === args.actor) && (args.action === undefined || e.action === args.action))
      .filter((e) => (args.from === undefined || e.at.slice(0, 10) >= args.from) && (args.to === undefined || e.at.slice(0, 10) <= args.to))
      .sort((a, b) => b.seq - a.seq);
    const from = args.before === undefined ? matching : matching.filter((e) => e.seq < args.before!);
    const page = from.slice(0, pageSize);
    const last = page[page.length - 1];
    return { ...auditLog(page, { facets: auditLog(events).facets }), matching: matching.length, nextBefore: from.length > page.length && last ? last.seq : null };
  };
}

const LOG: AuditLogEvent[] = [
  auditEvent(1, { at: '2026-02-02T09:00:00.000Z', action: 'model.add', entity: 'model', entityId: 'credit-pd', after: { name: 'Credit PD', owner: 'Risk Analytics' } }),
  auditEvent(2, { at: '2026-02-03T09:00:00.000Z', actor: 'ben@bank.example', entityId: 'credit-pd/data_quality', after: { value: 2, rationale: 'Clean lineage.' } }),
  auditEvent(3, {
    at: '2026-02-10T09:00:00.000Z',
    before: { value: 3, rationale: 'PSI above the watch line.', lo: 3 },
    after: { value: 4, rationale: 'PSI above the act line.', lo: 3 },
  }),
  auditEvent(4, { at: '2026-02-20T09:00:00.000Z', actor: 'ben@bank.example', action: 'decision.record', entity: 'decision', entityId: 'd-1', after: { outcome: 'approved' } }),
];

function openAudit(events: AuditLogEvent[] = LOG, options: { target?: AuditTarget; pageSize?: number } = {}) {
  const client = fakeClient({ 'audit.events': auditBackEnd(events, options.pageSize) });
  const drawn = renderWithApi(<AuditPlace cycleName="2026 H1" {...(options.target ? { target: options.target } : {})} />, client);
  return { ...drawn, client };
}

const table = () => screen.findByRole('table', { name: 'Audit events' });
/** The seq of each event row shown, top to bottom. */
const shownSeqs = async () =>
  within(await table())
    .getAllByRole('row')
    .slice(1)
    .map((r) => r.querySelector('td.num')?.textContent)
    .filter((s): s is string => s !== undefined && s !== null);

describe('the Audit place', () => {
  it('lists every event newest first with its person, action in words, record and chain status', async () => {
    openAudit();
    expect(await shownSeqs()).toEqual(['4', '3', '2', '1']);
    const newest = within(await table()).getAllByRole('row')[1]!;
    expect(within(newest).getByText('ben@bank.example')).toBeInTheDocument();
    expect(within(newest).getByText('Decision recorded')).toBeInTheDocument();
    expect(newest).toHaveTextContent('decision d-1');
    expect(within(newest).getByText('Holds')).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('4 events');
  });

  it('filters by person and by action, asking the log for just those', async () => {
    const { user, client } = openAudit();
    await table();
    await user.selectOptions(screen.getByLabelText('Person'), 'ben@bank.example');
    await waitFor(async () => expect(await shownSeqs()).toEqual(['4', '2']));
    await user.selectOptions(screen.getByLabelText('Action'), 'Score set');
    await waitFor(async () => expect(await shownSeqs()).toEqual(['2']));
    expect(client.argsOf('audit.events').at(-1)).toEqual({ actor: 'ben@bank.example', action: 'score.set' });
    expect(screen.getByRole('status')).toHaveTextContent('1 event');
  });

  it('filters by record type and record, the record typed trimmed', async () => {
    const { user, client } = openAudit();
    await table();
    await user.selectOptions(screen.getByLabelText('Record type'), 'score');
    await user.type(screen.getByLabelText('Record'), ' credit-pd/performance_drift ');
    await waitFor(async () => expect(await shownSeqs()).toEqual(['3']));
    expect(client.argsOf('audit.events').at(-1)).toEqual({ entity: 'score', entityId: 'credit-pd/performance_drift' });
  });

  it('filters by period, and says at To when it ends before From without asking for it', async () => {
    const { user, client } = openAudit();
    await table();
    await user.type(screen.getByLabelText('From'), '2026-02-05');
    await waitFor(async () => expect(await shownSeqs()).toEqual(['4', '3']));
    await user.type(screen.getByLabelText('To'), '2026-02-01');
    expect(await screen.findByRole('alert')).toHaveTextContent('To is before From: choose a period that ends on or after its start.');
    expect(screen.getByLabelText('To')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('To')).toHaveAccessibleDescription('To is before From: choose a period that ends on or after its start.');
    expect(client.argsOf('audit.events').some((a) => a.to === '2026-02-01')).toBe(false);
  });

  it('says when no event matches and clears the filters from there', async () => {
    const { user } = openAudit();
    await table();
    await user.type(screen.getByLabelText('Record'), 'no-such-model');
    expect(await screen.findByRole('heading', { name: 'No events match' })).toBeInTheDocument();
    const empty = screen.getByRole('heading', { name: 'No events match' }).closest('section')!;
    await user.click(within(empty as HTMLElement).getByRole('button', { name: 'Clear filters' }));
    expect(await shownSeqs()).toEqual(['4', '3', '2', '1']);
    expect(screen.getByLabelText('Record')).toHaveValue('');
    expect(screen.queryByRole('button', { name: 'Clear filters' })).toBeNull();
  });

  it('pages on to older events, counting what is shown of what matches', async () => {
    const many = Array.from({ length: 5 }, (_, i) => auditEvent(i + 1));
    const { user, client } = openAudit(many, { pageSize: 2 });
    expect(await shownSeqs()).toEqual(['5', '4']);
    expect(screen.getByRole('status')).toHaveTextContent('2 of 5 events shown');
    await user.click(screen.getByRole('button', { name: 'Load older events' }));
    await waitFor(async () => expect(await shownSeqs()).toEqual(['5', '4', '3', '2']));
    await user.click(screen.getByRole('button', { name: 'Load older events' }));
    await waitFor(async () => expect(await shownSeqs()).toEqual(['5', '4', '3', '2', '1']));
    expect(screen.getByRole('status')).toHaveTextContent('5 events');
    expect(screen.queryByRole('button', { name: 'Load older events' })).toBeNull();
    expect(client.argsOf('audit.events').map((a) => a.before)).toEqual([undefined, 4, 2]);
  });

  it('says why older events could not be loaded and keeps the ones shown', async () => {
    const many = Array.from({ length: 3 }, (_, i) => auditEvent(i + 1));
    const { user, client } = openAudit(many, { pageSize: 2 });
    await table();
    client.answer('audit.events', refuse('The workspace file was closed in another window.', undefined, 'no_cycle_open'));
    await user.click(screen.getByRole('button', { name: 'Load older events' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Could not load older events: The workspace file was closed in another window.');
    expect(await shownSeqs()).toEqual(['3', '2']);
  });

  it("shows an event's before and after side by side, changed fields first and the rest on request", async () => {
    const { user } = openAudit();
    const row = within(await table()).getAllByRole('row').find((r) => r.querySelector('td.num')?.textContent === '3')!;
    await user.click(within(row).getByRole('button', { name: 'Changes' }));
    const diff = screen.getByRole('table', { name: 'Changes of event 3' });
    const rows = within(diff).getAllByRole('row').slice(1).map((r) => [...r.children].map((c) => c.textContent));
    expect(rows).toEqual([
      ['value', '3', '4'],
      ['rationale', 'PSI above the watch line.', 'PSI above the act line.'],
    ]);
    await user.click(screen.getByRole('button', { name: 'Show 1 unchanged field too' }));
    expect(within(diff).getByRole('rowheader', { name: 'lo' })).toBeInTheDocument();
    await user.click(within(row).getByRole('button', { name: 'Hide changes' }));
    expect(screen.queryByRole('table', { name: 'Changes of event 3' })).toBeNull();
  });

  it('says where the chain breaks and marks the events after it', async () => {
    const broken = [auditEvent(1), auditEvent(2, { chain: 'broken' }), auditEvent(3, { chain: 'unverified' })];
    const client = fakeClient({ 'audit.events': auditLog(broken.slice().reverse(), { chainProblem: { seq: 2, reason: 'event 2 does not re-hash as recorded.' } }) });
    renderWithApi(<AuditPlace cycleName="2026 H1" />, client);
    expect(await screen.findByRole('alert')).toHaveTextContent('The audit chain is broken: event 2 does not re-hash as recorded.');
    const chain = within(await table())
      .getAllByRole('row')
      .slice(1)
      .map((r) => r.querySelector('.chain-status')?.textContent);
    expect(chain).toEqual(['After a break', 'Broken', 'Holds']);
  });

  it('opens on one record\'s history when a record asks, under its name', async () => {
    const { client } = openAudit(LOG, { target: { entity: 'score', entityId: 'credit-pd/performance_drift', label: 'Credit PD · Performance & drift' } });
    expect(await screen.findByRole('heading', { level: 1 })).toHaveTextContent('Audit · History of Credit PD · Performance & drift');
    expect(await shownSeqs()).toEqual(['3']);
    expect(client.argsOf('audit.events')[0]).toEqual({ entity: 'score', entityId: 'credit-pd/performance_drift' });
  });

  it('shows a change made in another window as soon as it is committed, under the filters in force', async () => {
    const log = [...LOG];
    const client = fakeClient({ 'audit.events': auditBackEnd(log) });
    const { user } = renderWithApi(<AuditPlace cycleName="2026 H1" />, client);
    await table();
    await user.selectOptions(screen.getByLabelText('Person'), 'ben@bank.example');
    await waitFor(async () => expect(await shownSeqs()).toEqual(['4', '2']));
    log.push(auditEvent(5, { actor: 'ben@bank.example', at: '2026-02-21T09:00:00.000Z' }), auditEvent(6, { at: '2026-02-21T10:00:00.000Z' }));
    client.emit({ entity: 'score', ids: ['credit-pd'], seq: 6 });
    await waitFor(async () => expect(await shownSeqs()).toEqual(['5', '4', '2']));
    expect(screen.getByRole('status')).toHaveTextContent('3 events');
  });

  it('keeps the events shown when a refresh fails, and says why above them', async () => {
    const { client } = openAudit();
    expect(await shownSeqs()).toEqual(['4', '3', '2', '1']);
    client.answer('audit.events', refuse('The workspace is open in another program.', undefined, 'open_elsewhere'));
    client.emit({ entity: 'score', ids: ['credit-pd'], seq: 5 });
    expect(await screen.findByRole('alert')).toHaveTextContent('Could not refresh the audit log: The workspace is open in another program.');
    expect(await shownSeqs()).toEqual(['4', '3', '2', '1']);
  });
});

describe('the Audit place exports what it shows', () => {
  const saved: { name: string; blob: Blob }[] = [];
  const blobs = new Map<string, Blob>();
  beforeEach(() => {
    saved.length = 0;
    // jsdom has no object URLs and does not download: the blob and the name its link carried are kept instead.
    Object.assign(URL, {
      createObjectURL: (blob: Blob) => {
        const url = `blob:test/${blobs.size}`;
        blobs.set(url, blob);
        return url;
      },
      revokeObjectURL: () => undefined,
    });
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      const blob = blobs.get(this.getAttribute('href') ?? '');
      if (blob) saved.push({ name: this.download, blob });
    });
  });
  afterEach(() => {
    vi.restoreAllMocks();
    blobs.clear();
  });

  it('exports the events of a record as CSV, one row each, named for the cycle and the record', async () => {
    const { user } = openAudit(LOG, { target: { entity: 'score', entityId: 'credit-pd/performance_drift', label: 'Credit PD · Performance & drift' } });
    await table();
    await user.click(screen.getByRole('button', { name: 'Export CSV' }));
    expect(saved.map((s) => s.name)).toEqual(['2026-H1-audit-credit-pd-performance_drift.csv']);
    const lines = (await saved[0]!.blob.text()).trimEnd().split('\r\n');
    expect(lines[0]).toBe('seq,at,actor,action,entity,entity_id,chain,before,after,prev_hash,hash');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^3,2026-02-10T09:00:00.000Z,ana@bank.example,score.set,score,credit-pd\/performance_drift,holds,/);
  });

  it('exports the events shown as canonical JSON lines, oldest first as the chain runs', async () => {
    const { user } = openAudit();
    // The people to choose from come with the first page of events, as the table does.
    await table();
    await user.selectOptions(screen.getByLabelText('Person'), 'ben@bank.example');
    await waitFor(async () => expect(await shownSeqs()).toEqual(['4', '2']));
    await user.click(screen.getByRole('button', { name: 'Export JSON lines' }));
    expect(saved.map((s) => s.name)).toEqual(['2026-H1-audit.jsonl']);
    expect(await saved[0]!.blob.text()).toBe('{"seq":2}\n{"seq":4}\n');
  });

  it('offers no export when nothing is shown', async () => {
    const { user } = openAudit();
    await table();
    await user.type(screen.getByLabelText('Record'), 'no-such-model');
    await screen.findByRole('heading', { name: 'No events match' });
    expect(screen.getByRole('button', { name: 'Export CSV' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Export JSON lines' })).toBeDisabled();
  });
});
