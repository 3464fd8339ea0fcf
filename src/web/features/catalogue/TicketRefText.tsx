import { useTranslation } from 'react-i18next';
import { useFormat } from '../../ui/format';

/**
 * How a ticket is named above its subject: a desk request by its key and number
 * («SETIRAN-3 · تیکت شمارهٔ ۳»), any other ticket by its number.
 */
export function TicketRefText({ ticket }: { ticket: { number: number; key?: string | null } }) {
  const { t } = useTranslation();
  const f = useFormat();
  const number = t('portal.ticket.number', { n: f.digits(ticket.number) });
  if (!ticket.key) return <>{number}</>;
  return (
    <>
      <bdi dir="ltr" data-testid="ticket-key">
        {ticket.key}
      </bdi>
      {' · '}
      {number}
    </>
  );
}
