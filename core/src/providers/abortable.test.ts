import { describe, expect, it } from 'vitest';
import { abortable } from './abortable';

const aborted = () => new Error('aborted');

describe('abortable', () => {
  it('settles with the promise when nothing aborts', async () => {
    const controller = new AbortController();
    await expect(abortable(Promise.resolve(7), controller.signal, aborted)).resolves.toBe(7);
    await expect(abortable(Promise.reject(new Error('failed')), controller.signal, aborted)).rejects.toThrow('failed');
  });

  it('rejects as soon as the signal aborts and hands the still-running promise to onAbandon', async () => {
    const controller = new AbortController();
    let finish!: (v: string) => void;
    const running = new Promise<string>((resolve) => (finish = resolve));
    const abandoned: Array<Promise<string>> = [];
    const raced = abortable(running, controller.signal, aborted, (late) => abandoned.push(late));
    controller.abort();
    await expect(raced).rejects.toThrow('aborted');
    expect(abandoned).toEqual([running]);
    finish('landed late');
    await expect(abandoned[0]).resolves.toBe('landed late');
  });

  it('rejects at once when the signal had already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    let abandonedCalls = 0;
    const never = new Promise<number>(() => undefined);
    await expect(abortable(never, controller.signal, aborted, () => abandonedCalls++)).rejects.toThrow('aborted');
    expect(abandonedCalls).toBe(1);
  });
});
