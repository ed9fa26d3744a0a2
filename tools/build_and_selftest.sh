#!/usr/bin/env bash
# Build the one-folder application with PyInstaller and prove it starts: --self-test creates a database,
# migrates it, opens the main window offscreen, prints a batch in two worker processes and exits 0. Called by .ci/run (slow: a few minutes).
set -euo pipefail
cd "$(dirname "$0")/.."
work="${YULU_BUILD_DIR:-build/pyinstaller}"
start=$(date +%s)
python -m PyInstaller --noconfirm --log-level WARN --workpath "$work/work" --distpath "$work/dist" build.spec
home="$(mktemp -d)"
trap 'rm -rf "$home"' EXIT
QT_QPA_PLATFORM=offscreen YULU_HOME="$home" "$work/dist/yulu-desktop/yulu-desktop" --self-test
echo "build and self-test: $(( $(date +%s) - start )) s"
