/** Output kept when a run does not say (head and tail together), in characters. */
export const DEFAULT_MAX_OUTPUT_CHARS = 1_000_000;

/** The cap for the editor's `runbooks.run.maxOutputKB` setting: at least 16 KB, 1024 KB when unset. */
export function maxOutputCharsFromKB(kb: number | undefined): number {
  return Math.max(16, kb ?? 1024) * 1024;
}

/**
 * Keeps the first and last `max / 2` characters of a stream of text and counts the rest.
 * The cut is moved to a line boundary when one is near (within a quarter of each half, at most
 * 1,000 characters), so the marker sits on its own line between whole lines.
 */
export class OutputBuffer {
  private head = '';
  private tailChunks: string[] = [];
  private tailLength = 0;
  /** The last character dropped from the front of the tail, to tell whether the kept tail starts a line. */
  private lastDropped = '';
  private total = 0;
  private readonly headLimit: number;
  private readonly tailLimit: number;

  constructor(private readonly max: number) {
    this.headLimit = Math.ceil(max / 2);
    this.tailLimit = Math.floor(max / 2);
  }

  append(text: string): void {
    this.total += text.length;
    if (this.head.length < this.headLimit) {
      const room = this.headLimit - this.head.length;
      this.head += text.slice(0, room);
      text = text.slice(room);
      if (!text) return;
    }
    this.tailChunks.push(text);
    this.tailLength += text.length;
    // Drop whole chunks that lie entirely before the tail window; joining happens once, at the end.
    while (this.tailChunks.length > 1 && this.tailLength - this.tailChunks[0].length >= this.tailLimit) {
      const dropped = this.tailChunks.shift()!;
      this.tailLength -= dropped.length;
      this.lastDropped = dropped[dropped.length - 1];
    }
  }

  /** The kept text, with a marker line where the middle was cut. */
  result(): { text: string; truncated: boolean } {
    const tailAll = this.tailChunks.join('');
    if (this.total <= this.max) return { text: this.head + tailAll, truncated: false };
    let head = this.head;
    let tail = tailAll.slice(tailAll.length - this.tailLimit);
    const headWindow = Math.min(1000, Math.floor(head.length / 4));
    const lastNewline = head.lastIndexOf('\n');
    if (lastNewline >= 0 && head.length - (lastNewline + 1) <= headWindow) head = head.slice(0, lastNewline + 1);
    else if (isHighSurrogate(head.charCodeAt(head.length - 1))) head = head.slice(0, -1);
    const tailWindow = Math.min(1000, Math.floor(tail.length / 4));
    const firstNewline = tail.indexOf('\n');
    const before = tailAll.length > tail.length ? tailAll[tailAll.length - tail.length - 1] : this.lastDropped || this.head.slice(-1);
    const tailStartsLine = before === '\n';
    if (!tailStartsLine && firstNewline >= 0 && firstNewline < tailWindow) tail = tail.slice(firstNewline + 1);
    else if (isLowSurrogate(tail.charCodeAt(0))) tail = tail.slice(1);
    const cut = this.total - head.length - tail.length;
    const marker = `… ${formatCount(cut)} characters cut …\n`;
    return { text: `${head}${head && !head.endsWith('\n') ? '\n' : ''}${marker}${tail}`, truncated: true };
  }
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

function formatCount(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

