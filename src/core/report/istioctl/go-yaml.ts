import type { Json } from '../../envoy/json.ts';
import { analyze, isBreak, isPrintable } from './go-yaml-analyze.ts';
import { goYamlKeyLess, goYamlNumber, isBase60Float, resolvesToNonString } from './go-yaml-scalars.ts';

/**
 * `sigs.k8s.io/yaml.JSONToYAML` as istioctl's `-o yaml` prints it: go-yaml v2's emitter (a port
 * of libyaml) over the decoded JSON. Map keys sorted in go-yaml's natural order, two-space
 * indent, sequences in a mapping not indented, empty collections as `{}`/`[]`, strings plain
 * when they read back as the same string, otherwise single- or double-quoted by libyaml's
 * scalar analysis, multi-line strings as literal blocks, long lines folded past column 80.
 */
const BEST_WIDTH = 80;

type Style = 'plain' | 'single' | 'double' | 'literal';

/** Strings libyaml may always write plain (when they do not read back as another type). */
const SIMPLE_PLAIN = /^[A-Za-z0-9_][A-Za-z0-9_./+-]*$/;

/** go-yaml's short escapes by code point. */
const ESCAPES = new Map<number, string>([
  [0x00, '0'],
  [0x07, 'a'],
  [0x08, 'b'],
  [0x09, 't'],
  [0x0a, 'n'],
  [0x0b, 'v'],
  [0x0c, 'f'],
  [0x0d, 'r'],
  [0x1b, 'e'],
  [0x22, '"'],
  [0x5c, '\\'],
  [0x85, 'N'],
  [0xa0, '_'],
  [0x2028, 'L'],
  [0x2029, 'P'],
]);

class Emitter {
  out = '';
  private column = 0;
  private whitespace = true;
  private indention = true;
  /** A `|+` block ends the document open: libyaml closes the stream with `...`. */
  private openEnded = false;

