import path from 'node:path';
import { parseArgs } from 'node:util';
import { readIdentity, saveNewIdentity, summarize, type IdentitySummary } from '../../services/signing/identity';
import { EXIT, UsageError, type CliIo } from '../io';
import { readPassphrase } from '../passphrase';
import { systemClock } from '../../services/clock';

export const identityCreateHelp = `Usage: mrb identity create --name "..." --email ... --org ... --out id.p12 [--ca-out ca.pem] [--passphrase-file FILE]

Creates a signing identity: a local signing CA (the board's offline root) and a signer
certificate it issues to you, saved as a PKCS#12 file encrypted with AES-256 under your
passphrase (from --passphrase-file or MRB_PASSPHRASE, at least 8 characters). --ca-out
writes the CA certificate for auditors to trust once. Existing files are never overwritten.`;

export const identityShowHelp = `Usage: mrb identity show id.p12 [--passphrase-file FILE] [--json]

Opens a signing identity (.p12 / .pfx) and shows its signer, issuer, validity and
certificate SHA-256 fingerprint.`;

function describe(s: IdentitySummary): string {
  return [
    `Signer        ${s.name}${s.email ? ` <${s.email}>` : ''}${s.organisation ? `, ${s.organisation}` : ''}`,
    `Subject       ${s.subject}`,
    `Issuer        ${s.issuer} (${s.selfIssuedBy})`,
    `Valid         ${s.notBefore} to ${s.notAfter}`,
    `Fingerprint   ${s.fingerprintDisplay}`,
  ].join('\n');
}

export function runIdentityCreate(argv: string[], io: CliIo): number {
  const { values, positionals } = parseArgs({
    args: argv.filter((a) => !a.startsWith('--passphrase=') && a !== '--passphrase'),
    allowPositionals: true,
    options: { name: { type: 'string' }, email: { type: 'string' }, org: { type: 'string' }, out: { type: 'string' }, 'ca-out': { type: 'string' }, 'passphrase-file': { type: 'string' } },
  });
  const passphrase = readPassphrase(argv, values['passphrase-file'], 'identity create');
  if (positionals.length > 0) throw new UsageError(`identity create takes no positional arguments (got "${positionals[0]}").`, 'identity create');
  for (const required of ['name', 'email', 'org', 'out'] as const) {
    if (values[required] === undefined) throw new UsageError(`identity create needs --${required}.`, 'identity create');
  }
  const out = path.resolve(values.out as string);
  const caOut = values['ca-out'] === undefined ? null : path.resolve(values['ca-out']);
  const { identity } = saveNewIdentity({ name: values.name as string, email: values.email as string, organisation: values.org as string }, passphrase, systemClock.now(), out, caOut);
  io.out(`${describe(summarize(identity))}\n\nIdentity written to ${out}${caOut ? `\nCA certificate (for auditors to trust) written to ${caOut}` : ''}`);
  return EXIT.ok;
}

export function runIdentityShow(argv: string[], io: CliIo): number {
  const { values, positionals } = parseArgs({
    args: argv.filter((a) => !a.startsWith('--passphrase=') && a !== '--passphrase'),
    allowPositionals: true,
    options: { 'passphrase-file': { type: 'string' }, json: { type: 'boolean', default: false } },
  });
  const passphrase = readPassphrase(argv, values['passphrase-file'], 'identity show');
  if (positionals.length !== 1) throw new UsageError('identity show takes exactly one .p12 file.', 'identity show');
  const summary = summarize(readIdentity(path.resolve(positionals[0] as string), passphrase));
  io.out(values.json ? JSON.stringify(summary, null, 2) : describe(summary));
  return EXIT.ok;
}
