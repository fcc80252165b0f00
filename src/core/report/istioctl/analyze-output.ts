import type { AnalyzerLevel, AnalyzerMessage } from '../../istio/analyze.ts';
import { sanitizeLine } from '../../text/sanitize.ts';
import type { Style } from '../style.ts';
import { goJsonToYaml } from './go-yaml.ts';
import { goJsonIndent } from './proto-json.ts';

/**
 * `istioctl analyze`'s three output formats (istio/istio istioctl/pkg/util/formatting/formatter.go,
 * Print): `log` — one `Level [CODE] (origin) message` line per message (render), the level
 * coloured on a terminal; `json` — json.MarshalIndent with a tab of each message's Unstructured
 * map (keys sorted: code, documentationUrl, level, message, origin); `yaml` — the same through
 * sigs.k8s.io/yaml. Each is followed by the newline of its Fprintln. The origin carries no file
 * reference (`file.yaml:12`): meshscope does not keep line numbers.
 */
export type AnalyzeFormat = 'log' | 'json' | 'yaml';

const LEVEL_ROLE: Record<AnalyzerLevel, 'bad' | 'warn' | undefined> = { Error: 'bad', Warning: 'warn', Info: undefined };

function unstructured(m: AnalyzerMessage) {
  return {
    code: m.code,
    ...(m.documentationUrl === undefined ? {} : { documentationUrl: m.documentationUrl }),
    level: m.level,
    message: m.message,
    ...(m.origin === '' ? {} : { origin: m.origin }),
  };
}

/** One message as a log line; text from the files is sanitized (it is data). */
export function analyzeLogLine(m: AnalyzerMessage, style?: Style): string {
  const role = LEVEL_ROLE[m.level];
  const level = style && role ? style(role, m.level) : m.level;
  const origin = m.origin === '' ? '' : ` (${sanitizeLine(m.origin)})`;
  return `${level} [${m.code}]${origin} ${sanitizeLine(m.message)}`;
}

export function formatAnalyze(messages: readonly AnalyzerMessage[], format: AnalyzeFormat, style?: Style): string {
  if (format === 'json') return `${goJsonIndent(messages.map(unstructured), '\t')}\n`;
  if (format === 'yaml') return `${goJsonToYaml(messages.map(unstructured))}\n`;
  return `${messages.map((m) => analyzeLogLine(m, style)).join('\n')}\n`;
}
