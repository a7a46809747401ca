import { describe, expect, it } from 'vitest';
import { formatRoute, parseRoute, placeOf, readFilters, withFilters, type Route } from '../../renderer/src/routes/route';
import { NO_FILTERS } from '../../renderer/src/filters/ModelFilters';
import { acceptanceFilters, acceptancesQuery, actionFilters, actionsQuery, findingFilters, findingsQuery, tabOf, withActionFilters, withTab } from '../../renderer/src/registers/registerQuery';
import { objectCommands, PER_KIND } from '../../renderer/src/commandPalette/objectCommands';
import { auditQuery, auditTargetOf } from '../../renderer/src/routes/auditQuery';

const SHA = 'a'.repeat(64);

describe('every place has an address', () => {
  const routes: [string, Route][] = [
    ['#/overview', { place: 'overview' }],
    ['#/inventory', { place: 'inventory' }],
    ['#/heatmap', { place: 'heatmap' }],
    ['#/matrix', { place: 'matrix' }],
    ['#/sessions', { place: 'sessions' }],
    ['#/sessions/s-1', { place: 'sessions', sessionId: 's-1' }],
    ['#/sessions/s-1/chair', { place: 'sessions', sessionId: 's-1', chair: true }],
    ['#/registers', { place: 'registers' }],
    ['#/registers?tab=findings', { place: 'registers', query: { tab: 'findings' } }],
    ['#/evidence', { place: 'evidence' }],
    [`#/evidence/${SHA}`, { place: 'evidence', bundle: SHA }],
    ['#/models/credit-scorer', { place: 'models', modelId: 'credit-scorer' }],
    ['#/packets', { place: 'packets' }],
    ['#/audit', { place: 'audit' }],
    ['#/settings', { place: 'settings' }],
  ];
  it.each(routes)('%s reads as its route and is written back the same', (hash, route) => {
    expect(parseRoute(hash)).toEqual(route);
    expect(formatRoute(route)).toBe(hash);
  });

  it('an app opened with no hash (or a bare one) is on the Overview', () => {
    for (const hash of ['', '#', '#/']) expect(parseRoute(hash)).toEqual({ place: 'overview' });
  });

  it('a trailing slash is forgiven', () => {
    expect(parseRoute('#/sessions/s-1/')).toEqual({ place: 'sessions', sessionId: 's-1' });
  });

  it.each(['#/nowhere', '#overview', '#/overview/x', '#/sessions/s-1/minutes', '#/sessions/s-1/chair/x', '#/evidence/not-a-sha', `#/evidence/${SHA.toUpperCase()}`, '#/models', '#/models//x', '#/models/%E0%A4%A'])(
    '%s names no place',
    (hash) => expect(parseRoute(hash)).toBeNull(),
  );

  it('ids with slashes, spaces and question marks survive the address', () => {
    const route: Route = { place: 'models', modelId: 'team/a model?v=2#1' };
    const hash = formatRoute(route);
    expect(hash).toBe('#/models/team%2Fa%20model%3Fv%3D2%231');
    expect(parseRoute(hash)).toEqual(route);
  });

  it('filters ride in the query, written back in the same order', () => {
    const route: Route = { place: 'inventory', query: { tier: 'high', region: 'EU & UK' } };
    expect(formatRoute(route)).toBe('#/inventory?tier=high&region=EU+%26+UK');
    expect(parseRoute(formatRoute(route))).toEqual(route);
  });

  it('the matrix sits under the Heatmap on the rail, a model under the Inventory', () => {
    expect(placeOf({ place: 'matrix' })).toBe('heatmap');
    expect(placeOf({ place: 'models', modelId: 'm' })).toBe('inventory');
    expect(placeOf({ place: 'sessions', sessionId: 's', chair: true })).toBe('sessions');
  });
});

