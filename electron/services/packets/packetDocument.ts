import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import { riskSwatch, tierSwatch, type PaletteName } from '../../../shared/scoring/colourScale';
import { heatmapSvg } from '../../../shared/scoring/heatmapSvg';
import { placeOnMatrix } from '../../../shared/scoring/matrix';
import { coverageWords, tierWord, type Tier } from '../../../shared/scoring/tier';
import { floorsOf, minCoverageOf, type TierFloor } from '../../../shared/domain/taxonomy';
import { OUTCOME_WORDS, type Decision } from '../../../shared/sessions/session';
import { auditActionWords } from '../../../shared/text/auditWords';
import { plural } from '../../../shared/text/plural';
import { personAddress } from '../../../shared/people/roster';
import { isOpenStatus } from '../../../shared/cycles/findings';
import type { DecisionRecord } from './decisionRecord';
import { coveragePages } from './coveragePage';

/**
 * The pages of a decision packet (SPEC section 7), from the decision record alone, so
 * what is printed and what is attached cannot disagree. Colours come from the one scale
 * in shared/; the heatmap is the same SVG the CLI writes, split so labels stay legible.
 */

const PALETTE: PaletteName = 'standard';
const HEATMAP_ROWS_PER_PAGE = 28;
const MUTED = '#57606a';

const fmt2 = (v: number | null | undefined) => (v === null || v === undefined ? '—' : v.toFixed(2));
/** A section heading: renderPdf starts each on a new page, with no blank page before it. */
const h1 = (text: string): Content => ({ text, style: 'h1', headlineLevel: 1, tocItem: true });
const h2 = (text: string): Content => ({ text, style: 'h2' });
const small = (text: string): Content => ({ text, style: 'small' });
/** A SHA-256 in a table column: set small enough that its 64 digits stay whole on one line. */
const hash = (hex: string): TableCell => ({ text: hex, fontSize: 6 });
/** An ISO moment in a narrow column breaks between the day and the time, not inside a number. */
const moment = (iso: string): string => iso.replace('T', '\n');
/** A long e-mail address in a narrow column breaks after its @, not at a random letter. */
const address = (who: string): string => (who.length > 18 && who.includes('@') ? who.replace('@', '@\n') : who);
const fixed4 = (v: number) => v.toFixed(4);
const kv = (rows: [string, string][]): Content => ({
  table: { widths: [140, '*'], body: rows.map(([k, v]) => [{ text: k, color: MUTED }, { text: v }]) },
  layout: 'noBorders',
  margin: [0, 0, 0, 8],
});

function kpiValue(unit: 'share' | 'days', value: number | null, numerator: number | null, denominator: number | null): string {
  if (value === null) return '—';
  const shown = unit === 'share' ? `${(value * 100).toFixed(1)}%` : `${value.toFixed(1)} days`;
  return numerator !== null && denominator !== null ? `${shown} (${numerator} of ${denominator})` : shown;
}

/** A condition's text from the session's decisions, for the rule checks' table. */
function conditionText(record: DecisionRecord, id: string): string {
  for (const item of record.session.items) {
    for (const d of [item.decision, ...item.amendments]) {
      const c = d?.conditions.find((x) => x.id === id);
      if (c) return `${item.modelName}: ${c.text}`;
    }
  }
  return id;
}

function table(header: string[], rows: TableCell[][], widths?: (string | number)[]): Content {
  if (rows.length === 0) return small('None.');
  return {
    table: { headerRows: 1, widths: widths ?? header.map(() => '*'), body: [header.map((h) => ({ text: h, style: 'th' })), ...rows] },
    layout: 'lightHorizontalLines',
    fontSize: 8.5,
    margin: [0, 2, 0, 10],
  };
}

function chip(tier: Tier | null): TableCell {
  const s = tierSwatch(tier, PALETTE);
  return { text: s.word, fillColor: s.fill, color: s.text, bold: true, alignment: 'center' };
}

