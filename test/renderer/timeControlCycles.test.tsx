import { act, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { CallResult, Heatmap } from '../../shared/contract/calls';
import { HeatmapPlace } from '../../renderer/src/heatmap/HeatmapPlace';
import { fakeClient } from './fakeClient';
import { heatmapRow, taxonomy } from './fixtures';
import { renderWithApi } from './renderWithApi';

const event = (seq: number, at: string) => ({ seq, at, actor: 'ann', action: 'score.set', entityId: `credit-pd/privacy` });
const START = '2026-10-01T09:00:00.000Z';
const OWN = [event(1, '2026-10-01T09:00:00.000Z'), event(2, '2026-10-02T09:00:00.000Z')];
const EARLIER = [event(7, '2026-09-20T09:00:00.000Z')];

const map = (asOf: string | null): Heatmap => ({ taxonomyVersion: 1, taxonomy, asOf, rows: [heatmapRow()] });

const lineage: CallResult<'cycle.lineage'> = {
  predecessor: { cycleId: 'q3', name: 'Q3 2026', file: 'q3.mrb', periodEnd: '2026-09-30', head: 'f'.repeat(64), headSeq: 7, carriedAt: START },
  predecessorPresent: true,
  carried: { models: 1, bundles: 0, conditions: 0, mitigations: 0, acceptances: 0, findings: 0, priorScores: 0 },
};

describe('the time control across cycles', () => {
  it('shows the map last asked for when an earlier request answers after it', async () => {
    let answerOwn: (m: Heatmap) => void = () => undefined;
    const client = fakeClient({
      'cycle.lineage': lineage,
      'heatmap.timeline': { start: START, events: OWN },
      // The map of this cycle's first change is slow to come.
      'heatmap.get': ({ asOf }) => (asOf === undefined ? map(null) : new Promise<Heatmap>((resolve) => (answerOwn = resolve))),
      'heatmap.previous': ({ asOf }) => ({ ...map(asOf ?? null), cycleName: 'Q3 2026', timeline: { start: '2026-07-01T09:00:00.000Z', events: EARLIER } }),
    });
    const { user } = renderWithApi(<HeatmapPlace route={{ place: 'matrix', query: {} }} onRoute={() => undefined} />, client);
    const slider = await screen.findByLabelText('Time');
    slider.focus();
    // Q3's one change, then this cycle's two: the right end is now.
    await waitFor(() => expect(slider).toHaveAttribute('max', '2'));
    await user.keyboard('{ArrowLeft}');
    expect(slider).toHaveAttribute('aria-valuetext', expect.stringMatching(/^after change 1 of 2: /));
    await user.keyboard('{ArrowLeft}');
    expect(slider).toHaveAttribute('aria-valuetext', expect.stringMatching(/^Q3 2026, previous cycle: after change 1 of 1: /));
    await screen.findByText('Q3 2026, the previous cycle, read from its file.');
    // This cycle's map, asked for first, answers last: the previous cycle's stays.
    answerOwn(map(OWN[0]?.at ?? null));
    // The late answer is promise work only: once a macrotask runs, all of it has run.
    await act(() => new Promise((resolve) => setTimeout(resolve, 0)));
    expect(screen.getByText('Q3 2026, the previous cycle, read from its file.')).toBeInTheDocument();
  });

  it('says in words that the previous cycle cannot be stepped into when its file is not beside this one', async () => {
    const client = fakeClient({
      'cycle.lineage': { ...lineage, predecessorPresent: false },
      'heatmap.timeline': { start: START, events: OWN },
      'heatmap.get': map(null),
    });
    renderWithApi(<HeatmapPlace route={{ place: 'matrix', query: {} }} onRoute={() => undefined} />, client);
    expect(await screen.findByText(/Q3 2026, the previous cycle, cannot be stepped into: its file q3\.mrb is not beside this workspace\./)).toBeInTheDocument();
    const slider = screen.getByLabelText('Time');
    slider.focus();
    await waitFor(() => expect(slider).toHaveAttribute('max', '1'));
    expect(client.made.some((c) => c.name === 'heatmap.previous')).toBe(false);
  });
});
