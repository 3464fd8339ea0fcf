import { AdapterDateFnsJalali } from '@mui/x-date-pickers/AdapterDateFnsJalali';
import { AdapterDateFns } from '@mui/x-date-pickers/AdapterDateFns';
import type { AdapterFormats } from '@mui/x-date-pickers/models';
import { digits } from '../format';

/**
 * The calendars of the date picker. date-fns-jalali writes Latin digits; when the person reads
 * Persian digits, every text the calendar shows (days, month and year, the years' list) is
 * written with them instead.
 */
export class JalaliPersianDigits extends AdapterDateFnsJalali {
  constructor(...args: ConstructorParameters<typeof AdapterDateFnsJalali>) {
    super(...args);
    const latin = this.formatByString;
    this.formatByString = (value, format) => digits(latin(value, format), 'fa', true);
  }
}

/** The Jalali calendar with Latin digits (the person asked for them). */
export class JalaliLatinDigits extends AdapterDateFnsJalali {
  constructor(...args: ConstructorParameters<typeof AdapterDateFnsJalali>) {
    super(...args);
    this.formatNumber = (n) => n;
  }
}

export { AdapterDateFns as Gregorian };

/** Formats shared by both calendars: year/month/day in the field, "11 Azar 1405" for a whole day. */
export const FORMATS: Partial<AdapterFormats> = {
  keyboardDate: 'yyyy/MM/dd',
  fullDate: 'd MMMM yyyy',
};
