#!/usr/bin/env bash
# Schemathesis against the running application: every operation of the committed OpenAPI
# document (openapi.json), as each role (tokens of demo users) and anonymously. Fails on a
# 5xx or on any response that breaks the schema (status code, content type, headers, body).
# Demo data on a throwaway SQLite database; nothing outside a temporary folder is touched.
set -euo pipefail
cd "$(dirname "$0")/.."

PY=.venv/bin/python
poort=${SCHEMATHESIS_PORT:-8766}
voorbeelden=${SCHEMATHESIS_MAX_EXAMPLES:-10}
VAR_DIR=$(mktemp -d)
export VAR_DIR DEBUG=1 PYTHONUNBUFFERED=1
# The token endpoint would otherwise answer 429 after 20 failed attempts; 429 is documented, but
# we want schemathesis to exercise the real answers.
export API_TOKEN_THROTTLE=10000/minute

$PY manage.py migrate --no-input -v0
$PY manage.py demo >/dev/null

log="$VAR_DIR/server.log"
setsid $PY manage.py runserver "127.0.0.1:$poort" --noreload >"$log" 2>&1 &
server_pid=$!
stop_server() { kill -- -"$server_pid" 2>/dev/null || true; rm -rf "$VAR_DIR"; }
trap stop_server EXIT

basis="http://127.0.0.1:$poort"
for _ in $(seq 1 60); do
  curl -sf -o /dev/null "$basis/api/v1/openapi.json" && break
  sleep 1
done

# A token the way a client gets one: POST /auth/token (demo users have no second factor).
token() {
  curl -sf -X POST "$basis/api/v1/auth/token" -H 'Content-Type: application/json' \
    -d "{\"username\": \"$1\", \"password\": \"demo\"}" |
    $PY -c 'import json, sys; print(json.load(sys.stdin)["token"])'
}

checks=not_a_server_error,status_code_conformance,content_type_conformance
checks=$checks,response_headers_conformance,response_schema_conformance
mislukt=0
# The coverage phase (boundary values for every parameter) costs about a minute per role:
# run it for the two roles that write the most, fuzzing for every role.
for gebruiker in secretaris uwv-opsteller anoniem uwv-accordeerder szw-ministerie; do
  case "$gebruiker" in
    secretaris | uwv-opsteller) fasen=coverage,fuzzing ;;
    *) fasen=fuzzing ;;
  esac
  printf '\n----- schemathesis als %s (%s) -----\n' "$gebruiker" "$fasen"
  koppen=()
  if [ "$gebruiker" != anoniem ]; then
    koppen=(-H "Authorization: Token $(token "$gebruiker")")
  fi
  # The committed document is what clients read; test the server against it. Logging
  # out would revoke the token under test: tests/organisaties/test_api_tokens.py covers it.
  if ! .venv/bin/schemathesis run openapi.json --url "$basis" \
      "${koppen[@]}" \
      --checks "$checks" \
      --exclude-path-regex '/auth/uitloggen' \
      --phases "$fasen" \
      --max-examples "$voorbeelden" \
      --generation-database none \
      --seed 1 \
      --workers 2 \
      --no-color; then
    mislukt=1
  fi
done
if [ "$mislukt" != 0 ]; then
  echo "Schemathesis vond fouten. Serverlog:"; tail -n 100 "$log"; exit 1
fi
