import { InputError } from '../errors.ts';
import { sanitizeLine, stripColour } from '../text/sanitize.ts';
import type { Json } from './json.ts';
import { checkJsonDepth } from './json-depth.ts';
import { checkJsonSyntax } from './json-syntax.ts';
import { attachTextIssues, jsonTextIssues } from './json-text-issues.ts';

/**
 * Parses a file's text as JSON, or throws an InputError whose one-line message names the file and
 * says what is wrong: empty, truncated (a capture cut short), not JSON at all (what it starts
 * with: YAML, an HTML error page, an istioctl table), or a syntax error with line and column.
 * Whether the JSON has a shape meshscope reads is checked later, by `loadProxyConfig`.
 */
const EXPECTED = 'expected JSON (an Envoy config dump, istioctl -o json output or /clusters?format=json)';
const VALUE_START = /^[{["\-0-9tfn]/;

function lineAndColumn(text: string, index: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: index - lineStart + 1 };
}

function quote(text: string): string {
  // A file that holds a tool's coloured error (istioctl's `Error:` in red) is quoted without the colour; other controls visibly.
  // Only the start is quoted: the text may be hundreds of megabytes on one line (a gzip of zeros).
  const head = text.trimStart().slice(0, 400);
  const firstLine = sanitizeLine(stripColour(head.split('\n')[0] ?? '')).trim();
  return JSON.stringify(firstLine.length > 40 ? `${firstLine.slice(0, 39).trimEnd()}…` : firstLine);
}

export function parseJsonDocument(name: string, text: string): Json {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let value: Json;
  try {
    value = JSON.parse(body) as Json;
  } catch (error) {
    throw new InputError(name, explain(body, error));
  }
  const keys = checkJsonDepth(name, body, value);
  attachTextIssues(value, jsonTextIssues(name, body, value, keys));
  return value;
}

function explain(text: string, error: unknown): string {
  const trimmed = text.trimStart();
  if (trimmed === '') return `is empty; ${EXPECTED}`;
  if (!VALUE_START.test(trimmed)) {
    const yaml = /^[\w.-]+:(\s|$)/.test(trimmed) || trimmed.startsWith('---') ? ' (YAML? ask istioctl for -o json)' : '';
    return `is not JSON: it starts with ${quote(trimmed)}${yaml}; ${EXPECTED}`;
  }
  const syntax = checkJsonSyntax(text);
  if (syntax.kind === 'eof') {
    const { line } = lineAndColumn(text, text.trimEnd().length);
    return `is truncated: the JSON ends unexpectedly at line ${line} (was the capture cut short?)`;
  }
  if (syntax.kind === 'error') {
    const { line, column } = lineAndColumn(text, syntax.index);
    const code = text.charCodeAt(syntax.index);
    const shown = code < 0x20 ? `control character U+${code.toString(16).padStart(4, '0').toUpperCase()}` : JSON.stringify(sanitizeLine(text[syntax.index]!));
    return `is not valid JSON: unexpected ${shown} at line ${line}, column ${column}`;
  }
  return `cannot be parsed as JSON: ${sanitizeLine(error instanceof Error ? error.message : String(error))}`;
}
