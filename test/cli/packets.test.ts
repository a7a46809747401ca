import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMrb } from '../helpers/runMrb';
import { tempDir } from '../helpers/tempDir';

/** poppler and qpdf print their verdicts; their exit codes say 0 on a digest mismatch. */
function tool(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  return `${r.stdout}${r.stderr}`;
}

/** Share of pixels that are not white in a page rendered by pdftoppm (PGM, greyscale). */
function inkOnPage(pdf: string, page: number, dir: string): number {
  const base = path.join(dir, `page-${page}`);
  execFileSync('pdftoppm', ['-r', '30', '-gray', '-f', String(page), '-l', String(page), '-singlefile', pdf, base]);
  const pgm = fs.readFileSync(`${base}.pgm`);
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.toString('latin1', 0, 40)) as RegExpExecArray;
  const pixels = pgm.subarray(header[0].length);
  let ink = 0;
  for (const p of pixels) if (p < 200) ink++;
  return ink / pixels.length;
}

/** Appends a real incremental update (a new object, its xref section and trailer), as an editor would. */
function appendIncrementalUpdate(pdf: Buffer): Buffer {
  const text = pdf.toString('latin1');
  const prev = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(text)?.[1]);
  const size = Math.max(...[...text.matchAll(/\/Size\s+(\d+)/g)].map((m) => Number(m[1])));
  const root = /\/Root\s+(\d+ \d+ R)/.exec(text)?.[1];
  const objAt = pdf.length + 1;
  const body = `\n${size} 0 obj\n(changed after signing)\nendobj\n`;
  const xrefAt = pdf.length + body.length;
  const tail = `xref\n${size} 1\n${String(objAt).padStart(10, '0')} 00000 n \ntrailer\n<< /Size ${size + 1} /Root ${root} /Prev ${prev} >>\nstartxref\n${xrefAt}\n%%EOF\n`;
  return Buffer.concat([pdf, Buffer.from(body + tail, 'latin1')]);
}

