import type { ReactNode } from 'react';
import { Box, Checkbox, Paper, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../ui/format';
import { PriorityFlag, StatusChip } from '../../../ui/ticket-bits';
import { Assignees, Requester, rowBackground, SubjectLink, WaitingText } from './cells';
import type { ListViewProps } from './listView';

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Box sx={{ minWidth: 0 }}>
      <Typography variant="caption" color="text.secondary" component="div">
        {label}
      </Typography>
      <Box sx={{ typography: 'body2' }}>{children}</Box>
    </Box>
  );
}

/** The queue as cards (narrow screens): the same information as the table. */
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
  return (
    <Stack component="ul" spacing={1} sx={{ listStyle: 'none', p: 0, m: 0 }} aria-label={t('center.tableLabel')}>
      {items.map((ticket, i) => {
        const change = changes.get(ticket.number)?.kind;
        return (
          <Paper
            component="li"
            key={ticket.number}
            variant="outlined"
            data-testid={`ticket-row-${ticket.number}`}
            onClick={() => onFocusRow(i)}
            sx={{
              p: 1.5,
              bgcolor:
                rowBackground(focusIndex === i, change) ?? (selected.has(ticket.number) ? 'action.hover' : undefined),
              borderColor: focusIndex === i ? 'primary.main' : undefined,
            }}
          >
            <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
              {canSelect && (
                <Checkbox
                  size="small"
                  sx={{ p: 0.5 }}
                  checked={selected.has(ticket.number)}
                  onChange={() => onToggle(ticket.number)}
                  slotProps={{ input: { 'aria-label': t('center.selectTicket', { number: f.digits(ticket.number) }) } }}
                  data-testid={`ticket-select-${ticket.number}`}
                />
              )}
              <PriorityFlag priority={ticket.priority} />
              <Typography variant="body2" color="text.secondary">
                {f.digits(`#${ticket.number}`)}
              </Typography>
              <Box sx={{ flexGrow: 1 }} />
              <StatusChip status={ticket.status} />
            </Stack>
            <Box sx={{ my: 1 }}>
              <SubjectLink
                ticket={ticket}
                change={change}
                linkRef={(el) => (linkRefs.current[i] = el)}
                onFocus={() => onFocusRow(i)}
              />
            </Box>
            <Box sx={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 1 }}>
              <Field label={t('center.col.requester')}>
                <Requester ticket={ticket} />
              </Field>
              <Field label={t('center.col.department')}>{ticket.department.name}</Field>
              <Field label={t('center.col.assignees')}>
                <Assignees ticket={ticket} />
              </Field>
              <Field label={t('center.col.messages')}>{f.number(ticket.messageCount)}</Field>
              <Field label={t('center.col.waiting')}>
                <WaitingText since={ticket.waitingSince} now={now} />
              </Field>
              <Field label={t('center.col.updated')}>{f.date(ticket.updatedAt)}</Field>
            </Box>
          </Paper>
        );
      })}
    </Stack>
  );
}
