#!/usr/bin/env bash
# Signing and verification cost (issue 6: at most 30 ms per artifact in the build, nothing in a
# no-op build; `buildguard verify` of a 50-artifact release under 1 s).
#
#   1. In-process medians of each step (SigningBench micro), and the first signature in a fresh
#      process (SigningBench cold).
#   2. `buildguard verify` of generated releases, median of N cold process runs: 50 artifacts
#      (25 sets of a 512 KiB assembly and its 50-package SBOM, 75 bundles), and 150 artifacts
#      (50 sets with an apphost too, 150 bundles); plus the verifier in-process, warm.
#   3. The sample solution (samples/ControllerGateway) built with the packed package and a key:
#      the SignArtifacts task's time per call from MSBuild's performance summary after a source
#      change (the two projects re-sign), and the no-op build with signing on vs off.
# Build mode: whatever the environment sets (on the reference machine every build is cold:
# MSBUILDDISABLENODEREUSE=1, DOTNET_CLI_USE_MSBUILD_SERVER=0, UseSharedCompilation=false).
#
#   bench/signing/run.sh [runs] [steps] [full|short]   (default: 9 runs, steps 123, full;
#                                                        short: step 3 without the long loops)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
runs="${1:-9}"
steps="${2:-123}"
work="$(mktemp -d /tmp/bg-bench-signing-XXXXXX)"
trap 'rm -rf "$work"' EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
now_ms() { echo $(($(date +%s%N) / 1000000)); }

dotnet build "$root/bench/signing/SigningBench.csproj" -c Release -v:q -nologo -o "$work/bench" >/dev/null
dotnet build "$root/build-tasks/QuantLayer.BuildGuard.Cli/QuantLayer.BuildGuard.Cli.csproj" -c Release -v:q -nologo -o "$work/cli" >/dev/null

if [[ "$steps" == *1* ]]; then
echo "== 1. In-process steps (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
dotnet "$work/bench/SigningBench.dll" micro 31
# The first key and signature in a fresh process (assembly load, JIT, tables), median of $runs processes.
declare -a cold_cpu=() cold_wall=()
for i in $(seq 1 "$runs"); do
  read -r _ c w < <(dotnet "$work/bench/SigningBench.dll" cold)
  cold_cpu+=("$c"); cold_wall+=("$w")
done
echo "first key + deterministic signature in a fresh process: CPU median $(median "${cold_cpu[@]}") ms, wall median $(median "${cold_wall[@]}") ms ($runs processes)"
fi

if [[ "$steps" == *2* ]]; then
echo
echo "== 2. buildguard verify of a release"
# Wall time, and CPU time (user + sys of the process): on a shared machine the wall time mostly
# measures waiting for a core.
time_verify() {
  local folder="$1" what="$2"
  local -a wall=() cpu=()
  for i in $(seq 1 "$runs"); do
    local TIMEFORMAT='%R %U %S'
    local t
    t="$( { time dotnet "$work/cli/buildguard.dll" verify --key "$folder.pub" "$folder" >/dev/null; } 2>&1 )"
    wall+=("$(awk '{printf "%d", $1 * 1000}' <<<"$t")")
    cpu+=("$(awk '{printf "%d", ($2 + $3) * 1000}' <<<"$t")")
  done
  echo "buildguard verify, $what (process start included): CPU median $(median "${cpu[@]}") ms, wall median $(median "${wall[@]}") ms of $runs runs (wall: ${wall[*]})"
}
# 50 artifacts: 25 sets of a 512 KiB assembly and its SBOM (75 bundles).
dotnet "$work/bench/SigningBench.dll" release "$work/release50" 25
time_verify "$work/release50" "50 artifacts / 75 bundles"
dotnet "$work/bench/SigningBench.dll" verify "$work/release50" "$work/release50.pub"
# Three times that: 50 sets with an apphost each (150 artifacts, 150 bundles).
dotnet "$work/bench/SigningBench.dll" release "$work/release150" 50 apphost
time_verify "$work/release150" "150 artifacts / 150 bundles"
TIMEFORMAT='(buildguard --version alone, for the process start: wall %R s, CPU %U s user + %S s sys)'
time dotnet "$work/cli/buildguard.dll" --version >/dev/null
fi

[[ "$steps" == *3* ]] || exit 0
full="${3:-full}"
echo
echo "== 3. The sample solution with a signing key"
echo "(load average: $(cut -d' ' -f1-3 /proc/loadavg))"
version="0.1.0-bench.$(date +%s)"
# (The package project builds the analyzer and task projects itself: restore them first in a fresh clone.)
# The work tree restores and packs with the machine's package folder; only the sample gets an
# isolated one (with it, the work tree's project.assets.json would point into a deleted folder).
dotnet restore "$root/QuantLayer.BuildGuard.sln" -v:q >/dev/null
dotnet pack "$root/build-tasks/QuantLayer.BuildGuard/QuantLayer.BuildGuard.csproj" -c Release -o "$work/feed" -v:q -nologo -p:Version="$version" >/dev/null
export NUGET_PACKAGES="$work/packages" BuildGuardPackageVersion="$version"
sample="$work/sample"
mkdir -p "$sample"
(cd "$root/samples/ControllerGateway" && git ls-files --cached --others --exclude-standard . | while IFS= read -r f; do
  mkdir -p "$sample/$(dirname "$f")"; cp "$f" "$sample/$f"; done)
