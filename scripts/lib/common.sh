# Shared by scripts/demo and scripts/test: dependency install, build, private MariaDB.
# Source it; it defines functions and changes nothing by itself.

KK_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

# Debian packages the build and the demo need.
KK_PACKAGES_BUILD=(g++ cmake ninja-build ccache pkg-config git ca-certificates openssl procps
  libboost1.81-all-dev libssl-dev libsoci-dev default-libmysqlclient-dev libtomlplusplus-dev
  libsqlite3-dev sqlite3 libpugixml-dev)
# What scripts/test needs on top: test frameworks, the private MariaDB, browser and bench tools.
KK_PACKAGES_TEST=(libgtest-dev libgmock-dev libbenchmark-dev mariadb-server mariadb-client nodejs chromium nginx-light wrk curl)
# The `sanitize` preset (scripts/test by default, scripts/fuzz): clang with its sanitizer
# and libFuzzer runtimes, and the symbolizer that puts source lines in their reports.
KK_PACKAGES_SANITIZE=(clang-14 libclang-rt-14-dev llvm-14)
# Debian's npm conflicts with a Node.js that ships its own npm (NodeSource's): ask for it only when missing.
command -v npm >/dev/null 2>&1 || KK_PACKAGES_TEST+=(npm)

kk_log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

# kk_ensure_packages PKG...: installs what is missing when root, otherwise prints the exact command.
kk_ensure_packages() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    echo "Missing Debian packages. Install them with:" >&2
    echo "  sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  kk_log "installing ${#missing[@]} Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  # Keep package scripts from starting system services (MariaDB) on this machine: we start our own.
  local policy=/usr/sbin/policy-rc.d created_policy=0
  if [ ! -e "$policy" ]; then printf '#!/bin/sh\nexit 101\n' >"$policy"; chmod +x "$policy"; created_policy=1; fi
  apt-get update -q >/dev/null
  apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
  [ $created_policy -eq 1 ] && rm -f "$policy"
  return 0
}

# kk_npm_ci: the browser tests' Node packages (package-lock.json) in node_modules/, installed again only
# when the lock file changed since the last install.
kk_npm_ci() {
  cd "$KK_ROOT"
  local stamp=node_modules/.kingkung-lock.sha256 want
  want=$(sha256sum package-lock.json | cut -d' ' -f1)
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then return 0; fi
  kk_log "installing the browser tests' Node packages (npm ci)"
  local log
  log=$(mktemp)
  if ! npm ci --no-audit --no-fund --loglevel=error >"$log" 2>&1; then
    # A network that inspects TLS with its own certificate authority, unknown to this machine's store,
    # makes npm refuse the registry. The lock file pins every package by its sha512 integrity, which npm
    # checks whatever the transport, so the install is retried without the TLS chain check.
    if grep -qE 'SELF_SIGNED_CERT|UNABLE_TO_(GET_ISSUER|VERIFY_LEAF)|CERT_UNTRUSTED' "$log"; then
      kk_log "the npm registry's certificate is not trusted here; installing again, checked by the lock file's sha512 integrity"
      npm ci --no-audit --no-fund --loglevel=error --strict-ssl=false >"$log" 2>&1 || { cat "$log" >&2; rm -f "$log"; return 1; }
    else
      cat "$log" >&2
      rm -f "$log"
      return 1
    fi
  fi
  rm -f "$log"
  echo "$want" >"$stamp"
}

# kk_build PRESET: configure (once) and build one CMake preset.
kk_build() {
  local preset=$1
  cd "$KK_ROOT"
  export CCACHE_DIR=${CCACHE_DIR:-$KK_ROOT/build/.ccache}
  if [ ! -f "build/$preset/build.ninja" ]; then
    kk_log "configuring ($preset)"
    cmake --preset "$preset" >/dev/null
  fi
  kk_log "building ($preset)"
  cmake --build --preset "$preset" -- -j"$(nproc)"
}

# kk_free_port: a TCP port on 127.0.0.1 that nothing listens on now.
kk_free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$(( (RANDOM % 20000) + 30000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return 0; fi
  done
  echo "no free port found on 127.0.0.1" >&2; return 1
}

# kk_mariadb_start: a private MariaDB on 127.0.0.1 in a temporary folder. Exports
# KINGKUNG_TEST_MYSQL_URL. A server that does not start fails the caller: never skipped.
kk_mariadb_start() {
  KK_MARIADB_DIR=$(mktemp -d /tmp/kingkung-mariadb.XXXXXX)
  local port user_opt=() pw
  port=$(kk_free_port)
  [ "$(id -u)" -eq 0 ] && user_opt=(--user=root)
  kk_log "starting a private MariaDB on 127.0.0.1:$port ($KK_MARIADB_DIR)"
  if ! mariadb-install-db --no-defaults "${user_opt[@]}" --datadir="$KK_MARIADB_DIR/data" \
        --auth-root-authentication-method=socket --skip-test-db --skip-name-resolve --force >"$KK_MARIADB_DIR/install.log" 2>&1; then
    echo "MariaDB: mariadb-install-db failed; see $KK_MARIADB_DIR/install.log" >&2
    cat "$KK_MARIADB_DIR/install.log" >&2; return 1
  fi
  mariadbd --no-defaults "${user_opt[@]}" --datadir="$KK_MARIADB_DIR/data" --socket="$KK_MARIADB_DIR/sock" \
    --port="$port" --bind-address=127.0.0.1 --pid-file="$KK_MARIADB_DIR/pid" --skip-name-resolve \
    --innodb-buffer-pool-size=128M --innodb-flush-log-at-trx-commit=2 --max-connections=500 \
    --log-error="$KK_MARIADB_DIR/error.log" >/dev/null 2>&1 &
  KK_MARIADB_PID=$!
  for _ in $(seq 1 120); do
    mariadb-admin --no-defaults --socket="$KK_MARIADB_DIR/sock" -uroot ping >/dev/null 2>&1 && break
    if ! kill -0 "$KK_MARIADB_PID" 2>/dev/null; then
      echo "MariaDB exited during start-up; its log:" >&2; cat "$KK_MARIADB_DIR/error.log" >&2; return 1
    fi
    sleep 0.5
  done
  mariadb-admin --no-defaults --socket="$KK_MARIADB_DIR/sock" -uroot ping >/dev/null 2>&1 || {
    echo "MariaDB did not answer within 60 s; its log:" >&2; cat "$KK_MARIADB_DIR/error.log" >&2; return 1; }
  pw=$(openssl rand -hex 16)
  mariadb --no-defaults --socket="$KK_MARIADB_DIR/sock" -uroot <<SQL
CREATE USER 'kingkung'@'127.0.0.1' IDENTIFIED BY '$pw';
GRANT ALL PRIVILEGES ON *.* TO 'kingkung'@'127.0.0.1';
CREATE DATABASE kingkung_test CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
SQL
  export KINGKUNG_TEST_MYSQL_URL="mysql://kingkung:$pw@127.0.0.1:$port/kingkung_test"
  export KINGKUNG_TEST_MYSQL_PORT=$port
}

kk_mariadb_stop() {
  [ -n "${KK_MARIADB_PID:-}" ] || return 0
  kill "$KK_MARIADB_PID" 2>/dev/null || true
  for _ in $(seq 1 60); do kill -0 "$KK_MARIADB_PID" 2>/dev/null || break; sleep 0.5; done
  kill -9 "$KK_MARIADB_PID" 2>/dev/null || true
  rm -rf "$KK_MARIADB_DIR"
  KK_MARIADB_PID=
}
