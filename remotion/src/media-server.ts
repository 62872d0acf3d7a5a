import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname } from 'node:path';

const TYPES: Record<string, string> = {
  '.mp4': 'video/mp4',
  '.mov': 'video/quicktime',
  '.webm': 'video/webm',
  '.mkv': 'video/x-matroska',
  '.wav': 'audio/wav',
  '.mp3': 'audio/mpeg',
  '.ttc': 'font/collection',
  '.otf': 'font/otf',
  '.ttf': 'font/ttf',
};

export interface MediaServer {
  /** The URL a file is served at (registers it on first call). */
  urlFor(path: string): string;
  close(): Promise<void>;
}

/**
 * Serves local files on 127.0.0.1 for a server-side Remotion render (Chromium and Remotion's
 * asset downloader fetch media by URL): only files registered with urlFor, with HTTP Range and
 * permissive CORS (the bundle is served from another port). Works offline.
 */
export async function startMediaServer(): Promise<MediaServer> {
  const files = new Map<string, string>();
  const byPath = new Map<string, string>();
  const server: Server = createServer((req, res) => {
    void (async () => {
      const id = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname.slice(1)).split('/')[0] ?? '';
      const path = files.get(id);
      res.setHeader('Access-Control-Allow-Origin', '*');
      res.setHeader('Access-Control-Expose-Headers', 'Content-Range, Content-Length, Accept-Ranges');
      if (!path || (req.method !== 'GET' && req.method !== 'HEAD')) {
        res.statusCode = path ? 405 : 404;
        res.end();
        return;
      }
      const { size } = await stat(path);
      res.setHeader('Accept-Ranges', 'bytes');
      res.setHeader('Content-Type', TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream');
      let start = 0;
      let end = size - 1;
      const range = /^bytes=(\d*)-(\d*)$/.exec(req.headers.range ?? '');
      if (range && (range[1] || range[2])) {
        if (range[1]) {
          start = Number(range[1]);
          if (range[2]) end = Math.min(end, Number(range[2]));
        } else {
          start = Math.max(0, size - Number(range[2]));
        }
        if (start > end || start >= size) {
          res.statusCode = 416;
          res.setHeader('Content-Range', `bytes */${size}`);
          res.end();
          return;
        }
        res.statusCode = 206;
        res.setHeader('Content-Range', `bytes ${start}-${end}/${size}`);
      }
      res.setHeader('Content-Length', String(end - start + 1));
      if (req.method === 'HEAD') {
        res.end();
        return;
      }
      createReadStream(path, { start, end }).on('error', () => res.destroy()).pipe(res);
    })().catch(() => {
      if (!res.headersSent) res.statusCode = 500;
      res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    urlFor(path) {
      let id = byPath.get(path);
      if (!id) {
        id = `f${files.size}`;
        files.set(id, path);
        byPath.set(path, id);
      }
      // The extension helps Remotion and Chromium pick a demuxer.
      return `http://127.0.0.1:${port}/${id}/file${extname(path).toLowerCase()}`;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
