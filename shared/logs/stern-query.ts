/**
 * stern's command line as a query box: `deploy/frontend -n shop --since 5m`, `'^cart-' -c server`,
 * `-l app=cart -A`. Parsed into `LogFollowOptions` for the current cluster(s) and namespace; every
 * error names the token that is wrong.
 */
import { parseLabelSelector } from '../model/label-selector';
import type { LogFollowOptions, LogSelector } from '../model/logs';

export type FollowKind = NonNullable<LogSelector['kind']>;

/** What the query box falls back to: the clusters and namespace the rest of the UI shows. */
export interface SternDefaults {
  clusters: string[];
  /** Absent: every namespace. */
  namespace?: string;
  /** Contexts that exist; `--context` must name one of them. Absent: not checked. */
  knownContexts?: readonly string[];
}

export type SternParse =
  | { ok: true; options: LogFollowOptions; label: string }
  | { ok: false; error: string; token?: string };

const KIND_ALIASES: Record<string, FollowKind> = {
  po: 'pods', pod: 'pods', pods: 'pods',
  deploy: 'deployments', deployment: 'deployments', deployments: 'deployments',
  rs: 'replicasets', replicaset: 'replicasets', replicasets: 'replicasets',
  sts: 'statefulsets', statefulset: 'statefulsets', statefulsets: 'statefulsets',
  ds: 'daemonsets', daemonset: 'daemonsets', daemonsets: 'daemonsets',
  job: 'jobs', jobs: 'jobs',
  cj: 'cronjobs', cronjob: 'cronjobs', cronjobs: 'cronjobs',
};

/** The short names the query box writes back (kubectl's and stern's). */
export const KIND_SHORT: Record<FollowKind, string> = {
  pods: 'pod', deployments: 'deploy', replicasets: 'rs', statefulsets: 'sts', daemonsets: 'ds', jobs: 'job', cronjobs: 'cj',
};

/** The host accepts at most this many selectors in one follow. */
const MAX_SELECTORS = 50;
const MAX_SINCE_SECONDS = 30 * 86_400;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const DURATION_PART = /(\d+(?:\.\d+)?)(ms|s|m|h)/y;
const UNIT_SECONDS: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600 };

type Flag = 'selector' | 'container' | 'exclude' | 'since' | 'tail' | 'namespace' | 'all' | 'context';
const FLAGS: Record<string, Flag> = {
  '-l': 'selector', '--selector': 'selector',
  '-c': 'container', '--container': 'container',
  '-E': 'exclude', '--exclude-container': 'exclude',
  '-s': 'since', '--since': 'since',
  '--tail': 'tail',
  '-n': 'namespace', '--namespace': 'namespace',
  '-A': 'all', '--all-namespaces': 'all',
  '--context': 'context',
};

/** Splits like a shell: whitespace separates, single and double quotes group, backslash escapes. */
export function tokenize(text: string): string[] | { error: string } {
  const tokens: string[] = [];
  let current = '';
  let inToken = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quote) {
      if (ch === quote) quote = undefined;
      else if (ch === '\\' && quote === '"' && i + 1 < text.length) current += text[++i];
      else current += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      inToken = true;
    } else if (ch === '\\' && i + 1 < text.length) {
      current += text[++i];
      inToken = true;
    } else if (/\s/.test(ch)) {
      if (inToken) tokens.push(current);
      current = '';
      inToken = false;
    } else {
      current += ch;
      inToken = true;
    }
  }
  if (quote) return { error: `Unclosed ${quote} quote` };
  if (inToken) tokens.push(current);
  return tokens;
}

/** stern's `--since`: Go durations (`30s`, `5m`, `1h30m`, `500ms`). Whole seconds, at least 1. */
export function parseDuration(text: string): number | undefined {
  if (text === '') return undefined;
  let seconds = 0;
  DURATION_PART.lastIndex = 0;
  let at = 0;
  while (at < text.length) {
    DURATION_PART.lastIndex = at;
    const m = DURATION_PART.exec(text);
    if (!m) return undefined;
    seconds += Number(m[1]) * UNIT_SECONDS[m[2]!]!;
    at = DURATION_PART.lastIndex;
  }
  return Math.max(1, Math.ceil(seconds));
}

/** Seconds back as the shortest duration stern accepts: 300 → `5m`, 5400 → `1h30m`. */
export function formatDuration(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return `${h ? `${h}h` : ''}${m ? `${m}m` : ''}${s || (!h && !m) ? `${s}s` : ''}`;
}

