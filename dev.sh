#!/usr/bin/env bash
# resource-tidy developer entry point.
#
#   ./dev.sh demo    install what is missing, build, run the check on the
#                    bundled example (warnings, notes, and the fixed file),
#                    then show what an editor gets from resource-clangd
#   ./dev.sh test    install what is missing, build the plugin and
#                    resource-clangd for every supported LLVM (22 and 19),
#                    and a sanitizer build (ASan + UBSan) for LLVM 22; run
#                    every test against each
#   ./dev.sh build   install what is missing and build only
#
# Environment: LLVM_VERSION (demo and build, default 22), LLVM_VERSIONS
# (test, default "22 19"), SANITIZE_VERSIONS (test, default "22"; empty
# for none). LLVM 22 builds in ./build, others in ./build-N; sanitizer
# builds in ./build-asan (22) and ./build-N-asan.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
LLVM_VERSION="${LLVM_VERSION:-22}"
LLVM_VERSIONS="${LLVM_VERSIONS:-22 19}"
SANITIZE_VERSIONS="${SANITIZE_VERSIONS-22}"
COMMON_PACKAGES=(cmake ninja-build g++ gcc python3 python3-docutils libc6-dev
  csmith libcsmith-dev python3-jsonschema python3-yaml pre-commit
  pkg-config libgrpc++-dev libprotobuf-dev dpkg-dev)
# The SARIF 2.1.0 JSON schema, from the npm package that validates SARIF logs.
SARIF_SCHEMA_PACKAGE="@microsoft/jest-sarif@1.0.0-beta.0"
SARIF_SCHEMA="$ROOT/build/sarif-schema/sarif-2.1.0.json"

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
build_dir() {
  local dir="$ROOT/build"
  [[ $1 == 22 ]] || dir+="-$1"
  [[ ${2:-} == sanitize ]] && dir+="-asan"
  echo "$dir"
}
llvm_bin() { echo "/usr/lib/llvm-$1/bin"; }

# lit is the same runner for every version; LLVM 19 ships it as lit.py.
run_lit() {
  local version=$1
  shift
  if [[ -x "$(llvm_bin "$version")/lit" ]]; then
    "$(llvm_bin "$version")/lit" "$@"
  else
    python3 "/usr/lib/llvm-$version/build/utils/lit/lit.py" "$@"
  fi
}

