import { QueryClient } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { addLiveListener, openLiveStream, removeLiveListener, type LiveEvent, type LiveSource } from './live';

/** An EventSource stand-in: the test plays the server's frames and the browser's states. */
class FakeSource implements LiveSource {
  readyState = 1;
  closed = false;
  private readonly on = new Map<string, ((msg: MessageEvent) => void)[]>();
  addEventListener(type: string, listener: (msg: MessageEvent) => void) {
    this.on.set(type, [...(this.on.get(type) ?? []), listener]);
  }
  close() {
    this.closed = true;
    this.readyState = 2;
  }
  emit(type: string, data: unknown = { type }) {
    for (const l of this.on.get(type) ?? []) l({ data: JSON.stringify(data) } as MessageEvent);
  }
}

/** A query client holding what four screens show: a list, a ticket, the dashboard, a settings page. */
function screens() {
  const qc = new QueryClient();
  const keys = [['tickets', { page: 1 }], ['ticket', 7], ['dashboard'], ['admin', 'settings']];
  for (const key of keys) qc.setQueryData(key, { shown: true });
  const stale = () => keys.filter((k) => qc.getQueryState(k)?.isInvalidated).map((k) => k[0]);
  return { qc, stale };
}

afterEach(() => vi.useRealTimers());

describe('the live events client', () => {
  it('a resync event invalidates every query, so no screen stays stale', () => {
    const { qc, stale } = screens();
    const sources: FakeSource[] = [];
    const stop = openLiveStream(qc, () => (sources.push(new FakeSource()), sources.at(-1)!));
    sources[0].emit('connected');
    expect(stale()).toEqual([]);
    sources[0].emit('resync');
    expect(stale()).toEqual(['tickets', 'ticket', 'dashboard', 'admin']);
    stop();
    expect(sources[0].closed).toBe(true);
  });

  it('a ticket event refreshes lists, that ticket and the dashboard only', () => {
    const { qc, stale } = screens();
    const sources: FakeSource[] = [];
    const stop = openLiveStream(qc, () => (sources.push(new FakeSource()), sources.at(-1)!));
    sources[0].emit('message.created', { type: 'message.created', number: 7, messageId: '3' });
    expect(stale()).toEqual(['tickets', 'ticket', 'dashboard']);
    stop();
  });

  it('a notification for this person refreshes the bell only, and reaches the listeners', () => {
    const { qc, stale } = screens();
    qc.setQueryData(['notifications', 'bell'], { unread: 0 });
    const heard: LiveEvent[] = [];
    const listen = (e: LiveEvent) => heard.push(e);
    addLiveListener(listen);
    const sources: FakeSource[] = [];
    const stop = openLiveStream(qc, () => (sources.push(new FakeSource()), sources.at(-1)!));
    sources[0].emit('notification.created', { type: 'notification.created', number: 7 });
    expect(stale()).toEqual([]);
    expect(qc.getQueryState(['notifications', 'bell'])?.isInvalidated).toBe(true);
    expect(heard).toEqual([{ type: 'notification.created', number: 7 }]);
    removeLiveListener(listen);
    stop();
  });

  it('a reconnection (a second `connected`) refreshes everything: events of the gap were not heard', () => {
    const { qc, stale } = screens();
    const sources: FakeSource[] = [];
    const stop = openLiveStream(qc, () => (sources.push(new FakeSource()), sources.at(-1)!));
    sources[0].emit('connected');
    expect(stale()).toEqual([]);
    sources[0].emit('connected'); // the browser reconnected by itself
    expect(stale()).toEqual(['tickets', 'ticket', 'dashboard', 'admin']);
    stop();
  });

  it('after an error answer (the browser gives up) it opens a new stream after a pause, and resyncs', () => {
    vi.useFakeTimers();
    const { qc, stale } = screens();
    const sources: FakeSource[] = [];
    const stop = openLiveStream(qc, () => (sources.push(new FakeSource()), sources.at(-1)!), 1000);
    sources[0].emit('connected');
    sources[0].readyState = 0; // a dropped connection: the browser retries by itself
    sources[0].emit('error');
    vi.advanceTimersByTime(5000);
    expect(sources).toHaveLength(1);
    sources[0].readyState = 2; // 503 while the database is away: EventSource stops for good
    sources[0].emit('error');
    vi.advanceTimersByTime(999);
    expect(sources).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(sources).toHaveLength(2);
    sources[1].emit('connected');
    expect(stale()).toEqual(['tickets', 'ticket', 'dashboard', 'admin']);
    stop();
    expect(sources[1].closed).toBe(true);
  });
});
