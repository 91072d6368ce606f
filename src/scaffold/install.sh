# Installs briefing $BRIEFING_VERSION into ~/.briefing/bin: the release
# binary for this runner, checked against the release's SHA256SUMS; else
# (no release for this version or runner, or no download) built from the
# pinned commit $BRIEFING_COMMIT of $BRIEFING_REPOSITORY.
set -euo pipefail
case "${RUNNER_OS:-}-${RUNNER_ARCH:-}" in
  Linux-X64) target=x86_64-unknown-linux-musl ;;
  Linux-ARM64) target=aarch64-unknown-linux-musl ;;
  macOS-X64) target=x86_64-apple-darwin ;;
  macOS-ARM64) target=aarch64-apple-darwin ;;
  *) target="" ;;
esac
root="$HOME/.briefing"
name="briefing-v$BRIEFING_VERSION-$target"
work="$(mktemp -d)"
expect="briefing $BRIEFING_VERSION"
fetch() {
  curl --fail --silent --show-error --location --retry 2 \
    --output "$work/$1" "$BRIEFING_RELEASES/$1"
}
if [ -n "$target" ] && [ -n "${BRIEFING_RELEASES:-}" ] \
  && fetch "$name.tar.gz" && fetch SHA256SUMS; then
  expected="$(awk -v f="$name.tar.gz" '$2 == f || $2 == "*" f { print $1 }' "$work/SHA256SUMS")"
  actual="$( (sha256sum "$work/$name.tar.gz" 2>/dev/null \
    || shasum -a 256 "$work/$name.tar.gz") | cut -d' ' -f1)"
  if [ -z "$expected" ] || [ "$expected" != "$actual" ]; then
    echo "::error::$name.tar.gz does not match the release's SHA256SUMS (expected ${expected:-a line for it}, got $actual)"
    exit 1
  fi
  tar -xzf "$work/$name.tar.gz" -C "$work"
  mkdir -p "$root/bin"
  install -m 755 "$work/$name/briefing" "$root/bin/briefing"
  echo "installed the release binary $name.tar.gz (SHA-256 $actual)"
elif [ -n "${BRIEFING_COMMIT:-}" ]; then
  echo "no release binary of briefing $BRIEFING_VERSION for this runner: building commit $BRIEFING_COMMIT"
  expect="briefing $BRIEFING_VERSION (${BRIEFING_COMMIT:0:7} "
  cargo install --locked --root "$root" --git "$BRIEFING_REPOSITORY" \
    --rev "$BRIEFING_COMMIT" briefing
else
  echo "no release binary of briefing $BRIEFING_VERSION for this runner: building it from crates.io"
  cargo install --locked --root "$root" briefing --version "=$BRIEFING_VERSION"
fi
installed="$("$root/bin/briefing" --version)"
echo "$installed"
case "$installed" in
  "$expect"*) ;;
  *) echo "::error::installed $installed, expected $expect..."; exit 1 ;;
esac
