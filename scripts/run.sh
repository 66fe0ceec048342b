#!/usr/bin/env bash
# `make run`: migrate, load the demo, then serve Tandem with its background task worker beside it.
# Ctrl-C (or SIGTERM or SIGHUP) stops both: the web server at once, then the worker, which first
# finishes the task it is running. ADDRESS=127.0.0.1:8001 serves on another port.
set -euo pipefail
cd "$(dirname "$0")/.."

PY=.venv/bin/python
ADDRESS="${ADDRESS:-127.0.0.1:8000}"
export DEBUG="${DEBUG:-1}"
export SITE_URL="${SITE_URL:-http://$ADDRESS}"  # for the links in e-mails

"$PY" manage.py migrate --no-input
"$PY" manage.py load_demo

server=""
worker=""
stop() {
    trap - EXIT INT TERM HUP
    [ -n "$server" ] && kill -TERM "$server" 2>/dev/null
    [ -n "$worker" ] && kill -TERM "$worker" 2>/dev/null
    for _ in $(seq 100); do
        kill -0 "$worker" 2>/dev/null || return 0
        sleep 0.1
    done
    echo "The worker did not stop within 10 s: killing it (its task runs again next time)." >&2
    kill -KILL "$worker" 2>/dev/null || true
}
trap stop EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

# In its own session, so that Ctrl-C does not reach it: it gets exactly one SIGTERM, from stop(),
# and finishes its task (a second signal would abandon it). No autoreload, whose restarts abandon
# tasks too: restart `make run` after changing a task.
setsid "$PY" manage.py db_worker --no-reload &
worker=$!

echo "Tandem is at http://$ADDRESS (demo logins are in README.md); the task worker is running."
echo "Demo staff give a second code after the password: run '$PY manage.py demo_code demo-worker' (README.md, Demo logins)."
# In the background and waited for, so that a signal runs the traps at once.
"$PY" manage.py runserver "$ADDRESS" &
server=$!
wait "$server"
