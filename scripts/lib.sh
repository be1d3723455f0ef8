# Shared by scripts/run and scripts/test (sourced, not run): installs missing Debian
# packages and configures/builds a build folder. All chatter goes to stderr so that
# `scripts/run ... | wl-copy` carries only somepost's own output.

SOMEPOST_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# The packages every build needs (Debian 12 names); gettext gives msgfmt, which compiles
# the UI translations in po/, and xgettext, which the test po_up_to_date runs.
SOMEPOST_BUILD_PACKAGES=(g++ cmake make libcli11-dev libfmt-dev nlohmann-json3-dev libutfcpp-dev doctest-dev gettext
  pkg-config libidn-dev)  # libidn: Mastodon's IDNA2003 host check (docs/platforms.md §2)
# What scripts/fuzz adds: clang and its runtimes (libFuzzer, the sanitizers), which
# Debian's clang only recommends.
SOMEPOST_FUZZ_PACKAGES=(clang libclang-rt-dev)

# ensure_packages PKG...: installs the missing ones (root: apt-get update once, then
# install); not root: prints the exact apt-get line and exits 2.
ensure_packages() {
  local missing=() pkg
  for pkg in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
      missing+=("$pkg")
    fi
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    echo "somepost: error: missing Debian packages; install them as root with:" >&2
    echo "apt-get install -y ${missing[*]}" >&2
    exit 2
  fi
  echo "scripts: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}

# build_into DIR CMAKE_ARGS...: configures DIR once (later runs reuse its cache; cmake
# re-runs itself when a CMakeLists.txt changes) and builds it with every core.
build_into() {
  local dir=$1
  shift
  if [ ! -f "$dir/CMakeCache.txt" ]; then
    cmake -S "$SOMEPOST_ROOT" -B "$dir" "$@" >&2
  fi
  cmake --build "$dir" -j "$(nproc)" >&2
}
