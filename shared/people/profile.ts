import { z } from 'zod';
import { PersonSchema } from './roster';

/**
 * Who is using the app on this machine (issue 13 §1): one roster e-mail, chosen once and
 * kept in the user data folder, read by the desktop app, `mrb serve` and the CLI alike.
 */
export const ProfileSchema = z.object({
  /** The chosen e-mail, or null before anyone is chosen. */
  email: z.string().nullable(),
  /** The roster person of the open cycle with that e-mail, or null (none chosen, no cycle open, or not on this roster). */
  person: PersonSchema.nullable(),
  /** How the audit log names changes made here now: the person as "Name <e-mail>", else the OS account. */
  actor: z.string(),
  /** The operating-system account, recorded when no roster person is chosen. */
  osAccount: z.string(),
});
export type Profile = z.infer<typeof ProfileSchema>;

export const ChooseProfileArgsSchema = z
  .object({
    /** A roster e-mail of the open cycle, or null to forget the choice. */
    email: z.string().trim().min(1, 'must not be empty').max(320, 'must be at most 320 characters').nullable(),
  })
  .strict();
