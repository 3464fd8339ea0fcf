import {
  Box,
  Checkbox,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TableSortLabel,
  Tooltip,
  Typography,
} from '@mui/material';
import ChatBubbleOutline from '@mui/icons-material/ChatBubbleOutline';
import { useTranslation } from 'react-i18next';
import type { ItemOf } from '../../../app/api';
import { useFormat } from '../../../ui/format';
import { PriorityFlag, StatusChip } from '../../../ui/ticket-bits';
import { SnippetLine } from '../../../ui/SearchSnippet';
import { UserText } from '../../../ui/UserText';
import { SlaChip } from '../../sla/SlaChip';
import { Assignees, Requester, rowBackground, SubjectLink, UpdatedText, WaitingText } from './cells';
import type { Sort } from './filters';
import type { ListViewProps } from './listView';
import { visuallyHidden } from '../../../ui/visually-hidden';

type TTicketListItem = ItemOf<'listTickets'>;

/** Sortable columns: the sort a first click picks, and its opposite. */
const SORTABLE: Record<string, [Sort, Sort]> = {
  priority: ['priority', '-priority'],
  number: ['-number', 'number'],
  subject: ['subject', '-subject'],
  requester: ['email', '-email'],
  department: ['department', '-department'],
  status: ['status', '-status'],
  waiting: ['waiting', '-waiting'],
  updated: ['-updated', 'updated'],
};

function SortHeader({
  col,
  label,
  sort,
  onSort,
}: {
  col: string;
  label: string;
  sort: Sort;
  onSort: (s: Sort) => void;
}) {
  const pair = SORTABLE[col];
  const active = pair.includes(sort);
  // "waiting" means the longest wait first: shown as descending time.
  const desc = col === 'waiting' ? sort === 'waiting' : sort.startsWith('-');
  return (
    <TableCell sortDirection={active ? (desc ? 'desc' : 'asc') : false} sx={{ whiteSpace: 'nowrap' }}>
      <TableSortLabel
        active={active}
        direction={active ? (desc ? 'desc' : 'asc') : 'asc'}
        onClick={() => onSort(active ? (sort === pair[0] ? pair[1] : pair[0]) : pair[0])}
        // The hidden arrow of every other column would still take its room; the table needs it.
        sx={{ '& .MuiTableSortLabel-icon': { display: active ? undefined : 'none' } }}
      >
        {label}
      </TableSortLabel>
    </TableCell>
  );
}

/** The queue as a table (desktop). */
export function TicketTable({
  items,
  selected,
  canSelect,
  onToggle,
  onToggleAll,
  focusIndex,
  onFocusRow,
  changes,
  sort,
  onSort,
  now,
  linkRefs,
}: ListViewProps & { sort: Sort; onSort: (s: Sort) => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const all = items.length > 0 && items.every((i) => selected.has(i.number));
  const some = items.some((i) => selected.has(i.number));
  // The SLA column only where some ticket has a policy (most workspaces without SLAs see no change).
  const withSla = items.some((i) => i.sla);
  const head = (col: string) => <SortHeader col={col} label={t(`center.col.${col}`)} sort={sort} onSort={onSort} />;
  return (
    <Box sx={{ overflowX: 'auto' }}>
      <Table size="small" aria-label={t('center.tableLabel')} sx={{ '& td, & th': { px: 1 } }}>
        <TableHead>
          <TableRow>
            {canSelect && (
              <TableCell padding="checkbox">
                <Checkbox
                  checked={all}
                  indeterminate={some && !all}
                  // MUI says aria-checked="mixed"; the native flag must agree for assistive tech (and axe).
                  inputRef={(el: HTMLInputElement | null) => void (el && (el.indeterminate = some && !all))}
                  onChange={onToggleAll}
                  slotProps={{ input: { 'aria-label': t('center.selectAll') } }}
                  data-testid="select-all"
                />
              </TableCell>
            )}
            {head('priority')}
            {head('number')}
            {head('subject')}
            {head('requester')}
            {head('department')}
            {head('status')}
            <TableCell>{t('center.col.assignees')}</TableCell>
            <TableCell>
              <Tooltip title={t('center.col.messages')}>
                <ChatBubbleOutline
                  fontSize="small"
                  sx={{ verticalAlign: 'middle', color: 'text.secondary' }}
                  aria-hidden
                />
              </Tooltip>
              <Box component="span" sx={visuallyHidden}>
                {t('center.col.messages')}
              </Box>
            </TableCell>
            {head('waiting')}
            {withSla && <TableCell sx={{ whiteSpace: 'nowrap' }}>{t('center.col.sla')}</TableCell>}
            {head('updated')}
          </TableRow>
        </TableHead>
        <TableBody>
          {items.map((ticket: TTicketListItem, i) => {
            const change = changes.get(ticket.number)?.kind;
            return (
              <TableRow
                key={ticket.number}
                hover
                selected={selected.has(ticket.number)}
                data-testid={`ticket-row-${ticket.number}`}
                sx={{
                  bgcolor: rowBackground(focusIndex === i, change),
                  outline: focusIndex === i ? '2px solid' : undefined,
                  outlineColor: 'primary.main',
                  outlineOffset: -2,
                }}
                onClick={() => onFocusRow(i)}
              >
                {canSelect && (
                  <TableCell padding="checkbox">
                    <Checkbox
                      checked={selected.has(ticket.number)}
                      onChange={() => onToggle(ticket.number)}
                      slotProps={{
                        input: { 'aria-label': t('center.selectTicket', { number: f.digits(ticket.number) }) },
                      }}
                      data-testid={`ticket-select-${ticket.number}`}
                    />
                  </TableCell>
                )}
                <TableCell>
                  <PriorityFlag priority={ticket.priority} />
                </TableCell>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>
                  <Typography variant="body2" component="span">
                    {f.digits(`#${ticket.number}`)}
                  </Typography>
                </TableCell>
                <TableCell sx={{ minWidth: 180 }}>
                  <SubjectLink
                    ticket={ticket}
                    change={change}
                    linkRef={(el) => (linkRefs.current[i] = el)}
                    onFocus={() => onFocusRow(i)}
                  />
                  <SnippetLine subject={ticket.subject} snippet={ticket.snippet} />
                </TableCell>
                <TableCell sx={{ minWidth: 140 }}>
                  <Requester ticket={ticket} />
                </TableCell>
                <TableCell>
                  <UserText>{ticket.department.name}</UserText>
                </TableCell>
                <TableCell>
                  <StatusChip status={ticket.status} />
                </TableCell>
                <TableCell>
                  <Assignees ticket={ticket} />
                </TableCell>
                <TableCell>{f.number(ticket.messageCount)}</TableCell>
                <TableCell>
                  <WaitingText since={ticket.waitingSince} now={now} />
                </TableCell>
                {withSla && (
                  <TableCell sx={{ minWidth: 104 }}>
                    {ticket.sla && <SlaChip sla={ticket.sla} now={now} wrap />}
                  </TableCell>
                )}
                <TableCell sx={{ whiteSpace: 'nowrap' }}>
                  <UpdatedText iso={ticket.updatedAt} />
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </Box>
  );
}
