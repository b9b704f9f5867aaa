// electron-builder afterPack hook (electron-builder.yml): flips Electron's fuses in the packed binary,
// before electron-builder signs it. These switch off the ways to make a signed Confidant run code that
// is not its own: as plain Node (ELECTRON_RUN_AS_NODE), through NODE_OPTIONS, or under --inspect; and
// they make Electron load only the app.asar whose hash was recorded at build time (macOS and Windows
// check it; Linux has no embedded integrity yet, see docs/DEPLOYING.md).
import { FuseV1Options, FuseVersion } from '@electron/fuses';

/** By fuse name; main/app/security.test.ts checks these values and the smoke build reads them back. */
export const FUSES = Object.freeze({
  RunAsNode: false,
  EnableCookieEncryption: true,
  EnableNodeOptionsEnvironmentVariable: false,
  EnableNodeCliInspectArguments: false,
  EnableEmbeddedAsarIntegrityValidation: true,
  OnlyLoadAppFromAsar: true,
  LoadBrowserProcessSpecificV8Snapshot: false,
  // The renderer is served from app://, never file://.
  GrantFileProtocolExtraPrivileges: false,
});

export function fuseConfig(electronPlatformName) {
  const config = {
    version: FuseVersion.V1,
    // Flipping fuses invalidates an arm64 macOS ad-hoc signature; electron-builder signs again after.
    resetAdHocDarwinSignature: electronPlatformName === 'darwin' || electronPlatformName === 'mas',
  };
  for (const [name, value] of Object.entries(FUSES)) config[FuseV1Options[name]] = value;
  return config;
}

export default async function afterPack(context) {
  await context.packager.addElectronFuses(context, fuseConfig(context.electronPlatformName));
}
