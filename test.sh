#!/usr/bin/env bash
# Builds and runs every test project of DoanKet.slnx on SQLite and on a throwaway PostgreSQL cluster.
# Works on a fresh Debian 12 machine run as root (installs what is missing); prints as its last line
#   N passed, N failed, N skipped
# Under CI=true a missing PostgreSQL or Chromium is a failure, never a silent skip.
set -euo pipefail

cd "$(dirname "$(readlink -f "$0")")"
export CI="${CI:-false}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export NUGET_XMLDOC_MODE=skip

log() { echo "test.sh: $*" >&2; }

# Printed last on an early failure too, so CI always finds the closing line.
early_failure() {
  log "$*"
  echo "0 passed, 1 failed, 0 skipped"
  exit 1
}

is_root() { [ "$(id -u)" -eq 0 ]; }

# ---------------------------------------------------------------- system packages
pg_bin() {
  local d
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then echo "$d"; return 0; fi
  done
  return 1
}

missing=()
pg_bin >/dev/null || missing+=(postgresql)
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -e /usr/share/fonts/truetype/liberation2 ] || dpkg -s fonts-liberation2 >/dev/null 2>&1 || missing+=(fonts-liberation2)
command -v npm >/dev/null 2>&1 || missing+=(npm)
# The Word reports are checked by converting them with LibreOffice and rendering page 1 (poppler).
[ -x /usr/bin/soffice ] || missing+=(libreoffice-writer-nogui)
[ -x /usr/bin/pdftoppm ] || missing+=(poppler-utils)
command -v runuser >/dev/null 2>&1 || missing+=(util-linux)
# The deploy example (deploy/nginx-doanket.conf) is checked with `nginx -t`.
[ -x /usr/sbin/nginx ] || missing+=(nginx-light)
# .NET needs ICU (the app runs with the vi-VN culture, InvariantGlobalization=false).
[ -n "$(ls /usr/lib/*/libicuuc.so.* /usr/lib/libicuuc.so.* 2>/dev/null)" ] || missing+=(libicu72)
if [ "${#missing[@]}" -gt 0 ]; then
  if is_root && command -v apt-get >/dev/null 2>&1; then
    log "installing: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    # Installed packages start no service (nginx on port 80, a PostgreSQL cluster): only the test run's own.
    own_policy=""
    if [ ! -e /usr/sbin/policy-rc.d ]; then printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d; chmod +x /usr/sbin/policy-rc.d; own_policy=1; fi
    # postgresql: server binaries only; the package's own cluster is not used (and is stopped below).
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
    [ -z "$own_policy" ] || rm -f /usr/sbin/policy-rc.d
    if command -v pg_lsclusters >/dev/null 2>&1 && pg_lsclusters -h 2>/dev/null | grep -q online; then
      pg_lsclusters -h | awk '$4 == "online" { print $1, $2 }' | while read -r v c; do pg_ctlcluster "$v" "$c" stop >&2 || true; done
    fi
  else
    log "missing and cannot install (not root or no apt-get): ${missing[*]}"
  fi
fi

command -v dotnet >/dev/null 2>&1 || early_failure "the .NET SDK is not installed (see global.json for the version)."

