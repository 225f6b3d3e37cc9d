#!/usr/bin/env bash
# Cost of the IEC 62443-4-1 evidence report in the build: packs BuildGuard from this work tree
# with a unique version, copies the sample solution (samples/ControllerGateway) into a fresh git
# repository, builds it once in Release, then N times makes the Protocol library's report stale
# (touches its evidence manifest) and rebuilds that project with --no-restore, reading the
# WriteEvidenceReport task time from MSBuild's performance summary; then N no-op builds, in which
# the task must not run. Also times `buildguard report` (the CLI, a whole process) on the
# library's output folder. Prints medians. Build mode: whatever the environment sets (here
# MSBUILDDISABLENODEREUSE=1, DOTNET_CLI_USE_MSBUILD_SERVER=0: every build is a cold MSBuild
# process, so the task time includes loading and JIT-compiling it).
#
#   bench/report/run.sh [runs]      (default 5)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
runs="${1:-5}"
work="$(mktemp -d /tmp/bg-bench-report-XXXXXX)"
trap 'rm -rf "$work"' EXIT
version="0.1.0-bench.$(date +%s)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
unset SOURCE_DATE_EPOCH CI TF_BUILD GITHUB_ACTIONS GITLAB_CI JENKINS_URL || true

median() { sort -n | awk '{a[NR]=$1} END {if (NR==0) {print "n/a"} else if (NR%2) {print a[(NR+1)/2]} else {print int((a[NR/2]+a[NR/2+1])/2)}}'; }

echo "Packing BuildGuard $version ..."
dotnet pack "$root/build-tasks/QuantLayer.BuildGuard/QuantLayer.BuildGuard.csproj" -c Release -o "$work/feed" -v:q -nologo -p:Version="$version" >/dev/null
dotnet build "$root/build-tasks/QuantLayer.BuildGuard.Cli/QuantLayer.BuildGuard.Cli.csproj" -c Release -o "$work/cli" -v:q -nologo >/dev/null
# Only the sample gets an isolated package folder (a fresh version must not come from a cache);
# this work tree's own restore state keeps the machine's folder (the temporary one is deleted).
export NUGET_PACKAGES="$work/packages"

sample="$work/sample"
mkdir -p "$sample"
(cd "$root/samples/ControllerGateway" && git ls-files --cached --others --exclude-standard . | while read -r f; do mkdir -p "$sample/$(dirname "$f")"; cp "$f" "$sample/$f"; done)
cat > "$sample/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources><clear /><add key="nuget.org" value="https://api.nuget.org/v3/index.json" /><add key="bench" value="$work/feed" /></packageSources>
  <packageSourceMapping>
    <packageSource key="bench"><package pattern="QuantLayer.*" /></packageSource>
    <packageSource key="nuget.org"><package pattern="*" /></packageSource>
  </packageSourceMapping>
</configuration>
XML
export BuildGuardPackageVersion="$version"
(cd "$sample" && git init -q && git add -A && GIT_AUTHOR_DATE="2024-05-01T10:00:00Z" GIT_COMMITTER_DATE="2024-05-01T10:00:00Z" git -c user.name=bench -c user.email=bench@example.com commit -qm sample)

project="$sample/src/Contoso.Gateway.Protocol/Contoso.Gateway.Protocol.csproj"
out="$sample/src/Contoso.Gateway.Protocol/bin/Release/net8.0"
echo "First build ..."
dotnet build "$sample" -c Release -v:q -nologo >/dev/null

task_ms() { grep -E '^\s+[0-9]+ ms\s+WriteEvidenceReport\s' | awk '{print $1}' | head -1; }

: > "$work/task.txt"; : > "$work/noop.txt"; : > "$work/cli.txt"
for i in $(seq "$runs"); do
  touch "$out/buildguard/Contoso.Gateway.Protocol.manifest.json"
  dotnet build "$project" -c Release --no-restore -nologo -clp:PerformanceSummary -v:n > "$work/build.log"
  task_ms < "$work/build.log" >> "$work/task.txt"
  start=$(date +%s%N)
  dotnet build "$project" -c Release --no-restore -nologo -v:n > "$work/noop.log"
  echo $(( ($(date +%s%N) - start) / 1000000 )) >> "$work/noop.txt"
  if grep -q 'Task "WriteEvidenceReport"' "$work/noop.log"; then echo "the no-op build ran WriteEvidenceReport" >&2; exit 1; fi
  start=$(date +%s%N)
  dotnet "$work/cli/buildguard.dll" report "$out" -o "$work/cli-out" >/dev/null
  echo $(( ($(date +%s%N) - start) / 1000000 )) >> "$work/cli.txt"
done

echo "Runs: $runs (medians)"
echo "  WriteEvidenceReport task in a build (report stale):   $(median < "$work/task.txt") ms"
echo "  no-op build of the library (report task not run):      $(median < "$work/noop.txt") ms (whole dotnet build)"
echo "  buildguard report <output folder> (whole process):     $(median < "$work/cli.txt") ms"
echo "  evidence files read: $(grep -c '"sha256"' "$out/buildguard/Contoso.Gateway.Protocol.iec62443.json") digests listed in the report"
