import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { prepareImport } from '../bundles/prepareImport';
import { storeImport } from '../bundles/importService';
import { exportPacket } from '../packets/exportPacket';
import { acceptProposals, setScore } from '../scoring/scoreService';
import { recordDecision } from '../sessions/decisionService';
import { addAttendee, buildAgenda, closeSession, createSession, setCurrentItem, setNotes, takeAttendance } from '../sessions/sessionService';
import { certificatePem, createIdentity, pkcs12Bytes, readIdentity } from '../signing/identity';
import { notWritten, writeNewFile } from '../userFiles';
import { UserError } from '../../../shared/contract/errors';
import { verifyPacket, type PacketReport } from '../signing/verifyPdf';
import { DEFAULT_TOLERANCE } from '../../../shared/validation/claims';
import { addDays } from '../../../shared/sessions/dates';
import { systemClock, todayOf } from '../clock';
import { Workspace } from '../store/workspace';
import { writeSampleBundles } from './sampleBundles';

/**
 * `mrb demo`: a whole review cycle built through the same services as the app, so it is
 * also the smoke test of the product: sample bundles imported and validated, rule scores
 * accepted and analyst scores with overrides, a board session with every outcome, closed,
 * a packet exported with a fresh identity and verified.
 */

export interface DemoResult {
  workspace: string;
  bundles: { dir: string; modelId: string; story: string }[];
  identity: string;
  passphraseFile: string;
  caCertificate: string;
  packet: string;
  packetSha256: string;
  verification: PacketReport;
}

/** Analyst scores per model: a plausible profile for each story (1 low risk .. 5 high). */
const PROFILES: Record<string, Record<string, number>> = {
  'credit-limit-optimizer': { data_quality: 2, robustness: 2, security_exposure: 2, privacy: 3, fairness_bias: 2, customer_harm: 3, regulatory_exposure: 3, operational_cost: 2, explainability: 2, monitoring_readiness: 2 },
  'card-fraud-detector': { data_quality: 3, robustness: 3, security_exposure: 4, privacy: 3, fairness_bias: 2, customer_harm: 3, regulatory_exposure: 2, operational_cost: 4, explainability: 3, monitoring_readiness: 3 },
  'churn-predictor': { data_quality: 3, robustness: 2, security_exposure: 1, privacy: 2, fairness_bias: 1, customer_harm: 1, regulatory_exposure: 1, operational_cost: 2, explainability: 2, monitoring_readiness: 4 },
  'mortgage-approval': { data_quality: 2, robustness: 3, security_exposure: 2, privacy: 4, fairness_bias: 5, customer_harm: 5, regulatory_exposure: 5, operational_cost: 3, explainability: 3, monitoring_readiness: 3 },
  'income-estimator': { performance_drift: 2, data_quality: 3, robustness: 2, security_exposure: 2, privacy: 4, fairness_bias: 2, customer_harm: 3, regulatory_exposure: 3, operational_cost: 2, explainability: 3, monitoring_readiness: 2 },
};

/** What the demo writes in its folder. */
const DEMO_FILES = { workspace: 'demo-cycle.mrb', bundles: 'bundles', passphrase: 'passphrase.txt', identity: 'signer.p12', ca: 'board-ca.pem', packet: 'decision-packet.pdf' };

/** Makes the demo's folder, refusing one that is a file or already holds any of the demo's files, so that a refused demo writes nothing. */
function makeDemoFolder(dir: string): void {
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw new UserError('invalid_argument', `${dir} is a file, not a folder; give mrb demo a new or empty folder.`, 'dir');
    throw notWritten(dir, err, 'dir');
  }
  const taken = Object.values(DEMO_FILES).filter((name) => fs.existsSync(path.join(dir, name)));
  if (taken.length > 0) throw new UserError('already_exists', `${dir} already holds ${taken.join(', ')}; give mrb demo a new or empty folder, nothing was written.`, 'dir');
}

