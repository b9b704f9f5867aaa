/**
 * Network identifiers: email addresses (expanded around each '@') and IPv4/IPv6 addresses (IPv4 from
 * digit-run shapes, IPv6 only where a "hex:hex:" hint occurs).
 */
import { isAsciiLetter } from './chars';
import { isIPv6 } from 'node:net';
import type { Scan } from './scan';

const IPV4_RE =
  /(?<![\w.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?![\w]|\.\d)/y;
const IPV6_RE = /(?<![\w:])(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}(?![\w:])/g;

// The public DNS resolvers' anycast addresses (Google, Cloudflare, Quad9, OpenDNS, Level 3).
const PUBLIC_RESOLVERS: ReadonlySet<string> = new Set(
  `8.8.8.8 8.8.4.4 1.1.1.1 1.0.0.1 9.9.9.9 149.112.112.112 208.67.222.222 208.67.220.220 4.2.2.1 4.2.2.2`.split(
    ' ',
  ),
);

const ACCESS_LINE = / - \S{1,64} \[/y;

/** " - user [" after an address: the Common Log Format's identity, user and time stamp. */
function accessLineOpen(text: string, from: number): boolean {
  ACCESS_LINE.lastIndex = from;
  return ACCESS_LINE.test(text);
}

/** RFC 1918 and loopback addresses: 10/8, 172.16/12, 192.168/16, 127/8. */
function isPrivate(ip: string): boolean {
  if (ip.startsWith('10.') || ip.startsWith('127.') || ip.startsWith('192.168.')) return true;
  if (!ip.startsWith('172.')) return false;
  const second = Number(ip.split('.')[1]);
  return second >= 16 && second <= 31;
}

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 102);
}

/**
 * Where to start looking for IPv6 addresses, or -1 when the text has no "hex:hex{0,4}:" at all (most
 * texts with a colon: times, labels). Only the (few) colons are visited. Every address holds a colon
 * and starts at most four characters before its first one, so the scan may start there.
 */
function ipv6ScanStart(text: string, u: Uint16Array): number {
  const first = text.indexOf(':');
  for (let c = first; c !== -1; c = text.indexOf(':', c + 1)) {
    if (c === 0 || !isHex(u[c - 1]!)) continue;
    let j = c + 1;
    while (j < c + 5 && isHex(u[j]!)) j++;
    if (u[j]! === 58) return first > 4 ? first - 4 : 0;
  }
  return -1;
}

/**
 * Runs k to k+3 hold one to three digits each, joined by single dots: IPV4_RE's octets cannot end
 * inside a run, so only such runs can open an address and the regex checks just those.
 */
function dottedQuadRuns(u: Uint16Array, starts: number[], ends: number[], count: number, k: number): boolean {
  if (k + 3 >= count) return false;
  for (let j = k; j <= k + 3; j++) {
    const end = ends[j]!;
    if (end - starts[j]! > 3) return false;
    if (j < k + 3 && (starts[j + 1] !== end + 1 || u[end]! !== 46)) return false;
  }
  return true;
}

