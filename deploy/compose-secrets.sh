#!/usr/bin/env bash
# Writes the secrets docker-compose.yml needs into ./.env (or the file given), keeping any already
# there: `bash deploy/compose-secrets.sh && docker compose up -d --build`. Keep the file: the
# personal-data keys decrypt what is stored, and the passwords are those the roles were made with.
set -euo pipefail
file=${1:-.env}
touch "$file"
chmod 600 "$file"
hex() { openssl rand -hex 24; }
add() {
  grep -q "^$1=" "$file" || printf '%s=%s\n' "$1" "$2" >>"$file"
}
add JWT_SECRET "$(hex)"
add QUERY_CODE_SECRET "$(hex)"
add PERSONAL_DATA_KEYS "k1:$(openssl rand -base64 32)"
add PERSONAL_DATA_HASH_KEY "$(hex)"
# URL-safe: they go into connection URLs.
add POSTGRES_PASSWORD "$(hex)"
add REDIS_PASSWORD "$(hex)"
add XINFANG_OWNER_PASSWORD "$(hex)"
add XINFANG_INTAKE_PASSWORD "$(hex)"
add XINFANG_ROUTING_PASSWORD "$(hex)"
add XINFANG_NOTIFY_PASSWORD "$(hex)"
echo "secrets in $file"
