import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

// electron-builder's own loader and schema check, as packaging applies them; packaging itself needs downloads.
const require = createRequire(import.meta.url);
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config');
const { DebugLogger } = require('builder-util/out/DebugLogger');

describe('Electron fuses flipped at packaging (security checklist item 19)', () => {
  it('turns off every capability the app does not use, file:// privileges included', async () => {
    const config = await getConfig(process.cwd(), null, null);
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      // The renderer comes from app://, so file:// pages get no more than a browser gives them.
      grantFileProtocolExtraPrivileges: false,
    });
  });
});
