import { randomBytes, createHash, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import type net from 'node:net';
import path from 'node:path';

/**
 * PGlite answers every startup with AuthenticationOk: on its own, any local process could connect
 * as anyone and read the session secret or give itself a role. This gate runs the password part of
 * the Postgres startup handshake (https://www.postgresql.org/docs/current/protocol-flow.html#PROTOCOL-FLOW-START-UP)
 * on each new connection before pglite-socket sees it: AuthenticationCleartextPassword, the client's
 * PasswordMessage, and either the original StartupMessage handed on (PGlite then sends AuthenticationOk)
 * or ErrorResponse 28P01 and the connection closed.
 */

const PROTOCOL_3 = 196608;
const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;
const HANDSHAKE_TIMEOUT_MS = 10_000;

export const PASSWORD_FILE = 'ajimi-db-password';

/** The data dir's password, generated on first start and kept (mode 0600) so the URL survives restarts. */
export function readOrCreatePassword(dataDir: string): string {
  const file = path.join(dataDir, PASSWORD_FILE);
  try {
    const fd = fs.openSync(file, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL, 0o600);
    fs.writeSync(fd, randomBytes(24).toString('base64url'));
    fs.closeSync(fd);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  fs.chmodSync(file, 0o600);
  return fs.readFileSync(file, 'utf8').trim();
}

function errorResponse(code: string, message: string): Buffer {
  const fields = Buffer.concat([
    ...[['S', 'FATAL'], ['V', 'FATAL'], ['C', code], ['M', message]].map(([k, v]) => Buffer.from(`${k}${v}\0`, 'utf8')),
    Buffer.from([0]),
  ]);
  const head = Buffer.alloc(5);
  head.write('E', 0);
  head.writeInt32BE(4 + fields.length, 1);
  return Buffer.concat([head, fields]);
}

const ASK_PASSWORD = Buffer.from([0x52, 0, 0, 0, 8, 0, 0, 0, 3]); // 'R', length 8, AuthenticationCleartextPassword

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/**
 * Runs the handshake; resolves with the bytes to hand to PGlite (the StartupMessage and anything the
 * client sent after its password), or null when the connection was refused or closed.
 */
function handshake(socket: net.Socket, expected: Buffer): Promise<Buffer | null> {
  return new Promise((resolve) => {
    let buffer = Buffer.alloc(0);
    let startup: Buffer | null = null;
    let done = false;
    const finish = (result: Buffer | null, refusal?: Buffer): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.removeListener('data', onData);
      socket.removeListener('close', onClose);
      socket.removeListener('error', onClose);
      if (refusal) socket.end(refusal);
      else if (!result) socket.destroy();
      resolve(result);
    };
    const onClose = (): void => finish(null);
    const timer = setTimeout(() => finish(null), HANDSHAKE_TIMEOUT_MS);
    const onData = (chunk: Buffer): void => {
      buffer = Buffer.concat([buffer, chunk]);
      while (!done) {
        if (!startup) {
          if (buffer.length < 8) return;
          const length = buffer.readInt32BE(0);
          if (length < 8 || length > 10_000) return finish(null, errorResponse('08P01', 'invalid startup packet'));
          if (buffer.length < length) return;
          const code = buffer.readInt32BE(4);
          const message = buffer.subarray(0, length);
          buffer = buffer.subarray(length);
          if (code === SSL_REQUEST || code === GSSENC_REQUEST) {
            socket.write('N'); // no TLS on a loopback socket; the client goes on in the clear
            continue;
          }
          if (code === CANCEL_REQUEST) return finish(null);
          if (code !== PROTOCOL_3) return finish(null, errorResponse('0A000', 'unsupported frontend protocol'));
          startup = Buffer.from(message);
          socket.write(ASK_PASSWORD);
          continue;
        }
        if (buffer.length < 5) return;
        const length = buffer.readInt32BE(1);
        if (buffer[0] !== 0x70 || length < 5 || length > 10_000) return finish(null, errorResponse('08P01', 'expected a password message'));
        if (buffer.length < 1 + length) return;
        const given = buffer.subarray(5, 1 + length).toString('utf8').replace(/\0$/, '');
        const rest = buffer.subarray(1 + length);
        if (!timingSafeEqual(digest(given), expected)) {
          return finish(null, errorResponse('28P01', 'password authentication failed'));
        }
        return finish(Buffer.concat([startup, rest]));
      }
    };
    socket.on('data', onData);
    socket.once('close', onClose);
    socket.once('error', onClose);
  });
}

/** Puts the password gate in front of pglite-socket's connection handling (pinned version's internals). */
export function installPasswordGate(server: object, password: string): void {
  const target = server as { handleConnection?: (socket: net.Socket) => Promise<void> };
  if (typeof target.handleConnection !== 'function') {
    throw new Error('pglite-socket internals changed: cannot install the password gate (check the pinned version)');
  }
  const original = target.handleConnection.bind(server);
  const expected = digest(password);
  target.handleConnection = async (socket: net.Socket) => {
    const accepted = await handshake(socket, expected);
    if (!accepted) return;
    await original(socket);
    // The handler now listens: it sees the startup message as if it had just arrived.
    socket.emit('data', accepted);
  };
}