install_missing() {
  local wanted=("${COMMON_PACKAGES[@]}") missing=()
  # npm fetches the SARIF schema; an npm that came with Node.js will do (the
  # Debian package would conflict with it).
  command -v npm >/dev/null || wanted+=(npm)
  for version in "$@"; do
    wanted+=("clang-tidy-$version" "clang-$version" "libclang-$version-dev"
      "llvm-$version-dev" "llvm-$version-tools" "clang-format-$version")
  done
  for pkg in "${wanted[@]}"; do
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

fetch_sarif_schema() {
  [[ -f $SARIF_SCHEMA ]] && return
  command -v npm >/dev/null || { log "npm missing: SARIF validation skipped"; return; }
  log "getting the SARIF 2.1.0 schema ($SARIF_SCHEMA_PACKAGE)"
  local tmp
  tmp="$(mktemp -d)"
  (cd "$tmp" && npm pack --silent "$SARIF_SCHEMA_PACKAGE" >/dev/null &&
    tar xzf ./*.tgz) || { rm -rf "$tmp"; log "could not get the schema"; return; }
  mkdir -p "$(dirname "$SARIF_SCHEMA")"
  cp "$tmp/package/lib/schemas/sarif-2.1.0-rtm.5.json" "$SARIF_SCHEMA"
  rm -rf "$tmp"
}

# build_version VERSION [sanitize]
build_version() {
  local version=$1 variant=${2:-} dir sanitize=OFF
  dir="$(build_dir "$version" "$variant")"
  [[ $variant == sanitize ]] && sanitize=ON
  log "building the plugin and resource-clangd (LLVM $version${variant:+, ASan + UBSan}) in $dir"
  # resource-clangd is ON, not AUTO: a missing library must fail the build,
  # not skip its tests.
  cmake -S "$ROOT" -B "$dir" -G Ninja \
    -DRESOURCE_TIDY_LLVM_VERSION="$version" -DRESOURCE_TIDY_WERROR=ON \
    -DRESOURCE_TIDY_CLANGD=ON -DRESOURCE_TIDY_SANITIZE="$sanitize" \
    -DRESOURCE_TIDY_SARIF_SCHEMA="$SARIF_SCHEMA" >/dev/null
  cmake --build "$dir"
}

build() {
  install_missing "$LLVM_VERSION"
  build_version "$LLVM_VERSION"
}

demo() {
  build
  local dir bin
  dir="$(build_dir "$LLVM_VERSION")"
  bin="$(llvm_bin "$LLVM_VERSION")"
  DEMO_DIR="$(mktemp -d)"
  trap 'rm -rf "$DEMO_DIR"' EXIT
  local work="$DEMO_DIR"
  cp "$ROOT/example/leaky_server.c" "$work/"
  log "clang-tidy --load $dir/lib/ResourceTidy.so --checks='-*,resource-*' example/leaky_server.c"
  (cd "$work" && "$bin/clang-tidy" --load "$dir/lib/ResourceTidy.so" \
    --checks='-*,resource-*' leaky_server.c -- 2>/dev/null) || true
  log "the same run with --fix applies the fix-its; the diff:"
  cp "$work/leaky_server.c" "$work/leaky_server.orig.c"
  (cd "$work" && "$bin/clang-tidy" --load "$dir/lib/ResourceTidy.so" \
    --checks='-*,resource-*' --fix --quiet leaky_server.c -- \
    >/dev/null 2>&1) || true
  (cd "$work" && diff -u leaky_server.orig.c leaky_server.c) || true
  log "the fixed file still compiles:"
  "$bin/clang" -fsyntax-only "$work/leaky_server.c" && echo "ok"
  log "in an editor: $dir/bin/resource-clangd over LSP with example/.clangd"
  mkdir -p "$work/editor"
  cp "$ROOT/example/.clangd" "$work/editor/"
  python3 "$ROOT/test/clangd/lsp_session.py" --server="$dir/bin/resource-clangd" \
    --server-arg=--enable-config --server-arg=--background-index=false \
    --root="$work/editor" --file=leaky_server.c \
    --open="$ROOT/example/leaky_server.c" --code-actions
}

# test_build VERSION [sanitize]: builds, runs the lit suite, and appends its
# results file to RESULTS; returns lit's status.
test_build() {
  local version=$1 variant=${2:-} dir
  # Called behind `||`, where set -e does not apply: stop on a failed build.
  build_version "$version" "$variant" || return 1
  dir="$(build_dir "$version" "$variant")"
  log "running the lit suite against clang-tidy $version${variant:+ with the sanitizer build}"
  RESULTS+=("$dir/test/lit-results.xml")
  run_lit "$version" -sv --xunit-xml-output "$dir/test/lit-results.xml" \
    "$dir/test"
}

run_tests() {
  # shellcheck disable=SC2086 # a list of versions
  install_missing $LLVM_VERSIONS
  fetch_sarif_schema
  local status=0
  RESULTS=()
  for version in $LLVM_VERSIONS; do
    test_build "$version" || status=1
  done
  # The same suite, with the robustness drivers, under ASan and UBSan.
  for version in $SANITIZE_VERSIONS; do
    test_build "$version" sanitize || status=1
  done
  python3 "$ROOT/test/summarize_lit.py" "${RESULTS[@]}"
  return "$status"
}

case "${1:-}" in
  demo) demo ;;
  test) run_tests ;;
  build) build ;;
  *) sed -n '2,/^set -euo/{/^#/p}' "$0" >&2; exit 2 ;;
esac