describe('mrb demo: a whole cycle ending in a signed packet that standard tools accept', () => {
  let dir: string;
  let packet: string;
  let ca: string;
  // One demo for the whole file (it takes seconds), so not a per-test temp folder.
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mrb-demo-'));
    const r = runMrb(['demo', path.join(dir, 'demo')]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    packet = path.join(dir, 'demo', 'decision-packet.pdf');
    ca = path.join(dir, 'demo', 'board-ca.pem');
  }, 60_000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('prints where every file is, and each file is there', () => {
    for (const f of ['demo-cycle.mrb', 'signer.p12', 'board-ca.pem', 'passphrase.txt', 'decision-packet.pdf', 'bundles/card-fraud-detector-1.0.0/bundle.json']) {
      expect(fs.existsSync(path.join(dir, 'demo', f)), f).toBe(true);
    }
  });

  it('pdfsig: the signature is valid and covers the whole document, PAdES (ETSI.CAdES.detached)', () => {
    const out = tool('pdfsig', [packet]);
    expect(out).toContain('Signature is Valid.');
    expect(out).toContain('Total document signed');
    expect(out).toContain('ETSI.CAdES.detached');
    expect(out).toContain('Signing Hash Algorithm: SHA-256');
  });

  it('pdfsig with the board CA in an NSS database: the certificate is trusted', () => {
    const nss = path.join(dir, 'nss');
    fs.mkdirSync(nss);
    execFileSync('certutil', ['-N', '--empty-password', '-d', `sql:${nss}`]);
    execFileSync('certutil', ['-A', '-d', `sql:${nss}`, '-n', 'mrb-board-ca', '-t', 'CT,C,C', '-a', '-i', ca]);
    expect(tool('pdfsig', ['-nssdir', `sql:${nss}`, packet])).toContain('Certificate is Trusted.');
  });

  it('mrb verify --trust: every check holds, exit 0', () => {
    const r = runMrb(['verify', packet, '--trust', ca]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/decision-packet\.pdf: valid, signed by Ana Khan/);
    expect(r.stdout).toMatch(/✓ chains to the trusted CA/);
    expect(r.stdout).toMatch(/✓ chain head matches/);
  });

  it('mrb verify --workspace: the workspace that recorded exporting these bytes vouches for them, read-only', () => {
    const file = path.join(dir, 'demo', 'demo-cycle.mrb');
    const before = createHash('sha256').update(fs.readFileSync(file)).digest('hex');
    const r = runMrb(['verify', packet, '--workspace', file]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^decision-packet\.pdf: valid, signed by Ana Khan/);
    expect(r.stdout).toMatch(/✓ recorded by the workspace: demo-cycle\.mrb recorded exporting this exact file \(SHA-256 [0-9a-f]{64}\) as decision-packet\.pdf, signed at .* for its cycle /);
    expect(r.stdout).toContain('  trusted by workspace demo-cycle.mrb');
    expect(createHash('sha256').update(fs.readFileSync(file)).digest('hex')).toBe(before);
  });

  it('mrb verify --workspace of another cycle, or bytes it never exported: exit 1, naming why', () => {
    const other = path.join(dir, 'other-cycle.mrb');
    expect(runMrb(['init', other, '--name', 'Another cycle']).code).toBe(0);
    const r = runMrb(['verify', packet, '--workspace', other]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^decision-packet\.pdf: signature intact, signer not trusted/);
    expect(r.stdout).toMatch(/✗ recorded by the workspace: other-cycle\.mrb has no record of exporting this file \(SHA-256 [0-9a-f]{64}\), and its decision record is of another cycle, .* \(id [0-9a-f-]+\), not Another cycle \(id [0-9a-f-]+\)\./);
    const updated = path.join(dir, 'updated-for-workspace.pdf');
    fs.writeFileSync(updated, appendIncrementalUpdate(fs.readFileSync(packet)));
    const changed = runMrb(['verify', updated, '--workspace', path.join(dir, 'demo', 'demo-cycle.mrb')]);
    expect(changed.code).toBe(1);
    expect(changed.stdout).toMatch(/✗ recorded by the workspace: demo-cycle\.mrb has no record of exporting this file/);
    const missing = runMrb(['verify', packet, '--workspace', path.join(dir, 'nowhere.mrb')]);
    expect(missing).toMatchObject({ code: 2, stderr: `mrb verify: There is no workspace at ${path.join(dir, 'nowhere.mrb')}.\n` });
  });

  it('one flipped byte inside the signed range: pdfsig says Digest Mismatch and mrb verify exits 1', () => {
    const bytes = fs.readFileSync(packet);
    const flipped = path.join(dir, 'flipped.pdf');
    bytes[2000] = bytes[2000] === 0x41 ? 0x42 : 0x41;
    fs.writeFileSync(flipped, bytes);
    expect(tool('pdfsig', [flipped])).toContain('Digest Mismatch.');
    const r = runMrb(['verify', flipped]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/✗ digest matches: Digest mismatch/);
  });

  it('an incremental update appended after signing is reported, exit 1', () => {
    const updated = path.join(dir, 'updated.pdf');
    fs.writeFileSync(updated, appendIncrementalUpdate(fs.readFileSync(packet)));
    expect(tool('qpdf', ['--check', updated])).toContain('No syntax or stream encoding errors found');
    expect(tool('pdfsig', [updated])).toContain('Not total document signed');
    const r = runMrb(['verify', updated, '--json']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.checks.find((c: { name: string }) => c.name === 'whole file signed')).toMatchObject({ ok: false, detail: expect.stringMatching(/Not the whole file: \d+ bytes were added after signing/) });
  });

  it('qpdf --check finds no errors', () => {
    const r = spawnSync('qpdf', ['--check', packet], { encoding: 'utf8' });
    expect(r.stdout).toContain('No syntax or stream encoding errors found');
    expect(r.status).toBe(0);
  });

  it('pdftotext shows the decisions, rationales and hashes; pdfdetach lists the attached record', () => {
    const text = tool('pdftotext', ['-layout', packet, '-']).replace(/\s+/g, ' ');
    for (const phrase of ['Decision packet', 'Attendance and quorum', 'Quorum met', 'Rejected', 'Approved with conditions', 'Deferred', 'Error rates differ across sex beyond the 0.2 equalized-odds limit', 'Re-state the performance claim', 'Raise manual review sampling', 'Evidence manifest', 'Methodology', 'Audit events of this session']) {
      expect(text, phrase).toContain(phrase);
    }
    const saved = path.join(dir, 'record.json');
    execFileSync('pdfdetach', ['-save', '1', '-o', saved, packet]);
    const record = JSON.parse(fs.readFileSync(saved, 'utf8'));
    expect(text).toContain(record.audit.head);
    expect(text).toContain(record.items[0].bundle.sha256);
    expect(tool('pdfdetach', ['-list', packet])).toMatch(/1: decision-record\.json/);
    expect(record).toMatchObject({ format: 'mrb-decision-record', formatVersion: 1, session: { status: 'closed' } });
    expect(record.items).toHaveLength(5);
  });

  it('page 1 and the heatmap page are not blank', () => {
    expect(inkOnPage(packet, 1, dir)).toBeGreaterThan(0.005);
    const text = execFileSync('pdftotext', ['-layout', packet, '-']).toString('utf8').split('\f');
    const heatmapPage = text.findIndex((p) => p.includes('Risk heatmap of the agenda')) + 1;
    expect(heatmapPage).toBeGreaterThan(1);
    expect(inkOnPage(packet, heatmapPage, dir)).toBeGreaterThan(0.03);
  });

  it('the workspace records the packet hash, signer and time as an audited event; the chain still holds', () => {
    const file = path.join(dir, 'demo', 'demo-cycle.mrb');
    const db = new Database(file, { readonly: true });
    const row = db.prepare('SELECT sha256, signer_name, pages FROM packets').get() as { sha256: string; signer_name: string; pages: number };
    const action = db.prepare("SELECT action FROM audit_events WHERE entity = 'packet'").pluck().get();
    db.close();
    expect(row.sha256).toBe(createHash('sha256').update(fs.readFileSync(packet)).digest('hex'));
    expect(row).toMatchObject({ signer_name: 'Ana Khan' });
    expect(row.pages).toBe(Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [packet]).toString())?.[1]));
    expect(action).toBe('packet.export');
    expect(runMrb(['audit', 'verify', file]).code).toBe(0);
  });

  it('refuses a file that is not a PDF, exit 2', () => {
    const r = runMrb(['verify', ca]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/board-ca\.pem is not a PDF/);
  });
});

