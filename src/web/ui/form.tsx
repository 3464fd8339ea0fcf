import { Alert } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../app/api';
import { paymentRequiredOf } from './payment-required';
import { PaymentRequiredNotice } from './PaymentRequiredNotice';

/**
 * The server's field errors for a form. `field('email')` gives the props that put the message
 * under the field (`error`, `helperText`); `FormError` shows what is not about one field.
 */
export function fieldErrors(error: unknown) {
  const fields = error instanceof ApiError ? error.fields : {};
  return {
    fields,
    has: (name: string) => name in fields,
    field: (name: string, help?: string) => ({ error: name in fields, helperText: fields[name] ?? help }),
  };
}

/** A form-level error (not tied to one field), or nothing. Also lists field errors whose field the form does not show. */
export function FormError({ error, shown = [] }: { error: unknown; shown?: string[] }) {
  const { t } = useTranslation();
  if (!error) return null;
  // Cloud mode's 402s (a plan's limit, a read-only workspace) say how to get past them.
  const paid = paymentRequiredOf(error);
  if (paid) return <PaymentRequiredNotice info={paid} />;
  const fields = error instanceof ApiError ? error.fields : {};
  const others = Object.entries(fields).filter(([k]) => !shown.includes(k));
  const message = error instanceof ApiError ? error.message : t('errors.generic');
  return (
    <Alert severity="error" role="alert" sx={{ mb: 2 }}>
      {message}
      {others.length > 0 && (
        <ul style={{ margin: 0 }}>
          {others.map(([k, v]) => (
            <li key={k}>{v}</li>
          ))}
        </ul>
      )}
    </Alert>
  );
}
