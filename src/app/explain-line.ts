import type { ProxyConfig } from '../core/envoy/types.ts';
import { explain } from '../core/explain/explain.ts';
import type { ExplainResult } from '../core/explain/result.ts';
import { parseRequestLineWithOptions } from './request-line.ts';

/** The explain use case for a typed line: the trace, or why the line is not a request. */
export type ExplainOutcome = { result: ExplainResult; error?: undefined } | { result?: undefined; error: string };

export function explainRequestLine(config: ProxyConfig, typed: string): ExplainOutcome {
  try {
    const { request, randomValue, failure } = parseRequestLineWithOptions(typed);
    return { result: explain(config, request, { randomValue, ...(failure ? { failure } : {}) }) };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}
