import type { CallName, CallResult, ParsedArgs } from '../../shared/contract/calls';
import { cycleInfo, cycleModels, updateCycleDetails } from './cycles/cycleService';
import type { ImportJobs } from './jobs/importJobs';
import { bundleFileCall, bundleReportCall, latestFindingsCall, listBundlesCall } from './evidence/bundleCalls';
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
import { acceptancesCall, actionsCall } from './sessions/registers';
import { sessionMinutes } from './sessions/minutes';
import { sessionMinutesPdf } from './sessions/minutesPdf';
import { Workspace } from './store/workspace';
import { startNextCycle } from './cycles/nextCycle';
import { cycleLineage, modelHistory, previousHeatmap, priorScores } from './cycles/lineageService';
import { dueModels } from './cycles/dueService';
import { posture } from './cycles/posture';
import { kpisCall } from './cycles/kpis';
import { isCarriedAction, setCarriedFollowUpStatus } from './cycles/carriedFollowUps';
import { findingsRegister, raiseFinding, updateFinding } from './findings/findingsRegister';
import { auditLog } from './audit/auditLog';

export type Handlers = {
  [K in CallName]: (args: ParsedArgs<K>) => CallResult<K> | Promise<CallResult<K>>;
};

/**
 * The one handler table both transports (Electron IPC, loopback HTTP) serve.
 *
 * One signature for a service: `call(owner, args)`. The owner is the one thing whose state
 * the call reads or changes: the open workspace for everything in a cycle, the session for
 * what lives beside any cycle (the profile, the signing identities, a packet checked or
 * countersigned); args is the call's parsed argument object whole, left off when the call
 * takes none. Whatever else a service needs comes from its owner, never as one more
 * parameter: the database, the actor and the clock from the workspace, which the session
 * opened on its one clock. So each row stays one line, a new argument never changes a
 * signature, and a test pins the day where it opens the workspace. Work with a life of its
 * own (imports, exports), the session's own lists and the workspace's audit check are
 * methods of their objects; a row does more than forward only where the session itself
 * takes part (a cycle opened, renamed or started from this one).
 */
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
    'models.list': () => cycleModels(session.require()),
    'models.inventory': () => inventory(session.require()),
    'taxonomy.get': (a) => taxonomyVersion(session.require(), a),
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
    'bundles.list': (a) => listBundlesCall(session.require(), a),
    'bundles.file': (a) => bundleFileCall(session.require(), a),
    'findings.list': (a) => latestFindingsCall(session.require(), a),
    'bundles.report': (a) => bundleReportCall(session.require(), a),
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
    'registers.actions': (a) => actionsCall(session.require(), a),
    'registers.acceptances': (a) => acceptancesCall(session.require(), a),
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
    'kpis.get': (a) => kpisCall(session.require(), a),
    'scores.prior': (a) => priorScores(session.require(), a),
    'models.history': (a) => modelHistory(session.require(), a),
    'heatmap.previous': (a) => previousHeatmap(session.require(), a),
  };
}