function regexError(pattern: string): string | undefined {
  try {
    new RegExp(pattern);
    return undefined;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

function selectorError(selector: string): string | undefined {
  if (selector.trim() === '') return 'is empty';
  try {
    parseLabelSelector(selector);
    return undefined;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

interface Target {
  kind?: FollowKind;
  name?: string;
  podPattern?: string;
}

function parseTarget(token: string): Target | { error: string } {
  const slash = token.indexOf('/');
  if (slash > 0) {
    const alias = token.slice(0, slash);
    const kind = KIND_ALIASES[alias.toLowerCase()];
    if (kind) {
      const name = token.slice(slash + 1);
      if (!DNS_SUBDOMAIN.test(name)) return { error: `"${token}": "${name}" is not a valid ${KIND_SHORT[kind]} name` };
      return { kind, name };
    }
    if (/^[a-z]+$/i.test(alias)) {
      return { error: `"${token}": unknown kind "${alias}" (use pod, deploy, sts, ds, job, rs or cj)` };
    }
  }
  const problem = regexError(token);
  if (problem) return { error: `"${token}" is not a valid pod-name regex: ${problem}` };
  return { podPattern: token };
}

/** Parses the query box. `defaults` supply the clusters and namespace when no flag names them. */
export function parseSternQuery(text: string, defaults: SternDefaults): SternParse {
  const tokens = tokenize(text);
  if (!Array.isArray(tokens)) return { ok: false, error: tokens.error };
  const targets: Target[] = [];
  const namespaces: string[] = [];
  const contexts: string[] = [];
  const selectors: string[] = [];
  let allNamespaces = false;
  const options: Omit<LogFollowOptions, 'selectors'> = {};
  const fail = (error: string, token: string): SternParse => ({ ok: false, error, token });

  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (!token.startsWith('-') || token === '-') {
      const target = parseTarget(token);
      if ('error' in target) return fail(target.error, token);
      targets.push(target);
      continue;
    }
    const eq = token.startsWith('--') ? token.indexOf('=') : token.length > 2 && token[2] === '=' ? 2 : -1;
    const flagText = eq > 0 ? token.slice(0, eq) : token;
    const flag = FLAGS[flagText];
    if (!flag) return fail(`Unknown option "${flagText}" (stern options: -l, -c, -E, --since, --tail, -n, -A, --context)`, token);
    if (flag === 'all') {
      if (eq > 0) return fail(`"${flagText}" takes no value`, token);
      allNamespaces = true;
      continue;
    }
    let value: string;
    if (eq > 0) value = token.slice(eq + 1);
    else {
      const next = tokens[i + 1];
      if (next === undefined) return fail(`"${flagText}" needs a value`, token);
      value = next;
      i++;
    }
    switch (flag) {
      case 'selector': {
        const problem = selectorError(value);
        if (problem) return fail(`"-l ${value}": ${problem}`, value);
        selectors.push(value);
        break;
      }
      case 'container':
      case 'exclude': {
        const problem = regexError(value);
        if (problem) return fail(`"${flagText} ${value}": not a valid container regex: ${problem}`, value);
        if (flag === 'container') options.container = value;
        else options.excludeContainer = value;
        break;
      }
      case 'since': {
        const seconds = parseDuration(value);
        if (seconds === undefined) return fail(`"${flagText} ${value}": "${value}" is not a duration (use 30s, 5m, 1h or 1h30m)`, value);
        if (seconds > MAX_SINCE_SECONDS) return fail(`"${flagText} ${value}": at most 720h (30 days)`, value);
        options.sinceSeconds = seconds;
        break;
      }
      case 'tail': {
        if (!/^-?\d+$/.test(value) || Number(value) < -1 || Number(value) > 100_000) return fail(`"--tail ${value}": "${value}" is not a line count (0 to 100000, -1 for all)`, value);
        options.tail = Number(value);
        break;
      }
      case 'namespace':
        for (const ns of value.split(',')) {
          if (!DNS_LABEL.test(ns)) return fail(`"${flagText} ${value}": "${ns}" is not a valid namespace name`, value);
          namespaces.push(ns);
        }
        break;
      case 'context':
        for (const ctx of value.split(',')) {
          if (ctx === '') return fail(`"--context ${value}": empty context name`, value);
          if (defaults.knownContexts && !defaults.knownContexts.includes(ctx)) return fail(`"--context ${ctx}": no such context`, value);
          contexts.push(ctx);
        }
        break;
    }
  }

  if (targets.length === 0 && selectors.length === 0 && namespaces.length === 0 && !allNamespaces) {
    return { ok: false, error: 'Nothing to follow: give a pod or workload (deploy/frontend), a pod-name regex, -l selector or -n namespace' };
  }
  if (selectors.length > 1) return fail('Only one -l selector (combine requirements with commas: -l app=cart,tier=web)', selectors[1]!);
  const clusters = contexts.length > 0 ? contexts : defaults.clusters;
  if (clusters.length === 0) return { ok: false, error: 'No cluster to follow in: connect a context or name one with --context' };
  const scopes: Array<string | undefined> = allNamespaces ? [undefined] : namespaces.length > 0 ? namespaces : [defaults.namespace];
  const labelSelector = selectors[0];
  const wanted: Target[] = targets.length > 0 ? targets : [{}];

  if (clusters.length * scopes.length * wanted.length > MAX_SELECTORS) {
    return { ok: false, error: `Too many combinations: ${clusters.length} contexts × ${scopes.length} namespaces × ${wanted.length} queries is over ${MAX_SELECTORS} (use a regex or -A)` };
  }
  const built: LogSelector[] = [];
  for (const cluster of clusters) {
    for (const namespace of scopes) {
      for (const target of wanted) {
        const selector: LogSelector = { cluster };
        if (namespace !== undefined) selector.namespace = namespace;
        if (target.kind) selector.kind = target.kind;
        if (target.name !== undefined) selector.name = target.name;
        if (target.podPattern !== undefined) selector.podPattern = target.podPattern;
        if (labelSelector !== undefined) selector.labelSelector = labelSelector;
        built.push(selector);
      }
    }
  }
  return { ok: true, options: { selectors: built, ...options }, label: describeFollow({ selectors: built, ...options }) };
}

function targetText(s: LogSelector): string | undefined {
  if (s.kind && s.name !== undefined) return `${KIND_SHORT[s.kind]}/${s.name}`;
  return s.podPattern;
}

function quoteIfNeeded(value: string): string {
  return /^[^\s'"\\]+$/.test(value) ? value : `'${value.replaceAll("'", "'\\''")}'`;
}

/**
 * Writes options back as a query the parser reads to the same options (for selectors that share
 * one namespace scope and label selector, which is all the query box and `openFor` produce).
 */
export function formatSternQuery(options: LogFollowOptions): string {
  const parts: string[] = [];
  const targets = [...new Set(options.selectors.map(targetText).filter((t): t is string => t !== undefined))];
  parts.push(...targets.map(quoteIfNeeded));
  const label = options.selectors.find((s) => s.labelSelector !== undefined)?.labelSelector;
  if (label !== undefined) parts.push('-l', quoteIfNeeded(label));
  const namespaces = [...new Set(options.selectors.map((s) => s.namespace))];
  if (namespaces.includes(undefined)) parts.push('-A');
  else if (namespaces.length > 0) parts.push('-n', namespaces.join(','));
  if (options.container !== undefined) parts.push('-c', quoteIfNeeded(options.container));
  if (options.excludeContainer !== undefined) parts.push('-E', quoteIfNeeded(options.excludeContainer));
  if (options.sinceSeconds !== undefined) parts.push('--since', formatDuration(options.sinceSeconds));
  if (options.tail !== undefined) parts.push('--tail', String(options.tail));
  const clusters = [...new Set(options.selectors.map((s) => s.cluster))];
  if (clusters.length > 0) parts.push('--context', clusters.join(','));
  return parts.join(' ');
}

/** What is followed, in words for the view's heading: "deploy/frontend in shop". */
export function describeFollow(options: LogFollowOptions): string {
  const targets = [...new Set(options.selectors.map(targetText).filter((t): t is string => t !== undefined))]
    .map((t) => (options.selectors.some((s) => s.podPattern === t) ? `pods matching ${t}` : t));
  const label = options.selectors.find((s) => s.labelSelector !== undefined)?.labelSelector;
  if (label !== undefined) targets.push(`pods with ${label}`);
  const namespaces = [...new Set(options.selectors.map((s) => s.namespace))];
  const where = namespaces.includes(undefined) ? 'all namespaces' : namespaces.join(', ');
  if (targets.length === 0) return namespaces.includes(undefined) ? 'all namespaces' : `namespace ${where}`;
  return `${targets.join(', ')} in ${where}`;
}
