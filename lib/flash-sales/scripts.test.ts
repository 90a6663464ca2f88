import { describe, expect, it } from 'vitest';
import { GateUnavailableError, isDatabaseUnavailable } from './errors';
import { ScriptRunner, type ScriptClient } from './scripts';

const replyError = (message: string) => Object.assign(new Error(message), { name: 'ReplyError' });

function fakeClient(evalsha: ScriptClient['evalsha']): ScriptClient & { loads: number; evals: number } {
  const c = {
    loads: 0,
    evals: 0,
    scriptLoad: async () => {
      c.loads += 1;
      return 'sha';
    },
    evalsha,
    eval: async () => {
      c.evals += 1;
      return ['from-eval'];
    },
  };
  return c;
}

describe('ScriptRunner', () => {
  it('loads each script once, then runs it by sha', async () => {
    const client = fakeClient(async () => ['ok']);
    const runner = new ScriptRunner(client);
    expect(await runner.run('snapshot', ['k'], [])).toEqual(['ok']);
    expect(await runner.run('snapshot', ['k'], [])).toEqual(['ok']);
    expect(client.loads).toBe(1);
  });

  it('falls back to EVAL on NOSCRIPT and counts it', async () => {
    const client = fakeClient(async () => {
      throw replyError('NOSCRIPT No matching script. Please use EVAL.');
    });
    const runner = new ScriptRunner(client);
    expect(await runner.run('snapshot', ['k'], [])).toEqual(['from-eval']);
    expect([client.evals, runner.evalFallbacks]).toEqual([1, 1]);
  });

  it('a script error is rethrown as is (a bug); transient replies and lost connections mean unavailable', async () => {
    const bug = new ScriptRunner(fakeClient(async () => Promise.reject(replyError('ERR user_script:3: bad argument'))));
    await expect(bug.run('snapshot', ['k'], [])).rejects.toThrow(/bad argument/);
    for (const err of [replyError('LOADING Redis is loading the dataset in memory'), replyError('BUSY Redis is busy running a script'), new Error("Stream isn't writeable and enableOfflineQueue options is false"), new Error('Command timed out')]) {
      const runner = new ScriptRunner(fakeClient(async () => Promise.reject(err)));
      await expect(runner.run('snapshot', ['k'], [])).rejects.toBeInstanceOf(GateUnavailableError);
    }
  });
});

describe('isDatabaseUnavailable', () => {
  it.each([
    [Object.assign(new Error('x'), { code: '08006' }), true],
    [Object.assign(new Error('x'), { code: '57P01' }), true],
    [Object.assign(new Error('x'), { code: '53300' }), true],
    [Object.assign(new Error('x'), { code: '40P01' }), true],
    [Object.assign(new Error('x'), { code: 'ECONNREFUSED' }), true],
    [new Error('Connection terminated unexpectedly'), true],
    [Object.assign(new Error('wrapped'), { cause: Object.assign(new Error('x'), { code: '08001' }) }), true],
    [Object.assign(new Error('x'), { code: '23505' }), false],
    [Object.assign(new Error('x'), { code: '23514' }), false],
    [new Error('syntax error'), false],
  ])('%s → %s', (err, expected) => {
    expect(isDatabaseUnavailable(err)).toBe(expected);
  });
});
