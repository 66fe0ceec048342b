#!/usr/bin/env bash
# Print the path of the newest Python >= 3.12 on this machine, or explain what to install.
# Order: python3.13 and python3.12 on PATH, then pyenv builds of 3.13 and 3.12.
set -uo pipefail

works() {
    # pyenv shims exist on PATH even when that version is not active, so run the candidate.
    "$1" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' >/dev/null 2>&1
}

candidates=()
for name in python3.13 python3.12; do
    if path="$(command -v "$name" 2>/dev/null)"; then
        candidates+=("$path")
    fi
done
# pyenv may be installed but not on PATH in a non-interactive shell: try its usual home too.
root=""
if command -v pyenv >/dev/null 2>&1; then
    root="$(pyenv root)"
elif [ -d "${PYENV_ROOT:-$HOME/.pyenv}/versions" ]; then
    root="${PYENV_ROOT:-$HOME/.pyenv}"
fi
if [ -n "$root" ]; then
    for minor in 3.13 3.12; do
        # Newest patch release first.
        while IFS= read -r dir; do
            candidates+=("$dir/bin/python3")
        done < <(ls -d "$root"/versions/"$minor".* 2>/dev/null | sort -V -r)
    done
fi

for candidate in "${candidates[@]}"; do
    if works "$candidate"; then
        echo "$candidate"
        exit 0
    fi
done

cat >&2 <<'MSG'
Tandem needs Python 3.12 or newer (Django 6), and none was found.
Looked for python3.13 and python3.12 on PATH, and for pyenv builds of 3.13 and 3.12.
Install one, for example:
  pyenv install 3.13        (then run make again; no need to activate it)
or install python3.13 / python3.12 from your operating system's packages.
MSG
exit 1
