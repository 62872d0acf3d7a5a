import { spawn, type ChildProcess } from 'node:child_process';
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
  /**
   * Where stdout goes: a callback (raw frames, PCM), 'collect' (returned as `stdout`, the
   * default), or 'stream' (left unread on `child.stdout`, to hand to another process).
   */
  stdout?: ((chunk: Buffer) => void) | 'collect' | 'stream';
  /**
   * A stream for the tool's stdin: another tool's stdout started with `stdout: 'stream'` (a kernel
   * pipe between the two, real backpressure). It is handed over: this process's copy is closed.
   */
  stdin?: Readable;
  /** ffmpeg only: adds `-progress pipe:3` and reports the output position in seconds. */
  onProgressTime?: (outTimeSec: number) => void;
  /** Lines the tool writes to file descriptor 3 (e.g. `-progress pipe:3`, `metadata=…:file=pipe\:3`). */
  onFd3Line?: (line: string) => void;
  /** Resolve with the exit code instead of throwing when the tool exits non-zero. */
  allowFailure?: boolean;
}

export interface RunMediaToolResult {
  exitCode: number;
  /** Collected stdout (empty unless stdout is 'collect'). */
  stdout: Buffer;
  /** The last 16 KB of stderr. */
  stderr: string;
}

export interface StartedMediaTool {
  child: ChildProcess;
  done: Promise<RunMediaToolResult>;
  /** Kill the process now (idempotent). */
  kill(): void;
}

const STDERR_TAIL = 16 * 1024;

/** Runs ffmpeg or ffprobe to completion. See startMediaTool. */
export function runMediaTool(
  tool: keyof MediaToolPaths,
  args: readonly string[],
  options: RunMediaToolOptions = {},
): Promise<RunMediaToolResult> {
  return startMediaTool(tool, args, options).done;
}

/**
 * Starts ffmpeg or ffprobe with an argument array (never a shell). stderr is kept for error
 * messages; an AbortSignal kills the process (SIGKILL: a half-written output is discarded
 * anyway). `done` rejects with MediaError('tool_missing') when the binary is not installed, and
 * with MediaError('processing_failed') on a non-zero exit unless `allowFailure` is set.
 */
export function startMediaTool(
  tool: keyof MediaToolPaths,
  args: readonly string[],
  options: RunMediaToolOptions = {},
): StartedMediaTool {
  const { signal, stdin, onProgressTime, allowFailure = false } = options;
  const stdoutMode = options.stdout ?? 'collect';
  const command = options.tools?.[tool] ?? DEFAULT_MEDIA_TOOLS[tool];
  const fullArgs = tool === 'ffmpeg' && onProgressTime ? ['-progress', 'pipe:3', '-nostats', ...args] : [...args];
  const onFd3Line = onProgressTime ? progressLineParser(onProgressTime) : options.onFd3Line;

  const child = spawn(command, fullArgs, {
    stdio: [stdin ?? 'ignore', 'pipe', 'pipe', ...(onFd3Line ? (['pipe'] as const) : [])],
    windowsHide: true,
  });
  // The child has its own copy of the pipe now. Closing ours lets the producing process's
  // 'close' event fire (Node waits for all of a child's stdio to end, and nobody reads this one).
  if (stdin && child.pid !== undefined) stdin.destroy();
  const kill = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };

  const done = new Promise<RunMediaToolResult>((resolve, reject) => {
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
    const onAbort = () => {
      kill();
      settle(() => reject(abortReason(signal!)));
    };
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });

    if (stdoutMode !== 'stream') {
      child.stdout!.on('data', (chunk: Buffer) => {
        if (consumerError !== undefined) return;
        if (stdoutMode === 'collect') {
          stdoutChunks.push(chunk);
          return;
        }
        try {
          stdoutMode(chunk);
        } catch (err) {
          // A consumer that throws stops the tool: there is no point decoding further.
          consumerError = err;
          kill();
        }
      });
    }
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (chunk: string) => {
      stderr += chunk;
      if (stderr.length > 2 * STDERR_TAIL) stderr = stderr.slice(-STDERR_TAIL);
    });
    if (onFd3Line) readLines(child.stdio[3] as Readable, onFd3Line);

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
  return { child, done, kill };
}

function readLines(stream: Readable, onLine: (line: string) => void): void {
  let pending = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) onLine(line);
  });
  stream.on('end', () => {
    if (pending) onLine(pending);
  });
  stream.on('error', () => {});
}

/** `-progress` writes key=value blocks; out_time_us is where the output has got to. */
function progressLineParser(onTime: (sec: number) => void): (line: string) => void {
  return (line) => {
    // ffmpeg 5.x also writes out_time_ms, in microseconds too (a historical misnomer).
    const m = /^out_time_us=(\d+)/.exec(line.trim());
    if (m) onTime(Number(m[1]) / 1e6);
  };
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

/** Common leading arguments: quiet, no stdin, errors only, overwrite. */
export const FFMPEG_BASE_ARGS = ['-hide_banner', '-nostdin', '-loglevel', 'error', '-y'] as const;
