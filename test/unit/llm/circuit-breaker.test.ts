import { describe, expect, it } from 'vitest';
import { CircuitOpenError, createCircuitBreaker, type BreakerState } from '../../../api/llm/circuit-breaker.js';

const fail = () => Promise.reject(new Error('boom'));
const ok = () => Promise.resolve('ok');

describe('circuit breaker', () => {
  const setup = () => {
    let t = 0;
    const states: BreakerState[] = [];
    const breaker = createCircuitBreaker({ failures: 3, cooldownMs: 1000, now: () => t, onStateChange: (s) => states.push(s) });
    return { breaker, states, advance: (ms: number) => (t += ms) };
  };

  it('opens after consecutive failures and then fails fast without calling', async () => {
    const { breaker, states } = setup();
    for (let i = 0; i < 3; i++) await expect(breaker.run(fail)).rejects.toThrow('boom');
    expect(breaker.state).toBe('open');
    let called = false;
    await expect(breaker.run(async () => { called = true; })).rejects.toBeInstanceOf(CircuitOpenError);
    expect(called).toBe(false);
    expect(states).toEqual(['open']);
  });

  it('a success resets the count', async () => {
    const { breaker } = setup();
    await expect(breaker.run(fail)).rejects.toThrow();
    await expect(breaker.run(fail)).rejects.toThrow();
    await breaker.run(ok);
    await expect(breaker.run(fail)).rejects.toThrow();
    expect(breaker.state).toBe('closed');
  });

  it('after the cooldown one trial call goes through: success closes, failure reopens', async () => {
    const { breaker, advance, states } = setup();
    for (let i = 0; i < 3; i++) await expect(breaker.run(fail)).rejects.toThrow();
    advance(1000);
    expect(breaker.state).toBe('half-open');
    await expect(breaker.run(fail)).rejects.toThrow('boom');
    expect(breaker.state).toBe('open');
    advance(1000);
    expect(await breaker.run(ok)).toBe('ok');
    expect(breaker.state).toBe('closed');
    expect(states).toEqual(['open', 'half-open', 'open', 'half-open', 'closed']);
  });

  it('lets only one trial through while half-open', async () => {
    const { breaker, advance } = setup();
    for (let i = 0; i < 3; i++) await expect(breaker.run(fail)).rejects.toThrow();
    advance(1000);
    let release!: () => void;
    const trial = breaker.run(() => new Promise<void>((r) => (release = r)));
    await expect(breaker.run(ok)).rejects.toBeInstanceOf(CircuitOpenError);
    release();
    await trial;
    expect(breaker.state).toBe('closed');
  });
});
