import {
  Box,
  Card,
  CardActionArea,
  Link as MuiLink,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ItemOf } from '../../app/api';
import { useFormat } from '../../ui/format';
import { StatusChip } from '../../ui/ticket-bits';
import { isolate } from '../../ui/UserText';
import type { Desk } from './queries';
import { WorkflowStatusChip } from './WorkflowStatusChip';

export type RequestItem = ItemOf<'listMyRequests'>;

const ref = (r: RequestItem) => r.key ?? String(r.number);
const url = (r: RequestItem) => `/portal/tickets/${ref(r)}`;

function Status({ r }: { r: RequestItem }) {
  return r.workflowStatus ? (
    <WorkflowStatusChip status={r.workflowStatus} forRequester />
  ) : (
    <StatusChip status={r.status} />
  );
}

/** Desk and request type in one line («میز · نوع»). */
function useWhere(desks: Desk[]) {
  const { t } = useTranslation();
  return (r: RequestItem) => {
    if (!r.requestType) return '';
    const desk = desks.find((d) => d.id === r.requestType!.deskId)?.name;
    return desk
      ? t('catalogue.requests.typeInDesk', { type: isolate(r.requestType.name), desk: isolate(desk) })
      : isolate(r.requestType.name);
  };
}

/** "My requests" as a table (wide screens): key, summary, where, status, last update; a row opens the request. */
export function RequestTable({ items, desks }: { items: RequestItem[]; desks: Desk[] }) {
  const { t } = useTranslation();
  const f = useFormat();
  const navigate = useNavigate();
  const where = useWhere(desks);
  return (
    <TableContainer sx={{ overflowX: 'auto' }}>
      <Table size="small" aria-label={t('catalogue.requests.title')}>
        <TableHead>
          <TableRow>
            {(['key', 'summary', 'where', 'status', 'updated'] as const).map((c) => (
              <TableCell key={c} sx={{ whiteSpace: 'nowrap' }}>
                {t(`catalogue.requests.columns.${c}`)}
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {items.map((r) => (
            <TableRow
              key={r.number}
              hover
              sx={{ cursor: 'pointer' }}
              onClick={() => void navigate(url(r))}
              data-testid="request-row"
              data-key={ref(r)}
            >
              <TableCell sx={{ whiteSpace: 'nowrap' }}>
                <bdi dir="ltr">{r.key ?? f.digits(`#${r.number}`)}</bdi>
              </TableCell>
              <TableCell sx={{ minWidth: 200 }}>
                <MuiLink
                  component={Link}
                  to={url(r)}
                  underline="hover"
                  dir="auto"
                  sx={{ fontWeight: 500, overflowWrap: 'anywhere' }}
                  onClick={(e) => e.stopPropagation()}
                >
                  {r.subject}
                </MuiLink>
              </TableCell>
              <TableCell>{where(r)}</TableCell>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>
                <Status r={r} />
              </TableCell>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>
                <time dateTime={r.updatedAt}>{f.date(r.updatedAt)}</time>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}

/** "My requests" as cards (phones). */
export function RequestCards({ items, desks }: { items: RequestItem[]; desks: Desk[] }) {
  const { t } = useTranslation();
  const f = useFormat();
  const where = useWhere(desks);
  return (
    <Stack component="ul" spacing={1} sx={{ listStyle: 'none', p: 0, m: 0 }}>
      {items.map((r) => (
        <li key={r.number}>
          <Card variant="outlined">
            <CardActionArea component={Link} to={url(r)} sx={{ p: 1.5 }} data-testid="request-row" data-key={ref(r)}>
              <Stack direction="row" spacing={1} alignItems="center" justifyContent="space-between">
                <Typography variant="body2" color="text.secondary">
                  <bdi dir="ltr">{r.key ?? f.digits(`#${r.number}`)}</bdi>
                </Typography>
                <Status r={r} />
              </Stack>
              <Typography dir="auto" sx={{ fontWeight: 500, my: 0.5, overflowWrap: 'anywhere' }}>
                {r.subject}
              </Typography>
              <Box
                sx={{
                  display: 'flex',
                  flexWrap: 'wrap',
                  columnGap: 1.5,
                  color: 'text.secondary',
                  typography: 'caption',
                }}
              >
                {r.requestType && <span>{where(r)}</span>}
                <span>{t('portal.list.updatedAt', { date: f.date(r.updatedAt) })}</span>
              </Box>
            </CardActionArea>
          </Card>
        </li>
      ))}
    </Stack>
  );
}
