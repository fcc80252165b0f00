import { UsageError } from '../errors.ts';

/**
 * Kubernetes label selectors as `kubectl -l` takes them (k8s.io/apimachinery labels.Parse):
 * comma-separated requirements, all of which must hold — `app=reviews`, `app==reviews`,
 * `version!=v1`, `version in (v1,v2)`, `tier notin (cache)`, `canary` (the label exists),
 * `!canary` (it does not). meshtop matches them against the pod labels Istio puts in each proxy's
 * node metadata (`LABELS`), which proxy-status reports.
 */
export type LabelRequirement = { key: string; op: 'in' | 'notin'; values: string[] } | { key: string; op: 'exists' | '!exists' };

export type LabelSelector = LabelRequirement[];

const KEY = /^([a-z0-9A-Z]([-a-z0-9A-Z_.]*[a-z0-9A-Z])?\/)?[a-z0-9A-Z]([-a-z0-9A-Z_.]*[a-z0-9A-Z])?$/;
const VALUE = /^([a-z0-9A-Z]([-a-z0-9A-Z_.]*[a-z0-9A-Z])?)?$/;

/** Splits at commas that are not inside `( )`. */
function requirements(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')') depth--;
    else if (text[i] === ',' && depth === 0) {
      out.push(text.slice(start, i));
      start = i + 1;
    }
  }
  out.push(text.slice(start));
  return out.map((r) => r.trim());
}

function checkKey(key: string, text: string): string {
  if (!KEY.test(key)) throw new UsageError(`-l ${text}: "${key}" is not a label key`);
  return key;
}

function checkValue(value: string, text: string): string {
  if (!VALUE.test(value) || value.length > 63) throw new UsageError(`-l ${text}: "${value}" is not a label value`);
  return value;
}

function parseRequirement(part: string, text: string): LabelRequirement {
  const set = /^(\S+)\s+(in|notin)\s*\((.*)\)$/.exec(part);
  if (set) {
    const values = set[3]!.split(',').map((v) => checkValue(v.trim(), text));
    return { key: checkKey(set[1]!, text), op: set[2] as 'in' | 'notin', values };
  }
  const eq = /^([^!=\s]+)\s*(==|!=|=)\s*(\S*)$/.exec(part);
  if (eq) return { key: checkKey(eq[1]!, text), op: eq[2] === '!=' ? 'notin' : 'in', values: [checkValue(eq[3]!, text)] };
  if (part.startsWith('!')) return { key: checkKey(part.slice(1).trim(), text), op: '!exists' };
  return { key: checkKey(part, text), op: 'exists' };
}

/** Parses `-l`; an empty selector matches everything. Bad syntax is a UsageError naming the part. */
export function parseLabelSelector(text: string): LabelSelector {
  if (text.trim() === '') return [];
  return requirements(text).map((part) => {
    if (part === '') throw new UsageError(`-l ${text}: empty requirement`);
    return parseRequirement(part, text);
  });
}

export function matchesLabels(selector: LabelSelector, labels: Readonly<Record<string, string>>): boolean {
  return selector.every((r) => {
    const has = Object.hasOwn(labels, r.key);
    switch (r.op) {
      case 'exists':
        return has;
      case '!exists':
        return !has;
      case 'in':
        return has && r.values.includes(labels[r.key]!);
      case 'notin':
        return !has || !r.values.includes(labels[r.key]!);
      default:
        return false;
    }
  });
}
