/**
 * SSE fan-out: N connected agents; each ticket change must reach all of them. Measures the
 * time from sending the change to each connection receiving its event.
 */
export async function sseFanout(
  url: string,
  headers: Record<string, string>,
  opts: { connections: number; changes: number; create: () => Promise<number> },
) {
  const controllers: AbortController[] = [];
  const arrivals = new Map<number, number[]>(); // ticket number → arrival times
  let connected = 0;
  const open = async () => {
    const ac = new AbortController();
    controllers.push(ac);
    const res = await fetch(`${url}/api/v1/events/stream`, { headers: { cookie: headers.cookie }, signal: ac.signal });
    if (res.status === 429)
      // One signed-in person may hold 10 streams by default; this bench opens them all as agent1.
      throw new Error('stream: 429 — start the server with LIVE_STREAMS_PER_PERSON=1000 for sse-fanout');
    if (!res.ok || !res.body) throw new Error(`stream: ${res.status}`);
    const reader = res.body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    connected++;
    void (async () => {
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return;
          buffer += decoder.decode(value, { stream: true });
          let at: number;
          while ((at = buffer.indexOf('\n\n')) >= 0) {
            const frame = buffer.slice(0, at);
            buffer = buffer.slice(at + 2);
            const data = /^data: (.*)$/m.exec(frame)?.[1];
            if (!data || !/^event: ticket\.created$/m.test(frame)) continue;
            const n = (JSON.parse(data) as { number: number }).number;
            const list = arrivals.get(n) ?? [];
            list.push(performance.now());
            arrivals.set(n, list);
          }
        }
      } catch {
        /* aborted */
      }
    })();
  };
  for (let i = 0; i < opts.connections; i += 50)
    await Promise.all(Array.from({ length: Math.min(50, opts.connections - i) }, open));
  const delays: number[] = [];
  let missing = 0;
  for (let i = 0; i < opts.changes; i++) {
    const started = performance.now();
    const number = await opts.create();
    const deadline = performance.now() + 5000;
    while ((arrivals.get(number)?.length ?? 0) < opts.connections && performance.now() < deadline)
      await new Promise((r) => setTimeout(r, 5));
    const got = arrivals.get(number) ?? [];
    missing += opts.connections - got.length;
    for (const t of got) delays.push(t - started);
  }
  controllers.forEach((c) => c.abort());
  delays.sort((a, b) => a - b);
  const p = (q: number) =>
    Math.round((delays[Math.min(delays.length - 1, Math.ceil(q * delays.length) - 1)] ?? 0) * 100) / 100;
  return { connected, deliveries: delays.length, missing, p50: p(0.5), p95: p(0.95), p99: p(0.99), max: p(1) };
}
