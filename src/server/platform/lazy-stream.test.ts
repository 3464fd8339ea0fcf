import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { lazyStream } from './lazy-stream';

describe('a lazy stream', () => {
  it('opens its source at the first read, not before, and passes it through whole', async () => {
    const opened: string[] = [];
    const open = (name: string, body: string) => () => {
      opened.push(name);
      return Promise.resolve(Readable.from([body.slice(0, 3), body.slice(3)]));
    };
    const a = lazyStream(open('a', 'first file'));
    const b = lazyStream(open('b', 'second file'));
    await new Promise((r) => setTimeout(r, 10));
    expect(opened).toEqual([]);
    expect(await text(a)).toBe('first file');
    expect(opened).toEqual(['a']);
    expect(await text(b)).toBe('second file');
    expect(opened).toEqual(['a', 'b']);
  });

  it('fails when its source cannot be opened or fails midway', async () => {
    await expect(text(lazyStream(() => Promise.reject(new Error('gone'))))).rejects.toThrow('gone');
    const broken = new Readable({
      read() {
        this.destroy(new Error('cut'));
      },
    });
    await expect(text(lazyStream(() => Promise.resolve(broken)))).rejects.toThrow('cut');
  });

  it('destroys a source it opened when it is destroyed', async () => {
    const source = Readable.from(['x', 'y']);
    const lazy = lazyStream(() => Promise.resolve(source));
    lazy.once('data', () => lazy.destroy());
    lazy.resume();
    await new Promise((r) => lazy.once('close', r));
    expect(source.destroyed).toBe(true);
  });
});
