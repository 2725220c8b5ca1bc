#!/bin/sh
# Runs a command once a day at DAILY_AT (HH:MM, default 08:00, in the time zone TZ),
# for as long as it is left running: the scheduler service of deploy/compose.yaml.
#
#   deploy/daily.sh python manage.py send_deadline_reminders
#
# A run that fails is tried again every 15 minutes until it succeeds; the reminders
# send nothing twice on the same day, so a repeat is harmless.
set -eu
at="${DAILY_AT:-08:00}"
[ "$#" -gt 0 ] || { echo "usage: $0 COMMAND [ARGUMENT...]" >&2; exit 2; }
date -d "today $at" >/dev/null 2>&1 || { echo "DAILY_AT must be HH:MM, not '$at'" >&2; exit 2; }
while true; do
  now=$(date +%s)
  next=$(date -d "today $at" +%s)
  [ "$next" -gt "$now" ] || next=$(date -d "tomorrow $at" +%s)
  echo "daily: next run of '$*' at $(date -d "@$next")"
  sleep $((next - now))
  until "$@"; do
    echo "daily: '$*' failed; trying again in 15 minutes" >&2
    sleep 900
  done
done
