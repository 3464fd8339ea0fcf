import type { ReactNode } from 'react';
import { Box, Paper, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { UserText } from '../../ui/UserText';
import { isEmptyValue, type Kind } from './field-values';
import { FieldValue } from './FieldValue';
import { useDesks, type TicketWithWorkflow } from './queries';

function Row({ label, children, testId }: { label: ReactNode; children: ReactNode; testId?: string }) {
  return (
    <Box sx={{ display: 'contents' }} data-testid={testId}>
      <Typography component="dt" variant="body2" color="text.secondary" sx={{ overflowWrap: 'anywhere' }}>
        {label}
      </Typography>
      <Typography component="dd" variant="body2" sx={{ m: 0, overflowWrap: 'anywhere' }}>
        {children}
      </Typography>
    </Box>
  );
}

/**
 * E2: what the requester filled in on a desk request's form, by each field's label, with the
 * desk and the request type; shown on the ticket page of the requester and of staff.
 */
export function RequestValuesCard({ ticket }: { ticket: TicketWithWorkflow }) {
  const { t } = useTranslation();
  const desks = useDesks();
  if (!ticket.requestType) return null;
  const desk = desks.data?.items.find((d) => d.id === ticket.requestType!.deskId);
  const values = (ticket.values ?? {}) as Record<string, unknown>;
  const fields = (ticket.fields ?? []).filter((f) => !isEmptyValue(values[f.key]));
  return (
    <Paper
      variant="outlined"
      component="section"
      aria-labelledby="request-values-heading"
      sx={{ p: 2 }}
      data-testid="request-values"
    >
      <Typography id="request-values-heading" variant="subtitle1" component="h2" sx={{ mb: 1, fontWeight: 600 }}>
        {t('catalogue.values.title')}
      </Typography>
      <Box component="dl" sx={{ display: 'grid', gridTemplateColumns: 'auto 1fr', columnGap: 2, rowGap: 1, m: 0 }}>
        {desk && (
          <Row label={t('catalogue.values.desk')}>
            <UserText>{desk.name}</UserText>
          </Row>
        )}
        <Row label={t('catalogue.values.requestType')}>
          <UserText>{ticket.requestType.name}</UserText>
        </Row>
        {fields.map((f) => (
          <Row key={f.key} label={<UserText>{f.label}</UserText>} testId={`request-value-${f.key}`}>
            <FieldValue kind={f.kind as Kind} value={values[f.key]} />
          </Row>
        ))}
      </Box>
    </Paper>
  );
}
