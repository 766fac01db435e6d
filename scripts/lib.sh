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
    say "installing Debian packages: ${missing[*]}"
    $sudo apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}

# ensure_venv SPEC : create .venv when missing and install the project (SPEC, e.g. ".[test]")
# when pyproject.toml changed since the last install for that SPEC.
ensure_venv() {
    local spec=$1 python=${PYTHON:-python3}
    if [ ! -x .venv/bin/python ]; then
        say "creating virtual environment .venv with $($python --version)"
        "$python" -m venv .venv
    else
        say "using virtual environment .venv"
    fi
    local stamp=".venv/.installed-$(printf '%s' "$spec" | tr -c 'a-z0-9' '_')"
    local digest
    digest=$(cat pyproject.toml | sha256sum | cut -d' ' -f1)
    if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$digest" ]; then
        say "project already installed ($spec)"
    else
        say "installing the project and its dependencies: pip install -e '$spec'"
        .venv/bin/python -m pip install -q --upgrade pip >&2
        .venv/bin/python -m pip install -q -e "$spec" >&2
        printf '%s' "$digest" > "$stamp"
    fi
}
