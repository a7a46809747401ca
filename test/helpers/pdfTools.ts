import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Poppler, qpdf, NSS and OpenSSL as an auditor would run them. Their printed text is what
 * the tests read: pdfsig exits 0 even on a digest mismatch.
 */
export function tool(command: string, args: string[]): { code: number | null; text: string } {
  const r = spawnSync(command, args, { encoding: 'utf8' });
  if (r.error) throw r.error;
  return { code: r.status, text: `${r.stdout}${r.stderr}` };
}

export function pdfsig(file: string, nssDir?: string): string {
  return tool('pdfsig', nssDir === undefined ? [file] : ['-nssdir', nssDir, file]).text;
}

/** A fresh NSS database in dir that trusts the CA for signing, as an auditor sets it up once. */
export function nssDatabaseTrusting(dir: string, caPemFile: string): string {
  const db = path.join(dir, 'nssdb');
  fs.mkdirSync(db);
  execFileSync('certutil', ['-N', '--empty-password', '-d', `sql:${db}`]);
  execFileSync('certutil', ['-A', '-d', `sql:${db}`, '-n', 'mrb-ca', '-t', 'CT,C,C', '-a', '-i', caPemFile]);
  return `sql:${db}`;
}

/** Byte i of the file changed to another printable character. */
export function flipByte(pdf: Buffer, i: number): Buffer {
  const out = Buffer.from(pdf);
  out[i] = out[i] === 0x30 ? 0x31 : 0x30;
  return out;
}
