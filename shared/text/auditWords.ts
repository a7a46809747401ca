/**
 * An audit event's action as a person reads it: `score.set` → "Score set",
 * `attendance.take` → "Attendance taken", `score.accept_rule` → "Score rule accepted".
 * The stored action names stay as they are (the chain hashes them); this is only the words.
 */

/** Past participles of the verbs the services record; a verb not listed reads as itself. */
const DONE: Record<string, string> = {
  accept_rule: 'rule accepted',
  add: 'added',
  amend: 'amended',
  build: 'built',
  carry: 'carried over',
  close: 'closed',
  create: 'created',
  export: 'exported',
  follow: 'followed',
  import: 'imported',
  met: 'met',
  migrate: 'migrated',
  move: 'moved',
  record: 'recorded',
  remove: 'removed',
  set: 'set',
  take: 'taken',
  update: 'updated',
};

export function auditActionWords(action: string): string {
  const dot = action.indexOf('.');
  const subject = (dot < 0 ? action : action.slice(0, dot)).replace(/_/g, ' ');
  const verb = dot < 0 ? '' : action.slice(dot + 1);
  const words = verb === '' ? subject : `${subject} ${DONE[verb] ?? verb.replace(/_/g, ' ')}`;
  return words.charAt(0).toUpperCase() + words.slice(1);
}
