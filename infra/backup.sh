#!/usr/bin/env bash
# Dumps ReportBot's database (the one ConnectionStrings__Postgres names) to FILE in pg_dump's custom format.
set -euo pipefail

usage() {
    cat <<'EOF'
Usage: backup.sh FILE

Dumps the database named by $ConnectionStrings__Postgres (Host=…;Port=…;Database=…;Username=…;Password=…) to FILE
with `pg_dump --format=custom`. FILE appears only once the dump is complete. Restore with
    pg_restore --clean --if-exists -d DATABASE FILE      (add --no-owner to restore as another role)
pg_dump is taken from PATH, else from the newest /usr/lib/postgresql/*/bin.
EOF
}

fail() { echo "backup.sh: $*" >&2; exit 1; }

case "${1:-}" in
    -h|--help) usage; exit 0 ;;
    ''|-*) usage >&2; exit 2 ;;
esac
[[ $# -eq 1 ]] || { usage >&2; exit 2; }
file=$1

find_tool() {
    if command -v "$1" >/dev/null 2>&1; then command -v "$1"; return; fi
    local dir
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5,5n | tail -n 1)
    [[ -n $dir && -x $dir/$1 ]] && echo "$dir/$1"
}
pg_dump=$(find_tool pg_dump) || fail "pg_dump not found on PATH or under /usr/lib/postgresql/*/bin"

# Npgsql's connection string: `key=value` pairs split on ';', keys case-insensitive, spaces around either allowed,
# several spellings for one key. (A value holding ';' would need quoting, which this reader does not take.)
connection=${ConnectionStrings__Postgres:-}
[[ -n $connection ]] || fail "ConnectionStrings__Postgres is not set"
host='' port='' database='' username='' password=''
IFS=';' read -r -a pairs <<<"$connection"
for pair in "${pairs[@]}"; do
    [[ $pair == *=* ]] || continue
    key=${pair%%=*} value=${pair#*=}
    key=$(tr -d '[:space:]' <<<"$key" | tr '[:upper:]' '[:lower:]')
    value=$(sed -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//' <<<"$value")
    case $key in
        host|server) host=$value ;;
        port) port=$value ;;
        database|db) database=$value ;;
        username|userid|user|uid) username=$value ;;
        password|pwd|psw) password=$value ;;
    esac
done
[[ -n $database ]] || fail "ConnectionStrings__Postgres names no Database"

# The temp file sits beside FILE, so the final mv is a rename on one file system: FILE is whole or absent.
dir=$(dirname -- "$file")
[[ -d $dir ]] || fail "no such directory: $dir"
tmp=$(mktemp -- "$dir/.$(basename -- "$file").XXXXXX")
trap 'rm -f -- "$tmp"' EXIT

args=(--format=custom --no-password --file="$tmp" --dbname="$database")
[[ -n $host ]] && args+=(--host="$host")
[[ -n $port ]] && args+=(--port="$port")
[[ -n $username ]] && args+=(--username="$username")
# The password goes through the environment: a command line is visible to every user in `ps`.
[[ -n $password ]] && export PGPASSWORD=$password
if ! errors=$("$pg_dump" "${args[@]}" 2>&1); then
    fail "pg_dump of $database failed: $(tr '\n' ' ' <<<"$errors" | sed 's/[[:space:]]*$//')"
fi
mv -f -- "$tmp" "$file"
trap - EXIT
