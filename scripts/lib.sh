# Shared set-up steps for scripts/demo and scripts/test. Every step is idempotent and says what it does.
# shellcheck shell=bash

say() { printf '\033[1m==>\033[0m %s\n' "$*" >&2; }

# ensure_debian WHAT:PACKAGE ... : install the Debian package when WHAT is missing; WHAT is a
# command name, or an absolute path for packages without a command (fonts).
ensure_debian() {
    local missing=() item cmd pkg
    for item in "$@"; do
        cmd=${item%%:*}; pkg=${item#*:}
        if { [ "${cmd#/}" != "$cmd" ] && [ -e "$cmd" ]; } || command -v "$cmd" >/dev/null 2>&1; then
            say "found $cmd (Debian package $pkg)"
        else
            missing+=("$pkg")
        fi
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    # another apt (unattended upgrades, a parallel install) may hold the lock: wait for it
    local apt=(env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600)
    say "installing Debian packages: ${missing[*]} (waiting up to 10 minutes for the apt lock)"
    $sudo "${apt[@]}" update -qq >&2
    $sudo "${apt[@]}" install -y -qq --no-install-recommends "${missing[@]}" >&2
}

# ensure_venv SPEC : create the virtual environment $VENV when missing and install the project
# (SPEC, e.g. ".[test]") when pyproject.toml changed since the last install for that SPEC.
# Under CI (CI=true) $VENV is .venv-ci, made afresh each run: the newest release of every
# dependency, what a new user gets, whatever the developer's .venv holds.
VENV=.venv
ensure_venv() {
    local spec=$1 python=${PYTHON:-python3}
    if [ -n "${CI:-}" ] && [ "$CI" != false ] && [ "$CI" != 0 ]; then
        VENV=.venv-ci
        say "CI: creating a fresh virtual environment $VENV (newest dependencies)"
        rm -rf "$VENV"
    fi
    if [ ! -x "$VENV/bin/python" ]; then
        say "creating virtual environment $VENV with $($python --version)"
        "$python" -m venv "$VENV"
    else
        say "using virtual environment $VENV"
    fi
    local stamp="$VENV/.installed-$(printf '%s' "$spec" | tr -c 'a-z0-9' '_')"
    local digest
    digest=$(cat pyproject.toml | sha256sum | cut -d' ' -f1)
    if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$digest" ]; then
        say "project already installed ($spec)"
    else
        say "installing the project and its dependencies: pip install -e '$spec'"
        "$VENV/bin/python" -m pip install -q --upgrade pip >&2
        "$VENV/bin/python" -m pip install -q -e "$spec" >&2
        printf '%s' "$digest" > "$stamp"
    fi
    say "$("$VENV/bin/python" -c 'import lxml.etree as e; print("lxml", e.__version__)')"
}
