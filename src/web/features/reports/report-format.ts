import { useTranslation } from 'react-i18next';
import { useFormat } from '../../ui/format';

/**
 * A duration in minutes as people read it: "۴۵ دقیقه", "۳ ساعت و ۲۰ دقیقه", "۲ روز و ۵ ساعت";
 * a dash when there is nothing to measure.
 */
export function useMinutes() {
  const { t } = useTranslation();
  const f = useFormat();
  return (minutes: number | null | undefined): string => {
    if (minutes === null || minutes === undefined) return t('reports.none');
    const m = Math.round(minutes);
    if (m < 60) return t('reports.span.minutes', { m: f.number(m) });
    if (m < 24 * 60) {
      const h = Math.floor(m / 60);
      const rest = m % 60;
      return rest
        ? t('reports.span.hoursMinutes', { h: f.number(h), m: f.number(rest) })
        : t('reports.span.hours', { h: f.number(h) });
    }
    const d = Math.floor(m / 1440);
    const h = Math.floor((m % 1440) / 60);
    return h
      ? t('reports.span.daysHours', { d: f.number(d), h: f.number(h) })
      : t('reports.span.days', { d: f.number(d) });
  };
}

/** A share 0..1 as a percentage in the reader's digits ("۸۷٪"); a dash without one. */
export function usePercent() {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  return (share: number | null | undefined): string => {
    if (share === null || share === undefined) return t('reports.none');
    const n = f.number(Math.round(share * 1000) / 10);
    return i18n.language === 'fa' ? `${n}٪` : `${n}%`;
  };
}