export function ips(s: Scan, hasColon: boolean): void {
  const text = s.text;
  const { count, starts, ends } = s.runs;
  const u = s.codes;
  let from = 0;
  let m: RegExpExecArray | null;
  for (let k = 0; k < count; k++) {
    const at = starts[k]!;
    if (at < from || !dottedQuadRuns(u, starts, ends, count, k)) continue;
    IPV4_RE.lastIndex = at;
    m = IPV4_RE.exec(text);
    if (m === null) continue;
    from = at + m[0].length;
    const ctx = s.before(m.index);
    // "/8" makes it a network (CIDR), and a version or build number is four dotted parts too.
    // A public resolver's anycast address (8.8.8.8, 1.1.1.1) is everyone's, so no one's.
    if (u[from]! === 47 || ctx === 'NOT_PII' || PUBLIC_RESOLVERS.has(m[0])) continue;
    // A private address opening a web server's access line ("10.0.4.17 - - [01/Dec/2024:...") is the
    // proxy or load balancer in front of it, not the visitor.
    if (u[from]! === 32 && u[from + 1]! === 45 && accessLineOpen(text, from) && isPrivate(m[0])) continue;
    s.add(m.index, m.index + m[0].length, 'IP_ADDRESS', ctx === 'IP' ? 0.95 : 0.85);
  }
  const scanFrom = hasColon ? ipv6ScanStart(text, u) : -1;
  if (scanFrom === -1) return;
  IPV6_RE.lastIndex = scanFrom;
  while ((m = IPV6_RE.exec(s.text)) !== null) {
    if (m[0].length < 6 || !isIPv6(m[0])) continue;
    s.add(m.index, m.index + m[0].length, 'IP_ADDRESS', 0.9);
  }
}

/** The domain text[from, to) has a dot after its first character, and 2-24 ASCII letters after the last. */
function hasTld(u: Uint16Array, from: number, to: number): boolean {
  let i = to;
  while (i > from && isAsciiLetter(u[i - 1]!)) i--;
  const letters = to - i;
  return letters >= 2 && letters <= 24 && i - 1 > from && u[i - 1]! === 46;
}

/** Emails: expand around each '@' with bounded scans rather than a regex that could go quadratic. */
/**
 * A role's mailbox is an organisation's, no person's (RFC 2142's info, sales, support, abuse, security,
 * postmaster, webmaster ..., and the no-reply, enquiries and complaints boxes banks and trusts write
 * from), with an optional qualifier ("security-alert", "customer.service"); the desks, referral and
 * booking boxes and team-lead lists a trust or a bank routes work through ("mortgagedesk", "referrals",
 * "team-leads"), and the departments' (claims, payments, fraud, reception, admin, careers, press, legal,
 * privacy and PALS boxes). Not "office" or "team" alone: a small practice's or a carer's own address is often one.
 */
const ROLE_MAILBOX =
  /^(?:no-?reply|do-?not-?reply|enquiries|enquiry|info|support|helpdesk|help|customer-?care|customer[._-]?services?|complaints|security|abuse|postmaster|hostmaster|webmaster|marketing|sales|billing|alerts?|notifications?|newsletter|referrals?|appointments?|bookings?|reservations|claims|payments|fraud|disputes|reception|admin|careers|jobs|recruitment|press|media|feedback|hello|finance|invoices|orders|returns|compliance|legal|privacy|dpo|gdpr|pals|safeguarding|membership|donations|[a-z]{0,12}[._-]?desk|team[._-]?(?:leads?|leaders?|managers?))(?:[._-][a-z]+)?$/i;

export function emails(s: Scan): void {
  const text = s.text;
  const u = s.codes;
  let at = text.indexOf('@');
  while (at !== -1) {
    let a = at;
    while (a > 0 && at - a < 64 && isLocalChar(u[a - 1]!)) a--;
    while (a < at && u[a]! === 46) a++;
    let b = at + 1;
    while (b < text.length && b - at < 255 && isDomainChar(u[b]!)) b++;
    while (b > at + 1 && (u[b - 1]! === 46 || u[b - 1]! === 45)) b--;
    if (a < at && hasTld(u, at + 1, b) && !ROLE_MAILBOX.test(text.slice(a, at))) s.add(a, b, 'EMAIL', 0.97);
    at = text.indexOf('@', Math.max(b, at + 1));
  }
}

function isLocalChar(c: number): boolean {
  return (
    (c >= 48 && c <= 57) ||
    (c >= 65 && c <= 90) ||
    (c >= 97 && c <= 122) ||
    c === 46 ||
    c === 95 ||
    c === 45 ||
    c === 43 ||
    c === 37 ||
    (c >= 0xc0 && c <= 0x24f)
  );
}

function isDomainChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 46 || c === 45;
}
