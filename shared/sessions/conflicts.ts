import type { SuggestedConflict } from './session';

/**
 * Likely conflicts of interest (issue 13 §2): a member named as the model's owner or team,
 * or in its model card or lineage. Only a suggestion: the member declares, with a reason.
 */

export interface ModelPeople {
  owner: string;
  team: string;
  /** Texts of the model card and lineage files, by role. */
  texts: readonly { role: string; text: string }[];
}

const ROLE_WORDS: Readonly<Record<string, string>> = { model_card: 'the model card', lineage: 'the lineage' };

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Whether `name` occurs in `text` as whole words, ignoring case and runs of spaces. */
export function names(text: string, name: string): boolean {
  const words = name.trim().split(/\s+/).filter((w) => w !== '');
  if (words.length === 0) return false;
  return new RegExp(`(^|[^\\p{L}\\p{N}])${words.map(escapeRegExp).join('\\s+')}($|[^\\p{L}\\p{N}])`, 'iu').test(text);
}

export function suggestConflicts(attendees: readonly { id: string; name: string; voting: boolean }[], model: ModelPeople, declared: ReadonlySet<string>): SuggestedConflict[] {
  const out: SuggestedConflict[] = [];
  for (const a of attendees) {
    if (!a.voting || declared.has(a.id)) continue;
    let why: string | null = null;
    if (names(model.owner, a.name)) why = `${a.name} is the model's owner.`;
    else if (names(model.team, a.name)) why = `${a.name} is named in the model's team ("${model.team}").`;
    else {
      const where = model.texts.find((t) => names(t.text, a.name));
      if (where) why = `${a.name} is named in ${ROLE_WORDS[where.role] ?? where.role}.`;
    }
    if (why !== null) out.push({ attendeeId: a.id, name: a.name, why });
  }
  return out;
}
