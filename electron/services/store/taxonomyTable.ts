import type { Dimension, Taxonomy, TierThresholds } from '../../../shared/domain/taxonomy';
import type { Json } from './auditChain';
import type { ReadDb, WriteDb } from './handles';

interface DimensionRow {
  key: string;
  label: string;
  description: string;
  axis: 'likelihood' | 'impact';
  weight: number;
  rules: string;
  /** Absent in a workspace read at its older schema, without upgrading it. */
  clauses?: string | null;
}

export function currentTaxonomyVersion(db: ReadDb): number | undefined {
  const row = db.prepare('SELECT max(version) AS v FROM taxonomy_versions').get() as { v: number | null };
  return row.v ?? undefined;
}

export function readTaxonomy(db: ReadDb, version: number): Taxonomy | undefined {
  const head = db.prepare('SELECT * FROM taxonomy_versions WHERE version = ?').get(version) as
    | { version: number; created_at: string; thresholds: string; review_months?: string | null; carried_from?: string | null; finding_clauses?: string | null }
    | undefined;
  if (!head) return undefined;
  const dims = db
    // Every column, as for the head: a workspace read at an older schema has no clauses column.
    .prepare('SELECT * FROM taxonomy_dimensions WHERE version = ? ORDER BY position')
    .all(version) as DimensionRow[];
  return {
    version: head.version,
    createdAt: head.created_at,
    ...tierRulesFrom(head.thresholds),
    dimensions: dims.map(({ key, label, description, axis, weight, rules, clauses }): Dimension => ({
      key,
      label,
      description,
      axis,
      weight,
      rules: JSON.parse(rules) as Dimension['rules'],
      ...(clauses ? { clauses: JSON.parse(clauses) as NonNullable<Dimension['clauses']> } : {}),
    })),
    // Left out when unset, so versions written before these columns image as they were audited.
    ...(head.review_months ? { reviewMonths: JSON.parse(head.review_months) as NonNullable<Taxonomy['reviewMonths']> } : {}),
    ...(head.finding_clauses ? { findingClauses: JSON.parse(head.finding_clauses) as NonNullable<Taxonomy['findingClauses']> } : {}),
    ...(head.carried_from ? { carriedFrom: JSON.parse(head.carried_from) as NonNullable<Taxonomy['carriedFrom']> } : {}),
  };
}

/**
 * The thresholds column holds the whole rule from heat to tier: the thresholds and, when a
 * version sets them, its minimum coverage and floors (issue 13 §5). Kept in the one JSON
 * column rather than new ones: no migration, and a version that never set them reads back
 * without them, so its audited image re-hashes as it was written.
 */
function tierRulesFrom(column: string): Pick<Taxonomy, 'thresholds' | 'minCoverage' | 'floors'> {
  const { minCoverage, floors, ...thresholds } = JSON.parse(column) as TierThresholds & Pick<Taxonomy, 'minCoverage' | 'floors'>;
  return { thresholds, ...(minCoverage !== undefined ? { minCoverage } : {}), ...(floors !== undefined ? { floors } : {}) };
}

function tierRulesColumn(t: Taxonomy): string {
  return JSON.stringify({ ...t.thresholds, ...(t.minCoverage !== undefined ? { minCoverage: t.minCoverage } : {}), ...(t.floors !== undefined ? { floors: t.floors } : {}) });
}

export function insertTaxonomy(db: WriteDb, t: Taxonomy): void {
  db.prepare('INSERT INTO taxonomy_versions (version, created_at, thresholds, review_months, carried_from, finding_clauses) VALUES (?, ?, ?, ?, ?, ?)').run(
    t.version,
    t.createdAt,
    tierRulesColumn(t),
    t.reviewMonths ? JSON.stringify(t.reviewMonths) : null,
    t.carriedFrom ? JSON.stringify(t.carriedFrom) : null,
    t.findingClauses ? JSON.stringify(t.findingClauses) : null,
  );
  const insert = db.prepare(
    'INSERT INTO taxonomy_dimensions (version, position, key, label, description, axis, weight, rules, clauses) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  t.dimensions.forEach((d, i) =>
    insert.run(t.version, i, d.key, d.label, d.description, d.axis, d.weight, JSON.stringify(d.rules), d.clauses ? JSON.stringify(d.clauses) : null),
  );
}

export function taxonomyImage(t: Taxonomy): Json {
  return JSON.parse(JSON.stringify(t)) as Json;
}

export function allTaxonomyImages(db: ReadDb): Map<string, Json> {
  const versions = db.prepare('SELECT version FROM taxonomy_versions ORDER BY version').pluck().all() as number[];
  const images = new Map<string, Json>();
  for (const v of versions) {
    const t = readTaxonomy(db, v);
    if (t) images.set(String(v), taxonomyImage(t));
  }
  return images;
}

/** Every version, newest first, with its dimension count. */
export function listTaxonomyVersions(db: ReadDb): { version: number; createdAt: string; dimensions: number }[] {
  return db
    .prepare(
      `SELECT v.version, v.created_at AS createdAt, (SELECT count(*) FROM taxonomy_dimensions d WHERE d.version = v.version) AS dimensions
       FROM taxonomy_versions v ORDER BY v.version DESC`,
    )
    .all() as { version: number; createdAt: string; dimensions: number }[];
}
