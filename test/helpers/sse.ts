/** One Server-Sent Events frame as a browser's EventSource would see it, plus when it came. */
export interface SseEvent {
  event: string;
  data: unknown;
  at: number;
}

export interface SseStream {
  status: number;
  headers: Headers;
  /** Every event received so far (comments and `retry:` are kept apart). */
  events: SseEvent[];
  comments: string[];
  retry: number | null;
  /** The body of an answer that is not an event stream (an error such as 401 or 503). */
  body?: string;
  /** The first event (already received or still to come) matching `pred`; rejects after `ms`. */
  waitFor(pred: (e: SseEvent) => boolean, ms?: number, what?: string): Promise<SseEvent>;
  /** Resolves when the server ends the stream; rejects after `ms`. */
  ended(ms?: number): Promise<void>;
  close(): void;
}

/** Opens a stream with real HTTP (fetch) and parses it as it arrives. */
export async function openSse(url: string, headers: Record<string, string> = {}): Promise<SseStream> {
  const abort = new AbortController();
  const res = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: abort.signal });
  const listeners = new Set<() => void>();
  let done = false;
  const s: SseStream = {
    status: res.status,
    headers: res.headers,
    events: [],
    comments: [],
    retry: null,
    waitFor: (pred, ms = 1000, what = 'event') =>
      new Promise((resolve, reject) => {
        const check = () => {
          const hit = s.events.find(pred);
          if (!hit) return false;
          listeners.delete(check);
          clearTimeout(timer);
          resolve(hit);
          return true;
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(
            new Error(`no ${what} within ${ms} ms; got ${JSON.stringify(s.events.map((e) => [e.event, e.data]))}`),
          );
        }, ms);
        if (!check()) listeners.add(check);
      }),
    ended: (ms = 2000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          if (!done) return false;
          listeners.delete(check);
          clearTimeout(timer);
          resolve();
          return true;
        };
        const timer = setTimeout(() => reject(new Error(`stream not ended within ${ms} ms`)), ms);
        if (!check()) listeners.add(check);
      }),
    close: () => abort.abort(),
  };
  if (!res.body) return s;
  if (!res.headers.get('content-type')?.startsWith('text/event-stream')) {
    s.body = await res.text();
    done = true;
    return s;
  }
  void (async () => {
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buf = '';
    try {
      for (;;) {
        const { value, done: end } = await reader.read();
        if (end) break;
        buf += value;
        let cut: number;
        while ((cut = buf.indexOf('\n\n')) >= 0) {
          parseFrame(s, buf.slice(0, cut));
          buf = buf.slice(cut + 2);
        }
        for (const l of [...listeners]) l();
      }
    } catch {
      /* aborted by close() */
    }
    done = true;
    for (const l of [...listeners]) l();
  })();
  return s;
}

function parseFrame(s: SseStream, frame: string) {
  let event = 'message';
  const data: string[] = [];
  for (const line of frame.split('\n')) {
    if (line.startsWith(':')) s.comments.push(line.slice(1).trim());
    else if (line.startsWith('retry:')) s.retry = Number(line.slice(6).trim());
    else if (line.startsWith('event:')) event = line.slice(6).trim();
    else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
  }
  if (data.length) s.events.push({ event, data: JSON.parse(data.join('\n')), at: Date.now() });
}
