import { describe, expect, it } from 'vitest';
import { noticeDir } from './notice-dir';

describe('the direction of a notification', () => {
  it('follows the first letter of its title, whatever the names and digits in it', () => {
    expect(noticeDir('تیکت جدید #۴۵: Cannot print from the library laptop', 'en')).toBe('rtl');
    expect(noticeDir('New ticket #44: چاپگر اتاق ۲۱۲ روشن نمی‌شود', 'fa')).toBe('ltr');
    expect(noticeDir('#45 is now closed', 'fa')).toBe('ltr');
    expect(noticeDir('وضعیت #۴۵: بسته', 'en')).toBe('rtl');
  });

  it('without a letter, takes the interface language', () => {
    expect(noticeDir('#۴۵', 'fa')).toBe('rtl');
    expect(noticeDir('#45', 'en')).toBe('ltr');
  });
});
