# Shared steps of scripts/up and scripts/test. Sourced, not run.
set -euo pipefail
# form-js pulls in @carbon packages whose postinstall runs IBM telemetry (a lingering background
# process that tries to phone home): off wherever this project installs.
export IBM_TELEMETRY_DISABLED=true

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
TEMPORAL_CLI_VERSION="v1.5.1" # keep in step with test/support/temporal-cli.ts
CACHE_DIR="${XDG_CACHE_HOME:-$HOME/.cache}/carepath"

say() { printf '\033[1m[carepath]\033[0m %s\n' "$*"; }
die() { printf '\033[31m[carepath] %s\033[0m\n' "$*" >&2; exit 1; }

# npm dependencies, reinstalled only when package-lock.json changed since the last install.
ensure_node_modules() {
  command -v node >/dev/null || die "Node.js 20 is required (node not found on PATH)"
  local stamp="$ROOT/node_modules/.carepath-lock.sha256"
  local want; want="$(sha256sum "$ROOT/package-lock.json" | cut -d' ' -f1)"
  if [[ -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then return; fi
  # `npm install` rather than `npm ci`: npm 11 here writes lock files without other platforms'
  # optional packages, which `npm ci` then refuses. With a lock file it installs the locked versions.
  say "installing npm dependencies…"
  (cd "$ROOT" && npm install --no-audit --no-fund --loglevel=error)
  sha256sum "$ROOT/package-lock.json" | cut -d' ' -f1 > "$stamp"
}

# The Temporal CLI (dev server): TEMPORAL_CLI, then `temporal` on PATH, then a per-user cache that
# every clone on this machine shares; built from source with Go when missing (minutes, once).
ensure_temporal_cli() {
  if [[ -n "${TEMPORAL_CLI:-}" ]]; then
    [[ -x "$TEMPORAL_CLI" ]] || die "TEMPORAL_CLI=$TEMPORAL_CLI is not an executable"
    export TEMPORAL_CLI; return
  fi
  if command -v temporal >/dev/null; then TEMPORAL_CLI="$(command -v temporal)"; export TEMPORAL_CLI; return; fi
  local cached="$CACHE_DIR/temporal-$TEMPORAL_CLI_VERSION/temporal"
  if [[ -x "$cached" ]]; then export TEMPORAL_CLI="$cached"; return; fi
  command -v go >/dev/null || die "No Temporal CLI and no Go toolchain to build one: install Go or set TEMPORAL_CLI"
  say "building the Temporal CLI $TEMPORAL_CLI_VERSION with Go (first time only, a few minutes)…"
  mkdir -p "$CACHE_DIR/temporal-$TEMPORAL_CLI_VERSION"
  (cd "$CACHE_DIR" && GOBIN="$CACHE_DIR/temporal-$TEMPORAL_CLI_VERSION" go install "github.com/temporalio/cli/cmd/temporal@$TEMPORAL_CLI_VERSION")
  export TEMPORAL_CLI="$cached"
}

# The local PostgreSQL must answer; on this machine kind it may be started with pg_ctlcluster.
ensure_local_postgres() {
  if pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then return; fi
  if command -v pg_ctlcluster >/dev/null && [[ -d /etc/postgresql ]]; then
    say "starting the local PostgreSQL…"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start || true
  fi
  for _ in $(seq 1 30); do pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null && return; sleep 1; done
  die "Cannot reach PostgreSQL at 127.0.0.1:5432 (set DATABASE_URL to use another server)"
}

# Creates database $1 on the local server when it does not exist yet.
ensure_local_database() {
  local name="$1"
  if ! psql -h 127.0.0.1 -U postgres -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$name'" | grep -q 1; then
    say "creating database $name…"
    psql -h 127.0.0.1 -U postgres -d postgres -qc "CREATE DATABASE \"$name\""
  fi
}

# The role the api and worker run as (migration 1764200000000 grants it what it may do): locally a
# login without a password (this server trusts 127.0.0.1), no superuser, owning nothing. Roles are
# server-wide; the test harness makes the same one (test/support/databases.ts).
ensure_local_app_login() {
  psql -h 127.0.0.1 -U postgres -d postgres -qv ON_ERROR_STOP=1 >/dev/null <<'SQL'
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'carepath_app') THEN
    CREATE ROLE carepath_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;
  ELSIF NOT (SELECT rolcanlogin FROM pg_roles WHERE rolname = 'carepath_app') THEN
    ALTER ROLE carepath_app LOGIN;
  END IF;
END $$;
SQL
}

# Debian's packages named, when any of them is missing (apt-get update first, once).
apt_install() {
  say "installing Debian's $* …"
  local sudo=""; [[ "$(id -u)" != 0 ]] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null
}

# The CJK font the api sets the compliance review's PDF in (docs/adr/0023): without it that PDF
# answers 503. The browser tests' screenshots of the zh-CN pages need it too.
ensure_cjk_font() {
  [[ -f /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ]] || apt_install fonts-wqy-microhei
}

# Debian's chromium for the browser tests (no browser downloads are possible here), and the CJK
# font so that screenshots of the zh-CN pages show Chinese rather than empty boxes.
ensure_chromium() {
  ensure_cjk_font
  [[ -x /usr/bin/chromium ]] || apt_install chromium
}
