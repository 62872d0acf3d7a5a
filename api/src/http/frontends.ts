import fs from 'node:fs';
import path from 'node:path';
import compression from 'compression';
import express, { type Router } from 'express';

const repoRoot = path.resolve(import.meta.dirname, '../../..');
export const CONSOLE_DIST = path.join(repoRoot, 'console/dist');
export const LEARNER_DIST = path.join(repoRoot, 'learner-app/dist');

/** Serves a built single-page app: hashed assets cached for a year, index.html and the service worker never. */
export function singlePageApp(dist: string, label: string): Router {
  const router = express.Router();
  const index = path.join(dist, 'index.html');
  // gzip the app shell (JS/CSS/HTML); a phone on a slow line downloads a third of the bytes.
  router.use(compression());
  router.use(
    express.static(dist, {
      index: false,
      setHeaders(res, file) {
        const name = path.basename(file);
        if (file.includes(`${path.sep}assets${path.sep}`)) res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
        else if (name === 'sw.js' || name.startsWith('workbox-') || name.endsWith('.webmanifest')) res.setHeader('Cache-Control', 'no-cache');
      },
    }),
  );
  router.use((req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    if (!fs.existsSync(index)) {
      res.status(503).type('text/plain').send(`The ${label} is not built yet. Run "npm start" (it builds it) or "npm run build".`);
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
  return router;
}

export function consoleApp(): Router {
  return singlePageApp(CONSOLE_DIST, 'console');
}

export function learnerApp(): Router {
  return singlePageApp(LEARNER_DIST, 'learner app');
}
