import { isIPv4, isIPv6 } from 'node:net';

/**
 * The address login limits count by, from express's `request.ip` (which follows TRUST_PROXY).
 * An IPv4 client seen through an IPv6 socket counts as its IPv4 address. An IPv6 client counts by
 * its /64: one home or school network gets a whole /64, so counting single addresses would let
 * one client take a fresh address for every guess.
 */
export function loginAddress(ip: string | undefined): string {
  if (!ip) return 'unknown';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip)?.[1];
  if (mapped && isIPv4(mapped)) return mapped;
  if (!isIPv6(ip)) return ip;
  return `${expandIPv6(ip).slice(0, 4).join(':')}::/64`;
}

/** Eight 4-digit hextets, lower case (`2001:db8::1` → 2001, 0db8, 0000, …, 0001). */
function expandIPv6(ip: string): string[] {
  const withoutZone = (ip.split('%')[0] ?? '').toLowerCase();
  const [head, tail] = withoutZone.includes('::') ? withoutZone.split('::') : [withoutZone, undefined];
  const part = (text: string | undefined): string[] => (text ? text.split(':') : []);
  const toHextets = (groups: string[]): string[] =>
    groups.flatMap((group) => {
      if (!group.includes('.')) return [group];
      // An embedded IPv4 tail (`::ffff:1.2.3.4`, `64:ff9b::1.2.3.4`) is two hextets.
      const [a = 0, b = 0, c = 0, d = 0] = group.split('.').map(Number);
      return [((a << 8) | b).toString(16), ((c << 8) | d).toString(16)];
    });
  const left = toHextets(part(head));
  const right = toHextets(part(tail));
  const zeros = tail === undefined ? [] : Array<string>(8 - left.length - right.length).fill('0');
  return [...left, ...zeros, ...right].map((group) => group.padStart(4, '0'));
}
