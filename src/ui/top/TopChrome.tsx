import { Box } from 'ink';
import type { TopSnapshot } from '../../app/top-poller.ts';
import { formatAge, formatClock } from '../../core/top/format.ts';
import { fieldLine } from '../components/field-window.ts';
import { OneLine } from '../components/OneLine.tsx';
import type { TextField } from '../state/text-field.ts';
import { clean, clip } from '../text.ts';
import { topHelpSections } from './top-keymap.ts';

/** Every error of the last poll, one line each: proxy listing first, then per proxy. */
function pollErrors(snapshot: TopSnapshot): string[] {
  return [...snapshot.errors, ...snapshot.state.proxies.flatMap((p) => p.errors.map((e) => `${p.proxy}: ${e}`))];
}

/**
 * The two header lines: what is watched and from where, the sampling state (interval, paused);
 * then the last sample's time and age, and the first error with a count of the others.
 */
export function TopHeader({
  snapshot,
  polling,
  watching,
  source,
  now,
  width,
}: {
  snapshot: TopSnapshot;
  polling: boolean;
  watching: string;
  source: string;
  now: number;
  width: number;
}) {
  const sampledAt = snapshot.state.sampledAt;
  const sampling =
    snapshot.mode === 'since-start'
      ? 'recorded: averages since each Envoy started'
      : snapshot.paused
        ? 'PAUSED (Space resumes)'
        : `every ${snapshot.intervalMs / 1000}s${polling ? ' ●' : ''}`;
  const when =
    sampledAt === undefined
      ? snapshot.polls === 0
        ? 'reading the first sample…'
        : 'no sample yet'
      : `last sample ${formatClock(sampledAt)} UTC, ${formatAge(now - sampledAt)} ago`;
  const first = snapshot.state.proxies.find((p) => p.polls === 1 && snapshot.mode === 'live');
  const rates = first ? ' · rates need a second sample: —' : '';
  const errors = pollErrors(snapshot);
  return (
    <Box flexDirection="column" width={width}>
      <OneLine
        line={[
          { text: 'meshtop ', tone: 'title' },
          { text: clip(clean(watching), Math.max(10, width - 60)) },
          { text: `  ${clean(source)}  `, tone: 'muted' },
          { text: sampling, tone: snapshot.paused ? 'warn' : 'accent' },
        ]}
        width={width}
      />
      <OneLine
        line={
          errors.length > 0
            ? [{ text: `${when} · ${clean(errors[0]!)}${errors.length > 1 ? ` (+${errors.length - 1} more)` : ''}`, tone: 'bad' }]
            : [{ text: `${when}${rates}`, tone: 'muted' }]
        }
        width={width}
      />
    </Box>
  );
}

const HINTS = '? help  / filter  Enter drill/fold  e explain busiest  < > sort  I invert  Space pause  + - interval  q quit';

/** The bottom line: the filter while typing or set, else a message, else the key hints. */
export function TopFooter({
  filter,
  filtering,
  message,
  shown,
  total,
  width,
}: {
  filter: TextField;
  filtering: boolean;
  message?: string;
  shown: number;
  total: number;
  width: number;
}) {
  if (filtering || filter.value !== '') {
    const tail = `  ${shown} of ${total} rows${filtering ? '  (Enter keeps, Esc clears)' : '  (Esc clears)'}`;
    const query = fieldLine(filter, {
      focused: filtering,
      width: Math.max(Math.floor(width / 2), width - 1 - tail.length),
      placeholder: filtering ? ' type to filter' : '',
    });
    return <OneLine line={[{ text: '/', tone: 'key' }, ...query, { text: tail, tone: 'muted' }]} width={width} />;
  }
  return <OneLine line={[message ? { text: message, tone: 'warn' } : { text: HINTS, tone: 'muted' }]} width={width} />;
}

/** The `?` overlay, generated from the keymap. */
export function TopHelp({ height, width }: { height: number; width: number }) {
  const lines: { text: string; title?: boolean }[] = [];
  for (const section of topHelpSections()) {
    lines.push({ text: section.title, title: true });
    for (const [keys, description] of section.rows) lines.push({ text: `  ${keys.padEnd(18)} ${description}` });
  }
  lines.push(
    { text: '' },
    {
      text: 'Columns: RPS upstream requests/s · SUCCESS non-5xx share · WEIGHT→SEEN configured weight → observed share (! beyond chance, ? other routes share it) · * counter reset',
    },
  );
  return (
    <Box flexDirection="column" height={height} width={width}>
      {lines.slice(0, height).map((line, i) => (
        <OneLine key={i} line={[{ text: line.text, tone: line.title ? 'title' : undefined }]} width={width} />
      ))}
    </Box>
  );
}
