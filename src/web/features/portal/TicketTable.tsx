import {
  Link as MuiLink,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  TableSortLabel,
} from '@mui/material';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ItemOf } from '../../app/api';
import { useFormat } from '../../ui/format';
import { PriorityFlag, StatusChip } from '../../ui/ticket-bits';
import { SnippetLine, SubjectText } from '../../ui/SearchSnippet';
import { UserText } from '../../ui/UserText';
import type { Sort } from './listParams';

const COLUMNS = ['number', 'subject', 'status', 'priority', 'department', 'created', 'updated'] as const;
type Column = (typeof COLUMNS)[number];

/** The customer's tickets as a table; a column header sorts by it (again: the other way). */
export function TicketTable({
  items,
  sort,
  onSort,
}: {
  items: ItemOf<'listTickets'>[];
  sort: Sort;
  onSort: (s: Sort) => void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const navigate = useNavigate();
  const key = sort.replace(/^-/, '');
  const desc = sort.startsWith('-');
  const cell = (tk: ItemOf<'listTickets'>, c: Column) => {
    switch (c) {
      case 'number':
        return f.digits(`#${tk.number}`);
      case 'subject':
        return (
          <MuiLink
            component={Link}
            to={`/portal/tickets/${tk.number}`}
            underline="hover"
            dir="auto"
            sx={{ fontWeight: 500, overflowWrap: 'anywhere' }}
            onClick={(e) => e.stopPropagation()}
          >
            <SubjectText subject={tk.subject} snippet={tk.snippet} />
          </MuiLink>
        );
      case 'status':
        return <StatusChip status={tk.status} />;
      case 'priority':
        return (
          <Stack direction="row" spacing={0.5} alignItems="center">
            <PriorityFlag priority={tk.priority} />
            <span>{t(`priority.${tk.priority}`)}</span>
          </Stack>
        );
      case 'department':
        return <UserText>{tk.department.name}</UserText>;
      case 'created':
        return <time dateTime={tk.createdAt}>{f.date(tk.createdAt)}</time>;
      case 'updated':
        return <time dateTime={tk.updatedAt}>{f.date(tk.updatedAt)}</time>;
    }
  };
  return (
    <TableContainer sx={{ overflowX: 'auto' }}>
      <Table size="small" aria-label={t('portal.list.tableLabel')}>
        <TableHead>
          <TableRow>
            {COLUMNS.map((c) => (
              <TableCell
                key={c}
                sortDirection={key === c ? (desc ? 'desc' : 'asc') : false}
                sx={{ whiteSpace: 'nowrap' }}
              >
                <TableSortLabel
                  active={key === c}
                  direction={key === c && desc ? 'desc' : 'asc'}
                  onClick={() => onSort((key === c && !desc ? `-${c}` : c) as Sort)}
                >
                  {t(`portal.list.columns.${c}`)}
                </TableSortLabel>
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {items.map((tk) => (
            <TableRow
              key={tk.number}
              hover
              data-testid="ticket-row"
              sx={{ cursor: 'pointer' }}
              onClick={() => void navigate(`/portal/tickets/${tk.number}`)}
            >
              {COLUMNS.map((c) => (
                <TableCell key={c} sx={c === 'subject' ? { minWidth: 200 } : { whiteSpace: 'nowrap' }}>
                  {cell(tk, c)}
                  {c === 'subject' && <SnippetLine subject={tk.subject} snippet={tk.snippet} />}
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
