import type { CallName, CallResult, ParsedArgs } from '../../shared/contract/calls';
import { UserError } from '../../shared/contract/errors';
import { cycleInfo, updateCycleDetails } from './cycles/cycleService';
import type { ImportJobs } from './jobs/importJobs';
import { bundleFile, bundleReport, latestFindings, listBundles, storedContent } from './store/bundleTable';
import type { Severity } from '../../shared/validation/report';
import { listModels } from './store/modelTable';
import { updateSettings, versionedSettings } from './settings';
import { acceptProposals, heatmap, inventory, heatmapRows, heatmapTimeline, scoreProposals, setScore } from './scoring/scoreService';
import { taxonomyVersion, taxonomyVersions, updateTaxonomy } from './taxonomy/taxonomyService';
import { EVIDENCE_METRICS } from '../../shared/scoring/evidenceMetrics';
import type { WorkspaceSession } from './workspaceSession';
import { ExportRuns } from './packets/exportRuns';
import { addIdentityCall, countersignPacketCall, createIdentityCall, exportPacketCall, listPacketsCall, verifyPacketCall } from './packets/packetCalls';
import * as sessions from './sessions/sessionService';
import { amendDecision, recordDecision, setFollowUpStatus } from './sessions/decisionService';
import { declareConflict, withdrawConflict } from './sessions/conflictService';
import { addPerson, changePerson, removePerson, roster } from './people/rosterService';
import { chooseProfile, currentProfile } from './people/profileService';
import { acceptanceRegister, actionRegister } from './sessions/registers';
import { sessionMinutes } from './sessions/minutes';
import { sessionMinutesPdf } from './sessions/minutesPdf';
import { todayOf } from './sessions/sessionGuards';
import { Workspace } from './store/workspace';
import { startNextCycle } from './cycles/nextCycle';
import { cycleLineage, modelHistory, previousHeatmap } from './cycles/lineageService';
import { dueModels } from './cycles/dueService';
import { posture } from './cycles/posture';
import { cycleKpis, kpisWithPrevious } from './cycles/kpis';
import { isCarriedAction, setCarriedFollowUpStatus } from './cycles/carriedFollowUps';
import { findingsRegister, raiseFinding, updateFinding } from './findings/findingsRegister';
import { listPriorScores } from './store/lineageTable';
import { auditLog } from './audit/auditLog';

/** Files shown as text in the app (model cards, lineage); larger ones are listed only. */
const MAX_TEXT_BYTES = 1024 * 1024;

export type Handlers = {
  [K in CallName]: (args: ParsedArgs<K>) => CallResult<K> | Promise<CallResult<K>>;
};