describe('list filters in the query', () => {
  it('reads known keys over the defaults and ignores the rest', () => {
    expect(readFilters({ tier: 'unscored', colour: 'red' }, NO_FILTERS)).toEqual({ ...NO_FILTERS, tier: 'unscored' });
    expect(readFilters(undefined, NO_FILTERS)).toEqual(NO_FILTERS);
  });

  it('writes only what differs from the defaults, so an unfiltered list has a bare address', () => {
    expect(withFilters({ tier: 'high' }, NO_FILTERS, NO_FILTERS)).toEqual({});
    expect(withFilters({}, { ...NO_FILTERS, owner: 'Ada' }, NO_FILTERS)).toEqual({ owner: 'Ada' });
  });

  it('the findings register keeps "every finding" apart from its default "open ones"', () => {
    const q = findingsQuery({ severity: 'high', scope: '' });
    expect(q).toEqual({ tab: 'findings', severity: 'high', scope: '' });
    expect(formatRoute({ place: 'registers', query: q })).toBe('#/registers?tab=findings&severity=high&scope=');
    const back = parseRoute('#/registers?tab=findings&severity=high&scope=');
    expect(findingFilters(back?.query)).toMatchObject({ severity: 'high', scope: '' });
    expect(findingFilters({ tab: 'findings' }).scope).toBe('open');
  });

  it('the action and acceptance registers share a tab without sharing their model filter', () => {
    const query = { ...actionsQuery({ model: 'A' }), ...acceptancesQuery({ model: 'B', within: '30' }) };
    expect(query).toEqual({ 'action.model': 'A', 'acceptance.model': 'B', 'acceptance.within': '30' });
    expect(actionFilters(query).model).toBe('A');
    expect(acceptanceFilters(query)).toMatchObject({ model: 'B', within: '30', superseded: 'show' });
    const cleared = withActionFilters(query, { ...actionFilters(query), model: '' });
    expect(cleared).toEqual({ 'acceptance.model': 'B', 'acceptance.within': '30' });
  });

  it('the tab is findings only when the address says so; switching keeps the filters', () => {
    expect(tabOf(undefined)).toBe('actions');
    expect(tabOf({ tab: 'nonsense' })).toBe('actions');
    expect(withTab({ 'action.status': 'overdue' }, 'findings')).toEqual({ 'action.status': 'overdue', tab: 'findings' });
    expect(withTab({ tab: 'findings', severity: 'high' }, 'actions')).toEqual({ severity: 'high' });
  });

  it('the Audit place opened on one record names it in its query; half a record is the whole log', () => {
    const target = { entity: 'model', entityId: 'm-1', label: 'Credit scorer' };
    expect(auditTargetOf(auditQuery(target))).toEqual(target);
    expect(auditTargetOf({ entity: 'model' })).toBeUndefined();
    expect(auditTargetOf({ entity: 'model', entityId: 'm-1' })?.label).toBe('model m-1');
  });
});

describe('the command palette finds objects by name', () => {
  const lists = {
    models: [
      { id: 'credit-default', name: 'Credit default scorer' },
      { id: 'fraud', name: 'Fraud detector' },
    ],
    sessions: [{ id: 's-1', number: 3, title: 'Q3 board' }],
    findings: [{ id: 'f-1', title: 'Accuracy claim not reproduced', modelName: 'Credit default scorer', type: 'validation_issue' as const, severity: 'high' as const }],
  };

  it('nothing until something is typed', () => {
    expect(objectCommands('  ', lists)).toEqual([]);
  });

  it('a model leads to its address, a session to its page, whatever the case typed', () => {
    expect(objectCommands('CREDIT', lists).map((c) => [c.label, formatRoute(c.route)])).toEqual([['Model: Credit default scorer', '#/models/credit-default']]);
    expect(objectCommands('session 3', lists).map((c) => formatRoute(c.route))).toEqual(['#/sessions/s-1']);
    expect(objectCommands('board', lists).map((c) => c.label)).toEqual(['Session 3: Q3 board']);
  });

  it('a finding opens the findings register narrowed to its model and kind, every status shown', () => {
    const [found] = objectCommands('accuracy', lists);
    expect(found?.label).toBe('Finding: Accuracy claim not reproduced (Credit default scorer)');
    expect(found && findingFilters(found.route.query)).toEqual({ status: '', severity: 'high', type: 'validation_issue', model: 'Credit default scorer', owner: '', age: '', scope: '' });
  });

  it('a short query over many models lists a few of each kind', () => {
    const many = { ...lists, models: Array.from({ length: 5000 }, (_, i) => ({ id: `m${i}`, name: `Model ${i}` })) };
    expect(objectCommands('m', many).filter((c) => c.id.startsWith('model-'))).toHaveLength(PER_KIND);
  });
});
