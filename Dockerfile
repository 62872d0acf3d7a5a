# One image for the API and the workers (the command picks the role).
FROM node:22-bookworm-slim AS base
RUN apt-get update \
 && apt-get install -y --no-install-recommends ffmpeg fonts-noto-cjk fonts-noto-color-emoji fontconfig chromium espeak-ng ca-certificates \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app

FROM base AS build
COPY package.json package-lock.json .npmrc ./
COPY core/package.json core/
COPY api/package.json api/
COPY jobs/package.json jobs/
COPY console/package.json console/
COPY learner-app/package.json learner-app/
COPY remotion/package.json remotion/
RUN npm ci --omit=optional --no-audit --no-fund
COPY . .
RUN npm run build

FROM base
ENV NODE_ENV=production CHROMIUM_PATH=/usr/bin/chromium
COPY --from=build /app /app
USER node
EXPOSE 3000
# docker-compose overrides the command for workers and migrations.
CMD ["node", "--import", "tsx", "api/src/main.ts"]
