#!/usr/bin/env bash
# Regenerates resolver types and migrations; fails if either differs from what is committed.
set -euo pipefail
cd "$(dirname "$0")/.."
npm run --silent codegen >/dev/null
npx drizzle-kit generate --name drift-check >/dev/null
drift=$(git status --porcelain -- schema/generated db/migrations)
if [ -n "$drift" ]; then
  echo "Generated code differs from its sources (run npm run codegen / npm run db:generate and commit):" >&2
  echo "$drift" >&2
  git diff --stat -- schema/generated db/migrations >&2
  exit 1
fi
echo "resolver types and migrations match the SDL and the drizzle schema"
