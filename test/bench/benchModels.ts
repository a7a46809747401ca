import type { Model } from '../../shared/domain/model';

/** The i-th model of a benchmark cycle: varied owners, teams, lines and deployments. */
export function benchModel(i: number, digits = 5): Model {
  return {
    id: `model-${String(i).padStart(digits, '0')}`,
    name: `Model ${i}`,
    version: '1.0.0',
    owner: `owner${i % 97}@example.com`,
    team: `team-${i % 31}`,
    productLine: ['Lending', 'Cards', 'Fraud', 'Marketing'][i % 4] as string,
    regions: i % 3 === 0 ? ['EU', 'UK'] : ['US'],
    useCase: 'benchmark',
    deployment: { context: i % 2 === 0 ? 'customer-facing' : 'internal', regulated: i % 5 === 0 },
    createdAt: '2026-07-01T00:00:00.000Z',
    updatedAt: '2026-07-01T00:00:00.000Z',
  };
}
