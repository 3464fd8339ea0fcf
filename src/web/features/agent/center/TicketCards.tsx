import { Box, Checkbox, Paper, Stack, Typography } from '@mui/material';
import PushPin from '@mui/icons-material/PushPin';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../ui/format';
import { SnippetLine, SubjectText } from '../../../ui/SearchSnippet';
import { PriorityFlag, StatusChip } from '../../../ui/ticket-bits';
import { SlaChip } from '../../sla/SlaChip';
import { rowBackground } from './cells';
import type { ListViewProps } from './listView';

const oneLine = { whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis', minWidth: 0 } as const;

/**
 * The queue as compact cards (narrow screens), so a phone shows many tickets at once: the subject
 * on one line, then one line of what to know (number, requester, department, waiting or assignee).
 * The ticket page has the rest.
 */
export function TicketCards({
  items,
  selected,
  canSelect,
  onToggle,
  focusIndex,
  onFocusRow,
  changes,
  now,
  linkRefs,
}: ListViewProps) {
  const { t } = useTranslation();
  const f = useFormat();
  const sep = (
    <Box component="span" aria-hidden sx={{ mx: 0.75 }}>
      ·
    </Box>
  );
  return (
    <Stack component="ul" spacing={0.75} sx={{ listStyle: 'none', p: 0, m: 0 }} aria-label={t('center.tableLabel')}>
      {items.map((ticket, i) => {
        const change = changes.get(ticket.number)?.kind;
        const waiting = ticket.waitingSince
          ? t('center.cardWaiting', { time: f.duration((now - new Date(ticket.waitingSince).getTime()) / 1000) })
          : null;
        return (
          <Paper
            component="li"
            key={ticket.number}
            variant="outlined"
            data-testid={`ticket-row-${ticket.number}`}
            onClick={() => onFocusRow(i)}
            sx={{
              px: 1,
              py: 0.75,
              bgcolor:
                rowBackground(focusIndex === i, change) ?? (selected.has(ticket.number) ? 'action.hover' : undefined),
              borderColor: focusIndex === i ? 'primary.main' : undefined,
            }}
          >
            <Stack direction="row" spacing={0.75} sx={{ alignItems: 'center', minWidth: 0 }}>
              {canSelect && (
                <Checkbox
                  size="small"
                  sx={{ p: 0.25, m: -0.25 }}
                  checked={selected.has(ticket.number)}
                  onChange={() => onToggle(ticket.number)}
                  slotProps={{ input: { 'aria-label': t('center.selectTicket', { number: f.digits(ticket.number) }) } }}
                  data-testid={`ticket-select-${ticket.number}`}
                />
              )}
              <PriorityFlag priority={ticket.priority} />
              {ticket.pinned && (
                <PushPin role="img" aria-label={t('center.pinned')} sx={{ fontSize: 16, color: 'text.secondary' }} />
              )}
              <Typography
                component={Link}
                to={`/agent/tickets/${ticket.number}`}
                ref={(el: HTMLAnchorElement | null) => {
                  linkRefs.current[i] = el;
                }}
                onFocus={() => onFocusRow(i)}
                dir="auto"
                variant="body2"
                sx={{
                  ...oneLine,
                  flex: 1,
                  fontWeight: ticket.status === 'active' ? 600 : 400,
                  color: 'primary.main',
                  textDecoration: 'none',
                  '&:hover': { textDecoration: 'underline' },
                  // A bigger target for a finger than the line of text.
                  py: 0.5,
                }}
              >
                <SubjectText subject={ticket.subject} snippet={ticket.snippet} />
              </Typography>
              <StatusChip status={ticket.status} />
            </Stack>
            <Typography
              variant="caption"
              color="text.secondary"
              component="div"
              sx={{ ...oneLine, display: 'block' }}
              data-testid="ticket-card-meta"
            >
              {change && (
                <Box component="span" sx={{ color: change === 'new' ? 'success.dark' : 'info.dark', fontWeight: 600 }}>
                  {t(`center.change.${change}`)}
                  {sep}
                </Box>
              )}
              {ticket.deleted && (
                <Box component="span" sx={{ color: 'error.main' }}>
                  {t('center.deleted')}
                  {sep}
                </Box>
              )}
              {ticket.internal && (
                <>
                  {t('center.internal')}
                  {sep}
                </>
              )}
              {ticket.sla && (
                <>
                  <SlaChip sla={ticket.sla} now={now} dense />
                  {sep}
                </>
              )}
              <span>{f.digits(`#${ticket.number}`)}</span>
              {sep}
              <bdi dir="auto">{ticket.requester.name || t('center.noRequester')}</bdi>
              {sep}
              <bdi dir="auto">{ticket.department.name}</bdi>
              {sep}
              {waiting ?? (
                <bdi dir="auto">
                  {ticket.assignees.length
                    ? ticket.assignees.map((a) => a.name).join(t('center.separator'))
                    : t('center.unassigned')}
                </bdi>
              )}
            </Typography>
            <SnippetLine subject={ticket.subject} snippet={ticket.snippet} />
          </Paper>
        );
      })}
    </Stack>
  );
}