export async function runDemo(dir: string, log: (line: string) => void): Promise<DemoResult> {
  makeDemoFolder(dir);
  const file = path.join(dir, DEMO_FILES.workspace);
  // The demo is put together here, as a session is in the app: one clock for its workspace and its identity.
  const clock = systemClock;
  const today = todayOf(clock);

  const bundles = writeSampleBundles(path.join(dir, DEMO_FILES.bundles));
  log(`Wrote ${bundles.length} sample bundles to ${path.join(dir, DEMO_FILES.bundles)}`);
  const ws = Workspace.create(file, { name: 'Demo review cycle', actor: 'demo analyst', periodStart: addDays(today, -90), periodEnd: today, app: 'mrb demo', clock });
  try {
    for (const b of bundles) {
      const prepared = await prepareImport(b.dir, { tolerance: DEFAULT_TOLERANCE });
      storeImport(ws, prepared);
      log(`Imported ${b.modelId} (${b.story}): ${prepared.report.findings.length} finding${prepared.report.findings.length === 1 ? '' : 's'}`);
    }
    for (const b of bundles) {
      try {
        acceptProposals(ws, { modelId: b.modelId });
      } catch {
        // No rule fires for this model's evidence: the analyst scores it alone.
      }
      for (const [dimension, value] of Object.entries(PROFILES[b.modelId] ?? {})) {
        setScore(ws, { modelId: b.modelId, dimension, value, lo: Math.max(1, value - (value >= 4 ? 1 : 0)), rationale: 'Scored in the Q3 desk review.' });
      }
    }
    setScore(ws, { modelId: 'churn-predictor', dimension: 'performance_drift', value: 4, lo: 3, hi: 5, rationale: 'Override: the shift follows the planned 2026 repricing; retraining is booked, but the model is not yet stable.' });
    log('Scored every model: rule proposals accepted, analyst scores and one override with its rationale');

    let s = createSession(ws, { title: 'Q3 model risk board', date: today, location: 'Board room 2', chair: 'Ana Khan' });
    const sessionId = s.session.id;
    for (const [name, role, voting] of [
      ['Ana Khan', 'Chief Risk Officer', true],
      ['Ben Ortiz', 'Head of Model Validation', true],
      ['Chloe Park', 'Compliance', true],
      ['Dev Rao', 'Model owner (guest)', false],
    ] as const) {
      s = addAttendee(ws, { sessionId, name, role, voting });
    }
    s = takeAttendance(ws, { sessionId, marks: s.attendees.map((a) => ({ attendeeId: a.id, present: true })) });
    s = buildAgenda(ws, { sessionId });
    const voters = s.attendees.filter((a) => a.voting);
    const votes = (forCount: number) => voters.map((a, i) => ({ attendeeId: a.id, vote: i < forCount ? ('for' as const) : ('against' as const) }));
    const item = (modelId: string) => s.items.find((i) => i.modelId === modelId)?.id as string;
    const decide = (modelId: string, rest: Omit<Parameters<typeof recordDecision>[1], 'sessionId' | 'itemId'>) => {
      s = setCurrentItem(ws, { sessionId, itemId: item(modelId) });
      s = recordDecision(ws, { sessionId, itemId: item(modelId), ...rest });
    };
    decide('mortgage-approval', {
      outcome: 'rejected',
      rationale: 'Error rates differ across sex beyond the 0.2 equalized-odds limit; a customer-facing credit decision cannot carry that gap.',
      blockingRisk: { dimension: 'fairness_bias' },
      votes: votes(0),
    });
    decide('card-fraud-detector', {
      outcome: 'approved_with_conditions',
      rationale: 'Useful in production, but the vendor AUC is not supported by our holdout (0.80 against the claimed 0.87).',
      votes: votes(3),
      acknowledgement: 'The conditions restate the claim from our holdout within 30 days and raise manual review meanwhile; drift is not scored because the vendor bundle carries no reference window yet.',
      conditions: [{ text: 'Re-state the performance claim from the bank holdout and re-submit the bundle.', due: addDays(today, 30), owner: 'm.lopez@bank.example' }],
      mitigations: [{ action: 'Raise manual review sampling from 2% to 5% until the claim is restated.', owner: 'Fraud operations', due: addDays(today, 14), successCriteria: 'Sampling at 5% for four weeks; weekly precision report.' }],
    });
    decide('churn-predictor', {
      outcome: 'deferred',
      rationale: 'The population has shifted after repricing; the board will decide on the retrained model with fresh drift evidence.',
      votes: votes(2),
    });
    decide('credit-limit-optimizer', {
      outcome: 'approved',
      rationale: 'Claims recompute within tolerance; no drift; scores moderate.',
      votes: votes(3),
      acknowledgement: 'Performance & drift is not scored: the first monitoring window closes next month; the board approves on the recomputed claims and will score it then.',
      acceptances: [{ risk: 'Privacy score 3: behavioural data retained for 18 months.', approver: 'Ana Khan', compensatingControls: 'Quarterly access review; retention job verified by Internal Audit.', expiry: addDays(today, 180) }],
    });
    decide('income-estimator', { outcome: 'approved', rationale: 'Regression metrics recompute exactly; errors acceptable for the referral use.', votes: votes(2) });
    setNotes(ws, { sessionId, text: 'Demo session: every outcome kind, with votes, a condition, a mitigation and a risk acceptance.' });
    s = closeSession(ws, { sessionId });
    log(`Held session ${s.session.number} with ${s.items.length} items and closed it: ${s.items.map((i) => `${i.modelId} ${i.outcome}`).join(', ')}`);

    const passphrase = randomBytes(18).toString('base64url');
    const passphraseFile = path.join(dir, DEMO_FILES.passphrase);
    writeNewFile(passphraseFile, `${passphrase}\n`);
    const { identity: fresh, caCertificate } = createIdentity({ name: 'Ana Khan', email: 'a.khan@bank.example', organisation: 'Example Bank' }, clock.now());
    const identityFile = path.join(dir, DEMO_FILES.identity);
    const caFile = path.join(dir, DEMO_FILES.ca);
    writeNewFile(identityFile, pkcs12Bytes(fresh, passphrase));
    writeNewFile(caFile, certificatePem(caCertificate));
    log(`Created a signing identity ${identityFile} (passphrase in ${passphraseFile}) and its CA ${caFile}`);

    const packetFile = path.join(dir, DEMO_FILES.packet);
    const packet = await exportPacket(ws, { sessionId, identity: readIdentity(identityFile, passphrase), out: packetFile });
    log(`Exported and signed ${packetFile}: ${packet.pages} pages, SHA-256 ${packet.sha256}`);
    const verification = verifyPacket(fs.readFileSync(packetFile), { trusted: [{ pem: fs.readFileSync(caFile, 'utf8'), name: path.basename(caFile) }] });
    log(`Verified: ${verification.verdict} (${verification.checks.filter((c) => c.ok).length} of ${verification.checks.length} checks hold)`);
    return { workspace: file, bundles, identity: identityFile, passphraseFile, caCertificate: caFile, packet: packetFile, packetSha256: packet.sha256, verification };
  } finally {
    ws.close();
  }
}