/** The one handler table both transports (Electron IPC, loopback HTTP) serve. */
export function createHandlers(session: WorkspaceSession, imports: ImportJobs, exports: ExportRuns = new ExportRuns(null)): Handlers {
  // An action (a condition or a mitigation) of this cycle's decisions, or one carried in from the cycle before.
  const setActionStatus = (a: ParsedArgs<'actions.setStatus'>) =>
    isCarriedAction(session.require(), a.id) ? setCarriedFollowUpStatus(session.require(), a) : setFollowUpStatus(session.require(), a);
  return {
    'cycle.create': (a) => cycleInfo(session.create(a.path, { name: a.name, periodStart: a.periodStart ?? null, periodEnd: a.periodEnd ?? null })),
    'cycle.open': (a) => cycleInfo(session.open(a.path)),
    'cycle.close': () => ({ closed: session.close() }),
    'cycle.recent': () => session.recent.list(),
    'cycle.info': () => (session.workspace ? cycleInfo(session.workspace) : null),
    'cycle.update': (a) => {
      const ws = session.require();
      updateCycleDetails(ws, a);
      session.rememberCurrent();
      return cycleInfo(ws);
    },
    'models.list': () => listModels(session.require().reader),
    'models.inventory': () => inventory(session.require()),
    'taxonomy.get': (a) => taxonomyVersion(session.require(), a.version),
    'taxonomy.versions': () => taxonomyVersions(session.require()),
    'taxonomy.metrics': () => EVIDENCE_METRICS.map((m) => ({ ...m })),
    'taxonomy.update': (a) => updateTaxonomy(session.require(), a),
    'audit.verify': () => session.require().verifyAudit(),
    'audit.events': (a) => auditLog(session.require(), a),
    'scores.set': (a) => setScore(session.require(), a),
    'scores.proposals': (a) => scoreProposals(session.require(), a),
    'scores.acceptProposals': (a) => acceptProposals(session.require(), a),
    'heatmap.get': (a) => heatmap(session.require(), a),
    'heatmap.rows': (a) => heatmapRows(session.require(), a),
    'heatmap.timeline': () => heatmapTimeline(session.require()),
    'settings.get': () => versionedSettings(session.require()),
    'settings.update': (a) => updateSettings(session.require(), a),
    'bundles.import': (a) => imports.start(a.paths),
    'bundles.cancelImport': (a) => imports.cancel(a.id),
    'bundles.jobs': () => imports.list(),
    'bundles.list': (a) => listBundles(session.require().reader, a.modelId),
    'bundles.file': (a) => {
      const file = bundleFile(session.require().reader, a.sha256, a.path);
      if (!file) throw new UserError('not_found', `The bundle ${a.sha256.slice(0, 12)}… has no file ${a.path}.`, 'path');
      let text: string | null = null;
      if (file.bytes <= MAX_TEXT_BYTES) {
        try {
          text = new TextDecoder('utf-8', { fatal: true }).decode(storedContent(session.require().reader, file.sha256));
        } catch {
          text = null;
        }
      }
      return { path: file.path, role: file.role, sha256: file.sha256, bytes: file.bytes, text };
    },
    'findings.list': (a) => latestFindings(session.require().reader, a.modelId).map((f) => ({ ...f, severity: f.severity as Severity })),
    'bundles.report': (a) => {
      const report = bundleReport(session.require().reader, a.sha256);
      if (!report) throw new UserError('not_found', `No bundle ${a.sha256.slice(0, 12)}… has been imported into this cycle.`);
      return report;
    },
    'sessions.list': () => sessions.listSessionSummaries(session.require()),
    'sessions.get': (a) => sessions.getSessionDetail(session.require(), a),
    'sessions.create': (a) => sessions.createSession(session.require(), a),
    'sessions.update': (a) => sessions.updateSessionDetails(session.require(), a),
    'sessions.attendees.add': (a) => sessions.addAttendee(session.require(), a),
    'sessions.attendees.remove': (a) => sessions.removeAttendee(session.require(), a),
    'sessions.attendance': (a) => sessions.takeAttendance(session.require(), a),
    'sessions.agenda.build': (a) => sessions.buildAgenda(session.require(), a),
    'sessions.agenda.add': (a) => sessions.addAgendaItem(session.require(), a),
    'sessions.agenda.remove': (a) => sessions.removeAgendaItem(session.require(), a),
    'sessions.agenda.move': (a) => sessions.moveAgendaItem(session.require(), a),
    'sessions.current': (a) => sessions.setCurrentItem(session.require(), a),
    'sessions.decide': (a) => recordDecision(session.require(), a),
    'sessions.amend': (a) => amendDecision(session.require(), a),
    'roster.list': () => roster(session.require()),
    'roster.add': (a) => addPerson(session.require(), a),
    'roster.update': (a) => changePerson(session.require(), a),
    'roster.remove': (a) => removePerson(session.require(), a),
    'profile.get': () => currentProfile(session),
    'profile.choose': (a) => chooseProfile(session, a),
    'sessions.declareConflict': (a) => declareConflict(session.require(), a),
    'sessions.withdrawConflict': (a) => withdrawConflict(session.require(), a),
    'sessions.close': (a) => sessions.closeSession(session.require(), a),
    'sessions.notes': (a) => sessions.setNotes(session.require(), a),
    'sessions.minutes': (a) => sessionMinutes(session.require(), a),
    'sessions.minutesPdf': (a) => sessionMinutesPdf(session.require(), a),
    'actions.setStatus': setActionStatus,
    'mitigations.setStatus': setActionStatus,
    'registers.actions': (a) => actionRegister(session.require(), todayOf(session.clock), a),
    'registers.acceptances': (a) => acceptanceRegister(session.require(), todayOf(session.clock), a),
    'identities.list': () => session.identities.list(),
    'identities.create': (a) => createIdentityCall(session, a),
    'identities.add': (a) => addIdentityCall(session, a),
    'packets.list': (a) => listPacketsCall(session.require(), a),
    'packets.export': (a) => exports.run(a, (run) => exportPacketCall(session, a, run)),
    'packets.cancelExport': (a) => exports.cancel(a.exportId),
    'packets.verify': (a) => verifyPacketCall(session, a),
    'packets.countersign': (a) => countersignPacketCall(session, a),
    'cycle.next': (a) => {
      const file = startNextCycle(session.require(), a, session.workspaceOptions);
      const next = Workspace.open(file, { ...session.workspaceOptions, readonly: true });
      try {
        return cycleInfo(next);
      } finally {
        next.close();
      }
    },
    'cycle.lineage': () => cycleLineage(session.require()),
    'findings.register': (a) => findingsRegister(session.require(), a),
    'findings.raise': (a) => raiseFinding(session.require(), a),
    'findings.update': (a) => updateFinding(session.require(), a),
    'models.due': (a) => dueModels(session.require(), a),
    'posture.get': (a) => posture(session.require(), a),
    'kpis.get': (a) => {
      const ws = session.require();
      const today = a.asOf ?? todayOf(ws.clock);
      return a.withPrevious ? kpisWithPrevious(ws, today) : cycleKpis(ws, today);
    },
    'scores.prior': (a) => listPriorScores(session.require().reader, a.modelId),
    'models.history': (a) => modelHistory(session.require(), a.modelId),
    'heatmap.previous': (a) => previousHeatmap(session.require(), a.asOf),
  };
}