function decisionBlock(d: Decision, record: DecisionRecord, title: string): Content[] {
  const names = new Map(record.session.attendees.map((a) => [a.id, a.name]));
  const dimensionLabel = (key: string) => record.taxonomy.dimensions.find((x) => x.key === key)?.label ?? key;
  const blocking = d.blockingRisk ? ('dimension' in d.blockingRisk ? `${dimensionLabel(d.blockingRisk.dimension)} (dimension)` : `finding #${d.blockingRisk.findingId}`) : null;
  return [
    h2(title),
    kv([
      ['Outcome', OUTCOME_WORDS[d.outcome]],
      ['Rationale', d.rationale],
      ...(blocking ? ([['Blocking risk', blocking]] as [string, string][]) : []),
      ['Decided', `${d.decisionDate} by ${d.decidedBy} (recorded ${d.decidedAt})`],
      ...(d.amends ? ([['Amends', `decision ${d.amends.decisionId}: ${d.amends.reason}`]] as [string, string][]) : []),
      ['Votes', `${d.tally.for} for, ${d.tally.against} against, ${d.tally.abstain} abstaining`],
      ...(d.recused?.length ? ([['Recused', `${d.recused.join(', ')} (did not vote, not counted in the quorum)`]] as [string, string][]) : []),
      ...(d.approval?.basis === 'signoff' ? ([['Approved by', `sign-off of the chair, ${d.approval.chair}, and the secretary, ${d.approval.secretary}`]] as [string, string][]) : []),
      ...(d.approval?.basis === 'vote'
        ? ([['Approved by', `a vote of the board: ${d.approval.votes.map((v) => `${v.name} ${v.vote}${v.reason ? ` (${v.reason})` : ''}`).join('; ')}`]] as [string, string][])
        : []),
      ...(d.acknowledgement
        ? ([
            ['Approved despite', d.acknowledgement.concerns.join(' ')],
            ["Chair's acknowledgement", d.acknowledgement.reason],
          ] as [string, string][])
        : []),
    ]),
    ...(d.votes.length
      ? [table(['Member', 'Vote', 'Reason'], d.votes.map((v) => [names.get(v.attendeeId) ?? v.name, v.dissent ? `${v.vote}, dissent` : v.vote, v.reason ?? '']), [120, 70, '*'])]
      : []),
    ...(d.conditions.length ? [small('Conditions'), table(['Condition', 'Owner', 'Due', 'Status'], d.conditions.map((c) => [c.text, c.owner || 'model owner', c.due, c.status]), ['*', 90, 60, 50])] : []),
    ...(d.mitigations.length
      ? [small('Mitigations'), table(['Action', 'Owner', 'Due', 'Success criteria', 'Status'], d.mitigations.map((m) => [m.action, m.owner, m.due, m.successCriteria, m.status]), ['*', 80, 55, '*', 45])]
      : []),
    ...(d.acceptances.length
      ? [small('Risk acceptances'), table(['Risk', 'Approver', 'Compensating controls', 'Expiry'], d.acceptances.map((a) => [a.risk, a.approver, a.compensatingControls, `${a.expiry} (${a.state})`]), ['*', 80, '*', 75])]
      : []),
  ];
}

/**
 * The rules that keep a tier honest (issue 13 §5), with why the defaults are what they are,
 * for the methodology appendix.
 */
function methodologyOfEvidence(taxonomy: DecisionRecord['taxonomy']): [string, string][] {
  const min = Math.round(minCoverageOf(taxonomy) * 100);
  const floors = floorsOf(taxonomy);
  const defaults = taxonomy.minCoverage === undefined && taxonomy.floors === undefined;
  return [
    [
      'Coverage',
      `dimensions scored / dimensions with a positive weight. Below ${min}% the tier is "Incomplete" unless a floor holds: a mean over a few dimensions says little about the rest${taxonomy.minCoverage === undefined ? ` (the default: with 11 dimensions, 8 must be scored)` : ''}.`,
    ],
    [
      'Floors',
      floors.length === 0
        ? 'none in this taxonomy version.'
        : `${floors.map(floorWords).join('; ')}. A floor only raises a tier: a heat is a mean, and one dimension at 4 or an open severe finding would otherwise average away${defaults ? ' (the defaults)' : ''}.`,
    ],
    ['Acknowledgement', 'an approval of a model with open high or critical findings, unscored dimensions or an incomplete tier records the chair\'s reason, printed with the decision.'],
  ];
}

function floorWords(f: TierFloor): string {
  const tier = tierWord(f.tier);
  return f.when === 'dimension_score' ? `any dimension scored ${f.atLeast} or more: at least ${tier}` : `an open ${f.severity === 'high' ? 'high or critical' : 'critical'} finding: at least ${tier}`;
}

