import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { DebugLogger } from 'builder-util';

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

  it('packs the app into an ASAR archive, which only-load-from-ASAR needs', async () => {
    const config = await getConfig(root, path.join(root, 'build/electron-builder.yml'), null);
    expect(config.asar ?? true).not.toBe(false);
  });
});
