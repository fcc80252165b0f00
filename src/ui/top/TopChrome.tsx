import { Box, Text } from 'ink';
import type { TopSnapshot } from '../../app/top-poller.ts';
import { formatAge, formatClock } from '../../core/top/format.ts';
import { FieldText } from '../components/FieldText.tsx';
import type { TextField } from '../state/text-field.ts';
import { clean, clip } from '../text.ts';
import { useTheme } from '../theme.ts';
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
  const theme = useTheme();
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
      <Text wrap="truncate-end">
        <Text {...theme.tone('title')}>meshtop </Text>
        <Text>{clip(clean(watching), Math.max(10, width - 60))}</Text>
        <Text {...theme.tone('muted')}>{`  ${clean(source)}  `}</Text>
        <Text {...theme.tone(snapshot.paused ? 'warn' : 'accent')}>{sampling}</Text>
      </Text>
      {errors.length > 0 ? (
        <Text {...theme.tone('bad')} wrap="truncate-end">{`${when} · ${clean(errors[0]!)}${errors.length > 1 ? ` (+${errors.length - 1} more)` : ''}`}</Text>
      ) : (
        <Text {...theme.tone('muted')} wrap="truncate-end">{`${when}${rates}`}</Text>
      )}
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
}: {
  filter: TextField;
  filtering: boolean;
  message?: string;
  shown: number;
  total: number;
}) {
  const theme = useTheme();
  if (filtering || filter.value !== '') {
    return (
      <Text wrap="truncate-end">
        <Text {...theme.tone('key')}>/</Text>
        <FieldText field={filter} focused={filtering} placeholder={filtering ? ' type to filter' : ''} />
        <Text {...theme.tone('muted')}>{`  ${shown} of ${total} rows${filtering ? '  (Enter keeps, Esc clears)' : '  (Esc clears)'}`}</Text>
      </Text>
    );
  }
  if (message)
    return (
      <Text {...theme.tone('warn')} wrap="truncate-end">
        {message}
      </Text>
    );
  return (
    <Text {...theme.tone('muted')} wrap="truncate-end">
      {HINTS}
    </Text>
  );
}

/** The `?` overlay, generated from the keymap. */
export function TopHelp({ height, width }: { height: number; width: number }) {
  const theme = useTheme();
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
        <Text key={i} {...(line.title ? theme.tone('title') : {})} wrap="truncate-end">
          {line.text || ' '}
        </Text>
      ))}
    </Box>
  );
}