  private put(text: string): void {
    this.out += text;
    let n = text.length;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c >= 0xdc00 && c <= 0xdfff) n--;
    }
    this.column += n;
  }

  private putBreak(): void {
    this.out += '\n';
    this.column = 0;
  }

  private writeIndent(indent: number): void {
    if (!this.indention || this.column > indent || (this.column === indent && !this.whitespace)) this.putBreak();
    while (this.column < indent) this.put(' ');
    this.whitespace = true;
    this.indention = true;
  }

  private indicator(text: string, needWhitespace: boolean, isWhitespace: boolean, isIndention: boolean): void {
    if (needWhitespace && !this.whitespace) this.put(' ');
    this.put(text);
    this.whitespace = isWhitespace;
    this.indention = this.indention && isIndention;
    this.openEnded = false;
  }

  /** A node; `indent` is the emitter's indent when the node starts (-1 at the root). */
  node(value: Json, indent: number, inMapping: boolean, simpleKey = false): void {
    if (Array.isArray(value)) this.sequence(value, indent, inMapping);
    else if (value !== null && typeof value === 'object') this.mapping(value, indent);
    else if (typeof value === 'string') this.string(value, indent < 0 ? 2 : indent + 2, simpleKey);
    else this.plain(value === null ? 'null' : typeof value === 'number' ? goYamlNumber(value) : String(value), simpleKey);
  }

  private mapping(obj: Record<string, Json>, parent: number): void {
    const keys = Object.keys(obj).sort((a, b) => (goYamlKeyLess(a, b) ? -1 : goYamlKeyLess(b, a) ? 1 : 0));
    if (keys.length === 0) {
      this.indicator('{', true, true, false);
      this.indicator('}', false, false, false);
      return;
    }
    const indent = parent < 0 ? 0 : parent + 2;
    for (const key of keys) {
      this.writeIndent(indent);
      if (key.length > 42 && new TextEncoder().encode(key).length > 128) {
        this.indicator('?', true, false, true);
        this.node(key, indent, true);
        this.writeIndent(indent);
        this.indicator(':', true, false, true);
      } else {
        this.node(key, indent, true, true);
        this.indicator(':', false, false, false);
      }
      this.node(obj[key]!, indent, true);
    }
  }

  private sequence(items: Json[], parent: number, inMapping: boolean): void {
    if (items.length === 0) {
      this.indicator('[', true, true, false);
      this.indicator(']', false, false, false);
      return;
    }
    const indentless = inMapping && !this.indention;
    const indent = parent < 0 ? 0 : indentless ? parent : parent + 2;
    for (const item of items) {
      this.writeIndent(indent);
      this.indicator('-', true, false, true);
      this.node(item, indent, false);
    }
  }

  private plain(text: string, simpleKey: boolean, indent = 0): void {
    if (!this.whitespace) this.put(' ');
    if (!text.includes(' ')) {
      this.put(text);
      this.whitespace = false;
      this.indention = false;
      return;
    }
    const chars = [...text];
    let spaces = false;
    chars.forEach((c, i) => {
      if (c === ' ') {
        if (!simpleKey && !spaces && this.column > BEST_WIDTH && chars[i + 1] !== ' ') this.writeIndent(indent);
        else this.put(c);
        spaces = true;
      } else {
        this.put(c);
        this.indention = false;
        spaces = false;
      }
    });
    this.whitespace = false;
    this.indention = false;
  }

  private string(value: string, indent: number, simpleKey: boolean): void {
    const canUsePlain = !resolvesToNonString(value) && !isBase60Float(value);
    if (SIMPLE_PLAIN.test(value)) {
      // No spaces, quotes, indicators or line breaks: libyaml's analysis allows plain style.
      if (canUsePlain) this.plain(value, simpleKey, indent);
      else this.doubleQuoted([...value], indent, !simpleKey);
      return;
    }
    let style: Style = value.includes('\n') ? 'literal' : canUsePlain ? 'plain' : 'double';
    const chars = [...value];
    const a = analyze(chars);
    if (simpleKey && a.multiline) style = 'double';
    if (style === 'plain' && (!a.blockPlain || (chars.length === 0 && simpleKey))) style = 'single';
    if (style === 'single' && !a.singleQuoted) style = 'double';
    if (style === 'literal' && (!a.block || simpleKey)) style = 'double';
    if (style === 'plain') this.plain(value, simpleKey, indent);
    else if (style === 'single') this.singleQuoted(chars, indent, !simpleKey);
    else if (style === 'double') this.doubleQuoted(chars, indent, !simpleKey);
    else this.literal(chars, indent);
  }

  private singleQuoted(chars: string[], indent: number, allowBreaks: boolean): void {
    this.indicator("'", true, false, false);
    let spaces = false;
    let breaks = false;
    chars.forEach((c, i) => {
      if (c === ' ') {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && i > 0 && i < chars.length - 1 && chars[i + 1] !== ' ') this.writeIndent(indent);
        else this.put(c);
        spaces = true;
      } else if (isBreak(c)) {
        if (!breaks && c === '\n') this.putBreak();
        this.putBreak();
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent(indent);
        this.put(c === "'" ? "''" : c);
        this.indention = false;
        spaces = false;
        breaks = false;
      }
    });
    this.indicator("'", false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  private doubleQuoted(chars: string[], indent: number, allowBreaks: boolean): void {
    this.indicator('"', true, false, false);
    let spaces = false;
    chars.forEach((c, i) => {
      const v = c.codePointAt(0)!;
      if (!isPrintable(c) || v === 0xfeff || isBreak(c) || c === '"' || c === '\\') {
        const short = ESCAPES.get(v);
        if (short !== undefined) this.put(`\\${short}`);
        else if (v <= 0xff) this.put(`\\x${v.toString(16).toUpperCase().padStart(2, '0')}`);
        else if (v <= 0xffff) this.put(`\\u${v.toString(16).toUpperCase().padStart(4, '0')}`);
        else this.put(`\\U${v.toString(16).toUpperCase().padStart(8, '0')}`);
        spaces = false;
      } else if (c === ' ') {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && i > 0 && i < chars.length - 1) {
          this.writeIndent(indent);
          if (chars[i + 1] === ' ') this.put('\\');
        } else {
          this.put(c);
        }
        spaces = true;
      } else {
        this.put(c);
        spaces = false;
      }
    });
    this.indicator('"', false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  private literal(chars: string[], indent: number): void {
    this.indicator('|', true, false, false);
    if (chars[0] === ' ' || isBreak(chars[0])) this.indicator('2', false, false, false);
    const last = chars[chars.length - 1];
    this.openEnded = false;
    if (!isBreak(last)) this.indicator('-', false, false, false);
    else if (chars.length === 1 || isBreak(chars[chars.length - 2])) {
      this.indicator('+', false, false, false);
      this.openEnded = true;
    }
    this.putBreak();
    this.indention = true;
    this.whitespace = true;
    let breaks = true;
    for (const c of chars) {
      if (isBreak(c)) {
        if (c === '\n') this.putBreak();
        else {
          this.out += c;
          this.column = 0;
        }
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent(indent);
        this.put(c);
        this.indention = false;
        breaks = false;
      }
    }
  }

  /** Ends the document: libyaml writes a final line break. */
  finish(): string {
    this.writeIndent(0);
    if (this.openEnded) {
      this.indicator('...', true, false, false);
      this.writeIndent(0);
    }
    return this.out;
  }
}

/** The YAML text `yaml.JSONToYAML` produces for this JSON value (ends with a newline). */
export function goJsonToYaml(value: Json): string {
  const emitter = new Emitter();
  emitter.node(value, -1, false);
  return emitter.finish();
}
