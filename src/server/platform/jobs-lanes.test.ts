import { describe, expect, it } from 'vitest';
import { createLanes } from './jobs';

describe('job lanes (deadline work before background work, in one process)', () => {
  it('hold a background batch while a deadline batch runs and a moment after, then let it go', async () => {
    const lanes = createLanes();
    const order: string[] = [];
    let release!: () => void;
    const deadline = lanes.deadline(
      () =>
        new Promise<void>((r) => {
          release = () => {
            order.push('deadline done');
            r();
          };
        }),
    );
    expect(lanes.busy()).toBe(true);
    const background = lanes.yieldToDeadlines(5000).then((waited) => {
      order.push('background starts');
      return waited;
    });
    await new Promise((r) => setTimeout(r, 200));
    expect(order).toEqual([]);
    release();
    await deadline;
    // Still busy just after: the next batch of a burst is fetched at once.
    expect(lanes.busy()).toBe(true);
    const waited = await background;
    expect(order).toEqual(['deadline done', 'background starts']);
    expect(waited).toBeGreaterThanOrEqual(450);
    expect(lanes.busy()).toBe(false);
  });

  it('never hold a background batch longer than its bound (its job would expire and run twice)', async () => {
    const lanes = createLanes();
    let release!: () => void;
    const deadline = lanes.deadline(() => new Promise<void>((r) => (release = r)));
    const waited = await lanes.yieldToDeadlines(150);
    expect(waited).toBeGreaterThanOrEqual(150);
    expect(waited).toBeLessThan(1000);
    expect(lanes.busy()).toBe(true);
    release();
    await deadline;
  });

  it('count a failed deadline batch as ended', async () => {
    let t = 0;
    const lanes = createLanes(() => t);
    await expect(lanes.deadline(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    t = 1000;
    expect(lanes.busy()).toBe(false);
    expect(await lanes.yieldToDeadlines(5000)).toBe(0);
  });
});
