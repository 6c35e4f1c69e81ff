import { loginAddress } from './client-address';

describe('loginAddress', () => {
  it('keeps IPv4 addresses and unwraps IPv4-mapped IPv6 ones', () => {
    expect(loginAddress('203.0.113.9')).toBe('203.0.113.9');
    expect(loginAddress('::ffff:203.0.113.9')).toBe('203.0.113.9');
    expect(loginAddress('::FFFF:127.0.0.1')).toBe('127.0.0.1');
  });

  it('counts an IPv6 client by its /64, however the address is written', () => {
    const net = '2001:0db8:0000:0042::/64';
    expect(loginAddress('2001:db8:0:42::1')).toBe(net);
    expect(loginAddress('2001:db8:0:42:abcd:ef01:2345:6789')).toBe(net);
    expect(loginAddress('2001:DB8:0:42:0:0:0:7%eth0')).toBe(net);
    expect(loginAddress('2001:db8:0:43::1')).not.toBe(net);
    expect(loginAddress('::1')).toBe('0000:0000:0000:0000::/64');
    expect(loginAddress('64:ff9b::192.0.2.33')).toBe('0064:ff9b:0000:0000::/64');
  });

  it('names a missing address rather than failing', () => {
    expect(loginAddress(undefined)).toBe('unknown');
  });
});
