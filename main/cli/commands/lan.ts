import { UserError } from '../../../shared/errors';
import type { Role } from '../../../shared/roles';
import { browseDesks } from '../../core/lan';
import {
  DATA_DIR_OPTION,
  JSON_OPTION,
  passphraseFrom,
  stringFlag,
  UsageError,
  type Command,
  type CommandContext,
} from '../command';
import type { Core, LanEndpoint } from '../../core/container';
import { EXIT } from '../exit-codes';
import { authenticateCliUser, AS_OPTION, cliCredentials, withCore } from '../lan-auth';

export const DEFAULT_LAN_PORT = 7443;
const SUPERVISORS: readonly Role[] = ['supervisor', 'admin'];
const DESK_STAFF: readonly Role[] = ['agent', 'supervisor', 'admin'];

function portFrom(raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new UsageError('--port must be 0-65535.');
  return n;
}

function hostPort(raw: string | undefined): { host: string; port: number } {
  const m = raw?.match(/^\[?([^\]]+?)\]?:(\d{1,5})$/);
  if (!m) throw new UsageError('--peer must be HOST:PORT.');
  return { host: m[1] as string, port: portFrom(m[2], 0) };
}

/** mDNS network for tests: CONFIDANT_MDNS_INTERFACE=127.0.0.1 keeps every packet on loopback. */
function mdnsNetwork(env: NodeJS.ProcessEnv) {
  const iface = env.CONFIDANT_MDNS_INTERFACE;
  return iface ? { interface: iface, bind: '0.0.0.0' } : undefined;
}

/**
 * Starts the endpoint (and mDNS unless CONFIDANT_LAN_ANNOUNCE=0); a port that cannot be bound is one line on
 * stderr and null, so `lan serve` exits 4 and `web` can go on without the LAN.
 */
export async function startOrExplain(
  ctx: CommandContext,
  core: Core,
  at: { host: string; port: number },
): Promise<LanEndpoint | null> {
  try {
    return await core.lan.start({
      ...at,
      announce: ctx.io.env.CONFIDANT_LAN_ANNOUNCE !== '0',
      mdnsInterface: ctx.io.env.CONFIDANT_MDNS_INTERFACE,
    });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL') {
      ctx.info(
        `confidant: cannot listen on ${at.host}:${at.port} (${code}); choose another port or address.`,
      );
      return null;
    }
    throw err;
  }
}

export const lanServeCommand: Command = {
  name: 'lan serve',
  summary: "Run this desk's LAN endpoint and outbox delivery until SIGTERM.",
  usage: 'lan serve --data-dir DIR [--port P] [--bind ADDR] [--json]',
  options: { ...DATA_DIR_OPTION, ...JSON_OPTION, port: { type: 'string' }, bind: { type: 'string' } },
  async run(ctx) {
    const port = portFrom(stringFlag(ctx, 'port'), DEFAULT_LAN_PORT);
    const host = stringFlag(ctx, 'bind') ?? '0.0.0.0';
    passphraseFrom(ctx);
    return withCore(ctx, async (core) => {
      const handle = await startOrExplain(ctx, core, { host, port });
      if (!handle) return EXIT.ENVIRONMENT;
      const hello = { deviceId: handle.deviceId, role: handle.role, port: handle.port };
      if (ctx.values.json) ctx.printJson(hello);
      else
        ctx.print(
          `LAN endpoint on ${host}:${handle.port} as a ${hello.role} desk (${hello.deviceId.slice(0, 16)}…)`,
        );
      await new Promise<void>((resolve) => {
        process.once('SIGTERM', resolve);
        process.once('SIGINT', resolve);
      });
      await handle.close();
      return EXIT.OK;
    });
  },
};

export const lanInviteCommand: Command = {
  name: 'lan invite',
  summary: 'On a supervisor desk: create a single-use pairing code.',
  usage: 'lan invite --data-dir DIR --as USER [--ttl MINUTES] [--json]',
  options: { ...DATA_DIR_OPTION, ...JSON_OPTION, ...AS_OPTION, ttl: { type: 'string' } },
  async run(ctx) {
    const who = await cliCredentials(ctx);
    const ttl = Number(stringFlag(ctx, 'ttl') ?? '10');
    if (!Number.isInteger(ttl) || ttl < 1 || ttl > 1440)
      throw new UsageError('--ttl must be 1-1440 minutes.');
    return withCore(ctx, async (core) => {
      const actor = await authenticateCliUser(core, who, SUPERVISORS, 'create a pairing code');
      const desk = await core.lan.desk();
      const invite = desk.invite(actor, ttl);
      if (ctx.values.json) ctx.printJson(invite);
      else ctx.print(`Pairing code ${invite.code} (single use, until ${invite.expires})`);
      return EXIT.OK;
    });
  },
};

