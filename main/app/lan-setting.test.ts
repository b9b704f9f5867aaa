import { describe, expect, it } from 'vitest';
import { lanSetting } from './lan-setting';

describe('lanSetting', () => {
  it('runs the endpoint only on a paired desk unless told', () => {
    expect(lanSetting({}, false)).toBeNull();
    expect(lanSetting({}, true)).toEqual({ host: '0.0.0.0', port: 7443, announce: true });
    expect(lanSetting({ CONFIDANT_LAN: 'on' }, false)?.port).toBe(7443);
    expect(lanSetting({ CONFIDANT_LAN: 'off' }, true)).toBeNull();
  });

  it('takes the port, address and announcing from the environment, and ignores a bad port', () => {
    const env = { CONFIDANT_LAN_PORT: '9000', CONFIDANT_LAN_BIND: '127.0.0.1', CONFIDANT_LAN_ANNOUNCE: '0' };
    expect(lanSetting(env, true)).toEqual({ host: '127.0.0.1', port: 9000, announce: false });
    expect(lanSetting({ CONFIDANT_LAN_PORT: 'x' }, true)?.port).toBe(7443);
  });
});
