import { z } from 'zod';
import { fieldLabel } from './fieldLabels';
import { API_ERROR_CODES, type ApiError } from './userError';

export { API_ERROR_CODES, UserError, type ApiError, type ApiErrorCode } from './userError';

/** The codes and the wire shape of an error (userError.ts), as schemas. */
export const ApiErrorCodeSchema = z.enum(API_ERROR_CODES);

export const ApiErrorSchema = z.object({
  code: ApiErrorCodeSchema,
  message: z.string(),
  field: z.string().optional(),
}) satisfies z.ZodType<ApiError>;

/** The wire shape of every reply, on IPC and HTTP alike. */
export type Reply<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** A field path as written in a file the user edits (bundle.json) or as a command's option: the path itself. */
export const rawPath = (path: readonly PropertyKey[]): string => path.map(String).join('.');

/**
 * Turns zod issues into sentences naming the field as the screen labels it, items counted
 * from 1: "Condition 2, due date: must be a date as YYYY-MM-DD." Further problems are
 * named by their fields (a few, then how many more), so the user knows where else to look.
 * `name` says how a path is written: screen labels by default, `rawPath` for a file's own keys.
 */
export function describeIssues(
  issues: readonly z.core.$ZodIssue[],
  name: (path: readonly PropertyKey[]) => string = fieldLabel,
): { message: string; field?: string } {
  const first = issues[0];
  if (first === undefined) return { message: 'The arguments are not valid.' };
  const field = first.path.map(String).join('.');
  const label = name(first.path);
  const head = label === '' ? `${first.message.charAt(0).toUpperCase()}${first.message.slice(1)}.` : `${label}: ${first.message}.`;
  const others = [...new Set(issues.slice(1).map((i) => name(i.path) || 'the form as a whole'))].filter((l) => l !== label);
  // Labels hold commas ("Condition 2, due date"), so the list of them is kept apart by semicolons.
  const shown = others.slice(0, 3).join('; ');
  const rest = others.length > 3 ? `; and ${others.length - 3} more` : '';
  const more = shown === '' ? (issues.length > 1 ? ' It has another problem too.' : '') : ` Also check: ${shown}${rest}.`;
  return field === '' ? { message: `${head}${more}` } : { message: `${head}${more}`, field };
}

export { hasUnprintable, namedFew, printableText, shownName } from './shownText';
