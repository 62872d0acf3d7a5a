import { spawn } from 'node:child_process';
import type { Readable } from 'node:stream';
import { MediaError } from './media-error';

export interface MediaToolPaths {
  ffmpeg: string;
  ffprobe: string;
}

/** Debian's ffmpeg package puts both on PATH; override per call for a custom build. */
export const DEFAULT_MEDIA_TOOLS: MediaToolPaths = { ffmpeg: 'ffmpeg', ffprobe: 'ffprobe' };

/** Options every media function accepts. */
export interface MediaCallOptions {
  /** Aborting kills the ffmpeg/ffprobe process; the call then rejects with the signal's reason. */
  signal?: AbortSignal;
  tools?: Partial<MediaToolPaths>;
}

export interface RunMediaToolOptions extends MediaCallOptions {
  /** Stream stdout to this callback (raw frames, PCM) instead of collecting it. */
  onStdout?: (chunk: Buffer) => void;
  /** ffmpeg only: adds `-progress pipe:3` and reports the output position in seconds. */
  onProgressTime?: (outTimeSec: number) => void;
  /** Resolve with the exit code instead of throwing when the tool exits non-zero. */
  allowFailure?: boolean;
}

export interface RunMediaToolResult {
  exitCode: number;
  /** Collected stdout (empty when onStdout is given). */
  stdout: Buffer;
  /** The last 16 KB of stderr. */
  stderr: string;
}

const STDERR_TAIL = 16 * 1024;

/**
 * Runs ffmpeg or ffprobe with an argument array (never a shell). stderr is kept for error
 * messages; an AbortSignal kills the process (SIGKILL: a half-written output is discarded anyway).
 */
export function runMediaTool(
  tool: keyof MediaToolPaths,
  args: readonly string[],
  options: RunMediaToolOptions = {},
): Promise<RunMediaToolResult> {
  const { signal, onStdout, onProgressTime, allowFailure = false } = options;
  const command = options.tools?.[tool] ?? DEFAULT_MEDIA_TOOLS[tool];
  const fullArgs = tool === 'ffmpeg' && onProgressTime ? ['-progress', 'pipe:3', '-nostats', ...args] : [...args];

  return new Promise<RunMediaToolResult>((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortReason(signal));
      return;
    }
    const child = spawn(command, fullArgs, {
      stdio: onProgressTime ? ['ignore', 'pipe', 'pipe', 'pipe'] : ['ignore', 'pipe', 'pipe'],
      windowsHide: true,
    });

    const stdoutChunks: Buffer[] = [];
    let stderr = '';
    let settled = false;
    let consumerError: unknown;

    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      fn();
    };
    const kill = () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    };
    const onAbort = () => {
      kill();
      settle(() => reject(abortReason(signal!)));
    };
    signal?.addEventListener('abort', onAbort, { once: true });

    child.stdout!.on('data', (chunk: Buffer) => {
      if (consumerError !== undefined) return;
      if (!onStdout) {
        stdoutChunks.push(chunk);
        return;
      }
      try {
        onStdout(chunk);
      } catch (err) {
        // A consumer that throws (e.g. bad frame size) stops the tool: no point decoding further.
        consumerError = err;
        kill();
      }
    });
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (chunk: string) => {
      stderr += chunk;
      if (stderr.length > 2 * STDERR_TAIL) stderr = stderr.slice(-STDERR_TAIL);
    });
    if (onProgressTime) readProgress(child.stdio[3] as Readable, onProgressTime);

    child.on('error', (err: NodeJS.ErrnoException) => {
      settle(() =>
        reject(
          err.code === 'ENOENT'
            ? new MediaError('tool_missing', {
                message: `${command} was not found. Install ffmpeg (Debian: apt-get install ffmpeg).`,
                cause: err,
              })
            : new MediaError('processing_failed', { message: `Could not start ${command}: ${err.message}`, cause: err }),
        ),
      );
    });
    child.on('close', (code, killedBy) => {
      settle(() => {
        const tail = stderr.slice(-STDERR_TAIL);
        if (consumerError !== undefined) {
          reject(consumerError);
          return;
        }
        const exitCode = code ?? -1;
        if (exitCode !== 0 && !allowFailure) {
          reject(
            new MediaError('processing_failed', {
              message: `${tool} failed (${killedBy ? `killed by ${killedBy}` : `exit code ${exitCode}`}): ${lastLines(tail) || 'no error output'}`,
              toolOutput: tail,
            }),
          );
          return;
        }
        resolve({ exitCode, stdout: Buffer.concat(stdoutChunks), stderr: tail });
      });
    });
  });
}

/** `-progress` writes key=value blocks; out_time_us is where the output has got to. */
function readProgress(stream: Readable, onTime: (sec: number) => void): void {
  let pending = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      const m = /^out_time_(us|ms)=(\d+)/.exec(line.trim());
      // ffmpeg 5.x reports out_time_ms in microseconds too (a historical misnomer).
      if (m) onTime(Number(m[2]) / 1e6);
    }
  });
  stream.on('error', () => {});
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The operation was aborted.', 'AbortError');
}

/** The last few meaningful lines of a tool's stderr, for an error message. */
export function lastLines(text: string, count = 3): string {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .slice(-count)
    .join(' | ')
    .slice(0, 600);
}

/** Common leading arguments: quiet, no stdin, errors only. */
export const FFMPEG_BASE_ARGS = ['-hide_banner', '-nostdin', '-loglevel', 'error', '-y'] as const;
