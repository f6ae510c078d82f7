# One image for the three services and the CLI (the default target); the command chooses which runs:
#   node dist/apps/intake/src/main.js     (the default)
#   node dist/apps/routing/src/main.js
#   node dist/apps/notify/src/main.js
#   node dist/apps/cli/src/main.js migrate | seed:demo | user:create ...
# `--target web` builds the pages' image instead (nginx, deploy/nginx/xinfang.conf).
# Settings come from the environment (see docker-compose.yml); nothing secret is baked in.
# Node 24 (LTS until April 2028): Node 20 reached its end of life in April 2026.

FROM node:24-bookworm-slim AS base
WORKDIR /app

# --- deps: every dependency, dev ones included, to compile --------------------------------------
# Install scripts stay enabled: argon2 and msgpackr-extract pick their prebuilt binaries in them.
FROM base AS deps
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund && npm cache clean --force

# --- build: TypeScript to dist/ -------------------------------------------------------------------
FROM deps AS build
COPY tsconfig.json tsconfig.build.json ./
COPY apps ./apps
COPY libs ./libs
RUN npx tsc -p tsconfig.build.json && rm -f dist/.tsbuildinfo*

# --- prod-deps: runtime dependencies only ---------------------------------------------------------
FROM base AS prod-deps
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# --- web-build: the pages (Vite) -----------------------------------------------------------------
FROM deps AS web-build
COPY apps/web ./apps/web
RUN npx vite build apps/web --logLevel warn

# --- web: the pages and, under compose, the API on one origin (docker build --target web) ---------
# Static files and a reverse proxy only: nginx, as offices' operations teams run it.
FROM nginx:1.27-bookworm AS web
COPY deploy/nginx/xinfang.conf /etc/nginx/conf.d/default.conf
COPY --from=web-build /app/apps/web/dist /usr/share/nginx/html
EXPOSE 8080

# --- runtime (the default target: the last stage) -------------------------------------------------
FROM node:24-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
# Owned by root and only readable by the app user: the running process cannot change its own code.
# package.json is needed at run time for its "imports" map (#common).
COPY package.json ./
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# The routing classifier's model (CLASSIFIER_MODEL names another, e.g. on a volume).
COPY data/models ./data/models
COPY data/terms ./data/terms
# Attachments live on a volume mounted here; the directory belongs to the app user.
RUN mkdir -p /var/lib/xinfang/attachments && chown -R node:node /var/lib/xinfang
ENV ATTACHMENT_DIR=/var/lib/xinfang/attachments
USER node
# intake, routing, notify (each listens only on its own port)
EXPOSE 3001 3002 3003
# The services close gracefully on SIGTERM (HTTP first, then workers finish their jobs).
STOPSIGNAL SIGTERM
CMD ["node", "dist/apps/intake/src/main.js"]
