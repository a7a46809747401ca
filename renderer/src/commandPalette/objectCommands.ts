import type { RegisterFinding } from '../../../shared/cycles/findings';
import type { Model } from '../../../shared/domain/model';
import type { SessionSummary } from '../../../shared/sessions/session';
import type { Route } from '../routes/route';
import { findingsQuery } from '../registers/registerQuery';

/** A model, session or finding the command palette found by name, and where choosing it leads. */
export interface ObjectCommand {
  id: string;
  label: string;
  route: Route;
}

/** At most this many of each kind, so a 5,000-model cycle answers a one-letter query with a short list. */
export const PER_KIND = 8;

const has = (text: string, needle: string) => text.toLowerCase().includes(needle);

/**
 * The objects whose name holds the typed text: models (their place in the inventory),
 * sessions (their page) and findings (the findings register narrowed to that model and
 * kind of finding, every status shown). Nothing until something is typed.
 */
export function objectCommands(
  query: string,
  lists: { models: readonly Pick<Model, 'id' | 'name'>[]; sessions: readonly Pick<SessionSummary, 'id' | 'number' | 'title'>[]; findings: readonly Pick<RegisterFinding, 'id' | 'title' | 'modelName' | 'type' | 'severity'>[] },
): ObjectCommand[] {
  const needle = query.trim().toLowerCase();
  if (needle === '') return [];
  const models = lists.models
    .filter((m) => has(m.name, needle) || has(m.id, needle))
    .slice(0, PER_KIND)
    .map((m) => ({ id: `model-${m.id}`, label: `Model: ${m.name}`, route: { place: 'models', modelId: m.id } }) satisfies ObjectCommand);
  const sessions = lists.sessions
    .filter((s) => has(s.title, needle) || has(`session ${s.number}`, needle))
    .slice(0, PER_KIND)
    .map((s) => ({ id: `session-${s.id}`, label: `Session ${s.number}: ${s.title}`, route: { place: 'sessions', sessionId: s.id } }) satisfies ObjectCommand);
  const findings = lists.findings
    .filter((f) => has(f.title, needle))
    .slice(0, PER_KIND)
    .map(
      (f) =>
        ({
          id: `finding-${f.id}`,
          label: `Finding: ${f.title} (${f.modelName})`,
          route: { place: 'registers', query: findingsQuery({ model: f.modelName, type: f.type, severity: f.severity, scope: '' }) },
        }) satisfies ObjectCommand,
    );
  return [...models, ...sessions, ...findings];
}