cat >"$sample/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
    <add key="bench" value="$work/feed" />
  </packageSources>
  <fallbackPackageFolders><add key="machine" value="$HOME/.nuget/packages" /></fallbackPackageFolders>
</configuration>
XML
(cd "$sample" && git init -q -b main && git add -A && git -c user.name=bench -c user.email=bench@example.com commit -qm bench)
export BUILDGUARD_SIGNING_PASSPHRASE="bench passphrase $RANDOM$RANDOM"
mkdir -p "$work/keys"
dotnet "$work/cli/buildguard.dll" keygen "$work/keys/signing.key" >/dev/null
key="-p:BuildGuardSigningKeyFile=$work/keys/signing.key"
(cd "$sample" && dotnet build -c Release -v:q -nologo "$key" >/dev/null)

declare -a t_task
source_file="$sample/src/Contoso.Gateway.Protocol/FrameParser.cs"
for i in $(seq 1 "$([ "$full" = full ] && echo "$runs" || echo 1)"); do
  echo "// bench $i" >>"$source_file"
  summary="$(cd "$sample" && dotnet build -c Release -nologo "$key" -clp:PerformanceSummary -v:m)"
  # "      123 ms  SignArtifacts                              2 calls"
  line="$(grep -E '^\s+[0-9]+ ms\s+SignArtifacts\s+[0-9]+ calls' <<<"$summary" | tail -n 1)"
  ms="$(awk '{print $1}' <<<"$line")"
  calls="$(awk '{print $4}' <<<"$line")"
  t_task+=($((ms / calls)))
  echo "run $i: SignArtifacts ${ms} ms in ${calls} calls"
done
echo "SignArtifacts per artifact set (assembly + apphost + bundles; decrypting the 600000-iteration key included): median $(median "${t_task[@]}") ms of $runs runs"

# Where the task's time goes, with the encrypted key file and with an unencrypted PEM in the
# environment (the CI secret case): the task's own messages (key ready / signed in).
plain="$(dotnet "$work/cli/buildguard.dll" --version >/dev/null; openssl pkey -in "$work/keys/signing.key" -passin env:BUILDGUARD_SIGNING_PASSPHRASE)"
for mode in encrypted-file pem-in-environment; do
  declare -a t_key=() t_sign=() t_total=()
  for i in $(seq 1 "$runs"); do
    echo "// bench $mode $i" >>"$source_file"
    if [ "$mode" = encrypted-file ]; then
      log="$(cd "$sample" && dotnet build -c Release -nologo "$key" -v:d -clp:PerformanceSummary)"
    else
      log="$(cd "$sample" && BUILDGUARD_SIGNING_KEY="$plain" dotnet build -c Release -nologo -v:d -clp:PerformanceSummary)"
    fi
    t_key+=("$(grep -oE 'signing key ready in [0-9]+ ms' <<<"$log" | head -n 1 | grep -oE '[0-9]+')")
    t_sign+=("$(grep -oE 'BuildGuard: signed .* in [0-9]+ ms' <<<"$log" | head -n 1 | grep -oE '[0-9]+ ms$' | grep -oE '[0-9]+')")
    t_total+=("$(grep -E '^\s+[0-9]+ ms\s+SignArtifacts\s+[0-9]+ calls' <<<"$log" | tail -n 1 | awk '{print $1}')")
  done
  echo "$mode: key ready median $(median "${t_key[@]}") ms, signing the set median $(median "${t_sign[@]}") ms, whole task median $(median "${t_total[@]}") ms ($runs runs, cold MSBuild node each)"
done

[ "$full" = full ] || exit 0
declare -a t_on t_off
for i in $(seq 1 "$runs"); do
  start=$(now_ms); (cd "$sample" && dotnet build -c Release -v:q -nologo "$key" >/dev/null); t_on+=($(($(now_ms) - start)))
  start=$(now_ms); (cd "$sample" && dotnet build -c Release -v:q -nologo -p:BuildGuardSigning=false >/dev/null); t_off+=($(($(now_ms) - start)))
done
# The first off-build after an on-build re-evaluates with another property set; both then stay no-op.
echo "No-op build of the sample: signing on median $(median "${t_on[@]}") ms, signing off median $(median "${t_off[@]}") ms ($runs runs each, alternating)"
