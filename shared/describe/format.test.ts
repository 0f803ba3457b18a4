/** The building blocks: Go tabwriter alignment, link positions, times, ages, quantities, golden comparison. */
import { describe, expect, it } from 'vitest';
import { alignTabs } from './tabwriter';
import { compareDescribe } from './testing/golden';
import { formatQuantity, parseQuantity, add } from './quantity';
import { humanDuration, rfc1123z } from './time';
import { DescribeWriter } from './writer';

describe('alignTabs', () => {
  it('aligns a column block to its widest cell plus two, and a line without tabs ends the block', () => {
    expect(alignTabs('Name:\tx\nNamespace:\ty\nIPs:\n  IP:\tz\n').text).toBe('Name:       x\nNamespace:  y\nIPs:\n  IP:  z\n');
  });

  it('keeps the padding of an empty last cell and gives empty cells the padding width', () => {
    expect(alignTabs('Address:\t\nIngress Class:\tnginx\n').text).toBe('Address:        \nIngress Class:  nginx\n');
    expect(alignTabs('a\tb\t\tc\nlonger\tb\t\tc\n').text).toBe('a       b    c\nlonger  b    c\n');
  });

  it('starts a new block for a column when a line has fewer cells', () => {
    expect(alignTabs('  Host\tPath\tBackends\n  host\t\n    \t/long/path \tsvc\n').text).toBe(
      '  Host  Path  Backends\n  host  \n        /long/path   svc\n',
    );
  });
});

describe('DescribeWriter links', () => {
  it('maps a link written before alignment onto the aligned line', () => {
    const w = new DescribeWriter();
    w.write(0, 'Name:\tp\nControlled By:\t');
    w.ref('ReplicaSet/rs-1', { cluster: 'c', kind: 'replicasets', namespace: 'ns', name: 'rs-1' });
    w.write(0, '\n');
    const { text, links } = w.result();
    expect(text).toBe('Name:           p\nControlled By:  ReplicaSet/rs-1\n');
    expect(links).toEqual([{ line: 1, start: 16, end: 31, target: { cluster: 'c', kind: 'replicasets', namespace: 'ns', name: 'rs-1' } }]);
  });

  it('escapes terminal control characters from object content', () => {
    const w = new DescribeWriter();
    w.write(0, 'Message:\t\u001b[31mred\n');
    expect(w.result().text).toBe('Message:  ^[[31mred\n');
  });
});

describe('times and ages', () => {
  it('formats RFC1123Z in the given zone', () => {
    expect(rfc1123z('2026-11-21T21:10:41Z', 'UTC')).toBe('Sat, 21 Nov 2026 21:10:41 +0000');
    expect(rfc1123z('2026-11-21T21:10:41Z', 'Asia/Kolkata')).toBe('Sun, 22 Nov 2026 02:40:41 +0530');
    expect(rfc1123z('2026-07-01T12:00:00Z', 'America/New_York')).toBe('Wed, 01 Jul 2026 08:00:00 -0400');
  });

  it('follows HumanDuration', () => {
    const s = 1000;
    expect([0, 59 * s, 119 * s, 125 * s, 10 * 60 * s, 3 * 3600 * s + 60 * s, 7 * 3600 * s + 5 * 60 * s, 30 * 3600 * s, 3 * 86400 * s + 3600 * s, 400 * 86400 * s, 800 * 86400 * s].map(humanDuration))
      .toEqual(['0s', '59s', '119s', '2m5s', '10m', '3h1m', '7h5m', '30h', '3d1h', '400d', '2y70d']);
    expect(humanDuration(-1500)).toBe('0s');
    expect(humanDuration(-5000)).toBe('<invalid>');
  });
});

describe('quantities', () => {
  it('prints Go canonical forms', () => {
    const sum = (...xs: string[]): string => formatQuantity(xs.map((x) => parseQuantity(x)!).reduce(add));
    expect(sum('200m', '250m', '50m', '50m')).toBe('550m');
    expect(sum('32Mi', '128Mi', '256Mi', '64Mi')).toBe('480Mi');
    expect(sum('1', '500m')).toBe('1500m');
    expect(sum('0.5')).toBe('500m');
    expect(sum('1000000')).toBe('1M');
    expect(sum('1G', '0')).toBe('1G');
    expect(sum('128Mi', '1G')).toBe('1134217728');
    expect(sum('8Gi')).toBe('8Gi');
    expect(sum('1e3')).toBe('1e3');
  });
});

describe('compareDescribe', () => {
  it('reports a misaligned column and a missing section', () => {
    expect(compareDescribe('Name:  a\nNamespace:  b\n', 'Name:       a\nNamespace:  b\n')).toHaveLength(1);
    expect(compareDescribe('Name:  a\n', 'Name:  a\nEvents:  <none>\n')[0]).toMatch(/sections differ/);
  });

  it('ignores only times and ages', () => {
    const kubectl = 'Start:  Sat, 21 Nov 2026 21:10:41 +0000\nEvents:\n  Type    Reason  Age  From\n  ----    ------  ---  ----\n  Normal  Pulled  34s  kubelet\n';
    const ours = 'Start:  Mon, 23 Nov 2026 01:00:00 +0000\nEvents:\n  Type    Reason  Age    From\n  ----    ------  ---    ----\n  Normal  Pulled  2d20h  kubelet\n';
    expect(compareDescribe(ours, kubectl)).toEqual([]);
    expect(compareDescribe(ours.replace('kubelet', 'kubelet2'), kubectl)).toHaveLength(1);
  });
});
