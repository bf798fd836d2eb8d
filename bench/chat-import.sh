#!/usr/bin/env bash
# `import chat` at size (docs/benchmarks.md, "Chat import"): an Android export of the demo district's group with
# MESSAGES messages over 10 days (reports, multi-line tables, Hindi, +N, chatter, media, two unsaved senders), imported
# by the CLI into a fresh database: wall time and peak memory of the dry run, the real run, and a second real run
# (everything a duplicate). About a minute.
#   bash bench/chat-import.sh            MESSAGES=10000 by default
source "$(dirname "$0")/lib.sh"

MESSAGES=${MESSAGES:-10000}

build
start_postgres
start_bothost   # migrations and the demo district (Darbhanga, its five members)
stop_pid "$BOTHOST_PID"; BOTHOST_PID=""
echo "machine: $(machine)"

log "writing an export of $MESSAGES messages"
python3 - "$MESSAGES" > "$WORK/chat.txt" <<'PY'
import sys, datetime
n = int(sys.argv[1])
# The demo members as the exporting phone shows them: names, and one unsaved number.
senders = [("Ramesh Kumar", ["Benipur"]), ("+91 98765 43211", ["Jale"]), ("Kavita Jha", ["Baheri", "Hayaghat"]),
           ("Anil Mishra", ["Benipur", "Jale", "Baheri", "Hayaghat", "Bahadurpur"]), ("Mohan Lal", ["Benipur"]), ("+91 99999 00000", ["Jale"])]
today = datetime.date.today()
start = datetime.datetime.combine(today - datetime.timedelta(days=10), datetime.time(9, 0))
step = datetime.timedelta(days=10) / n
print(f"{start:%d/%m/%Y}, 9:00\u202fam - Messages and calls are end-to-end encrypted. No one outside of this chat, not even WhatsApp, can read or listen to them. Tap to learn more.")
for i in range(n):
    at = start + step * i
    name, units = senders[i % len(senders)]
    unit = units[i % len(units)]
    kind = i % 10
    text = {0: f"{unit} {100 + i % 900}", 1: f"{unit} {100 + i % 900}", 2: f"{unit} +{i % 50}", 3: f"Today's report\n{unit} {200 + i % 700}\nTotal {200 + i % 700}",
            4: "Meeting at 4 pm in collectorate", 5: "<Media omitted>", 6: f"{unit} {300 + i % 600} <This message was edited>",
            7: "बेनीपुर १२४०" if unit == "Benipur" else f"{unit} {i % 800}", 8: "ok sir", 9: "This message was deleted"}[kind]
    clock = at.strftime("%I:%M").lstrip("0") + "\u202f" + at.strftime("%p").lower()
    print(f"{at:%d/%m/%Y}, {clock} - {name}: {text}")
PY
echo "export: $(wc -l < "$WORK/chat.txt") lines, $(du -h "$WORK/chat.txt" | cut -f1)"

run() {
  local label=$1; shift
  /usr/bin/time -f "%e %M" -o "$WORK/time" env "${BOTHOST_ENV[@]}" dotnet "$BOTHOST_DLL" import chat "$WORK/chat.txt" --district Darbhanga "$@" > "$WORK/$label.txt"
  read -r seconds kb < "$WORK/time"
  echo "$label: ${seconds} s wall, peak RSS $((kb / 1024)) MB; $(grep -E '^(Messages|Stored)' "$WORK/$label.txt" | tr '\n' ' ')"
}
run dry-run --dry-run
run import
run re-import
echo "database: $(psql_bot -c "select count(*) from inbox where channel = 'chat-export'") inbox rows," \
  "$(psql_bot -c "select count(*) from figure_history") history rows, $(psql_bot -c "select count(*) from outbox") outbox rows"
[ -n "${SHOW:-}" ] && cat "$WORK/import.txt"
exit 0