# ---------------------------------------------------------------- tools and npm packages
dotnet tool restore >&2
for lock in tests/*/package-lock.json; do
  [ -f "$lock" ] || continue
  dir="$(dirname "$lock")"
  if [ ! -f "$dir/node_modules/.package-lock.json" ] || [ "$lock" -nt "$dir/node_modules/.package-lock.json" ]; then
    log "npm ci in $dir"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >&2)
  fi
done

if [ ! -x /usr/bin/chromium ]; then
  if [ "$CI" = "true" ]; then early_failure "CI=true but /usr/bin/chromium is missing (apt-get install -y chromium)."; fi
  log "chromium is missing: browser tests will be skipped."
fi

# ---------------------------------------------------------------- throwaway PostgreSQL
PGTMP=""
PGBIN=""
cleanup() {
  if [ -n "$PGTMP" ] && [ -d "$PGTMP" ]; then
    if [ -f "$PGTMP/data/postmaster.pid" ]; then
      if is_root; then runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGTMP/data" -m immediate -w stop >/dev/null 2>&1 || true
      else "$PGBIN/pg_ctl" -D "$PGTMP/data" -m immediate -w stop >/dev/null 2>&1 || true; fi
    fi
    rm -rf "$PGTMP"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
  local port
  for _ in $(seq 1 200); do
    port=$(( 20000 + RANDOM % 40000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return 0; fi
  done
  return 1
}

start_postgres() {
  PGBIN="$(pg_bin)" || return 1
  PGTMP="$(mktemp -d /tmp/doanket-pg.XXXXXX)"
  local as=()
  if is_root; then
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin postgres
    chown postgres "$PGTMP"
    as=(runuser -u postgres --)
  fi
  "${as[@]}" "$PGBIN/initdb" -D "$PGTMP/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 --no-sync >"$PGTMP/initdb.log" 2>&1 \
    || { cat "$PGTMP/initdb.log" >&2; return 1; }
  local port attempt
  for attempt in 1 2 3; do
    port="$(free_port)"
    if "${as[@]}" "$PGBIN/pg_ctl" -D "$PGTMP/data" -w -t 60 -l "$PGTMP/server.log" \
         -o "-p $port -k $PGTMP -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
         start >/dev/null 2>&1; then
      export DOANKET_TEST_PG="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres;Pooling=true"
      log "PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$port ($PGTMP)"
      return 0
    fi
    log "pg_ctl start failed on port $port (attempt $attempt)"; tail -n 20 "$PGTMP/server.log" >&2 || true
  done
  return 1
}

if ! start_postgres; then
  unset DOANKET_TEST_PG
  if [ "$CI" = "true" ]; then early_failure "CI=true but PostgreSQL could not be started: the PostgreSQL tests cannot run."; fi
  log "PostgreSQL is not available: PostgreSQL cases will be skipped."
fi

# ---------------------------------------------------------------- tests
RESULTS="$(mktemp -d /tmp/doanket-results.XXXXXX)"
OUT="$RESULTS/dotnet-test.log"
set +e
dotnet build DoanKet.slnx 2>&1 | tee "$OUT" >&2
status=${PIPESTATUS[0]}
if [ "$status" -eq 0 ]; then
  # The test projects run side by side: the browser journeys mostly wait on Chromium and their own app.
  pids=()
  for proj in $(grep -o 'Path="tests/[^"]*\.csproj"' DoanKet.slnx | sed -E 's/Path="([^"]*)"/\1/'); do
    name="$(basename "$proj" .csproj)"
    dotnet test "$proj" --no-build --logger "console;verbosity=minimal" --logger "trx;LogFileName=$name.trx" --results-directory "$RESULTS" >"$RESULTS/$name.out" 2>&1 &
    pids+=("$!")
  done
  for pid in "${pids[@]}"; do wait "$pid" || status=1; done
  cat "$RESULTS"/*.out | tee -a "$OUT" >&2
fi
set -e

passed=0; failed=0; skipped=0; assemblies=0
while IFS= read -r line; do
  f=$(sed -nE 's/.*Failed:[[:space:]]*([0-9]+).*/\1/p' <<<"$line")
  p=$(sed -nE 's/.*Passed:[[:space:]]*([0-9]+).*/\1/p' <<<"$line")
  s=$(sed -nE 's/.*Skipped:[[:space:]]*([0-9]+).*/\1/p' <<<"$line")
  failed=$((failed + ${f:-0})); passed=$((passed + ${p:-0})); skipped=$((skipped + ${s:-0})); assemblies=$((assemblies + 1))
done < <(grep -E '^[[:space:]]*(Passed|Failed)![[:space:]]+-[[:space:]]+Failed:' "$OUT" || true)

expected=$(grep -o 'Path="tests/[^"]*\.csproj"' DoanKet.slnx | wc -l)
if [ "$assemblies" -lt "$expected" ]; then
  log "only $assemblies of $expected test assemblies reported results (build failure or crashed test host?)"
  failed=$((failed + expected - assemblies))
fi
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  log "dotnet test exited with $status"
  failed=1
fi
log "results and trx files: $RESULTS"
echo "$passed passed, $failed failed, $skipped skipped"
if [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then exit 1; fi
exit 0
