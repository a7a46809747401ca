import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../shared/contract/errors';
import { checkNewFile, checkReplaceableFile, notWritten, writeNewFile, writeUserFile } from '../../electron/services/userFiles';
import { tempDir } from '../helpers/tempDir';

/** The UserError a call throws: its code, sentence and field. */
function refusal(call: () => void): { code: string; message: string; field: string | undefined } {
  try {
    call();
  } catch (err) {
    expect(err).toBeInstanceOf(UserError);
    const e = err as UserError;
    return { code: e.code, message: e.message, field: e.field };
  }
  throw new Error('not refused');
}

describe('files the user names to write', () => {
  it('a new file is its owner\'s only, and is never written over', () => {
    const file = path.join(tempDir(), 'packet.pdf');
    writeNewFile(file, 'signed');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(refusal(() => writeNewFile(file, 'other', 'out'))).toEqual({ code: 'already_exists', message: `${file} already exists; choose another name, nothing was overwritten.`, field: 'out' });
    expect(fs.readFileSync(file, 'utf8')).toBe('signed');
  });

  it('a replaceable file keeps the mode its owner gave it; a new one takes the mode asked for', () => {
    const dir = tempDir();
    const map = path.join(dir, 'map.svg');
    fs.writeFileSync(map, 'old', { mode: 0o644 });
    writeUserFile(map, 'new');
    expect(fs.readFileSync(map, 'utf8')).toBe('new');
    expect(fs.statSync(map).mode & 0o777).toBe(0o644);
    const manifest = path.join(dir, 'bundle.json');
    writeUserFile(manifest, '{}', 'dir', 0o644);
    expect(fs.statSync(manifest).mode & 0o777).toBe(0o644);
  });

  it('a place that cannot take the file is refused before any work, naming it, for the field given', () => {
    const dir = tempDir();
    const notes = path.join(dir, 'notes.txt');
    fs.writeFileSync(notes, 'mine');
    expect(refusal(() => checkNewFile(path.join(dir, 'gone', 'id.p12'), 'caOut'))).toEqual({ code: 'not_found', message: `The folder ${path.join(dir, 'gone')} does not exist; nothing was written.`, field: 'caOut' });
    expect(refusal(() => checkNewFile(path.join(notes, 'id.p12')))).toEqual({ code: 'invalid_argument', message: `${notes} is not a folder; nothing was written.`, field: 'out' });
    expect(refusal(() => checkNewFile(notes)).code).toBe('already_exists');
    expect(() => checkReplaceableFile(notes)).not.toThrow();
    expect(refusal(() => checkReplaceableFile(dir)).message).toBe(`${dir} cannot be written (it is a folder); nothing was written.`);
    const fifo = path.join(dir, 'pipe');
    execFileSync('mkfifo', [fifo]);
    expect(refusal(() => checkReplaceableFile(fifo)).message).toBe(`${fifo} is a named pipe (FIFO), not a regular file; name a file.`);
    expect(fs.readFileSync(notes, 'utf8')).toBe('mine');
  });

  it('a write the system refuses is a sentence in words, whatever its code', () => {
    expect(notWritten('/media/usb/p.pdf', Object.assign(new Error('x'), { code: 'ENOSPC' }), 'out').message).toBe('/media/usb/p.pdf cannot be written (the disk is full); nothing was written.');
    expect(notWritten('/srv/p.pdf', Object.assign(new Error('x'), { code: 'EACCES' }), 'out').message).toBe('/srv/p.pdf cannot be written (permission denied); nothing was written.');
    expect(notWritten('/srv/p.pdf', Object.assign(new Error('x'), { code: 'EIO' }), 'out').message).toBe('/srv/p.pdf cannot be written (EIO); nothing was written.');
    expect(refusal(() => writeNewFile(path.join(tempDir(), 'gone', 'p.pdf'), 'signed')).message).toMatch(/p\.pdf cannot be written \(its folder does not exist\); nothing was written\.$/);
  });
});
