#!/usr/bin/env bash
# QuantLayer BuildGuard: the two commands of the README, and a few helpers.
#
#   ./build.sh demo    pack BuildGuard from this repository, build, test and pack the sample
#                      supplier solution (samples/ControllerGateway) with it, show the evidence
#   ./build.sh test    install what the tests need, build everything, run every test, and end
#                      with one line of totals: "N passed, N failed"
#   ./build.sh pack    pack QuantLayer.BuildGuard, the buildguard tool and the templates into artifacts/packages
#
# Needs the .NET SDK (global.json) and git; `test` also needs node + npm (interop verifiers) and
# installs Chromium from the Debian packages when it is missing (HTML report test).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"

export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

say() { printf '\n==> %s\n' "$*"; }
die() { printf 'build.sh: %s\n' "$*" >&2; exit 2; }

need() {
  command -v "$1" >/dev/null 2>&1 || die "$1 is required: $2"
}

cmd_pack() {
  local version="${1:-}"
  local out="$root/artifacts/packages"
  mkdir -p "$out"
  local props=()
  [ -n "$version" ] && props+=("-p:Version=$version")
  say "Packing QuantLayer.BuildGuard and the buildguard tool ${version:+($version) }into $out"
  dotnet pack build-tasks/QuantLayer.BuildGuard/QuantLayer.BuildGuard.csproj -c Release -o "$out" -nologo -v:q "${props[@]}"
  dotnet pack build-tasks/QuantLayer.BuildGuard.Cli/QuantLayer.BuildGuard.Cli.csproj -c Release -o "$out" -nologo -v:q "${props[@]}"
  if [ -d templates/QuantLayer.BuildGuard.Templates ]; then
    dotnet pack templates/QuantLayer.BuildGuard.Templates -c Release -o "$out" -nologo -v:q "${props[@]}"
  fi
}

cmd_demo() {
  need dotnet "install the .NET SDK (see global.json)"
  need git "the demo reads the commit time for reproducible evidence"
  local demo="$root/artifacts/demo"
  local version="0.1.0-local"
  local sample="$root/samples/ControllerGateway"

  # A fixed local version in an isolated package folder: the folder's copy of BuildGuard is
  # deleted first, so a rebuilt package can never be shadowed by a stale cached one.
  rm -rf "$demo/feed" "$demo/packages/quantlayer.buildguard" "$demo/packages/quantlayer.buildguard.tool" "$demo/tools"
  mkdir -p "$demo/feed" "$demo/packages"
  export NUGET_PACKAGES="$demo/packages"
  export BuildGuardPackageVersion="$version"

  say "1/5 Packing BuildGuard $version from source"
  dotnet pack build-tasks/QuantLayer.BuildGuard/QuantLayer.BuildGuard.csproj -c Release -o "$demo/feed" -nologo -v:q -p:Version="$version"
  dotnet pack build-tasks/QuantLayer.BuildGuard.Cli/QuantLayer.BuildGuard.Cli.csproj -c Release -o "$demo/feed" -nologo -v:q -p:Version="$version"
  dotnet tool install QuantLayer.BuildGuard.Tool --version "$version" --tool-path "$demo/tools" --add-source "$demo/feed" >/dev/null
  local buildguard="$demo/tools/buildguard"

  # The supplier's signing key: created outside the repository (BuildGuard refuses keys inside a
  # work tree), encrypted with a passphrase that only lives in this shell's environment.
  local keys
  keys="$(mktemp -d "${TMPDIR:-/tmp}/buildguard-demo-keys-XXXXXX")"
  BUILDGUARD_SIGNING_PASSPHRASE="demo-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
  export BUILDGUARD_SIGNING_PASSPHRASE
  "$buildguard" keygen "$keys/signing.key" >/dev/null
  local signing="-p:BuildGuardSigningKeyFile=$keys/signing.key"

  # The sample's lock files (git-ignored) pin the content hash of the BuildGuard package; a
  # repacked 0.1.0-local differs, so a second demo run would fail restore with NU1403.
  find "$sample" -name packages.lock.json -delete
  # Each demo run makes a new signing key and releases 2.4.0 for the first time: the previous run's
  # ledger (git-ignored, checkpoints signed by the previous key, and the release built by a
  # possibly different BuildGuard) would rightly refuse it (QLB4026).
  rm -rf "$sample/artifacts/ledger"
  # And the outputs of earlier runs (git-ignored), so that what is listed below is this run's.
  find "$sample" -type d \( -name bin -o -name obj \) -prune -exec rm -rf {} +

  say "2/5 Building the sample supplier solution (Release) with BuildGuard, signed"
  (cd "$sample" && dotnet build -c Release -nologo "$signing")

  say "3/5 Running its tests"
  (cd "$sample" && dotnet test -c Release --no-build -nologo)

  say "4/5 Packing its library"
  (cd "$sample" && dotnet pack -c Release --no-build -nologo "$signing")

  say "5/5 Evidence"
  local found=0
  while IFS= read -r -d '' file; do
    found=1
    printf '  %-100s %8s bytes\n' "${file#"$root"/}" "$(wc -c <"$file" | tr -d ' ')"
  done < <(find "$sample" -path '*/bin/Release/*' \( -path '*/buildguard/*' -o -name '*.cdx.json' -o -name '*.spdx.json' -o -name '*.sigstore.json' -o -name '*.intoto.json' -o -name '*.change.json' -o -name '*.trace.*' \) -type f -print0 | sort -z)
  [ "$found" = 1 ] || die "the sample build wrote no evidence"

  echo
  echo "  The manifests list every artifact with its SHA-256 and SHA-512; for example:"
  local manifest
  manifest="$(find "$sample/src/Contoso.Gateway.Protocol/bin/Release" -name 'Contoso.Gateway.Protocol.*manifest.json' | sort | head -n 1)"
  sed -n '1,40p' "$manifest" | sed 's/^/    /'
  echo
  echo "  Verified as an operator would (the public key is all they need):"
  (cd "$sample" && "$buildguard" verify --key "$keys/signing.pub" src/Contoso.Gateway.Protocol/bin/Release src/Contoso.Gateway.Service/bin/Release) | sed 's/^/    /'
  echo
  echo "  The release is in the evidence ledger (Merkle tree, signed checkpoints), checked as an auditor would:"
  (cd "$sample" && "$buildguard" ledger verify --key "$keys/signing.pub" --ledger artifacts/ledger src/Contoso.Gateway.Protocol/bin/Release/Contoso.Gateway.Protocol.*.nupkg) | sed 's/^/    /'
  echo
  echo "  The IEC 62443-4-1 evidence report over the whole solution (what the evidence shows, and what a build cannot prove):"
  (cd "$sample" && "$buildguard" report . --name ControllerGateway --repository . --ledger artifacts/ledger --output "$demo/report") | sed 's/^/    /'
  echo "  (the demo signing key is in $keys; its passphrase was only in this shell)"
  echo "  Check that the build is reproducible: (cd samples/ControllerGateway && $buildguard rebuild-check)"
  echo "  (uses NUGET_PACKAGES=$demo/packages and BuildGuardPackageVersion=$version)"
}

