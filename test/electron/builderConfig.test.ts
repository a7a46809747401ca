import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { DebugLogger } from 'builder-util';
import { serviceThreadFiles } from '../../electron/services/serviceThread/serviceThread';

const root = path.resolve(__dirname, '../..');

describe('the desktop build configuration', () => {
  it('flips the Electron fuses that close Node, inspector and unpacked-code doors, as electron-builder reads it', async () => {
    const config = await getConfig(root, path.join(root, 'build/electron-builder.yml'), null);
    // The same schema check electron-builder runs before packaging: a misspelt fuse fails here.
    await validateConfiguration(config, new DebugLogger(false));
    expect(config.electronFuses).toEqual(
      expect.objectContaining({
        runAsNode: false,
        enableCookieEncryption: true,
        enableNodeOptionsEnvironmentVariable: false,
        enableNodeCliInspectArguments: false,
        enableEmbeddedAsarIntegrityValidation: true,
        onlyLoadAppFromAsar: true,
      }),
    );
  });

  it('packs the services\' thread and the workers it starts, as the build emits them beside main.cjs', async () => {
    const config = await getConfig(root, path.join(root, 'build/electron-builder.yml'), null);
    // electron-builder reads the list as file sets, each with its filter patterns.
    const patterns = (config.files as { filter: string[] }[]).flatMap((set) => set.filter);
    const packed = (file: string) =>
      patterns.some((p) => !p.startsWith('!') && path.matchesGlob(file, p)) && !patterns.some((p) => p.startsWith('!') && path.matchesGlob(file, p.slice(1)));
    const { entry, importWorker, packetWorker } = serviceThreadFiles('dist/electron');
    for (const file of [entry, importWorker, packetWorker]) {
      expect(packed(file), file).toBe(true);
      expect(fs.existsSync(path.join(root, file)), file).toBe(true);
    }
  });

  it('packs the app into an ASAR archive, which only-load-from-ASAR needs', async () => {
    const config = await getConfig(root, path.join(root, 'build/electron-builder.yml'), null);
    expect(config.asar ?? true).not.toBe(false);
  });
});
