import type { AnalyzerMessage } from '../istio/analyze.ts';
import type { AnalyzeInput } from './resource.ts';

/** One of Istio's config analyzers (pkg/config/analysis.Analyzer), by its Metadata().Name. */
export interface Analyzer {
  name: string;
  description: string;
  analyze(input: AnalyzeInput): AnalyzerMessage[];
}
