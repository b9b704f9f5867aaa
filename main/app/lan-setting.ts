/**
 * Whether the desktop app runs the LAN endpoint, and where. CONFIDANT_LAN=on|off overrides; by default it runs
 * when the desk is paired (an unpaired desk has nothing to say on the LAN and opens no port).
 */
export function lanSetting(
  env: NodeJS.ProcessEnv,
  paired: boolean,
): { host: string; port: number; announce: boolean } | null {
  const flag = env.CONFIDANT_LAN;
  if (flag === 'off' || (flag !== 'on' && !paired)) return null;
  const port = Number(env.CONFIDANT_LAN_PORT ?? '7443');
  return {
    host: env.CONFIDANT_LAN_BIND ?? '0.0.0.0',
    port: Number.isInteger(port) && port >= 0 && port <= 65535 ? port : 7443,
    announce: env.CONFIDANT_LAN_ANNOUNCE !== '0',
  };
}
