import { z } from 'zod';

/** The people of a review cycle and their role on the board (issue 13 §1). */
export const RosterRoleSchema = z.enum(['chair', 'voting_member', 'secretary', 'observer', 'analyst']);
export type RosterRole = z.infer<typeof RosterRoleSchema>;

export const ROSTER_ROLE_WORDS: Readonly<Record<RosterRole, string>> = {
  chair: 'Chair',
  voting_member: 'Voting member',
  secretary: 'Secretary',
  observer: 'Observer',
  analyst: 'Analyst',
};

export const PersonSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  organisation: z.string(),
  role: RosterRoleSchema,
});
export type Person = z.infer<typeof PersonSchema>;

const name = z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters');
const email = z.string().trim().max(320, 'must be at most 320 characters').regex(/^[^\s@]+@[^\s@]+$/, 'must be an e-mail address such as a.khan@bank.example');

export const AddPersonArgsSchema = z
  .object({ name, email, organisation: z.string().trim().max(200, 'must be at most 200 characters').default(''), role: RosterRoleSchema })
  .strict();

export const UpdatePersonArgsSchema = z
  .object({ id: z.string().min(1, 'must not be empty'), name: name.optional(), email: email.optional(), organisation: z.string().trim().max(200, 'must be at most 200 characters').optional(), role: RosterRoleSchema.optional() })
  .strict();

export const RemovePersonArgsSchema = z.object({ id: z.string().min(1, 'must not be empty') }).strict();

/**
 * How the audit log, the minutes and the packet name a person: "Ana Khan <a.khan@bank.example>";
 * an attendee typed in rather than picked from the roster has no e-mail and is named alone.
 */
export function personAddress(p: { name: string; email?: string | undefined }): string {
  return p.email ? `${p.name} <${p.email}>` : p.name;
}
