import { FusesPlugin } from '@electron-forge/plugin-fuses';
import { FuseV1Options, FuseVersion } from '@electron/fuses';
import { describe, expect, it } from 'vitest';
import config from '../../forge.config';

describe('Electron fuses in the Forge config', () => {
  it('the packaged app gets the fuses plugin with Node entry points off and asar integrity on', () => {
    const plugins = (config.plugins ?? []).filter((p): p is FusesPlugin => p instanceof FusesPlugin);
    expect(plugins).toHaveLength(1);
    const fuses = plugins[0]!.fusesConfig as unknown as Record<string | number, unknown>;
    expect(fuses.version).toBe(FuseVersion.V1);
    expect(fuses[FuseV1Options.RunAsNode]).toBe(false);
    expect(fuses[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(false);
    expect(fuses[FuseV1Options.EnableNodeCliInspectArguments]).toBe(false);
    expect(fuses[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(true);
    expect(fuses[FuseV1Options.OnlyLoadAppFromAsar]).toBe(true);
    // asar integrity needs an asar to check
    expect(config.packagerConfig?.asar).toBeTruthy();
  });
});
