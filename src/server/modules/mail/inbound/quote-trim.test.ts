import { describe, expect, it } from 'vitest';
import { trimQuoted } from './quote-trim';
import { textToHtml } from './text-to-html';

describe('trimQuoted', () => {
  it('Gmail: removes div.gmail_quote', () => {
    const html =
      '<div dir="rtl">ممنون</div><br><div class="gmail_quote gmail_quote_container"><div dir="ltr" class="gmail_attr">On Mon, Oct 1, 2024 at 10:00 Support &lt;s@p.test&gt; wrote:<br></div><blockquote class="gmail_quote" style="margin:0"><div>old <div>nested</div></div></blockquote></div>';
    expect(trimQuoted(html)).toBe('<div dir="rtl">ممنون</div>');
  });

  it('Gmail in Persian: removes the quote and keeps the answer', () => {
    const html =
      '<div>بله</div><div class="gmail_quote"><div class="gmail_attr">در تاریخ دوشنبه ۹ مهر ۱۴۰۳ ساعت ۱۰:۰۰ Support نوشت:</div><blockquote class="gmail_quote">قبلی</blockquote></div>';
    expect(trimQuoted(html)).toBe('<div>بله</div>');
  });

  it('Thunderbird: removes the moz-cite-prefix and blockquote type=cite', () => {
    const html =
      '<p>Done.</p><div class="moz-cite-prefix">On 10/1/24 10:00, Support wrote:<br></div><blockquote type="cite" cite="mid:a@b"><p>old</p><blockquote type="cite">older</blockquote></blockquote><p>-- <br>Ali</p>';
    expect(trimQuoted(html)).toBe('<p>Done.</p><p>-- <br>Ali</p>');
  });

  it('Apple Mail: attribution div before blockquote type=cite', () => {
    const html =
      '<div>OK</div><div><br><blockquote type="cite"><div>On 1 Oct 2024, at 10:00, Support wrote:</div><div>old</div></blockquote></div>';
    expect(trimQuoted(html)).toBe('<div>OK</div>');
  });

  it('Outlook Web: cuts at the <hr> before #divRplyFwdMsg', () => {
    const html =
      '<div>Thanks</div><hr style="display:inline-block;width:98%"><div id="divRplyFwdMsg" dir="ltr"><b>From:</b> Support<br><b>Sent:</b> Monday</div><div>old</div>';
    expect(trimQuoted(html)).toBe('<div>Thanks</div>');
  });

  it('Outlook desktop: cuts at the top-bordered div with From:', () => {
    const html =
      '<div class="WordSection1"><p class="MsoNormal">Fixed, thanks.</p><div><div style="border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm"><p class="MsoNormal"><b>From:</b> Support<br><b>Subject:</b> x</p></div></div><p>old</p></div>';
    expect(trimQuoted(html)).toBe('<div class="WordSection1"><p class="MsoNormal">Fixed, thanks.</p><div>');
  });

  it('Outlook: <hr> followed by a Persian «از:» block', () => {
    expect(trimQuoted('<p>باشه</p><hr><p><b>از:</b> پشتیبانی</p><p>قبلی</p>')).toBe('<p>باشه</p>');
  });

  it('keeps an <hr> that is not followed by a From: header', () => {
    const html = '<p>a</p><hr><p>b</p>';
    expect(trimQuoted(html)).toBe(html);
  });

  it('plain text: drops "On … wrote:" and > lines', () => {
    const html = textToHtml(
      'Thanks, works now.\r\n\r\nOn Mon, Oct 1, 2024 at 10:00 AM Support <s@p.test> wrote:\r\n> Please try again.\r\n> \r\n>> older\r\n',
    );
    expect(trimQuoted(html)).toBe('<p>Thanks, works now.</p>');
  });

  it('plain text: a wrapped two-line attribution', () => {
    const html = textToHtml(
      'Yes\n\nOn Mon, Oct 1, 2024 at 10:00 AM Support Team\n<support@pishkhan.test> wrote:\n> old',
    );
    expect(trimQuoted(html)).toBe('<p>Yes</p>');
  });

  it('plain text: Persian «در تاریخ … نوشت:» line', () => {
    const html = textToHtml('سلام، درست شد.\n\nدر تاریخ ۱۴۰۳/۰۷/۰۹ پشتیبانی نوشت:\n> لطفاً دوباره امتحان کنید');
    expect(trimQuoted(html)).toBe('<p>سلام، درست شد.</p>');
  });

  it('plain text: interleaved answers keep the non-quoted lines', () => {
    const html = textToHtml('> question 1\nanswer 1\n> question 2\nanswer 2');
    expect(trimQuoted(html)).toBe('<p>answer 1<br>answer 2</p>');
  });

  it('plain text: -----Original Message----- drops the rest', () => {
    const html = textToHtml('Done\n\n-----Original Message-----\nFrom: Support\nSent: Monday\n\nold text');
    expect(trimQuoted(html)).toBe('<p>Done</p>');
  });

  it('keeps a sentence that merely starts with "On"', () => {
    const html = '<p>On Monday the printer wrote: nothing</p>';
    expect(trimQuoted(html)).toBe(html);
  });

  it('never returns empty when the original had content', () => {
    const onlyQuote = '<blockquote type="cite">everything is quoted</blockquote>';
    expect(trimQuoted(onlyQuote)).toBe(onlyQuote);
    const onlyGt = textToHtml('> just a quote');
    expect(trimQuoted(onlyGt)).toBe(onlyGt);
  });

  it('keeps a reply that is only an image', () => {
    const html = '<div><img src="cid:a@b"></div><div class="gmail_quote">old</div>';
    expect(trimQuoted(html)).toBe('<div><img src="cid:a@b"></div>');
  });

  it('leaves mail without quotes alone', () => {
    const html = '<p dir="rtl">سلام</p><blockquote>a quote the user wrote</blockquote>';
    expect(trimQuoted(html)).toBe(html);
    expect(trimQuoted('')).toBe('');
  });
});
