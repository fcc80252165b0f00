/**
 * Text that comes from the cluster (names, header values, stderr lines) is data. Before it reaches
 * a terminal, strip ANSI/VT escape sequences (CSI, OSC, DCS, single-character escapes) and other
 * C0/C1 control characters so a crafted resource name cannot move the cursor, retitle the window
 * or hide output.
 */
// eslint-disable-next-line no-control-regex
const ESCAPES = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b[\]PX^_][\s\S]*?(?:\u0007|\u001b\\|$)|\u009b[0-?]*[ -/]*[@-~]|\u001b[@-Z\\-_]?/g;
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/** Removes escape sequences and control characters but keeps newlines and tabs. */
export function sanitizeText(text: string): string {
  return text.replace(ESCAPES, '').replace(CONTROLS, '');
}

/** Like sanitizeText, and also folds newlines and tabs into spaces: for one-line messages. */
export function sanitizeLine(text: string): string {
  return sanitizeText(text).replace(/[\n\t]/g, ' ');
}
