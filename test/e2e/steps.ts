import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect } from './fixtures';

export const EXAMPLE_BUNDLE = path.resolve(__dirname, '../../shared/bundle/examples/credit-default-scorer');

/** On the start screen of the loopback host: a new cycle in the host's folder. */
export async function createCycle(page: Page, name = 'Q3', file = 'q3.mrb'): Promise<void> {
  await page.getByRole('button', { name: 'New cycle' }).click();
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('File').fill(file);
  await page.getByRole('button', { name: 'Create cycle' }).click();
}

export async function goTo(page: Page, place: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Places' }).getByRole('button', { name: place }).click();
}

/** Imports bundles by path from the Evidence place and waits until they have landed. */
export async function importBundles(page: Page, paths: string[] = [EXAMPLE_BUNDLE]): Promise<void> {
  await goTo(page, 'Evidence');
  await page.getByLabel('Bundle paths').fill(paths.join(', '));
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByRole('list', { name: 'Imports' }).getByText('Imported')).toHaveCount(paths.length, { timeout: 15_000 });
}
