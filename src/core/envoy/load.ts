import { readDocument } from './document.ts';
import { newDraft } from './draft.ts';
import { IssueSink } from './issues.ts';
import type { Json } from './json.ts';
import { textIssuesOf } from './json-text-issues.ts';
import { isBuilt, type Lazy, lazy } from './lazy.ts';
import { LoadCache } from './load-cache.ts';
import { reportMissingSections } from './missing-sections.ts';
import { buildIndex } from './proxy-index.ts';
import type { LoadIssue, ProxyConfig } from './types.ts';
import { guardUnreadSections } from './unread-sections.ts';

/** The reads each loaded config's issue list is finished from (`issueReadSteps`); kept beside the model, which stays plain data. */
const ISSUE_STEPS = new WeakMap<Lazy<LoadIssue[]>, () => Iterator<void>>();

/**
 * The parts `config.issues.value` reads before it lists the issues (each cluster and EDS entry's
 * fields, the virtual hosts), one step at a time, for reading them in the background; undefined
 * for a config not made by `loadProxyConfig`, or once the list is built.
 */
export function issueReadSteps(issues: Lazy<LoadIssue[]>): Iterator<void> | undefined {
  return isBuilt(issues) ? undefined : ISSUE_STEPS.get(issues)?.();
}

/**
 * Builds one proxy's model from the documents a user has for it, in any mix of the shapes below,
 * in snake_case (Envoy admin) or lowerCamelCase (istioctl `-o json`) protobuf JSON:
 *
 * - `istioctl proxy-config all POD -o json` or Envoy's `/config_dump[?include_eds]`;
 * - `istioctl proxy-config cluster|listener|route|eds POD -o json` arrays;
 * - Envoy's `/clusters?format=json` or `istioctl proxy-config endpoints POD -o json` (host health
 *   and outlier ejection);
 * - `istioctl proxy-config bootstrap|secret|ecds POD -o json`.
 *
 * Typically a config dump plus an endpoints file. Content meshscope does not know (unknown
 * `@type`s, fields, filters) is kept and listed in `issues`; missing sections are named there with
 * the command that captures them. Private key material is deleted from the given documents.
 *
 * A route config's virtual hosts are read on first use (see `parseRouteConfig`), and `issues` is
 * completed on first read, so the given documents must not be changed afterwards.
 *
 * @param docs parsed JSON documents (see `parseJsonDocument`), each with the file name used in messages
 * @param source what the user calls this proxy: a file name or `pod.namespace`
 * @throws InputError when a document has none of the shapes above
 */
export function loadProxyConfig(docs: { name: string; data: Json }[], source: string): ProxyConfig {
  const sink = new IssueSink();
  const draft = newDraft();
  const cache = new LoadCache();
  for (const doc of docs) {
    for (const issue of textIssuesOf(doc.data)) sink.report(issue);
    readDocument(doc.name, doc.data, draft, sink, cache);
  }
  reportMissingSections(draft, sink);
  const index = buildIndex(draft);
  guardUnreadSections(draft);
  const { unread, ...model } = draft;
  // Finished on first read: reading the issues reads the route configs' virtual hosts first.
  const issues = lazy(() => sink.finish());
  ISSUE_STEPS.set(issues, () => sink.readSteps());
  return { source, ...model, ...(unread.size > 0 ? { unread } : {}), issues, index };
}
