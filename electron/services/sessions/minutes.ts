import type { z } from 'zod';
import { SessionIdArgsSchema, type Minutes } from '../../../shared/sessions/callSchemas';
import { minutesMarkdown } from '../../../shared/sessions/minutes';
import { currentTaxonomy } from '../cycles/cycleService';
import { readCycle } from '../store/cycleTable';
import type { Workspace } from '../store/workspace';
import { parse, todayOf } from './sessionGuards';
import { sessionDetail } from './sessionView';

/** The session's minutes as Markdown, and a file name to save them under. */
export function sessionMinutes(ws: Workspace, args: z.input<typeof SessionIdArgsSchema>): Minutes {
  const a = parse(SessionIdArgsSchema, args);
  const detail = sessionDetail(ws, a.sessionId, todayOf(ws.clock));
  const markdown = minutesMarkdown(detail, {
    cycleName: readCycle(ws.reader)?.name,
    dimensionLabels: new Map(currentTaxonomy(ws).dimensions.map((d) => [d.key, d.label])),
  });
  return { markdown, fileName: `minutes-session-${detail.session.number}-${detail.session.date}.md` };
}
