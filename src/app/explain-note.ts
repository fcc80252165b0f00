import type { ExplainResult } from '../core/explain/result.ts';
import { renderExplainMarkdown } from '../core/report/explain-markdown.ts';
import type { MeshSource } from './mesh-source.ts';
import { splitRequestLine } from './request-line.ts';
import type { Workload } from './workload.ts';

/** Where incident notes go: a file (and maybe the clipboard). Implemented in sources/ and cli/. */
export interface NoteSink {
  /** Writes the note; returns where it went (a path to show the user). */
  write(fileName: string, markdown: string): Promise<string>;
  /** Copies the note; returns how (e.g. `terminal clipboard (OSC 52)`), or null when no clipboard is available. */
  copy?(markdown: string): string | null;
}

export interface ExplainNote {
  fileName: string;
  markdown: string;
}

function stamp(epochMs: number): string {
  return new Date(epochMs)
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replace(/[-:]/g, '')
    .replace('T', '-');
}

function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * The Markdown note for one explained request, with provenance (proxy; source; when the data was
 * fetched or captured, or for a dump file when it was modified) and
 * the command that reproduces it. `sourceFlags` are the CLI flags that select the same proxy
 * (`--file … --endpoints …`, or `POD.NS` live).
 */
export function explainNote(
  result: ExplainResult,
  typed: string,
  workload: Workload,
  options: { sourceLabel: string; sourceKind: MeshSource['kind']; sourceFlags?: string; now: number },
): ExplainNote {
  const { line, headers, connection, random, status } = splitRequestLine(typed);
  // How the client connects (--sni '' sends none, so an empty value is kept, quoted).
  const connect = (['sni', 'alpn', 'ip'] as const).map((k) => (connection[k] === undefined ? '' : ` --${k} ${shellQuote(connection[k])}`)).join('');
  const extra = `${connect}${random === undefined ? '' : ` --random ${shellQuote(random)}`}${status === undefined ? '' : ` --status ${shellQuote(status)}`}`;
  const command = options.sourceFlags
    ? `meshscope explain ${options.sourceFlags}${extra} ${shellQuote(line)}${headers.map((h) => ` -H ${shellQuote(h)}`).join('')} -o markdown`
    : undefined;
  const at = new Date(workload.fetchedAt).toISOString();
  const markdown = renderExplainMarkdown(result, {
    // A dump file does not say when it was captured: its modification time is all there is.
    ...(options.sourceKind === 'file' ? { modifiedAt: at } : { capturedAt: at }),
    source: options.sourceLabel,
    istioVersion: workload.config.node?.istioVersion,
    command,
  });
  const slug = `${result.request.authority}${result.request.path}`
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40);
  return { fileName: `meshscope-${stamp(options.now)}-${slug || 'explain'}.md`, markdown };
}

/** Writes the note and copies it where possible; returns one status line for the user. */
export async function saveExplainNote(note: ExplainNote, sink: NoteSink): Promise<string> {
  const where = await sink.write(note.fileName, note.markdown);
  const copied = sink.copy?.(note.markdown) ?? null;
  return `note written to ${where}${copied ? `; sent to the ${copied}` : '; no clipboard available (not copied)'}`;
}
