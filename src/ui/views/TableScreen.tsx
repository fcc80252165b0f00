import { Box, Text } from 'ink';
import { FilterInput } from '../components/FilterInput.tsx';
import { OneLine } from '../components/OneLine.tsx';
import { Spinner } from '../components/Spinner.tsx';
import { Table } from '../components/Table.tsx';
import type { TableState } from '../table/table-state.ts';
import type { TableEntry } from '../tables/catalog.ts';
import { useTheme } from '../theme.ts';

export interface TableScreenProps {
  entry: TableEntry | undefined;
  table: TableState;
  filtering: boolean;
  width: number;
  /** Lines available, including the filter line. */
  height: number;
  /** What is being fetched while there is nothing to show yet. */
  loading?: string;
  /** Why there is nothing to show (with the remedy). */
  error?: string;
  /** Ctrl-W: every column that fits at its narrowest. */
  wide?: boolean;
  /** The raw view's sideways scroll (cells cut from each line's start); undefined: the table does not scroll sideways. */
  shift?: number;
}

/** Table lines that are not rows: the filter line, the column header, the detail line. */
export const TABLE_CHROME = 3;

/** A filterable table, or the honest reason it is not there yet (fetching, failed). */
export function TableScreen({ entry, table, filtering, width, height, loading, error, wide = false, shift }: TableScreenProps) {
  const theme = useTheme();
  if (!entry) {
    return (
      <Box flexDirection="column" height={height} flexShrink={0} overflow="hidden">
        {error ? (
          <Text {...theme.tone('bad')} wrap="wrap">
            {error}
          </Text>
        ) : (
          <Spinner label={loading ?? 'loading'} />
        )}
        {error ? <Text {...theme.tone('muted')}>r retries · q quits</Text> : null}
      </Box>
    );
  }
  const note = entry.model.note;
  const matches = entry.index.matches(table.filter.value).length;
  return (
    <Box flexDirection="column" height={height}>
      <FilterInput
        field={table.filter}
        focused={filtering}
        matches={matches}
        total={entry.model.rows.length}
        noun={wide ? `${entry.model.noun} · wide` : entry.model.noun}
        width={width}
      />
      {note ? <OneLine line={[{ text: note, tone: 'warn' }]} width={width} /> : null}
      <Table entry={entry} state={table} width={width} bodyHeight={height - TABLE_CHROME - (note ? 1 : 0)} wide={wide} shift={shift} />
    </Box>
  );
}
