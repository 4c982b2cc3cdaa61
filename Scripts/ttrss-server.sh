#!/usr/bin/env bash
# A throwaway Tiny Tiny RSS on loopback, from Debian's packages, for Byline's sync tests,
# benchmarks and trying sync by hand. Run as root (port 80, setpriv, a private cluster).
#
#   Scripts/ttrss-server.sh start     install what is missing, start PostgreSQL, TT-RSS, feeds
#   Scripts/ttrss-server.sh stop      stop them, by pid; the database stays for the next start
#   Scripts/ttrss-server.sh update    make TT-RSS read every feed now (update.php --force-update)
#   Scripts/ttrss-server.sh api on|off   switch API access for the user on or off
#   Scripts/ttrss-server.sh password  set the user's password to the line read from stdin
#   Scripts/ttrss-server.sh folder NAME  make a category (the API cannot) and print its ID
#   Scripts/ttrss-server.sh sql STATEMENT   run SQL on TT-RSS's database (tests set up folders so)
#   Scripts/ttrss-server.sh purge     stop and delete everything under $TTRSS_BASE
#
#   TT-RSS API   http://127.0.0.1:$TTRSS_PORT/api/   user admin, password "password"
#   test feeds   files under $TTRSS_BASE/feeds, served on port 80; subscribe TT-RSS to
#                http://0.0.0.0/NAME.xml (TT-RSS 21 refuses localhost, 127.* and other ports;
#                0.0.0.0 passes its check and reaches loopback).
#
# Exit status 3 from start means the packages are missing and cannot be installed: the
# tests skip on it. Everything lives under $TTRSS_BASE (default $TMPDIR/byline-ttrss).
set -euo pipefail

BASE=${TTRSS_BASE:-${TMPDIR:-/tmp}/byline-ttrss}
TTRSS_PORT=${TTRSS_PORT:-8280}
PG_PORT=${PG_PORT:-55433}
FEED_PORT=80
DB=ttrss
USER_NAME=admin
RUN=$BASE/run LOGS=$BASE/logs WWW=$BASE/www VAR=$BASE/var FEEDS=$BASE/feeds
PGDATA=$BASE/pg/data PGSOCK=$BASE/pg/sock
API=http://127.0.0.1:$TTRSS_PORT/api/
PACKAGES="tt-rss dbconfig-no-thanks php-cli php-pgsql php-curl php-intl php-mbstring php-xml postgresql curl"
export DEBIAN_FRONTEND=noninteractive

alive() {  # alive PIDFILE PATTERN: the pid in the file runs and its command line matches
    [ -s "$1" ] || return 1
    local pid; pid=$(cat "$1")
    [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q -- "$2"
}
port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
as_www() { setpriv --reuid=www-data --regid=www-data --clear-groups "$@"; }
pgbin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }
psql_db() { psql -X -q -t -A -v ON_ERROR_STOP=1 -h "$PGSOCK" -p "$PG_PORT" -U postgres -d "$DB" "$@"; }

