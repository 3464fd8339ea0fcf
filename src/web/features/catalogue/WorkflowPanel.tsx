import { useState } from 'react';
import { Box, Button, Paper, Stack, Typography } from '@mui/material';
import TimerOutlined from '@mui/icons-material/TimerOutlined';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../ui/format';
import { isolate } from '../../ui/UserText';
import { useRequestType, type TicketWithWorkflow } from './queries';
import { TransitionDialog, type AvailableTransition } from './TransitionDialog';
import { WorkflowStatusChip } from './WorkflowStatusChip';

/**
 * E2, E4: where a desk request stands in its workflow — its status, the steps the reader may
 * take now (a button each, named by the workflow; each opens a dialog for its comment and files)
 * and the timers running, with the step each will take and when.
 */
export function WorkflowPanel({
  ticket,
  number,
  forRequester,
}: {
  ticket: TicketWithWorkflow;
  number: number;
  forRequester: boolean;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const [taking, setTaking] = useState<AvailableTransition | null>(null);
  const type = useRequestType(ticket.requestType?.id);
  if (!ticket.workflowStatus) return null;
  const transitions = ticket.availableTransitions ?? [];
  const timers = ticket.timers ?? [];
  const nameOf = (id: string) =>
    type.data?.workflow.transitions.find((x) => x.id === id)?.name ?? transitions.find((x) => x.id === id)?.name ?? id;

  return (
    <Paper
      variant="outlined"
      component="section"
      aria-labelledby="workflow-heading"
      sx={{ p: 2 }}
      data-testid="workflow-panel"
    >
      <Typography id="workflow-heading" variant="subtitle1" component="h2" sx={{ mb: 1, fontWeight: 600 }}>
        {t('catalogue.workflow.title')}
      </Typography>
      <WorkflowStatusChip status={ticket.workflowStatus} forRequester={forRequester} size="medium" />
      {timers.length > 0 && (
        <Stack component="ul" spacing={0.5} sx={{ listStyle: 'none', p: 0, m: 0, mt: 1.5 }}>
          {timers.map((tm) => (
            <Box
              component="li"
              key={`${tm.transitionId}-${tm.dueAt}`}
              sx={{ display: 'flex', alignItems: 'flex-start', gap: 0.75 }}
              data-testid="workflow-timer"
            >
              <TimerOutlined fontSize="small" color="action" aria-hidden sx={{ mt: 0.25 }} />
              <Typography variant="body2">
                {t('catalogue.workflow.timer', { name: isolate(nameOf(tm.transitionId)), date: f.date(tm.dueAt) })}
              </Typography>
            </Box>
          ))}
        </Stack>
      )}
      {transitions.length > 0 ? (
        <Box sx={{ mt: 2 }}>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
            {t('catalogue.workflow.nextSteps')}
          </Typography>
          <Stack direction="row" useFlexGap sx={{ flexWrap: 'wrap', gap: 1 }}>
            {transitions.map((tr, i) => (
              <Button
                key={tr.id}
                variant={i === 0 ? 'contained' : 'outlined'}
                onClick={() => setTaking(tr)}
                sx={{ textAlign: 'start', overflowWrap: 'anywhere' }}
                data-testid={`transition-${tr.id}`}
              >
                <bdi dir="auto">{tr.name}</bdi>
              </Button>
            ))}
          </Stack>
        </Box>
      ) : (
        ticket.workflowStatus.category !== 'closed' && (
          <Typography variant="body2" color="text.secondary" sx={{ mt: 1.5 }}>
            {forRequester ? t('catalogue.workflow.waitingForStaff') : t('catalogue.workflow.noSteps')}
          </Typography>
        )
      )}
      {taking && (
        <TransitionDialog
          ticketRef={ticket.key ?? number}
          number={number}
          transition={taking}
          onClose={() => setTaking(null)}
        />
      )}
    </Paper>
  );
}
