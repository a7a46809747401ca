import { z } from 'zod';

/**
 * The audit log as the Audit place reads it: events newest first, filtered, each with its
 * before and after images and whether the hash chain holds up to it.
 */

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD');

export const AuditLogArgsSchema = z
  .object({
    entity: z.string().min(1).optional(),
    entityId: z.string().min(1).optional(),
    actor: z.string().min(1).optional(),
    action: z.string().min(1).optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
    limit: z.number().int().min(1, 'must be at least 1').max(1000, 'must be at most 1000').optional(),
    /** A seq: only events older than it (the next page). */
    before: z.number().int().min(1).optional(),
  })
  .strict()
  .refine((a) => a.from === undefined || a.to === undefined || a.from <= a.to, { message: 'must not be before from', path: ['to'] });
export type AuditLogArgs = z.infer<typeof AuditLogArgsSchema>;

const JsonSchema: z.ZodType<unknown> = z.unknown();

/**
 * holds: the chain from the first event through this one re-hashes as recorded.
 * broken: this is the first event that does not. unverified: it lies after a break.
 */
export const ChainStatusSchema = z.enum(['holds', 'broken', 'unverified']);
export type ChainStatus = z.infer<typeof ChainStatusSchema>;

export const AuditLogEventSchema = z.object({
  seq: z.number().int(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string(),
  before: JsonSchema,
  after: JsonSchema,
  hash: z.string(),
  prevHash: z.string(),
  chain: ChainStatusSchema,
  /** The event as one canonical JSON line (RFC 8785, SQL column names, with prev_hash and hash). */
  line: z.string(),
});
export type AuditLogEvent = z.infer<typeof AuditLogEventSchema>;

export const AuditLogSchema = z.object({
  events: z.array(AuditLogEventSchema),
  /** How many events match the filters in all. */
  matching: z.number().int(),
  /** The seq to pass as `before` for the next page, or null when this page is the last. */
  nextBefore: z.number().int().nullable(),
  /** The first break of the chain among the events walked, in a sentence, or null. */
  chainProblem: z.object({ seq: z.number().int().nullable(), reason: z.string() }).nullable(),
  facets: z.object({ entities: z.array(z.string()), actors: z.array(z.string()), actions: z.array(z.string()) }),
});
export type AuditLog = z.infer<typeof AuditLogSchema>;