install_packages() {
    local missing=() p
    for p in $PACKAGES; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    [ ${#missing[@]} = 0 ] && return 0
    mkdir -p "$LOGS"
    # dbconfig-no-thanks keeps the package from setting up a database at install time.
    if ! { apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}"; } >"$LOGS/apt.log" 2>&1; then
        echo "ttrss-server: cannot install ${missing[*]} (see $LOGS/apt.log)" >&2
        exit 3
    fi
}

start_postgres() {
    PATH=$(pgbin):$PATH
    mkdir -p "$BASE/pg" "$PGSOCK"
    chown postgres:postgres "$BASE/pg" "$PGSOCK"
    if [ ! -s "$PGDATA/PG_VERSION" ]; then
        runuser -u postgres -- initdb -D "$PGDATA" -U postgres -E UTF8 --locale=C.UTF-8 \
            --auth-local=trust --auth-host=trust >"$LOGS/initdb.log" 2>&1
    fi
    if ! runuser -u postgres -- pg_ctl -D "$PGDATA" status >/dev/null 2>&1; then
        runuser -u postgres -- pg_ctl -D "$PGDATA" -l "$BASE/pg/postgres.log" -w -t 60 \
            -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PGSOCK -c fsync=off" start >/dev/null
    fi
    if ! psql_db -c "select 1" >/dev/null 2>&1; then
        psql -X -q -h "$PGSOCK" -p "$PG_PORT" -U postgres -c "create database $DB encoding 'UTF8' template template0"
    fi
    if ! psql_db -c "select schema_version from ttrss_version" >/dev/null 2>&1; then
        psql_db -f /usr/share/tt-rss/schema/ttrss_schema_pgsql.sql >"$LOGS/schema.log" 2>&1
    fi
    set_api on
}

# API access is a per-user preference, off by default.
set_api() {
    local value=true; [ "$1" = off ] && value=false
    psql_db -c "delete from ttrss_user_prefs where pref_name = 'ENABLE_API_ACCESS' and profile is null
        and owner_uid = (select id from ttrss_users where login = '$USER_NAME')"
    psql_db -c "insert into ttrss_user_prefs (owner_uid, pref_name, profile, value)
        select id, 'ENABLE_API_ACCESS', null, '$value' from ttrss_users where login = '$USER_NAME'"
}

# A private copy of the web root, so config.php and the writable folders live under $BASE.
write_docroot() {
    local version; version=$(dpkg-query -W -f='${Version}' tt-rss)
    if [ "$(cat "$WWW/.version" 2>/dev/null)" != "$version" ]; then
        rm -rf "$WWW"
        cp -a /usr/share/tt-rss/www "$WWW"
        # The package's relative symlinks would dangle in the copy.
        find "$WWW" -type l -print0 | while IFS= read -r -d '' link; do
            ln -sfn "$(readlink -f "/usr/share/tt-rss/www/${link#"$WWW"/}")" "$link"
        done
        rm -f "$WWW/config.php" "$WWW/feed-icons"
        ln -s "$VAR/feed-icons" "$WWW/feed-icons"
        echo "$version" >"$WWW/.version"
    fi
    mkdir -p "$VAR/lock" "$VAR/feed-icons" "$VAR/cache"/{images,upload,export,feeds,js}
    chown -R www-data:www-data "$VAR"
    cat >"$WWW/config.php" <<EOF
<?php
define('DB_TYPE', 'pgsql');
define('DB_HOST', '127.0.0.1');
define('DB_PORT', '$PG_PORT');
define('DB_USER', 'postgres');
define('DB_NAME', '$DB');
define('DB_PASS', '');
define('MYSQL_CHARSET', 'UTF8');
define('SELF_URL_PATH', 'http://127.0.0.1:$TTRSS_PORT/');
define('_SKIP_SELF_URL_PATH_CHECKS', true);
define('SINGLE_USER_MODE', false);
define('SIMPLE_UPDATE_MODE', false);
define('PHP_EXECUTABLE', '/usr/bin/php');
define('LOCK_DIRECTORY', '$VAR/lock');
define('CACHE_DIR', '$VAR/cache');
define('ICONS_DIR', 'feed-icons');
define('ICONS_URL', 'feed-icons');
define('AUTH_AUTO_CREATE', true);
define('AUTH_AUTO_LOGIN', true);
define('FORCE_ARTICLE_PURGE', 0);
define('ENABLE_REGISTRATION', false);
define('REG_NOTIFY_ADDRESS', 'user@example.invalid');
define('REG_MAX_USERS', 10);
define('SESSION_COOKIE_LIFETIME', 86400);
define('SMTP_FROM_NAME', 'Tiny Tiny RSS');
define('SMTP_FROM_ADDRESS', 'noreply@example.invalid');
define('DIGEST_SUBJECT', '[tt-rss] New headlines');
define('CHECK_FOR_UPDATES', false);
define('ENABLE_GZIP_OUTPUT', false);
define('PLUGINS', 'auth_internal, note');
define('LOG_DESTINATION', '');
define('CONFIG_VERSION', 26);
EOF
}

start_php() {
    if ! alive "$RUN/php.pid" "php -S 127.0.0.1:$TTRSS_PORT"; then
        port_busy "$TTRSS_PORT" && { echo "ttrss-server: port $TTRSS_PORT is taken" >&2; exit 1; }
        # TT-RSS refuses to run as root; setpriv execs, so $! is php's own pid. Several
        # workers, so a slow request (a feed update) does not hold the API up.
        ( cd "$WWW" && PHP_CLI_SERVER_WORKERS=4 exec setpriv --reuid=www-data --regid=www-data --clear-groups \
            /usr/bin/php -S "127.0.0.1:$TTRSS_PORT" -t "$WWW" </dev/null >>"$LOGS/php.log" 2>&1 ) &
        echo $! >"$RUN/php.pid"
    fi
    for _ in $(seq 1 100); do
        [[ $(curl -sS --max-time 5 -d '{"op":"isLoggedIn"}' "$API" 2>/dev/null) == *'"status":0'* ]] && return 0
        sleep 0.1
    done
    echo "ttrss-server: TT-RSS does not answer on $API" >&2
    tail -5 "$LOGS/php.log" >&2
    exit 1
}

start_feeds() {
    mkdir -p "$FEEDS"
    if ! alive "$RUN/feeds.pid" "http.server $FEED_PORT"; then
        port_busy "$FEED_PORT" && { echo "ttrss-server: port $FEED_PORT is taken" >&2; exit 1; }
        ( exec python3 -m http.server "$FEED_PORT" --bind 127.0.0.1 --directory "$FEEDS" \
            </dev/null >>"$LOGS/feeds.log" 2>&1 ) &
        echo $! >"$RUN/feeds.pid"
    fi
    for _ in $(seq 1 50); do
        curl -s -o /dev/null "http://127.0.0.1:$FEED_PORT/" && return 0
        sleep 0.1
    done
    echo "ttrss-server: the feed server did not come up on port $FEED_PORT" >&2
    exit 1
}

stop_pid() {  # stop_pid NAME PATTERN
    local file=$RUN/$1.pid pid
    [ -s "$file" ] || return 0
    pid=$(cat "$file")
    if alive "$file" "$2"; then
        # php -S's workers are its children and outlive it: stop them too, by pid.
        local children; children=$(ps -o pid= --ppid "$pid" 2>/dev/null || true)
        kill -TERM "$pid" $children 2>/dev/null || true
        for _ in $(seq 1 50); do [ -e "/proc/$pid" ] || break; sleep 0.1; done
        [ -e "/proc/$pid" ] && kill -KILL "$pid" $children 2>/dev/null
    fi
    rm -f "$file"
}

stop_all() {
    stop_pid php "php -S 127.0.0.1:"
    stop_pid feeds "http.server"
    if [ -s "$PGDATA/postmaster.pid" ] && [ -n "$(pgbin)" ]; then
        runuser -u postgres -- "$(pgbin)/pg_ctl" -D "$PGDATA" -m fast -w -t 30 stop >/dev/null 2>&1 || true
    fi
}

[ "$(id -u)" = 0 ] || { echo "ttrss-server: run as root" >&2; exit 1; }
cd /
case "${1:-}" in
    start)
        mkdir -p "$RUN" "$LOGS"
        install_packages
        start_postgres
        write_docroot
        start_php
        start_feeds
        echo "TT-RSS $API (admin / password); feeds from $FEEDS at http://0.0.0.0/"
        ;;
    stop) stop_all ;;
    update)
        rm -f "$VAR"/cache/feeds/*.xml
        as_www /usr/bin/php "$WWW/update.php" --force-update --feeds --quiet >>"$LOGS/update.log" 2>&1
        ;;
    api) set_api "${2:?on or off}" ;;
    password)
        # Read from stdin, never an argument, so it stays out of ps; only its hash reaches psql.
        IFS= read -r secret
        hash=$(printf '%s' "bylinesalt$secret" | sha256sum | cut -d' ' -f1)
        psql_db -c "update ttrss_users set salt = 'bylinesalt', pwd_hash = 'MODE2:$hash' where login = '$USER_NAME'"
        ;;
    folder)
        name=${2:?a folder name}
        psql_db -c "insert into ttrss_feed_categories (owner_uid, title)
            select id, '${name//\'/\'\'}' from ttrss_users where login = '$USER_NAME' returning id"
        ;;
    sql) psql_db -c "${2:?an SQL statement}" ;;
    purge) stop_all; rm -rf "$BASE" ;;
    *) echo "usage: $0 start|stop|update|api on|off|password|folder NAME|sql STATEMENT|purge" >&2; exit 2 ;;
esac
