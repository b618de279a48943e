#!/usr/bin/env bash
# KJCE Desktop quick start.
#   bash scripts/quickstart.sh          set everything up, then start the app (embedded platform)
#   bash scripts/quickstart.sh test     set everything up for tests, then run the whole suite
#   bash scripts/quickstart.sh test-postgresql
#                                       install and start PostgreSQL (Debian's package), create
#                                       the test role, then run tests/server on PostgreSQL
#   bash scripts/quickstart.sh build    install PyInstaller, then build the one-folder app in
#                                       dist/kjce-desktop/ (packaging/build.py; options pass on)
# Safe to run again: each step is skipped when already done.
set -euo pipefail

mode="${1:-run}"
shift || true
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
venv="$root/.venv"

say() { printf '\033[1m[kjce]\033[0m %s\n' "$*"; }

# 1. Python 3.11+
python_bin="${PYTHON:-}"
if [ -z "$python_bin" ]; then
  for candidate in python3.13 python3.12 python3.11 python3; do
    if command -v "$candidate" >/dev/null 2>&1 &&
       "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
      python_bin="$candidate"; break
    fi
  done
fi
[ -n "$python_bin" ] || { say "Python 3.11 or newer is needed (python3 --version)."; exit 1; }

# 2. System libraries (Debian/Ubuntu): Qt's xcb platform, libvlc, CJK fonts, venv.
system_packages=(
  libxcb-cursor0 libxkbcommon-x11-0 libxkbcommon0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1
  libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 libegl1 libgl1
  libopengl0 libfontconfig1 libdbus-1-3 libglib2.0-0 libvlc5 vlc-plugin-base
  vlc-plugin-video-output fonts-noto-cjk
)
# ffmpeg: tests/tools/test_record_help_videos.py films the help recorder's first step.
if [ "$mode" = test ] || [ "$mode" = test-postgresql ]; then system_packages+=(xvfb ffmpeg); fi
# The screen-reader test (tests/desktop/test_accessibility_tree.py) reads the app's AT-SPI
# tree with the system Python's pyatspi, on a D-Bus session of its own.
if [ "$mode" = test ]; then system_packages+=(dbus at-spi2-core python3-pyatspi); fi
if [ "$mode" = test-postgresql ]; then system_packages+=(postgresql); fi
if [ "$mode" = build ]; then system_packages+=(binutils); fi  # PyInstaller reads ELF files with objdump
if ! "$python_bin" -c 'import venv, ensurepip' >/dev/null 2>&1; then
  system_packages+=("python3-venv")
fi
if command -v apt-get >/dev/null 2>&1; then
  missing=()
  for pkg in "${system_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    sudo_cmd=()
    if [ "$(id -u)" -ne 0 ]; then
      if command -v sudo >/dev/null 2>&1; then sudo_cmd=(sudo); else sudo_cmd=(none); fi
    fi
    if [ "${sudo_cmd[*]:-}" = none ]; then
      say "Not root and no sudo: please install these packages yourself: ${missing[*]}"
    else
      say "Installing system packages: ${missing[*]}"
      "${sudo_cmd[@]}" apt-get update -qq
      # Names differ slightly between releases (Ubuntu 24.04 renamed some libraries with
      # a t64 suffix): try them all at once, then one by one so one odd name cannot block the rest.
      if ! DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"; then
        for pkg in "${missing[@]}"; do
          DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "$pkg" ||
          DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${pkg}t64" ||
            say "could not install $pkg (continuing)"
        done
      fi
    fi
  fi
else
  say "Not a Debian/Ubuntu system: install Qt's runtime libraries and VLC yourself (see README)."
fi

# 3. The virtual environment and the Python packages (skipped when pyproject.toml is unchanged).
if [ ! -x "$venv/bin/python" ]; then
  say "Creating the virtual environment in .venv"
  "$python_bin" -m venv "$venv"
fi
extras=""
stamp="$venv/.installed"
if [ "$mode" = build ]; then extras="[build]"; stamp="$venv/.installed-build"
elif [ "$mode" != run ]; then extras="[test]"; stamp="$venv/.installed-test"; fi
want="$(sha256sum pyproject.toml | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  say "Installing the Python packages"
  "$venv/bin/python" -m pip install -q --upgrade pip
  "$venv/bin/python" -m pip install -q -e ".${extras}"
  echo "$want" > "$stamp"
fi

# The compiled translations (.qm) are built, not committed; rebuilt when a .ts changed.
for ts in desktop/translations/*.ts; do
  if [ ! -f "${ts%.ts}.qm" ] || [ "$ts" -nt "${ts%.ts}.qm" ]; then
    say "Building the translations"
    "$venv/bin/python" -m tools.translations build
    break
  fi
done

# PostgreSQL for the test-postgresql mode: start the newest cluster (creating one if the
# package made none) and give the tests a superuser role that creates and drops their
# databases. KJCE_TEST_PG set by the caller (another server) skips all of it.
start_postgresql() {
  if [ -n "${KJCE_TEST_PG:-}" ]; then return; fi
  command -v pg_lsclusters >/dev/null 2>&1 ||
    { say "PostgreSQL is not installed (apt-get install postgresql), or set KJCE_TEST_PG"; exit 1; }
  local as_root=() as_postgres=(runuser -u postgres --)
  if [ "$(id -u)" -ne 0 ]; then as_root=(sudo); as_postgres=(sudo -u postgres); fi
  local version cluster port status
  read -r version cluster port status _ < <(pg_lsclusters -h | sort -V | tail -n 1) || true
  if [ -z "${version:-}" ]; then
    version="$(ls /usr/lib/postgresql | sort -V | tail -n 1)"; cluster=main
    "${as_root[@]}" pg_createcluster "$version" "$cluster"
    read -r version cluster port status _ < <(pg_lsclusters -h "$version" "$cluster")
  fi
  if [ "$status" != online ]; then
    say "Starting PostgreSQL $version/$cluster on port $port"
    "${as_root[@]}" pg_ctlcluster "$version" "$cluster" start
  fi
  "${as_postgres[@]}" psql -q -p "$port" -v ON_ERROR_STOP=1 -c "DO \$\$ BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'kjce') THEN
      CREATE ROLE kjce LOGIN SUPERUSER PASSWORD 'kjce';
    END IF; END \$\$;"
  export KJCE_TEST_PG="postgresql+psycopg://kjce:kjce@127.0.0.1:$port/postgres"
}

# 4. Go.
case "$mode" in
  run)
    say "Starting KJCE Desktop"
    exec "$venv/bin/python" main.py "$@"
    ;;
  test)
    export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"
    say "ruff"
    "$venv/bin/ruff" check .
    "$venv/bin/ruff" format --check .
    say "mypy"
    "$venv/bin/mypy"
    say "pytest"
    exec "$venv/bin/python" -m pytest "$@"
    ;;
  test-postgresql)
    export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"
    start_postgresql
    say "pytest tests/server on PostgreSQL"
    KJCE_TEST_DB=postgresql exec "$venv/bin/python" -m pytest tests/server "$@"
    ;;
  build)
    say "Building the one-folder app (PyInstaller)"
    exec "$venv/bin/python" packaging/build.py "$@"
    ;;
  *)
    say "usage: bash scripts/quickstart.sh [run|test|test-postgresql|build]"; exit 2
    ;;
esac