function itemSection(record: DecisionRecord, item: DecisionRecord['items'][number], index: number): Content[] {
  const agenda = record.session.items.find((i) => i.id === item.itemId);
  const row = item.heatmap;
  const m = item.model;
  const dims = record.taxonomy.dimensions;
  const out: Content[] = [
    h1(`${index + 1}. ${m.name}`),
    kv([
      ['Model', `${m.id}, version ${m.version}`],
      ['Owner', `${m.owner} · ${m.team} · ${m.productLine}`],
      ['Use', m.useCase],
      ['Deployment', `${m.deployment.context}${m.deployment.regulated ? ', regulated' : ''} · ${m.regions.join(', ')}`],
      ['Evidence bundle', item.bundle ? `${item.bundle.sha256} (version ${item.bundle.version}, imported ${item.bundle.importedAt})` : 'none imported'],
      ['Tier', `${tierWord(row?.tier ?? null)}${row?.floor ? ` (floor: ${row.floor})` : ''}`],
      ['Coverage', row ? `${coverageWords(row.coverage)}; a tier needs ${Math.round(minCoverageOf(record.taxonomy) * 100)}%` : 'not scored'],
      ['Heat', row?.heat === null || !row ? 'not scored' : `${fmt2(row.heat)} (band ${fmt2(row.band?.lo)} to ${fmt2(row.band?.hi)}); likelihood ${fmt2(row.likelihood)}, impact ${fmt2(row.impact)}`],
    ]),
    h2('Dimension scores'),
    table(
      ['Dimension', 'Score', 'Band', 'Source', 'Rationale', 'By'],
      dims.map((d) => {
        const s = row?.scores[d.key];
        const sw = riskSwatch(s ? s.value : null, PALETTE);
        return [
          d.label,
          { text: s ? String(s.value) : '—', fillColor: sw.fill, color: sw.text, alignment: 'center' },
          s ? `${s.lo}–${s.hi}` : '',
          s ? `${s.source === 'rule' ? `rule ${s.evidence?.rule ?? ''}` : 'analyst'}${s.evidence?.bundleSha256 ? `; bundle ${s.evidence.bundleSha256.slice(0, 16)}…` : ''}${s.evidence?.findingId !== undefined ? `; finding #${s.evidence.findingId}` : ''}` : 'not scored',
          s?.rationale ?? '',
          s ? `${address(s.scoredBy)},\n${s.scoredAt.slice(0, 10)}` : '',
        ];
      }),
      [95, 30, 35, 80, '*', 70],
    ),
    h2('Findings'),
    table(
      ['Severity', 'Category', 'Finding'],
      (item.validation?.findings ?? []).map((f) => [f.severity, f.category.replace(/_/g, ' '), f.message]),
      [45, 75, '*'],
    ),
    h2('Claims: claimed against recomputed'),
    table(
      ['Metric', 'Claimed', 'Recomputed', 'Difference', 'Status'],
      // Claimed and recomputed to four decimals, as the bundle report shows them; the difference to six, so one under the tolerance still shows.
      (item.validation?.claims ?? []).map((c) => [c.path, fixed4(c.claimed), c.recomputed === null ? '—' : fixed4(c.recomputed), c.difference === null ? '—' : c.difference.toFixed(6), c.status.replace(/_/g, ' ')]),
      ['*', 55, 60, 60, 60],
    ),
  ];
  if (agenda?.conflicts?.length) {
    out.push(
      h2('Declarations of interest'),
      table(['Member', 'Reason', 'Recused', 'Declared'], agenda.conflicts.map((c) => [c.name, c.reason, c.recused ? 'yes' : 'no, votes', `${c.declaredAt.slice(0, 10)} by ${c.declaredBy}`]), [100, '*', 50, 110]),
    );
  }
  if (agenda?.decision) out.push(...decisionBlock(agenda.decision, record, 'Decision'));
  else out.push(h2('Decision'), small('No decision was recorded on this item.'));
  agenda?.amendments.forEach((a, i) => out.push(...decisionBlock(a, record, `Amendment ${i + 1}`)));
  if (agenda?.note) out.push(h2("Chair's note"), { text: agenda.note });
  return out;
}

function heatmapPages(record: DecisionRecord): Content[] {
  const rows = record.items.map((i) => i.heatmap).filter((r) => r !== null).sort((a, b) => a.rank - b.rank);
  const pages: Content[] = [];
  for (let start = 0; start < Math.max(rows.length, 1); start += HEATMAP_ROWS_PER_PAGE) {
    const slice = rows.slice(start, start + HEATMAP_ROWS_PER_PAGE);
    const svg = heatmapSvg(slice, {
      dimensions: record.taxonomy.dimensions,
      thresholds: record.taxonomy.thresholds,
      palette: PALETTE,
      title: 'Risk heatmap of the agenda',
      subtitle: `Models ${start + 1} to ${start + slice.length} of ${rows.length}, in heatmap order (heat, then impact) · taxonomy v${record.taxonomy.version} · as of ${record.generatedAt}`,
    });
    pages.push(h1(start === 0 ? 'Heatmap' : 'Heatmap (continued)'), { svg, width: 515 });
  }
  return pages;
}