cmd_test() {
  need dotnet "install the .NET SDK (see global.json)"
  need git "tests create git repositories"
  need node "the interop tests run independent verifiers (CycloneDX, Sigstore) on node >= 20"
  need npm "the interop tests install their verifiers with npm"
  local results="$root/artifacts/test-results"
  rm -rf "$results"
  mkdir -p "$results"

  say "Installing the independent verifiers (tests/interop, npm ci)"
  npm ci --prefix tests/interop --no-audit --no-fund --loglevel=error

  # The traceability report is an HTML page; a test opens it in a real headless browser.
  if ! command -v chromium >/dev/null 2>&1 && ! command -v chromium-browser >/dev/null 2>&1; then
    say "Installing Chromium (Debian package) for the HTML report test"
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    if command -v apt-get >/dev/null 2>&1; then
      $sudo apt-get update -qq
      DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
    else
      die "chromium is required for the HTML report test; install it with your package manager"
    fi
  fi

  say "Building"
  dotnet build QuantLayer.BuildGuard.sln -c Debug -nologo -v:q

  say "Running the tests"
  local status=0
  dotnet test QuantLayer.BuildGuard.sln -c Debug --no-build -nologo \
    --logger "trx" --logger "console;verbosity=minimal" --results-directory "$results" || status=$?

  # Totals from the TRX files: every run says what it ran.
  local passed=0 failed=0 files=0
  for trx in "$results"/*.trx; do
    [ -f "$trx" ] || continue
    files=$((files + 1))
    local counters
    counters="$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)"
    local p f e t
    p="$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")"
    f="$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")"
    e="$(sed -n 's/.* error="\([0-9]*\)".*/\1/p' <<<"$counters")"
    t="$(sed -n 's/.* timeout="\([0-9]*\)".*/\1/p' <<<"$counters")"
    passed=$((passed + ${p:-0}))
    failed=$((failed + ${f:-0} + ${e:-0} + ${t:-0}))
  done
  if [ "$files" -eq 0 ]; then
    echo "no test results were written" >&2
    echo "0 passed, 1 failed"
    return 1
  fi
  if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
    # dotnet test failed without a failed test (a crashed test host): count it.
    failed=1
  fi
  echo
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ]
}

case "${1:-}" in
  demo) cmd_demo ;;
  test) cmd_test ;;
  pack) shift; cmd_pack "${1:-}" ;;
  *)
    sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
    ;;
esac