describe('mrb identity', () => {
  it('creates an identity and a CA, shows it, and never takes the passphrase as an argument', () => {
    const dir = tempDir();
    const env = { ...process.env, MRB_PASSPHRASE: 'correct horse battery' };
    const id = path.join(dir, 'id.p12');
    const created = runMrb(['identity', 'create', '--name', 'Ben Ortiz', '--email', 'b.ortiz@bank.example', '--org', 'Example Bank', '--out', id, '--ca-out', path.join(dir, 'ca.pem')], { env });
    expect(created.code).toBe(0);
    expect(fs.statSync(id).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(path.join(dir, 'ca.pem'), 'utf8')).toMatch(/^-----BEGIN CERTIFICATE-----/);
    const shown = runMrb(['identity', 'show', id, '--json'], { env });
    expect(JSON.parse(shown.stdout)).toMatchObject({ name: 'Ben Ortiz', email: 'b.ortiz@bank.example', organisation: 'Example Bank', selfIssuedBy: 'local signing CA' });
    expect(created.stdout).toContain(JSON.parse(shown.stdout).fingerprintDisplay);

    const wrong = runMrb(['identity', 'show', id], { env: { ...process.env, MRB_PASSPHRASE: 'not the passphrase' } });
    expect(wrong).toMatchObject({ code: 2 });
    expect(wrong.stderr).toMatch(/The passphrase does not open id\.p12/);
    const asArgument = runMrb(['identity', 'show', id, '--passphrase', 'correct horse battery']);
    expect(asArgument.code).toBe(2);
    expect(asArgument.stderr).toMatch(/never taken as an argument/);
    const again = runMrb(['identity', 'create', '--name', 'X', '--email', 'x@y.z', '--org', 'O', '--out', id], { env });
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/id\.p12 already exists; choose another name, nothing was overwritten/);
    const short = runMrb(['identity', 'create', '--name', 'X', '--email', 'x@y.z', '--org', 'O', '--out', path.join(dir, 'b.p12')], { env: { ...process.env, MRB_PASSPHRASE: 'short' } });
    expect(short.code).toBe(2);
    expect(short.stderr).toMatch(/at least 8/);
    const notP12 = runMrb(['identity', 'show', path.join(dir, 'ca.pem')], { env });
    expect(notP12.stderr).toMatch(/ca\.pem is not a PKCS#12/);
  });
});
