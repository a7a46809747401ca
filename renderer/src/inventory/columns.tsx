import type { LegacyColumnDef } from '@tanstack/react-table/legacy';
import type { InventoryRow } from '../../../shared/contract/calls';
import type { PaletteName } from '../../../shared/scoring/colourScale';
import { TIERS } from '../../../shared/scoring/tier';
import { TierChip } from '../sessions/TierChip';
import { formatDate, formatMoment } from '../format/dates';

/** A column's value as the CSV export writes it: the same text the cell shows, numbers as numbers. */
export type CsvValue = (r: InventoryRow) => string | number | null;

export interface InventoryColumn {
  def: LegacyColumnDef<InventoryRow>;
  csv: CsvValue;
  /** Hidden until the analyst asks for it. */
  hidden?: boolean;
}

const fixed2 = (v: number | null) => (v === null ? '—' : v.toFixed(2));

/** Text cut with an ellipsis at the column's width, whole on hover (rows keep one line). */
function Clipped({ text }: { text: string }) {
  return (
    <span className="cell-clip" title={text}>
      {text}
    </span>
  );
}

/** `palette` is the colour palette chosen for the heatmap: a tier reads in the same colours in both places. */
export function inventoryColumns(open: (r: InventoryRow) => void, dimensions: number, palette: PaletteName): InventoryColumn[] {
  return [
    { def: { id: 'rank', accessorFn: (r) => r.rank, header: '#', meta: { num: true } }, csv: (r) => r.rank },
    {
      def: {
        id: 'name',
        accessorFn: (r) => r.model.name,
        header: 'Model',
        cell: (c) => (
          <button type="button" className="link cell-name" title={c.row.original.model.name} onClick={() => open(c.row.original)}>
            {c.row.original.model.name}
          </button>
        ),
      },
      csv: (r) => r.model.name,
    },
    { def: { id: 'id', accessorFn: (r) => r.model.id, header: 'Id' }, csv: (r) => r.model.id, hidden: true },
    { def: { id: 'version', accessorFn: (r) => r.model.version, header: 'Version' }, csv: (r) => r.model.version, hidden: true },
    { def: { id: 'owner', accessorFn: (r) => r.model.owner, header: 'Owner', cell: (c) => <Clipped text={c.row.original.model.owner} /> }, csv: (r) => r.model.owner },
    { def: { id: 'team', accessorFn: (r) => r.model.team, header: 'Team' }, csv: (r) => r.model.team },
    { def: { id: 'productLine', accessorFn: (r) => r.model.productLine, header: 'Product line' }, csv: (r) => r.model.productLine },
    { def: { id: 'regions', accessorFn: (r) => r.model.regions.join(', '), header: 'Regions' }, csv: (r) => r.model.regions.join(', ') },
    {
      def: {
        id: 'deployment',
        accessorFn: (r) => `${r.model.deployment.context}${r.model.deployment.regulated ? ', regulated' : ''}`,
        header: 'Deployment',
        cell: (c) => <Clipped text={c.getValue<string>()} />,
      },
      csv: (r) => `${r.model.deployment.context}${r.model.deployment.regulated ? ', regulated' : ''}`,
    },
    {
      def: {
        id: 'tier',
        // Sorts by severity, not alphabetically; unscored sorts below low.
        accessorFn: (r) => (r.tier === null || r.tier === 'incomplete' ? 0 : TIERS.indexOf(r.tier) + 1),
        header: 'Tier',
        cell: (c) => <TierChip tier={c.row.original.tier} palette={palette} />,
      },
      csv: (r) => r.tier ?? 'unscored',
    },
    {
      def: {
        id: 'heat',
        accessorFn: (r) => r.heat ?? -1,
        header: 'Heat',
        meta: { num: true },
        cell: (c) => {
          const r = c.row.original;
          return (
            <span title={r.band ? `band ${fixed2(r.band.lo)} to ${fixed2(r.band.hi)}` : 'not scored'}>
              {fixed2(r.heat)}
              {r.band && r.band.lo !== r.band.hi && <span className="muted small"> [{fixed2(r.band.lo)}–{fixed2(r.band.hi)}]</span>}
            </span>
          );
        },
      },
      csv: (r) => r.heat,
    },
    { def: { id: 'bandLo', accessorFn: (r) => r.band?.lo ?? -1, header: 'Band low', meta: { num: true }, cell: (c) => fixed2(c.row.original.band?.lo ?? null) }, csv: (r) => r.band?.lo ?? null, hidden: true },
    { def: { id: 'bandHi', accessorFn: (r) => r.band?.hi ?? -1, header: 'Band high', meta: { num: true }, cell: (c) => fixed2(c.row.original.band?.hi ?? null) }, csv: (r) => r.band?.hi ?? null, hidden: true },
    { def: { id: 'scored', accessorFn: (r) => r.scored, header: 'Scored', meta: { num: true }, cell: (c) => `${c.row.original.scored}/${dimensions}` }, csv: (r) => r.scored },
    {
      def: {
        id: 'lastBundle',
        accessorFn: (r) => r.lastBundle?.importedAt ?? '',
        header: 'Last bundle',
        cell: (c) => {
          const b = c.row.original.lastBundle;
          if (!b) return <span className="muted">none</span>;
          return (
            <span title={`${formatMoment(b.importedAt)} (${b.importedAt})\n${b.sha256}`}>
              v{b.version} · <time dateTime={b.importedAt}>{formatDate(b.importedAt)}</time>
            </span>
          );
        },
      },
      csv: (r) => (r.lastBundle ? `${r.lastBundle.version} ${r.lastBundle.importedAt} ${r.lastBundle.sha256}` : null),
    },
    { def: { id: 'openFindings', accessorFn: (r) => r.openFindings, header: 'Open findings', meta: { num: true } }, csv: (r) => r.openFindings },
  ];
}
