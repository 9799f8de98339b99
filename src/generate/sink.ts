/**
 * Output plumbing for the generator: a line file written in large chunks with back-pressure, and
 * a bounded shuffle buffer so that a cluster's records do not sit next to each other in the file.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Rng } from './rng.js';

/**
 * Appends lines to a file, flushing ~1 MiB at a time and waiting when the disk is behind.
 *
 * @example
 *   const out = await LineFile.open('truth.csv');
 *   await out.line('id,entity_id');
 *   await out.close();
 */
export class LineFile {
  private parts: string[] = [];
  private size = 0;
  lines = 0;
  private constructor(private readonly out: WriteStream) {}

  static async open(path: string): Promise<LineFile> {
    const out = createWriteStream(path);
    await once(out, 'open');
    return new LineFile(out);
  }

  /** Queues one line; resolves at once unless a flush had to wait for the disk. */
  line(text: string): Promise<void> | undefined {
    this.parts.push(text);
    this.size += text.length + 1;
    this.lines++;
    if (this.size >= 1 << 20) return this.flush();
    return undefined;
  }

  private async flush(): Promise<void> {
    if (!this.parts.length) return;
    const chunk = `${this.parts.join('\n')}\n`;
    this.parts = [];
    this.size = 0;
    if (!this.out.write(chunk)) await once(this.out, 'drain');
  }

  async close(): Promise<void> {
    await this.flush();
    this.out.end();
    await once(this.out, 'finish');
  }
}

/**
 * A fixed-size shuffle buffer: each new item takes a random slot and the slot's previous item
 * leaves. Items come out in an order shuffled within a window of `capacity`, with memory bounded
 * by `capacity`, and deterministically for a given generator.
 *
 * @example
 *   const buf = new ShuffleBuffer<string>(4, rng);
 *   for (const x of 'abcdefgh') { const out = buf.push(x); if (out !== undefined) emit(out); }
 *   for (const x of buf.drain()) emit(x);
 */
export class ShuffleBuffer<T> {
  private readonly items: T[] = [];
  constructor(private readonly capacity: number, private readonly rng: Rng) {}

  push(item: T): T | undefined {
    if (this.items.length < this.capacity) {
      this.items.push(item);
      return undefined;
    }
    const i = this.rng.int(this.capacity);
    const out = this.items[i] as T;
    this.items[i] = item;
    return out;
  }

  /** The remaining items, in random order. */
  *drain(): Generator<T> {
    const a = this.items;
    for (let i = a.length - 1; i >= 0; i--) {
      const j = this.rng.int(i + 1);
      const x = a[j] as T;
      a[j] = a[i] as T;
      yield x;
    }
    a.length = 0;
  }
}
