/** Progress lines in logs (no terminal): a batch followed result by result writes a line a second at most, and always the last. */
import { describe, expect, it, vi } from 'vitest';
import { createProgress } from '../cli/progress.js';

function fakeStream(): { stream: NodeJS.WriteStream; lines: string[] } {
  const lines: string[] = [];
  const stream = { isTTY: false, write: (s: string) => (lines.push(s), true) } as unknown as NodeJS.WriteStream;
  return { stream, lines };
}

describe('progress without a terminal', () => {
  it('writes a batch count at most once a second, and the last one always', () => {
    vi.useFakeTimers({ now: 10_000 });
    try {
      const { stream, lines } = fakeStream();
      const p = createProgress(500, stream, 'xử lý');
      for (let done = 1; done <= 499; done++) p.update(done);
      vi.setSystemTime(11_500);
      p.update(499);
      p.update(500);
      expect(lines).toEqual(['Đã xử lý 1/500 tệp\n', 'Đã xử lý 499/500 tệp\n', 'Đã xử lý 500/500 tệp\n']);
      vi.setSystemTime(13_000);
      const q = createProgress(500, stream, 'xử lý');
      q.update(10);
      vi.setSystemTime(13_500);
      q.update(15);
      vi.setSystemTime(14_100);
      q.update(20);
      expect(lines.slice(3)).toEqual(['Đã xử lý 10/500 tệp\n', 'Đã xử lý 20/500 tệp\n']);
    } finally {
      vi.useRealTimers();
    }
  });

  it('names every file checked one by one', () => {
    const { stream, lines } = fakeStream();
    const p = createProgress(2, stream);
    p.tick('a.docx');
    p.tick('b.pdf');
    expect(lines).toEqual(['Đã kiểm tra 1/2: a.docx\n', 'Đã kiểm tra 2/2: b.pdf\n']);
  });
});
