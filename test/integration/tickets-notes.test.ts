import { describe, expect, it } from 'vitest';
import { openTicket, useTicketWorld, type TicketWorld } from '../helpers/tickets';

let w: TicketWorld;
useTicketWorld((_app, world) => (w = world));

describe('internal notes (C12)', () => {
  it('never reach a customer: thread, ticket, counters, search and dashboard', async () => {
    const tk = await openTicket(w.alice.client, { departmentId: w.support.id, subject: 'Wifi in library' });
    const note = await w.agent.client.post(`tickets/${tk.number}/messages`, {
      kind: 'note',
      body: 'customer is zanzibarvip, escalate quietly',
    });
    expect(note.statusCode).toBe(201);
    const staffThread = (await w.agent.client.get(`tickets/${tk.number}/messages`)).json().items;
    expect(staffThread.map((m: { kind: string }) => m.kind)).toEqual(['reply', 'note']);
    const thread = (await w.alice.client.get(`tickets/${tk.number}/messages`)).json().items;
    expect(thread.map((m: { kind: string }) => m.kind)).toEqual(['reply']);
    const page = await w.alice.client.get(`tickets/${tk.number}`);
    expect(page.body).not.toMatch(/zanzibarvip|noteCount|bcc/);
    expect(page.json().messageCount).toBe(1);
    const list = await w.alice.client.get('tickets');
    expect(list.body).not.toMatch(/zanzibarvip/);
    expect((await w.alice.client.get('tickets?q=zanzibarvip')).json().total).toBe(0);
    expect(
      (await w.agent.client.get('tickets?q=zanzibarvip')).json().items.map((i: { number: number }) => i.number),
    ).toEqual([tk.number]);
    // A note does not change the status or the waiting clock.
    expect((await w.agent.client.get(`tickets/${tk.number}`)).json().status).toBe('active');
    expect(
      (await w.alice.client.post(`tickets/${tk.number}/messages`, { kind: 'note', body: 'sneaky' })).statusCode,
    ).toBe(403);
  });

  it('can be edited or deleted by their author only; replies cannot be edited', async () => {
    const tk = await openTicket(w.alice.client, { departmentId: w.support.id });
    const note = (await w.agent.client.post(`tickets/${tk.number}/messages`, { kind: 'note', body: 'draft' })).json();
    const reply = (await w.agent.client.post(`tickets/${tk.number}/messages`, { body: 'public' })).json();
    expect(
      (await w.narrow.client.patch(`tickets/${tk.number}/messages/${note.id}`, { body: 'hijack' })).statusCode,
    ).toBe(403);
    expect(
      (await w.agent.client.patch(`tickets/${tk.number}/messages/${reply.id}`, { body: 'rewrite' })).statusCode,
    ).toBe(403);
    const edited = await w.agent.client.patch(`tickets/${tk.number}/messages/${note.id}`, { body: '<p>final</p>' });
    expect(edited.json()).toMatchObject({ body: '<p>final</p>' });
    expect(edited.json().editedAt).not.toBeNull();
    expect((await w.alice.client.patch(`tickets/${tk.number}/messages/${note.id}`, { body: 'x' })).statusCode).toBe(
      403,
    );
    expect((await w.narrow.client.del(`tickets/${tk.number}/messages/${note.id}`)).statusCode).toBe(403);
    expect((await w.agent.client.del(`tickets/${tk.number}/messages/${note.id}`)).statusCode).toBe(204);
    expect(
      (await w.agent.client.get(`tickets/${tk.number}/messages`)).json().items.map((m: { kind: string }) => m.kind),
    ).toEqual(['reply', 'reply']);
  });
});

describe('sanitised HTML (C5) against an XSS corpus', () => {
  const payloads = [
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href="&#106;avascript:alert(1)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    '<iframe src="https://evil.example"></iframe>',
    '<object data="x.swf"></object><embed src="x.swf">',
    '<svg onload=alert(1)><script>alert(1)</script></svg>',
    '<style>body{display:none}</style>',
    '<div style="background:url(javascript:alert(1))">x</div>',
    '<p onclick="alert(1)" onmouseover="alert(1)">x</p>',
    '<form action="https://evil.example"><input name=q></form>',
    '<meta http-equiv="refresh" content="0;url=https://evil.example">',
    '<base href="https://evil.example/">',
    '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
    '<math><mtext><img src=x onerror=alert(1)></mtext></math>',
    '<<script>script>alert(1)<</script>/script>',
    '<a href="//evil.example">protocol-relative</a>',
    '<link rel="stylesheet" href="https://evil.example/x.css">',
  ];

  it('removes every dangerous part and keeps the text, links get rel=noopener', async () => {
    const tk = await openTicket(w.alice.client, {
      departmentId: w.support.id,
      body: payloads.join('\n') + '<p dir="rtl">سلام <b>دنیا</b> <a href="https://example.com">link</a></p>',
    });
    const body: string = tk.body;
    expect(body).not.toMatch(/<script|<iframe|<object|<embed|<svg|<style|<form|<input|<meta|<base|<link|<math/i);
    expect(body).not.toMatch(/\son\w+\s*=/i);
    expect(body).not.toMatch(/javascript:|data:text|data:image\/svg|url\(/i);
    expect(body).not.toMatch(/href="\/\//);
    expect(body).toContain('<p dir="rtl">سلام <b>دنیا</b>');
    expect(body).toMatch(
      /<a href="https:\/\/example\.com" target="_blank" rel="noopener noreferrer nofollow">link<\/a>/,
    );
    const reply = await w.agent.client.post(`tickets/${tk.number}/messages`, {
      body: payloads[1] + payloads[2],
      direction: 'ltr',
      signature: false,
    });
    expect(reply.json().body).not.toMatch(/onerror|javascript:/i);
    expect(reply.json().direction).toBe('ltr');
  });

  it('a body with nothing left after sanitising is refused', async () => {
    const res = await w.alice.client.post('tickets', {
      subject: 'x',
      body: '<script>alert(1)</script>',
      departmentId: w.support.id,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields.body).toBeDefined();
  });
});
