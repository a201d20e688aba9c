#!/usr/bin/env bash
# resource-tidy developer entry point.
#
#   ./dev.sh demo    install what is missing, build, run the check on the
#                    bundled example (warnings, notes, and the fixed file)
#   ./dev.sh test    install what is missing, build, run every test
#   ./dev.sh build   install what is missing and build only
#
# Environment: LLVM_VERSION (default 22), BUILD_DIR (default ./build).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
LLVM_VERSION="${LLVM_VERSION:-22}"
BUILD_DIR="${BUILD_DIR:-$ROOT/build}"
LLVM_BIN="/usr/lib/llvm-$LLVM_VERSION/bin"
PACKAGES=(cmake ninja-build g++ python3 python3-docutils libc6-dev csmith libcsmith-dev
  "clang-tidy-$LLVM_VERSION" "clang-$LLVM_VERSION" "libclang-$LLVM_VERSION-dev"
  "llvm-$LLVM_VERSION-dev" "llvm-$LLVM_VERSION-tools")

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

install_missing() {
  local missing=()
  for pkg in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" ||
      missing+=("$pkg")
  done
  [[ ${#missing[@]} -eq 0 ]] && return
  log "installing: ${missing[*]}"
  local sudo=()
  [[ $(id -u) -ne 0 ]] && sudo=(sudo)
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq \
    --no-install-recommends "${missing[@]}" >/dev/null
}

build() {
  install_missing
  log "building the plugin (LLVM $LLVM_VERSION) in $BUILD_DIR"
  cmake -S "$ROOT" -B "$BUILD_DIR" -G Ninja \
    -DRESOURCE_TIDY_LLVM_VERSION="$LLVM_VERSION" -DRESOURCE_TIDY_WERROR=ON >/dev/null
  cmake --build "$BUILD_DIR"
}

demo() {
  build
  DEMO_DIR="$(mktemp -d)"
  trap 'rm -rf "$DEMO_DIR"' EXIT
  local work="$DEMO_DIR"
  cp "$ROOT/example/leaky_server.c" "$work/"
  log "clang-tidy --load $BUILD_DIR/lib/ResourceTidy.so --checks='-*,resource-*' example/leaky_server.c"
  (cd "$work" && "$LLVM_BIN/clang-tidy" --load "$BUILD_DIR/lib/ResourceTidy.so" \
    --checks='-*,resource-*' leaky_server.c -- 2>/dev/null) || true
  log "the same run with --fix applies the fix-its; the diff:"
  cp "$work/leaky_server.c" "$work/leaky_server.orig.c"
  (cd "$work" && "$LLVM_BIN/clang-tidy" --load "$BUILD_DIR/lib/ResourceTidy.so" \
    --checks='-*,resource-*' --fix --quiet leaky_server.c -- \
    >/dev/null 2>&1) || true
  (cd "$work" && diff -u leaky_server.orig.c leaky_server.c) || true
  log "the fixed file still compiles:"
  "$LLVM_BIN/clang" -fsyntax-only "$work/leaky_server.c" && echo "ok"
}

run_tests() {
  build
  log "running the lit suite"
  local xml="$BUILD_DIR/test/lit-results.xml"
  local status=0
  "$LLVM_BIN/lit" -sv --xunit-xml-output "$xml" "$BUILD_DIR/test" || status=$?
  python3 - "$xml" <<'EOF'
import sys
import xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
cases = root.findall(".//testcase")
failed = sum(1 for c in cases if c.find("failure") is not None)
skipped = sum(1 for c in cases if c.find("skipped") is not None)
print(f"lit: {len(cases) - failed - skipped} passed, {failed} failed"
      + (f", {skipped} skipped" if skipped else ""))
EOF
  return "$status"
}

case "${1:-}" in
  demo) demo ;;
  test) run_tests ;;
  build) build ;;
  *) sed -n '2,10p' "$0" >&2; exit 2 ;;
esac