export const lanJoinCommand: Command = {
  name: 'lan join',
  summary: 'On a staff desk: pair with the supervisor desk at HOST:PORT using its code.',
  usage: 'lan join --data-dir DIR --peer HOST:PORT --code CODE --as USER [--json]',
  options: {
    ...DATA_DIR_OPTION,
    ...JSON_OPTION,
    ...AS_OPTION,
    peer: { type: 'string' },
    code: { type: 'string' },
  },
  async run(ctx) {
    const peer = hostPort(stringFlag(ctx, 'peer'));
    const code = stringFlag(ctx, 'code');
    if (!code) throw new UsageError('--code CODE is required.');
    const who = await cliCredentials(ctx);
    return withCore(ctx, async (core) => {
      const actor = await authenticateCliUser(core, who, DESK_STAFF, 'pair this desk');
      const desk = await core.lan.desk();
      const joined = await desk.join({ ...peer, code, actor });
      if (ctx.values.json) ctx.printJson({ peer: joined });
      else ctx.print(`Paired with supervisor desk ${joined.deviceId}`);
      return EXIT.OK;
    });
  },
};

export const lanPeersCommand: Command = {
  name: 'lan peers',
  summary: 'List the paired desks, their link and their unacknowledged outbox.',
  usage: 'lan peers --data-dir DIR [--json]',
  options: { ...DATA_DIR_OPTION, ...JSON_OPTION },
  async run(ctx) {
    return withCore(ctx, async (core) => {
      const desk = await core.lan.desk();
      const peers = desk.peers().map(({ clockSkewMs: _skew, ...p }) => p);
      if (ctx.values.json) ctx.printJson({ peers });
      else for (const p of peers) ctx.print(`${p.deviceId} ${p.role} linked=${p.linked} outbox=${p.outbox}`);
      return EXIT.OK;
    });
  },
};

export const lanUnpairCommand: Command = {
  name: 'lan unpair',
  summary: 'Revoke a pairing on this desk at once.',
  usage: 'lan unpair --data-dir DIR --peer DEVICE_ID --as USER [--json]',
  options: { ...DATA_DIR_OPTION, ...JSON_OPTION, ...AS_OPTION, peer: { type: 'string' } },
  async run(ctx) {
    const peer = stringFlag(ctx, 'peer');
    if (!peer || !/^[0-9a-f]{64}$/.test(peer))
      throw new UsageError('--peer DEVICE_ID (64 hex digits) is required.');
    const who = await cliCredentials(ctx);
    return withCore(ctx, async (core) => {
      const actor = await authenticateCliUser(core, who, SUPERVISORS, 'unpair a desk');
      (await core.lan.desk()).unpair(peer, actor);
      if (ctx.values.json) ctx.printJson({ unpaired: peer });
      else ctx.print(`Unpaired ${peer}`);
      return EXIT.OK;
    });
  },
};

export const lanDiscoverCommand: Command = {
  name: 'lan discover',
  summary: 'List the desks announcing themselves over mDNS on this network.',
  usage: 'lan discover [--timeout SECONDS] [--json]',
  options: { ...JSON_OPTION, timeout: { type: 'string' } },
  async run(ctx) {
    const seconds = Number(stringFlag(ctx, 'timeout') ?? '3');
    if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 60)
      throw new UsageError('--timeout must be 1-60 seconds.');
    let desks;
    try {
      desks = await browseDesks({ timeoutMs: seconds * 1000, network: mdnsNetwork(ctx.io.env) });
    } catch {
      throw new UserError('UNAVAILABLE', 'Multicast DNS is not available on this network.');
    }
    if (ctx.values.json) ctx.printJson({ desks });
    else for (const d of desks) ctx.print(`${d.id} ${d.role} ${d.address}`);
    return EXIT.OK;
  },
};
