import type Database from 'better-sqlite3';
import type { Model } from '../../../shared/domain/model';
import type { Json } from './auditChain';

interface ModelRow {
  id: string;
  name: string;
  version: string;
  owner: string;
  team: string;
  product_line: string;
  regions: string;
  use_case: string;
  deployment_context: 'internal' | 'customer-facing';
  regulated: number;
  created_at: string;
  updated_at: string;
}

function toModel(r: ModelRow): Model {
  return {
    id: r.id,
    name: r.name,
    version: r.version,
    owner: r.owner,
    team: r.team,
    productLine: r.product_line,
    regions: JSON.parse(r.regions) as string[],
    useCase: r.use_case,
    deployment: { context: r.deployment_context, regulated: r.regulated === 1 },
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function listModels(db: Database.Database): Model[] {
  return (db.prepare('SELECT * FROM models ORDER BY id').all() as ModelRow[]).map(toModel);
}

export function getModel(db: Database.Database, id: string): Model | undefined {
  const row = db.prepare('SELECT * FROM models WHERE id = ?').get(id) as ModelRow | undefined;
  return row ? toModel(row) : undefined;
}

export function upsertModel(db: Database.Database, m: Model): void {
  db.prepare(
    `INSERT INTO models (id, name, version, owner, team, product_line, regions, use_case, deployment_context, regulated, created_at, updated_at)
     VALUES (@id, @name, @version, @owner, @team, @productLine, @regions, @useCase, @context, @regulated, @createdAt, @updatedAt)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, version = excluded.version, owner = excluded.owner, team = excluded.team,
       product_line = excluded.product_line, regions = excluded.regions, use_case = excluded.use_case,
       deployment_context = excluded.deployment_context, regulated = excluded.regulated, updated_at = excluded.updated_at`,
  ).run({
    ...m,
    regions: JSON.stringify(m.regions),
    context: m.deployment.context,
    regulated: m.deployment.regulated ? 1 : 0,
  });
}

export function countModels(db: Database.Database): number {
  return (db.prepare('SELECT count(*) AS n FROM models').get() as { n: number }).n;
}

export function modelImage(m: Model): Json {
  return { ...m, regions: [...m.regions], deployment: { ...m.deployment } };
}

export function allModelImages(db: Database.Database): Map<string, Json> {
  return new Map(listModels(db).map((m) => [m.id, modelImage(m)]));
}
