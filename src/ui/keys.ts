import type { Key } from 'ink';

/**
 * A key press in the names the keymap uses: `j`, `G`, `?`, `enter`, `escape`, `up`, `pagedown`,
 * `ctrl+c`, `shift+tab`. `text` is what the key types in a text field ('' for non-printing keys).
 */
export interface KeyPress {
  name: string;
  text: string;
}

const special = (name: string): KeyPress => ({ name, text: '' });

/**
 * Ink hands over one event per read: a single key, or a whole chunk when keys arrive together
 * (typing fast, pasting, `tmux send-keys`). Chunks are split into key presses, in order.
 */
export function keyPresses(input: string, key: Key): KeyPress[] {
  if (key.upArrow) return [special('up')];
  if (key.downArrow) return [special('down')];
  if (key.leftArrow) return [special('left')];
  if (key.rightArrow) return [special('right')];
  if (key.pageUp) return [special('pageup')];
  if (key.pageDown) return [special('pagedown')];
  if (key.home) return [special('home')];
  if (key.end) return [special('end')];
  if (key.return) return [special('enter')];
  if (key.escape) return [special('escape')];
  if (key.tab) return [special(key.shift ? 'shift+tab' : 'tab')];
  // Terminals send DEL (0x7f) for Backspace; Ink reports it as delete. Both erase to the left.
  if (key.backspace || key.delete) return [special('backspace')];
  if (key.ctrl && input.length === 1) return [special(`ctrl+${input.toLowerCase()}`)];
  const out: KeyPress[] = [];
  for (const ch of input) {
    if (ch === '\r' || ch === '\n') out.push(special('enter'));
    else if (ch === '\t') out.push(special('tab'));
    else if (ch === '\u007f' || ch === '\b') out.push(special('backspace'));
    else if (ch === '\u0003') out.push(special('ctrl+c'));
    else if (ch >= ' ') out.push({ name: ch, text: ch });
  }
  return out;
}
