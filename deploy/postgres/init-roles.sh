#!/usr/bin/env bash
# Creates xinfang's database roles, idempotently: run it as a superuser (or a role with CREATEROLE
# that owns the database) before the first `migrate`, and again whenever a password changes.
#
#   owner (XINFANG_OWNER_ROLE, default xinfang_owner): owns the schemas intake, routing and notify;
#     `migrate` and the other CLI commands connect as it (MIGRATION_DATABASE_URL).
#   xinfang_intake, xinfang_routing, xinfang_notify: one per service (INTAKE_DATABASE_URL, …).
#     They get no rights here: every `migrate` grants each exactly its own (its schema's tables;
#     the audit trail append-only) and SELECT on the other services' views it reads.
#
# Passwords come from XINFANG_OWNER_PASSWORD, XINFANG_INTAKE_PASSWORD, XINFANG_ROUTING_PASSWORD and
# XINFANG_NOTIFY_PASSWORD (URL-safe characters: they go into the connection URLs). The connection
# is XINFANG_ADMIN_URL when set, else psql's defaults (PGHOST, POSTGRES_USER, POSTGRES_DB), which is
# how the postgres image runs it from /docker-entrypoint-initdb.d.
set -euo pipefail

: "${XINFANG_OWNER_PASSWORD:?set XINFANG_OWNER_PASSWORD}"
: "${XINFANG_INTAKE_PASSWORD:?set XINFANG_INTAKE_PASSWORD}"
: "${XINFANG_ROUTING_PASSWORD:?set XINFANG_ROUTING_PASSWORD}"
: "${XINFANG_NOTIFY_PASSWORD:?set XINFANG_NOTIFY_PASSWORD}"

if [[ -n "${XINFANG_ADMIN_URL:-}" ]]; then
  connection=(--dbname "$XINFANG_ADMIN_URL")
else
  connection=(--username "${POSTGRES_USER:-postgres}" --dbname "${POSTGRES_DB:-xinfang}")
fi

psql "${connection[@]}" --no-psqlrc --quiet -v ON_ERROR_STOP=1 \
  -v owner="${XINFANG_OWNER_ROLE:-xinfang_owner}" \
  -v intake="${XINFANG_INTAKE_ROLE:-xinfang_intake}" \
  -v routing="${XINFANG_ROUTING_ROLE:-xinfang_routing}" \
  -v notify="${XINFANG_NOTIFY_ROLE:-xinfang_notify}" \
  -v owner_password="$XINFANG_OWNER_PASSWORD" \
  -v intake_password="$XINFANG_INTAKE_PASSWORD" \
  -v routing_password="$XINFANG_ROUTING_PASSWORD" \
  -v notify_password="$XINFANG_NOTIFY_PASSWORD" <<'SQL'
SET client_min_messages = warning;
SELECT format('CREATE ROLE %I', r)
  FROM unnest(ARRAY[:'owner', :'intake', :'routing', :'notify']) AS r
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r)
\gexec

-- Plain login roles: no superuser, no role or database creation, row security applies.
ALTER ROLE :"owner" WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS PASSWORD :'owner_password';
ALTER ROLE :"intake" WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS PASSWORD :'intake_password';
ALTER ROLE :"routing" WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS PASSWORD :'routing_password';
ALTER ROLE :"notify" WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS PASSWORD :'notify_password';

-- Only xinfang's roles connect; only the owner creates (its schemas, at migrate).
SELECT format('REVOKE ALL ON DATABASE %I FROM PUBLIC', current_database())
\gexec
SELECT format('GRANT CONNECT, CREATE ON DATABASE %I TO %I', current_database(), :'owner')
\gexec
SELECT format('GRANT CONNECT ON DATABASE %I TO %I, %I, %I', current_database(), :'intake', :'routing', :'notify')
\gexec
REVOKE CREATE ON SCHEMA public FROM PUBLIC;

CREATE SCHEMA IF NOT EXISTS intake AUTHORIZATION :"owner";
CREATE SCHEMA IF NOT EXISTS routing AUTHORIZATION :"owner";
CREATE SCHEMA IF NOT EXISTS notify AUTHORIZATION :"owner";
ALTER SCHEMA intake OWNER TO :"owner";
ALTER SCHEMA routing OWNER TO :"owner";
ALTER SCHEMA notify OWNER TO :"owner";

-- A database migrated before the roles existed (as the superuser): its objects go to the owner.
SELECT format('ALTER %s %I.%I OWNER TO %I',
              CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW'
                             WHEN 'S' THEN 'SEQUENCE' ELSE 'TABLE' END,
              n.nspname, c.relname, :'owner')
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname IN ('intake', 'routing', 'notify')
   AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
   AND c.relowner <> (SELECT oid FROM pg_roles WHERE rolname = :'owner')
   -- a column's sequence follows its table
   AND NOT (c.relkind = 'S' AND EXISTS (SELECT 1 FROM pg_depend d
                                         WHERE d.objid = c.oid AND d.deptype IN ('a', 'i')))
\gexec
SELECT format('ALTER ROUTINE %s OWNER TO %I', p.oid::regprocedure, :'owner')
  FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
 WHERE n.nspname IN ('intake', 'routing', 'notify')
   AND p.proowner <> (SELECT oid FROM pg_roles WHERE rolname = :'owner')
\gexec
SELECT format('ALTER TYPE %I.%I OWNER TO %I', n.nspname, t.typname, :'owner')
  FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
 WHERE n.nspname IN ('intake', 'routing', 'notify') AND t.typtype IN ('e', 'd')
   AND t.typowner <> (SELECT oid FROM pg_roles WHERE rolname = :'owner')
\gexec
SQL
