import { type CompiledRegex, compileRegex } from '../text/regex.ts';

/**
 * Envoy's `envoy.path.match.uri_template` (and the matching rewrite), ported from
 * source/extensions/path/uri_template_lib: a template such as `/books/{id}/**` is turned into an
 * RE2 pattern and FULL-matched against the path without its query.
 *
 * - `*` and a bare `{var}` match one non-empty segment (no `/`);
 * - `**` matches zero or more characters including `/`; no glob or variable may follow it;
 * - `{var=path/*}` captures the listed sub-pattern;
 * - literals are RFC 3986 pchars plus `=` (kLiteral in uri_template_internal.cc: sub-delims
 *   without `*` and `=`, then "user included" `=`), and `*`/`**` match the same set, so a glob
 *   takes `a=b` (PatternMatchRewriteDoubleEqual); at most 5 variables, names 1–16 chars.
 */
const LITERAL = "a-zA-Z0-9\\-._~%!$&'()+,;:@=";
const PATH_GLOB = `[${LITERAL}]+`;
const TEXT_GLOB = `[${LITERAL}/]*`;
const VALID_LITERAL = /^[a-zA-Z0-9\-._~%!$&'()+,;:@=]+$/;
const VALID_NAME = /^[a-zA-Z][a-zA-Z0-9_]*$/;

type Piece = { kind: 'literal'; text: string } | { kind: 'glob'; text: boolean } | { kind: 'var'; name: string; match: Piece[] };

export type UriTemplate = { ok: true; template: string; regex: string; variables: string[] } | { ok: false; template: string; error: string };

function escapeLiteral(text: string): string {
  return text.replace(/[$()+.]/g, (c) => `\\${c}`);
}

function toRegex(piece: Piece): string {
  if (piece.kind === 'literal') return escapeLiteral(piece.text);
  if (piece.kind === 'glob') return piece.text ? TEXT_GLOB : PATH_GLOB;
  return `(?P<${piece.name}>${piece.match.length === 0 ? PATH_GLOB : piece.match.map(toRegex).join('/')})`;
}

function consumeSegment(rest: string): { piece: Piece; rest: string } {
  if (rest.startsWith('**')) return { piece: { kind: 'glob', text: true }, rest: rest.slice(2) };
  if (rest.startsWith('*')) return { piece: { kind: 'glob', text: false }, rest: rest.slice(1) };
  if (rest.startsWith('{')) {
    const close = rest.indexOf('}');
    if (close === -1) throw new Error('unmatched variable bracket');
    const body = rest.slice(1, close);
    const eq = body.indexOf('=');
    const name = eq === -1 ? body : body.slice(0, eq);
    if (!VALID_NAME.test(name)) throw new Error(`invalid variable name "${name}"`);
    const match: Piece[] = [];
    if (eq !== -1) {
      const parts = body.slice(eq + 1).split('/');
      if (parts.some((p) => p === '')) throw new Error(`invalid variable match "${body}"`);
      for (const part of parts) {
        if (part === '**' || part === '*') match.push({ kind: 'glob', text: part === '**' });
        else if (VALID_LITERAL.test(part)) match.push({ kind: 'literal', text: part });
        else throw new Error(`invalid variable match "${body}"`);
      }
    }
    return { piece: { kind: 'var', name, match }, rest: rest.slice(close + 1) };
  }
  const slash = rest.indexOf('/');
  const text = slash === -1 ? rest : rest.slice(0, slash);
  if (!VALID_LITERAL.test(text)) throw new Error(`invalid literal "${text}"`);
  return { piece: { kind: 'literal', text }, rest: rest.slice(text.length) };
}

function globsIn(piece: Piece): boolean[] {
  if (piece.kind === 'glob') return [piece.text];
  if (piece.kind === 'var') return piece.match.length === 0 ? [false] : piece.match.filter((p) => p.kind === 'glob').map((p) => (p as { text: boolean }).text);
  return [];
}

function parse(template: string): { pieces: Piece[]; suffix: string } {
  if (!/^\/[\x21-\x7e]*$/.test(template)) throw new Error('a template starts with "/" and has only printable characters');
  const pieces: Piece[] = [];
  let suffix = '';
  let rest = template.slice(1);
  while (rest !== '') {
    const consumed = consumeSegment(rest);
    pieces.push(consumed.piece);
    rest = consumed.rest;
    if (rest === '') break;
    if (rest === '/') {
      pieces.push({ kind: 'literal', text: '' });
      break;
    }
    if (rest.startsWith('/')) {
      rest = rest.slice(1);
      continue;
    }
    if (!VALID_LITERAL.test(rest)) throw new Error(`invalid suffix "${rest}"`);
    suffix = rest;
    break;
  }
  const names = pieces.filter((p): p is Extract<Piece, { kind: 'var' }> => p.kind === 'var').map((p) => p.name);
  if (names.length > 5) throw new Error('more than 5 variables');
  if (names.some((n) => n.length > 16)) throw new Error('a variable name is longer than 16 characters');
  if (new Set(names).size !== names.length) throw new Error('repeated variable name');
  let seenTextGlob = false;
  for (const piece of pieces) {
    for (const isText of globsIn(piece)) {
      if (seenTextGlob) throw new Error('no glob or variable may follow "**"');
      seenTextGlob = isText;
    }
  }
  return { pieces, suffix };
}

const templates = new Map<string, UriTemplate>();

/** Parses and converts a path template (cached); an invalid one carries Envoy's reason. */
export function compileUriTemplate(template: string): UriTemplate {
  const hit = templates.get(template);
  if (hit) return hit;
  let result: UriTemplate;
  try {
    const { pieces, suffix } = parse(template);
    const regex = `/${pieces.map(toRegex).join('/')}${escapeLiteral(suffix)}`;
    const variables = pieces.filter((p): p is Extract<Piece, { kind: 'var' }> => p.kind === 'var').map((p) => p.name);
    result = { ok: true, template, regex, variables };
  } catch (error) {
    result = { ok: false, template, error: error instanceof Error ? error.message : String(error) };
  }
  templates.set(template, result);
  return result;
}

function compiled(template: UriTemplate): CompiledRegex | undefined {
  return template.ok ? compileRegex(template.regex) : undefined;
}

/** True when the path (without query) fully matches the template. */
export function matchUriTemplate(template: string, path: string): boolean {
  const re = compiled(compileUriTemplate(template));
  return re?.ok === true && re.re.matches(path);
}

/**
 * `path_template_rewrite` (e.g. `/v2/{id}`): substitutes the variables captured by the match
 * template. Undefined when the path does not match or the rewrite names an unknown variable
 * (Envoy keeps the original path then).
 */
export function rewriteUriTemplate(matchTemplate: string, rewrite: string, path: string): string | undefined {
  const re = compiled(compileUriTemplate(matchTemplate));
  if (!re?.ok) return undefined;
  const matcher = re.re.matcher(path);
  if (!matcher.matches()) return undefined;
  let out = '';
  let rest = rewrite;
  while (rest !== '') {
    const open = rest.indexOf('{');
    if (open === -1) {
      out += rest;
      break;
    }
    out += rest.slice(0, open);
    const close = rest.indexOf('}', open);
    if (close === -1) return undefined;
    const name = rest.slice(open + 1, close);
    if (!(name in re.re.namedGroups())) return undefined;
    out += matcher.group(name) ?? '';
    rest = rest.slice(close + 1);
  }
  return out;
}