function matrix(record: DecisionRecord): Content[] {
  const rows = record.items.map((i) => i.heatmap).filter((r) => r !== null);
  const placement = placeOnMatrix(rows.map((r) => ({ id: r.model.id, likelihood: r.likelihood, impact: r.impact })));
  const body: TableCell[][] = [5, 4, 3, 2, 1].map((l) => [
    { text: String(l), bold: true, alignment: 'center' },
    ...[1, 2, 3, 4, 5].map((i): TableCell => {
      const n = placement.cells[(l - 1) * 5 + (i - 1)]?.ids.length ?? 0;
      const s = riskSwatch((l + i) / 2, PALETTE);
      return { text: n ? String(n) : '', fillColor: s.fill, color: s.text, alignment: 'center', bold: true, margin: [0, 10, 0, 10] };
    }),
  ]);
  body.push([{ text: 'L \\ I', color: MUTED }, ...[1, 2, 3, 4, 5].map((i) => ({ text: String(i), bold: true, alignment: 'center' as const }))]);
  return [
    h1('Likelihood × impact'),
    small('Models of the agenda per cell: likelihood (rows) and impact (columns) are the weighted means of each axis\'s dimensions, rounded half up.'),
    { table: { widths: [40, 60, 60, 60, 60, 60], body }, layout: { hLineColor: () => '#ffffff', vLineColor: () => '#ffffff', hLineWidth: () => 3, vLineWidth: () => 3 }, margin: [0, 8, 0, 8] },
    ...(placement.unplaced.length ? [small(`Not placed (an axis unscored): ${placement.unplaced.join(', ')}.`)] : []),
  ];
}

/**
 * The summary's table: what each decision leaves to follow up (the cover already lists
 * each item's tier and outcome, so the summary does not repeat them). Counts are of the
 * decision in force, the last amendment where there is one.
 */
function followUps(record: DecisionRecord): Content {
  const items = record.session.items;
  const openFindings = (modelId: string) => record.findings.filter((f) => f.modelId === modelId && isOpenStatus(f.status)).length;
  return table(
    ['#', 'Model', 'Heat (band)', 'Scored', 'Conditions', 'Mitigations', 'Acceptances', 'Open findings'],
    items.map((i, n) => {
      const inForce = i.amendments.at(-1) ?? i.decision;
      const row = record.items.find((r) => r.itemId === i.id)?.heatmap ?? null;
      const heat = row?.heat === null || !row ? 'not scored' : `${fmt2(row.heat)} (${fmt2(row.band?.lo)}–${fmt2(row.band?.hi)})`;
      return [
        String(n + 1),
        i.modelName,
        heat,
        row ? `${row.coverage.scored}/${row.coverage.total}` : '—',
        ...(inForce ? [inForce.conditions.length, inForce.mitigations.length, inForce.acceptances.length].map(String) : ['—', '—', '—']),
        String(openFindings(i.modelId)),
      ];
    }),
    [18, '*', 70, 38, 52, 56, 60, 52],
  );
}

/** The open action due first, as "date: model, text", or null when none is open. */
function nextDue(record: DecisionRecord): string | null {
  const open = record.actions.filter((a) => a.status !== 'done').sort((a, b) => a.due.localeCompare(b.due));
  const first = open[0];
  return first ? `${first.due}: ${first.modelName}, ${first.text}` : null;
}

