#!/usr/bin/env bash
# The nightly backup: one dump per day in DIR (default /var/backups/reportbot), those older than DAYS (14) removed.
set -euo pipefail
dir=${1:-/var/backups/reportbot}
days=${2:-14}
/opt/reportbot/infra/backup.sh "$dir/reportbot-$(date +%F).dump"
# Pruned only after tonight's dump succeeded: a failing backup never eats the good ones.
find "$dir" -maxdepth 1 -name 'reportbot-*.dump' -mtime +"$((days - 1))" -delete
