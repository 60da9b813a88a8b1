import { describe, expect, it } from 'vitest';
import { createNotifyBatcher, MAX_PAYLOAD_BYTES, parsePayload } from '../../../api/realtime/notify-batcher.js';

describe('createNotifyBatcher', () => {
  it('sends at once when idle, and batches what arrives while a NOTIFY is in flight', async () => {
    const sent: string[] = [];
    let release!: () => void;
    const send = (payload: string) => {
      sent.push(payload);
      return sent.length === 1 ? new Promise<void>((r) => (release = r)) : Promise.resolve();
    };
    const notify = createNotifyBatcher<{ n: number }>(send);
    const first = notify({ n: 1 });
    expect(sent).toEqual(['[{"n":1}]']); // no delay when idle
    const rest = [notify({ n: 2 }), notify({ n: 3 }), notify({ n: 4 })];
    expect(sent).toHaveLength(1); // waiting for the first round trip
    release();
    await Promise.all([first, ...rest]);
    expect(sent).toEqual(['[{"n":1}]', '[{"n":2},{"n":3},{"n":4}]']);
    expect(sent.flatMap((p) => parsePayload<{ n: number }>(p)).map((e) => e.n)).toEqual([1, 2, 3, 4]);
  });

  it('keeps every payload under the NOTIFY size limit, and rejects only the batch that failed', async () => {
    const sent: string[] = [];
    let calls = 0;
    const notify = createNotifyBatcher<{ text: string }>(async (payload) => {
      calls++;
      if (calls === 2) throw new Error('connection lost');
      sent.push(payload);
    });
    const big = 'x'.repeat(3000);
    const results = await Promise.allSettled([1, 2, 3, 4, 5].map(() => notify({ text: big })));
    for (const p of sent) expect(p.length).toBeLessThanOrEqual(MAX_PAYLOAD_BYTES);
    expect(results.filter((r) => r.status === 'rejected').length).toBeGreaterThan(0);
    expect(results.filter((r) => r.status === 'fulfilled').length).toBe(sent.flatMap((p) => parsePayload(p)).length);
  });

  it('reads single-event payloads too', () => {
    expect(parsePayload('{"a":1}')).toEqual([{ a: 1 }]);
  });
});
