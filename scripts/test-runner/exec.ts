import { spawn } from 'node:child_process';

export interface ExecResult {
  /** Exit code; 127 if the command could not be started, 128+n if killed by a signal. */
  code: number;
}

/** Runs a command with inherited stdio (so the user sees its output live). Never rejects. */
export function runInherit(cmd: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<ExecResult> {
  return new Promise((resolve) => {
    let settled = false;
    const done = (code: number): void => {
      if (!settled) {
        settled = true;
        resolve({ code });
      }
    };
    const child = spawn(cmd, [...args], { cwd, env, stdio: 'inherit' });
    child.on('error', (e) => {
      process.stderr.write(`test-runner: cannot start ${cmd}: ${e.message}\n`);
      done(127);
    });
    child.on('exit', (code, signal) => done(signal ? 128 + signalNumber(signal) : (code ?? 1)));
  });
}

function signalNumber(signal: NodeJS.Signals): number {
  const map: Partial<Record<NodeJS.Signals, number>> = { SIGHUP: 1, SIGINT: 2, SIGKILL: 9, SIGTERM: 15 };
  return map[signal] ?? 0;
}
