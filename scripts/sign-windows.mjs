// Windows signing hook (electron-builder.yml: win.signtoolOptions.sign). Publicly trusted Windows code
// signing keys live in an HSM or a cloud signing service, so the command that signs comes from the
// environment: CONFIDANT_WIN_SIGN_COMMAND, with {file} replaced by the path to sign, for example
//   AzureSignTool sign -kvu "$KV_URL" -kvc "$KV_CERT" -kvm -tr http://timestamp.acs.microsoft.com -td sha256 {file}
// Without it, builds are unsigned and this says so once per file. See docs/DEPLOYING.md.
import { execSync } from 'node:child_process';

export default async function sign(configuration) {
  const command = process.env.CONFIDANT_WIN_SIGN_COMMAND;
  if (!command) {
    console.warn(`sign-windows: CONFIDANT_WIN_SIGN_COMMAND not set; ${configuration.path} left unsigned`);
    return;
  }
  // The command is the operator's own shell line; only the path is ours, and it is quoted.
  execSync(command.replaceAll('{file}', JSON.stringify(configuration.path)), { stdio: 'inherit' });
}