export function packetDocument(record: DecisionRecord, recordSha256: string): TDocumentDefinitions {
  const s = record.session.session;
  const items = record.session.items;
  const outcomes = new Map<string, number>();
  for (const i of items) outcomes.set(i.outcome ? OUTCOME_WORDS[i.outcome] : 'No decision', (outcomes.get(i.outcome ? OUTCOME_WORDS[i.outcome] : 'No decision') ?? 0) + 1);
  const tiers = new Map<string, number>();
  for (const i of record.items) tiers.set(tierWord(i.heatmap?.tier ?? null), (tiers.get(tierWord(i.heatmap?.tier ?? null)) ?? 0) + 1);
  const files = record.items.flatMap((i) => (i.bundle ? i.bundle.files.map((f): TableCell[] => [i.model.id, f.path, f.role, String(f.bytes), hash(f.sha256)]) : []));

  const content: Content[] = [
    { text: 'Decision packet', style: 'title' },
    { text: `${record.cycle.name}`, style: 'subtitle' },
    kv([
      ['Session', `${s.number}: ${s.title}`],
      ['Date and place', `${s.date}${s.location ? `, ${s.location}` : ''}`],
      ['Chair', s.chair],
      ['Cycle period', `${record.cycle.periodStart ?? '—'} to ${record.cycle.periodEnd ?? '—'}`],
      ['Closed', `${s.closedAt ?? '—'} by ${s.closedBy ?? '—'}`],
    ]),
    // The cover leads with what the board decided; the hashes that prove it follow.
    h2('Outcomes'),
    { text: [...outcomes].map(([k, v]) => `${k}: ${v}`).join(' · ') || 'The agenda was empty.', bold: true, margin: [0, 0, 0, 4] },
    table(['#', 'Model', 'Tier', 'Outcome'], items.map((i, n) => [String(n + 1), i.modelName, chip(i.tier), i.outcome ? OUTCOME_WORDS[i.outcome] : 'No decision']), [18, '*', 60, 120]),
    h2('Signature and record'),
    kv([
      ['Signed by', `${record.signer.name}${record.signer.email ? ` <${record.signer.email}>` : ''}${record.signer.organisation ? `, ${record.signer.organisation}` : ''}`],
      ['Certificate SHA-256', record.signer.fingerprint],
      ['Packet id', record.packetId],
      ['Generated', record.generatedAt],
      ['Audit chain head', record.audit.head],
      ...(record.predecessor
        ? ([['Follows cycle', `${record.predecessor.name} (${record.predecessor.file}), whose audit chain head at the hand-over was ${record.predecessor.head} (event #${record.predecessor.headSeq})`]] as [string, string][])
        : []),
      ['Decision record', `decision-record.json, attached; SHA-256 ${recordSha256}`],
    ]),
    small('This PDF carries a digital signature over the whole file. Open it in a PDF reader, or run “mrb verify” or poppler’s “pdfsig”, to check that no byte has changed since signing.'),

    h1('Attendance and quorum'),
    { text: record.session.quorum.message, bold: true, margin: [0, 0, 0, 8] },
    table(['Name', 'Role', 'Voting', 'Present'], record.session.attendees.map((a) => [personAddress(a), a.role, a.voting ? 'yes' : 'no', a.present ? 'yes' : 'no'])),

    // The cover gives each item's tier and outcome; the summary says what follows from them.
    h1('Executive summary'),
    kv([
      ['Items on the agenda', String(items.length)],
      ['Tiers', [...tiers].map(([k, v]) => `${k}: ${v}`).join(' · ')],
      ['Top quartile', record.items.filter((i) => i.heatmap?.topQuartile).map((i) => i.model.name).join(', ') || 'none'],
      ['Open actions', String(record.actions.filter((a) => a.status !== 'done').length)],
      ['Due first', nextDue(record) ?? 'nothing open'],
    ]),
    h2('What each decision leaves to follow up'),
    followUps(record),
    h2('Risk acceptances and their expiry'),
    table(['Model', 'Risk', 'Approver', 'Expiry'], record.acceptances.map((a) => [a.modelName, a.risk, a.approver, `${a.expiry} (${a.state}, ${plural(a.daysLeft, 'day')})`]), ['*', '*', 80, 100]),

    ...heatmapPages(record),
    ...matrix(record),
    ...record.items.flatMap((item, i) => itemSection(record, item, i)),

    h1('Action register'),
    table(
      ['Model', 'Kind', 'Action', 'Owner', 'Due', 'Status'],
      record.actions.map((a) => [a.modelName, a.kind, a.text, a.owner, a.due, a.status]),
      [80, 50, '*', 80, 55, 45],
    ),

    h2('Conditions checked on evidence'),
    small('A condition with a metric rule is checked when the model’s next bundle is imported: met, it closes with the bundle as evidence; not met, a high finding opens.'),
    table(
      ['Condition', 'Rule', 'Bundle', 'Value seen', 'Verdict'],
      record.ruleChecks.map((c) => [conditionText(record, c.conditionId), c.rule, hash(c.bundleSha256), c.observed === null ? '—' : fixed4(c.observed), c.verdict.replace('_', ' ')]),
      ['*', 90, 80, 50, 45],
    ),

    h1('Findings register'),
    small('The findings of the models on the agenda: from their evidence, from conditions not met, raised by hand, or carried from earlier cycles.'),
    table(
      ['Model', 'Severity', 'Type', 'Finding', 'Owner', 'Due', 'Status', 'Age'],
      record.findings.map((f) => [f.modelName, f.severity, f.type.replace(/_/g, ' '), f.title, address(f.owner), f.due ?? '—', `${f.status.replace(/_/g, ' ')}${f.overdue ? ' (overdue)' : ''}`, plural(f.ageDays, 'day')]),
      [55, 38, 45, '*', 60, 48, 50, 32],
    ),

    h1('Programme KPIs'),
    table(
      ['KPI', 'Value', 'Last cycle', 'Definition'],
      record.kpis.kpis.map((k) => [k.label, kpiValue(k.unit, k.value, k.numerator, k.denominator), kpiValue(k.unit, k.previous ?? null, null, null), k.definition]),
      [90, 70, 55, '*'],
    ),

    ...coveragePages(record, { h1, h2, table }),

    h1('Methodology'),
    kv([
      ['Taxonomy', `version ${record.taxonomy.version}, created ${record.taxonomy.createdAt}`],
      ['Heat', 'H = Σ w·s / Σ w over the scored dimensions; the band likewise from each score\'s low and high end. Likelihood and impact: the same mean over each axis.'],
      ['Tiers', `low below ${record.taxonomy.thresholds.medium}; medium from ${record.taxonomy.thresholds.medium}; high from ${record.taxonomy.thresholds.high}; critical from ${record.taxonomy.thresholds.critical}`],
      ['Order', 'heat descending, then impact descending, then model id; the top quartile is the first ceil(n/4) scored models'],
      ...methodologyOfEvidence(record.taxonomy),
    ]),
    table(
      ['Dimension', 'Key', 'Axis', 'Weight', 'Evidence rules'],
      record.taxonomy.dimensions.map((d) => [d.label, d.key, d.axis, String(d.weight), d.rules.map((r) => `${r.metric} ${r.op} ${r.value} -> ${r.score}`).join('\n') || '—']),
      [100, 90, 50, 40, '*'],
    ),

    h1('Evidence manifest'),
    small('Every file of the evidence bundles behind the agenda, with its SHA-256 as stored in the workspace.'),
    table(['Model', 'File', 'Role', 'Bytes', 'SHA-256'], files, [70, 80, 45, 40, '*']),

    h1('Audit events of this session'),
    kv([
      ['Chain head', record.audit.head],
      ['Events in the workspace', String(record.audit.totalEvents)],
    ]),
    table(
      ['#', 'When', 'Who', 'Action', 'Hash'],
      record.audit.events.map((e): TableCell[] => [String(e.seq), moment(e.at), address(e.actor), `${auditActionWords(e.action)} (${e.entity})`, hash(e.hash)]),
      [20, 58, 70, 88, '*'],
    ),
  ];

  return {
    pageSize: 'A4',
    pageMargins: [40, 48, 40, 56],
    info: {
      title: `Decision packet: ${record.cycle.name}, session ${s.number}`,
      author: record.signer.name,
      subject: `Review-board decisions of ${s.date}`,
      creator: 'Model Review Board',
      producer: 'Model Review Board (pdfmake)',
      MrbPacketId: record.packetId,
      MrbChainHead: record.audit.head,
      MrbRecordSha256: recordSha256,
    } as TDocumentDefinitions['info'],
    // Each h1 starts a new page (renderPdf's section breaks).
    content,
    footer: (page, pages) => ({
      columns: [
        { text: `Packet ${record.packetId} · signer ${record.signer.fingerprint.slice(0, 16)}…`, fontSize: 7, color: MUTED },
        { text: `Page ${page} of ${pages}`, alignment: 'right', fontSize: 7, color: MUTED },
      ],
      margin: [40, 20, 40, 0],
    }),
    defaultStyle: { font: 'Roboto', fontSize: 9.5, lineHeight: 1.2 },
    styles: {
      title: { fontSize: 26, bold: true, margin: [0, 60, 0, 6] },
      subtitle: { fontSize: 16, color: MUTED, margin: [0, 0, 0, 24] },
      h1: { fontSize: 16, bold: true, margin: [0, 0, 0, 10] },
      h2: { fontSize: 11.5, bold: true, margin: [0, 8, 0, 4] },
      th: { bold: true, color: MUTED },
      small: { fontSize: 8.5, color: MUTED, margin: [0, 2, 0, 6] },
    },
  };
}
