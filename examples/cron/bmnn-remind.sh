#!/usr/bin/env bash
# bmnn-remind.sh — run `bmnn remind` from cron: one run at a time, a log with
# timestamps, and bmnn's exit status passed on.
#
#   bmnn-remind.sh [bmnn remind options…]
#   e.g. bmnn-remind.sh --send                      (daily: deadlines ahead)
#        bmnn-remind.sh --send --include-overdue    (weekly: overdue ones too)
#
# Environment:
#   BMNN_DB           the database (required: cron starts jobs without the XDG_*
#                     variables, so bmnn's per-user default is not reliable there)
#   BMNN_REMIND_LOG   the log file (default: bmnn-remind.log beside the database)
#   BMNN              the bmnn command (default: bmnn, found on PATH)
#   BMNN_SMTP_* and ~/.config/bmnn/config.toml: see docs/reminders.md
#
# Exit status: bmnn's own (0 sent or nothing due, 7 some messages not
# delivered, 3 bad settings, 5 database …), or 75 when an earlier run still
# holds the lock (this run did nothing; the next one will catch up).
# Nothing is printed unless the run failed, so cron mails only failures.
set -u
umask 077

if [ -z "${BMNN_DB:-}" ]; then
  echo "bmnn-remind.sh: set BMNN_DB to the database file (cron has no XDG_* variables)" >&2
  exit 2
fi
export BMNN_DB
BMNN=${BMNN:-bmnn}
LOG=${BMNN_REMIND_LOG:-$(dirname -- "$BMNN_DB")/bmnn-remind.log}
# not bmnn's own <db>.remind.lock, which bmnn takes itself; a PostgreSQL
# database has no file beside which to keep it, so its lock goes to /tmp
case $BMNN_DB in
  *://*) LOCK=${TMPDIR:-/tmp}/bmnn-remind-$(printf '%s' "$BMNN_DB" | cksum | cut -d' ' -f1).lock ;;
  *) LOCK=$BMNN_DB.cron.lock ;;
esac

mkdir -p -- "$(dirname -- "$LOG")" || exit 73

stamp() { date '+%Y-%m-%d %H:%M:%S %z'; }
log() { printf '%s [%s] %s\n' "$(stamp)" "$$" "$*" >>"$LOG"; }

output=$(mktemp "${TMPDIR:-/tmp}/bmnn-remind.XXXXXX") || exit 70
trap 'rm -f -- "$output"' EXIT

args=$(printf ' %q' "$@")  # quoted as typed: --agency 'so tu phap'
log "start: $BMNN remind${args}"
flock -n -E 75 "$LOCK" "$BMNN" remind "$@" >"$output" 2>&1
status=$?
while IFS= read -r line || [ -n "$line" ]; do
  log "  $line"
done <"$output"

case $status in
  0) log "done (exit 0)" ;;
  75) log "skipped: another run holds the lock (exit 75)" ;;
  *)
    log "FAILED (exit $status)"
    {
      echo "bmnn-remind.sh: $BMNN remind${args} failed with exit $status; log: $LOG"
      cat -- "$output"
    } >&2
    ;;
esac
exit "$status"
