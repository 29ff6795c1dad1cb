#!/usr/bin/env bash
# Regenerates resolver types, typed client documents, the printed schema.graphql and migrations;
# fails if any differs from what is committed (a file generated but never committed counts too).
set -euo pipefail
cd "$(dirname "$0")/.."
npm run --silent codegen >/dev/null
npm run --silent schema:print >/dev/null
npx drizzle-kit generate --name drift-check >/dev/null
generated=(schema/generated client/generated db/migrations schema.graphql)
drift=$(git status --porcelain --untracked-files=all -- "${generated[@]}")
if [ -n "$drift" ]; then
  echo "Generated code differs from its sources (run npm run codegen / npm run schema:print / npm run db:generate and commit):" >&2
  echo "$drift" >&2
  git diff --stat -- "${generated[@]}" >&2
  exit 1
fi
echo "resolver types, client documents, schema.graphql and migrations match the SDL, the documents and the drizzle schema"
