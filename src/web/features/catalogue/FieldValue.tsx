import { Box } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../ui/format';
import { PriorityFlag, type Priority } from '../../ui/ticket-bits';
import { UserText } from '../../ui/UserText';
import { asNumber, unitName } from './field-values';
import type { Kind } from './field-values';

const PRIORITY_KEYS = ['urgent', 'high', 'medium', 'low'];

/**
 * One stored value of a request's form, as the reader reads it: amounts grouped and in the
 * reader's digits, a date in the reader's calendar (Jalali in Persian), an organisational unit by
 * its name, a priority by its translated name; what people typed in its own direction.
 */
export function FieldValue({ kind, value }: { kind: Kind; value: unknown }) {
  const { t } = useTranslation();
  const f = useFormat();
  switch (kind) {
    case 'money':
    case 'number': {
      const n = asNumber(value);
      return n === null ? <UserText>{String(value)}</UserText> : <span dir="ltr">{f.number(n)}</span>;
    }
    case 'date':
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? (
        <time dateTime={value}>{f.day(value)}</time>
      ) : (
        <UserText>{String(value)}</UserText>
      );
    case 'orgUnit':
      return <UserText>{unitName(value) ?? ''}</UserText>;
    case 'priority':
      return typeof value === 'string' && PRIORITY_KEYS.includes(value) ? (
        <>
          <PriorityFlag priority={value as Priority} /> {t(`priority.${value}`)}
        </>
      ) : (
        <UserText>{String(value)}</UserText>
      );
    case 'phone':
    case 'mobile':
      // Numbers in the reader's digits, left to right.
      return <bdi dir="ltr">{f.digits(String(value))}</bdi>;
    case 'email':
      return (
        <bdi dir="ltr" style={{ overflowWrap: 'anywhere' }}>
          {String(value)}
        </bdi>
      );
    case 'longtext':
      return (
        <Box component="span" dir="auto" sx={{ display: 'block', whiteSpace: 'pre-wrap' }}>
          {String(value)}
        </Box>
      );
    default:
      return <UserText>{typeof value === 'object' ? JSON.stringify(value) : String(value)}</UserText>;
  }
}
