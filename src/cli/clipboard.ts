/**
 * Copies text to the terminal's clipboard with OSC 52 (xterm, iTerm2, kitty, WezTerm, Windows
 * Terminal, tmux with `set-clipboard on`). Returns how it was copied, or null when stdout is not a
 * terminal or the text is too large for terminals to accept.
 */
export function osc52Copier(stdout: NodeJS.WritableStream & { isTTY?: boolean }, env: Record<string, string | undefined>): (text: string) => string | null {
  return (text) => {
    if (stdout.isTTY !== true) return null;
    const payload = Buffer.from(text, 'utf8').toString('base64');
    if (payload.length > 100_000) return null;
    const sequence = `\u001b]52;c;${payload}\u0007`;
    // Inside tmux the sequence is wrapped so tmux passes it to the outer terminal.
    stdout.write(env.TMUX ? `\u001bPtmux;${sequence.replace(/\u001b/g, '\u001b\u001b')}\u001b\\` : sequence);
    return 'terminal clipboard (OSC 52)';
  };
}
