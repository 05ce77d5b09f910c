/** One answer of `git cat-file --batch-check` or `--batch`, in input order. */
export type CatFileRecord =
  | { found: false }
  | {
      found: true;
      oid: string;
      type: string;
      size: number;
      /** Only from `--batch`, and only up to the parser's `maxBytes`. */
      content?: Buffer;
    };

/**
 * Incremental parser of `git cat-file --batch` (`withContent`) or `--batch-check` output: a header
 * `<oid> <type> <size>` (or `<name> missing` / `ambiguous`), and with `--batch` the content, `size`
 * bytes, then a newline. Content is located by its byte count, never by looking for newlines, so
 * any content is safe. Feed it raw chunks in any split.
 */
export class CatFileParser {
  private readonly records: CatFileRecord[] = [];
  private pending = Buffer.alloc(0);
  /** The record whose content is being read, and how many bytes of it are still to come. */
  private current: { oid: string; type: string; size: number; parts: Buffer[] | undefined; left: number } | undefined;

  /**
   * `withContent`: `--batch` output. Content over `maxBytes` is skipped, not kept. `onRecord`
   * receives each record as it completes; without it, `end` returns them all.
   */
  constructor(
    private readonly withContent: boolean,
    private readonly maxBytes = Number.POSITIVE_INFINITY,
    private readonly onRecord?: (record: CatFileRecord) => void,
  ) {}

  feed(chunk: Buffer): void {
    let buffer = this.pending.length > 0 ? Buffer.concat([this.pending, chunk]) : chunk;
    for (;;) {
      if (this.current) {
        const { current } = this;
        // The content, then its terminating newline.
        const take = Math.min(current.left, buffer.length);
        if (take > 0) {
          current.parts?.push(buffer.subarray(0, take));
          current.left -= take;
          buffer = buffer.subarray(take);
        }
        if (current.left > 0 || buffer.length === 0) break;
        this.emit({ found: true, oid: current.oid, type: current.type, size: current.size, ...(current.parts ? { content: Buffer.concat(current.parts) } : {}) });
        this.current = undefined;
        buffer = buffer.subarray(1);
        continue;
      }
      const newline = buffer.indexOf(0x0a);
      if (newline < 0) break;
      const header = buffer.subarray(0, newline).toString('utf8');
      buffer = buffer.subarray(newline + 1);
      const match = /^([0-9a-f]{40,64}) (\S+) (\d+)$/.exec(header);
      if (!match) {
        this.emit({ found: false });
        continue;
      }
      const [, oid, type, sizeText] = match as unknown as [string, string, string, string];
      const size = Number(sizeText);
      if (this.withContent) this.current = { oid, type, size, parts: size <= this.maxBytes ? [] : undefined, left: size };
      else this.emit({ found: true, oid, type, size });
    }
    this.pending = Buffer.from(buffer);
  }

  /** Every record, in output order (none when they went to `onRecord`). */
  end(): CatFileRecord[] {
    return this.records;
  }

  private emit(record: CatFileRecord): void {
    if (this.onRecord) this.onRecord(record);
    else this.records.push(record);
  }
}

/** Whether content looks binary to git: a NUL byte within the first 8,000 bytes. */
export function looksBinary(content: Buffer): boolean {
  return content.subarray(0, 8000).includes(0);
}
