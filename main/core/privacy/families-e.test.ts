import { describe, expect, it } from 'vitest';
import { detectPii } from './index';
import type { PiiType } from './types';

/** The values of `type` found in `text`. */
function values(type: PiiType, text: string): string[] {
  return detectPii(text)
    .filter((s) => s.type === type)
    .map((s) => text.slice(s.start, s.end));
}

describe('a network’s own addresses are not a person’s', () => {
  it('passes over gateways, resolvers, subnet masks and public DNS', () => {
    for (const text of [
      'Set the default gateway to 172.16.0.254 before rebooting.',
      'Primary DNS 9.9.9.9, secondary 149.112.112.112.',
      'nameserver 10.20.0.2',
      'subnet mask 255.255.255.0 on eth0',
      'Ping 8.8.4.4 to check the line, then 1.0.0.1.',
      'the router is on 192.168.0.1 by default',
    ])
      expect(values('IP_ADDRESS', text), text).toEqual([]);
  });

  it('still finds a client’s address', () => {
    expect(values('IP_ADDRESS', 'login from 81.2.69.160 failed, gateway 10.0.0.1')).toEqual(['81.2.69.160']);
    expect(values('IP_ADDRESS', 'src_ip=203.0.113.9 user=jo')).toEqual(['203.0.113.9']);
    expect(values('IP_ADDRESS', 'He connected from 192.168.4.20 last night.')).toEqual(['192.168.4.20']);
  });
});
