import { Readable } from 'node:stream';

/**
 * A stream that opens its source only when it is first read. A mail carrying many files is
 * written one part after another, so with these only the part being written holds an open file
 * or bucket download — not every attachment from the start (an S3 download left waiting while
 * the ones before it are sent can time out, and each holds a socket).
 */
export function lazyStream(open: () => Promise<Readable>): Readable {
  let source: Readable | null = null;
  const out: Readable = new Readable({
    read() {
      if (source) {
        source.resume();
        return;
      }
      open().then(
        (s) => {
          source = s;
          if (out.destroyed) return void s.destroy();
          s.on('data', (chunk: Buffer) => {
            if (!out.push(chunk)) s.pause();
          });
          s.once('end', () => out.push(null));
          s.once('error', (err) => out.destroy(err));
        },
        (err: Error) => out.destroy(err),
      );
    },
    destroy(err, cb) {
      source?.destroy();
      cb(err);
    },
  });
  return out;
}
