import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../../shared/sessions/dates';
import { acceptanceState, actionStatus } from '../../../shared/sessions/followUp';
import { orderAcceptances, orderActions } from '../../../shared/sessions/registers';
import type { AcceptanceState, ActionStatus } from '../../../shared/sessions/session';

describe('mitigation and condition status', () => {
  it('overdue is derived: open and due before today', () => {
    expect(actionStatus('open', '2026-09-14', '2026-09-15')).toBe('overdue');
    expect(actionStatus('open', '2026-09-15', '2026-09-15')).toBe('open');
    expect(actionStatus('open', '2026-09-16', '2026-09-15')).toBe('open');
    expect(actionStatus('done', '2020-01-01', '2026-09-15')).toBe('done');
  });
});

describe('acceptance state', () => {
  it('holds through its expiry day, expiring within 30 days of it', () => {
    expect(acceptanceState('2026-09-14', '2026-09-15')).toBe('expired');
    expect(acceptanceState('2026-09-15', '2026-09-15')).toBe('expiring');
    expect(acceptanceState('2026-10-15', '2026-09-15')).toBe('expiring');
    expect(acceptanceState('2026-10-16', '2026-09-15')).toBe('active');
  });
});

const statuses = fc.constantFrom<ActionStatus>('open', 'done', 'overdue');
const states = fc.constantFrom<AcceptanceState>('active', 'expiring', 'expired');
const due = fc.integer({ min: 0, max: 400 }).map((n) => addDays('2026-01-01', n));

describe('register order', () => {
  it('actions: overdue first, then open, then done, each by due date', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ status: statuses, due, modelId: fc.constantFrom('a', 'b'), id: fc.uuid() })), (rows) => {
        const ordered = orderActions(rows);
        expect(ordered).toHaveLength(rows.length);
        const rank = { overdue: 0, open: 1, done: 2 } as const;
        for (let i = 1; i < ordered.length; i++) {
          const [p, q] = [ordered[i - 1], ordered[i]] as [(typeof rows)[number], (typeof rows)[number]];
          expect(rank[p.status] < rank[q.status] || (rank[p.status] === rank[q.status] && p.due <= q.due)).toBe(true);
        }
      }),
    );
  });

  it('acceptances: in force before superseded, then expired, expiring, active, soonest first', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ state: states, expiry: due, superseded: fc.boolean(), modelId: fc.constantFrom('a', 'b'), id: fc.uuid() })), (rows) => {
        const ordered = orderAcceptances(rows);
        const key = (r: (typeof rows)[number]) => [Number(r.superseded), { expired: 0, expiring: 1, active: 2 }[r.state]] as const;
        for (let i = 1; i < ordered.length; i++) {
          const [p, q] = [key(ordered[i - 1] as (typeof rows)[number]), key(ordered[i] as (typeof rows)[number])];
          expect(p[0] < q[0] || (p[0] === q[0] && p[1] <= q[1])).toBe(true);
        }
      }),
    );
  });
});
