# syntax=docker/dockerfile:1
# Avlast for PostgreSQL (several instances behind a proxy; see docker-compose.yml
# and docs/operations.md). Three stages: the build (all dependencies), the
# production dependencies alone, and the runtime image with a non-root user.
# Migrations are their own step: `docker compose run --rm migrate` (npm run db:deploy).
ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
# better-sqlite3 compiles from source when no prebuilt binary can be fetched.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
# The generated Prisma client is per provider: this image runs on PostgreSQL.
ENV DATABASE_URL=postgresql://build@localhost/build
RUN npx prisma generate && npm run build

FROM ${NODE_IMAGE} AS deps
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production PORT=3000
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/node_modules/.prisma ./node_modules/.prisma
COPY --from=build /app/build ./build
COPY --from=build /app/public ./public
COPY package.json prisma.config.ts ./
COPY prisma ./prisma
COPY app/utils/database-url.ts ./app/utils/database-url.ts
# The API reads its SDL at start.
COPY graphql/schema ./graphql/schema
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s CMD ["node", "-e", "fetch('http://127.0.0.1:3000/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "build/server.mjs"]
