import { describe, expect, it } from 'vitest';
import { outcomeOfStatus } from './exec-status';

const frame = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value));

describe('the exit status on channel 3', () => {
  it('reads Success as exit code 0', () => {
    expect(outcomeOfStatus(frame({ metadata: {}, status: 'Success' }))).toEqual({ code: 0 });
  });

  it('reads the ExitCode cause of a NonZeroExitCode failure', () => {
    const status = {
      metadata: {},
      status: 'Failure',
      message: 'command terminated with non-zero exit code: error executing command [sh], exit code 3',
      reason: 'NonZeroExitCode',
      details: { causes: [{ reason: 'ExitCode', message: '3' }] },
    };
    expect(outcomeOfStatus(frame(status))).toEqual({ code: 3 });
  });

  it("keeps any other failure as the server's message", () => {
    const status = { status: 'Failure', reason: 'InternalError', message: 'Internal error occurred: exec: "bash": executable file not found in $PATH', code: 500 };
    expect(outcomeOfStatus(frame(status))).toEqual({ error: status.message });
    expect(outcomeOfStatus(frame({ status: 'Failure', reason: 'NonZeroExitCode', details: { causes: [] }, message: 'odd' }))).toEqual({ error: 'odd' });
  });

  it('shows plain-text (v1) errors as written', () => {
    expect(outcomeOfStatus(frame('error: container is not running\n'))).toEqual({ error: 'error: container is not running' });
  });
});
