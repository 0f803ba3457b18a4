import { describe, expect, it } from 'vitest';
import { describeFollow, formatDuration, formatSternQuery, parseDuration, parseSternQuery, tokenize, type SternParse } from './stern-query';

const defaults = { clusters: ['demo'], namespace: 'shop', knownContexts: ['demo', 'edge'] };

function ok(result: SternParse) {
  if (!result.ok) throw new Error(`expected success, got: ${result.error}`);
  return result;
}

describe('parseSternQuery', () => {
  it('follows a workload in the current cluster and namespace', () => {
    const { options, label } = ok(parseSternQuery('deploy/frontend', defaults));
    expect(options).toEqual({ selectors: [{ cluster: 'demo', namespace: 'shop', kind: 'deployments', name: 'frontend' }] });
    expect(label).toBe('deploy/frontend in shop');
  });

  it('knows the kinds by their short and long names', () => {
    const kinds = ['sts/db', 'statefulset/db', 'ds/x', 'daemonsets/x', 'job/x', 'pod/x', 'po/x', 'rs/x', 'cj/x'].map(
      (q) => ok(parseSternQuery(q, defaults)).options.selectors[0]!.kind,
    );
    expect(kinds).toEqual(['statefulsets', 'statefulsets', 'daemonsets', 'daemonsets', 'jobs', 'pods', 'pods', 'replicasets', 'cronjobs']);
  });

  it('takes a bare word as a pod-name regex, with every stern option', () => {
    const { options } = ok(parseSternQuery("'^cart-.*' -c server -E istio-proxy --since 1h30m --tail 50 -l app=cart,tier!=db", defaults));
    expect(options).toEqual({
      selectors: [{ cluster: 'demo', namespace: 'shop', podPattern: '^cart-.*', labelSelector: 'app=cart,tier!=db' }],
      container: 'server',
      excludeContainer: 'istio-proxy',
      sinceSeconds: 5400,
      tail: 50,
    });
  });

  it('accepts long options with = and spreads over namespaces and contexts', () => {
    const { options } = ok(parseSternQuery('frontend --namespace=shop,ops --context=demo,edge --since=30s', defaults));
    expect(options.selectors.map((s) => `${s.cluster}/${s.namespace}`)).toEqual(['demo/shop', 'demo/ops', 'edge/shop', 'edge/ops']);
    expect(options.sinceSeconds).toBe(30);
  });

  it('follows every namespace with -A and a whole namespace with -n alone', () => {
    expect(ok(parseSternQuery('-l app=cart -A', defaults)).options.selectors).toEqual([{ cluster: 'demo', labelSelector: 'app=cart' }]);
    expect(ok(parseSternQuery('-n ops', defaults)).options.selectors).toEqual([{ cluster: 'demo', namespace: 'ops' }]);
    expect(ok(parseSternQuery('-n ops', defaults)).label).toBe('namespace ops');
  });

  it('names the bad token in every error', () => {
    const cases: Array<[string, RegExp, string]> = [
      ['deploy/frontend --since 5x', /"5x" is not a duration/, '5x'],
      ['deploy/frontend --tail many', /"many" is not a line count/, 'many'],
      ['deploy/frontend --follow', /Unknown option "--follow"/, '--follow'],
      ['deploy/frontend -l', /"-l" needs a value/, '-l'],
      ['svc/frontend', /unknown kind "svc"/, 'svc/frontend'],
      ['deploy/Front_End', /"Front_End" is not a valid deploy name/, 'deploy/Front_End'],
      ['cart-(', /not a valid pod-name regex/, 'cart-('],
      ['x -c "a[" ', /not a valid container regex/, 'a['],
      ['x -n Shop', /"Shop" is not a valid namespace name/, 'Shop'],
      ['x --context prod', /"--context prod": no such context/, 'prod'],
      ['-l "app in (cart"', /"-l app in \(cart": invalid label key/, 'app in (cart'],
      ['x --since 800h', /at most 720h/, '800h'],
      ['x --tail 200000', /not a line count/, '200000'],
      ['-A -A=1', /"-A" takes no value/, '-A=1'],
    ];
    for (const [query, message, token] of cases) {
      const result = parseSternQuery(query, defaults);
      expect(result.ok, query).toBe(false);
      if (result.ok) continue;
      expect(result.error, query).toMatch(message);
      expect(result.token, query).toBe(token);
    }
  });

  it('says what is missing when nothing is followed or no cluster is connected', () => {
    expect(parseSternQuery('  ', defaults)).toMatchObject({ ok: false, error: /Nothing to follow/ });
    expect(parseSternQuery('--since 5m', defaults)).toMatchObject({ ok: false, error: /Nothing to follow/ });
    expect(parseSternQuery('frontend', { clusters: [] })).toMatchObject({ ok: false, error: /No cluster/ });
    expect(parseSternQuery('a b c d e f g h i j k -n a,b,c,d,e', defaults)).toMatchObject({ ok: false, error: /Too many combinations/ });
    expect(parseSternQuery("'frontend", defaults)).toMatchObject({ ok: false, error: /Unclosed ' quote/ });
  });

  it('leaves the namespace out when the defaults have none (every namespace)', () => {
    expect(ok(parseSternQuery('frontend', { clusters: ['a', 'b'] })).options.selectors).toEqual([
      { cluster: 'a', podPattern: 'frontend' },
      { cluster: 'b', podPattern: 'frontend' },
    ]);
  });
});

describe('formatSternQuery', () => {
  it('writes options back as a query that parses to the same options', () => {
    for (const query of [
      'deploy/frontend -n shop --context demo',
      "'^cart (a|b)' -l app=cart -A -c server -E istio --since 1h30m --tail 100 --context demo,edge",
      '-n ops --context demo',
    ]) {
      const first = ok(parseSternQuery(query, defaults)).options;
      const written = formatSternQuery(first);
      expect(ok(parseSternQuery(written, defaults)).options, written).toEqual(first);
    }
  });

  it('describes what is followed in words', () => {
    expect(describeFollow(ok(parseSternQuery('^cart -A', defaults)).options)).toBe('pods matching ^cart in all namespaces');
    expect(describeFollow(ok(parseSternQuery('-l app=cart -n shop,ops', defaults)).options)).toBe('pods with app=cart in shop, ops');
  });
});

describe('tokens and durations', () => {
  it('splits like a shell', () => {
    expect(tokenize(`a "b c" 'd\\e' f\\ g ""`)).toEqual(['a', 'b c', 'd\\e', 'f g', '']);
  });

  it('reads Go durations and writes the shortest form', () => {
    expect(parseDuration('5m')).toBe(300);
    expect(parseDuration('1h30m10s')).toBe(5410);
    expect(parseDuration('1.5h')).toBe(5400);
    expect(parseDuration('500ms')).toBe(1);
    expect(parseDuration('5')).toBeUndefined();
    expect(parseDuration('m5')).toBeUndefined();
    expect(formatDuration(300)).toBe('5m');
    expect(formatDuration(5410)).toBe('1h30m10s');
    expect(formatDuration(3600)).toBe('1h');
    expect(formatDuration(0)).toBe('0s');
  });
});
