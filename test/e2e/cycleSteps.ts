import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect } from './fixtures';
import { EXAMPLE_BUNDLE, goTo } from './steps';

/**
 * Steps for the stories of cycles that follow one another (issue 11). What the stories
 * are about runs through the screens; the board's earlier work (scores, sessions,
 * decisions in the past) is set up through the host's API, as it has stories of its own.
 */

/** A calendar day `days` from today, as the host (on this machine) counts today. */
export function day(days: number): string {
  const d = new Date();
  d.setDate(d.getDate() + days);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export interface ModelSpec {
  id: string;
  name: string;
  version?: string;
}

/** The example bundle as another model (or another version): the manifest's hashes do not cover bundle.json itself. */
export function bundleFor(dir: string, model: ModelSpec, folder = model.id): string {
  const target = path.join(dir, folder);
  fs.cpSync(EXAMPLE_BUNDLE, target, { recursive: true });
  const manifest = JSON.parse(fs.readFileSync(path.join(target, 'bundle.json'), 'utf8'));
  manifest.model.id = model.id;
  manifest.model.name = model.name;
  if (model.version) manifest.model.version = model.version;
  fs.writeFileSync(path.join(target, 'bundle.json'), JSON.stringify(manifest, null, 2));
  return target;
}

/** A call to the loopback host with this page's token; fails the test with the API's sentence. */
export async function api<T = unknown>(page: Page, name: string, args: unknown): Promise<T> {
  const reply = await page.evaluate(
    async ([n, a]) => {
      const response = await fetch(`/api/call/${n}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-mrb-token': sessionStorage.getItem('mrb.token') ?? '' },
        body: JSON.stringify(a),
      });
      return (await response.json()) as { ok: boolean; value?: unknown; error?: { message: string } };
    },
    [name, args] as const,
  );
  expect(reply.ok, `${name} ${JSON.stringify(args)}: ${reply.error?.message ?? ''}`).toBe(true);
  return reply.value as T;
}

/** A new cycle through the start screen, with its period. */
export async function createCycleWithPeriod(page: Page, name: string, file: string, periodStart: string, periodEnd: string): Promise<void> {
  await page.getByRole('button', { name: 'New cycle' }).click();
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('File').fill(file);
  await page.getByLabel('Period start').fill(periodStart);
  await page.getByLabel('Period end').fill(periodEnd);
  await page.getByRole('button', { name: 'Create cycle' }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

export async function importPaths(page: Page, paths: string[]): Promise<void> {
  await goTo(page, 'Evidence');
  const imported = page.getByRole('list', { name: 'Imports' }).getByText('Imported');
  const before = await imported.count();
  await page.getByLabel('Bundle paths').fill(paths.join(', '));
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(imported).toHaveCount(before + paths.length, { timeout: 20_000 });
}

interface Detail {
  session: { id: string };
  attendees: { id: string; name: string }[];
  items: { id: string; modelId: string }[];
}

/** A session on `date` with three voting members present, its agenda holding these models. */
export async function sessionWith(page: Page, title: string, date: string, modelIds: string[]): Promise<Detail> {
  let detail = await api<Detail>(page, 'sessions.create', { title, date, location: 'Room 4.12', chair: 'Ada Byron' });
  for (const name of ['Ada Byron', 'Ben Okafor', 'Chen Li']) detail = await api<Detail>(page, 'sessions.attendees.add', { sessionId: detail.session.id, name, role: 'Member', voting: true, present: true });
  return api<Detail>(page, 'sessions.agenda.build', { sessionId: detail.session.id, modelIds });
}

/** The board's decision on one item, all three members for. */
export async function decide(page: Page, detail: Detail, modelId: string, decision: Record<string, unknown>): Promise<void> {
  const item = detail.items.find((i) => i.modelId === modelId);
  expect(item, `${modelId} is on the agenda`).toBeDefined();
  await api(page, 'sessions.decide', {
    sessionId: detail.session.id,
    itemId: item?.id,
    rationale: 'Decided for the story.',
    // The story's models are thinly scored on purpose; an approval says the chair knows (ignored for other outcomes).
    acknowledgement: 'Scored in part for the story.',
    votes: detail.attendees.map((a) => ({ attendeeId: a.id, vote: 'for' })),
    ...decision,
  });
}
