import { Transform } from "node:stream";

/**
 * React writes a page as many small chunks in one go; each one would reach
 * the compression middleware as its own zlib job (measured: a 130 KB leader
 * view as 58 chunks took 60 ms gzipped, 38 ms plain). This passes them on
 * once per turn of the event loop instead, so a page rendered at once leaves
 * as one chunk and anything streamed later still leaves as soon as it comes.
 */
export function coalesceChunks(): Transform {
  let pending: Buffer[] = [];
  let scheduled = false;
  const stream: Transform = new Transform({
    transform(chunk: Buffer | string, _encoding, done) {
      pending.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
      if (!scheduled) {
        scheduled = true;
        setImmediate(() => {
          scheduled = false;
          if (pending.length === 0) return;
          const out = Buffer.concat(pending);
          pending = [];
          stream.push(out);
        });
      }
      done();
    },
    flush(done) {
      if (pending.length > 0) this.push(Buffer.concat(pending));
      pending = [];
      done();
    },
  });
  return stream;
}
