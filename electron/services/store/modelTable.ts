import type { Model } from '../../../shared/domain/model';
import type { Json } from './auditChain';
import { statement } from './statementCache';
import { imagesOfRows, type Imaged, type RecordImages } from './recordImages';
import type { ReadDb, WriteDb } from './handles';

/**
 * A stored model as an array, in MODEL_COLUMNS order: better-sqlite3 builds an array per
 * row faster than an object, which counts when the due list and the posture read 5,000 models.
 */
type ModelRow = [
  id: string,
  name: string,
  version: string,
  owner: string,
  team: string,
  product_line: string,
  regions: string,
  use_case: string,
  deployment_context: 'internal' | 'customer-facing',
  regulated: number,
  created_at: string,
  updated_at: string,
];

const MODEL_COLUMNS = 'id, name, version, owner, team, product_line, regions, use_case, deployment_context, regulated, created_at, updated_at';

function toModel(r: ModelRow): Model {
  return {
    id: r[0],
    name: r[1],
    version: r[2],
    owner: r[3],
    team: r[4],
    productLine: r[5],
    regions: JSON.parse(r[6]) as string[],
    useCase: r[7],
    deployment: { context: r[8], regulated: r[9] === 1 },
    createdAt: r[10],
    updatedAt: r[11],
  };
}

const ALL_MODELS = `SELECT ${MODEL_COLUMNS} FROM models ORDER BY id`;

export function listModels(db: ReadDb): Model[] {
  return (statement(db, ALL_MODELS).raw().all() as ModelRow[]).map(toModel);
}

export function getModel(db: ReadDb, id: string): Model | undefined {
  const row = statement(db, `SELECT ${MODEL_COLUMNS} FROM models WHERE id = ?`).raw().get(id) as ModelRow | undefined;
  return row ? toModel(row) : undefined;
}

export function upsertModel(db: WriteDb, m: Model): void {
  statement(db, 
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

export function countModels(db: ReadDb): number {
  return (db.prepare('SELECT count(*) AS n FROM models').get() as { n: number }).n;
}

/**
 * A model as its events log it. The keys are written in canonical (sorted) order, so a
 * verify's state check compares the image with its logged text by JSON.stringify alone
 * (canonicalTextMatcher); the 5,000 models of the bench were a third of that check.
 */
export function modelImage(m: Model): Json {
  const image: Imaged<Model> = {
    createdAt: m.createdAt,
    deployment: { context: m.deployment.context, regulated: m.deployment.regulated },
    id: m.id,
    name: m.name,
    owner: m.owner,
    productLine: m.productLine,
    regions: [...m.regions],
    team: m.team,
    updatedAt: m.updatedAt,
    useCase: m.useCase,
    version: m.version,
  };
  return image;
}

export function allModelImages(db: ReadDb): RecordImages {
  return imagesOfRows(statement(db, ALL_MODELS).raw().iterate() as IterableIterator<ModelRow>, (row) => [row[0], modelImage(toModel(row))]);
}
