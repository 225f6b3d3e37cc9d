#!/usr/bin/env bash
# Cost of the SBOM step in the build (issue 5: at most 50 ms for a project with 50 packages, 150 ms
# for 300, nothing on a no-op incremental build), compared with the CycloneDX .NET tool (6.3.1) run
# on the same restored project.
#
# Packs BuildGuard from this work tree with a unique version, generates two package feeds (50 and
# 300 packages: gen-packages.py), restores a net10.0 library referencing the top 10 packages of
# each (isolated NUGET_PACKAGES), builds once, then N times: deletes the .cdx.json and rebuilds
# with --no-restore, reading the WriteSbom task time from MSBuild's performance summary - once
# with the package inventory cache in obj/ (what a build after a code change does) and once
# without it (the first SBOM after a restore: NuGet's reader and every package folder); then N
# no-op builds (WriteSbom must not run); then N runs of `dotnet-CycloneDX <project> -dpr` (wall
# time of the process); then what the SBOM adds to a build after a code change: N pairs of builds
# after editing the source, with BuildGuardSbom=true and =false alternately, summing the time of
# every BuildGuard task (the first BuildGuard task in a process pays start-up costs - the JSON
# encoder, OpenSSL, the evidence core - that the next one would pay otherwise, so WriteSbom's own
# time overstates what turning the SBOM on costs); then the first build after a restore that
# changed the packages (assets file touched, cache deleted, source edited so csc runs), with the
# package reading started before CoreCompile (BuildGuardSbomPreload, the default) and without it:
# WriteSbom's time and the build's wall time. Prints medians. Build mode: whatever the environment sets (here
# MSBUILDDISABLENODEREUSE=1, DOTNET_CLI_USE_MSBUILD_SERVER=0: every build is a cold MSBuild
# process, so WriteSbom's time includes loading and JIT-compiling the task and NuGet's reader).
#
# Also runs SbomBench (the SBOM core in one process): the first, cold call and the median of 30
# warm calls, wall and CPU time - what the step costs once the task is loaded (e.g. the second
# project an MSBuild node builds), and how much of the in-build time is start-up.
#
#   bench/sbom/run.sh [runs]      (default 7)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
runs="${1:-7}"
work="$(mktemp -d /tmp/bg-bench-sbom-XXXXXX)"
trap 'rm -rf "$work"' EXIT
version="0.1.0-bench.$(date +%s)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

echo "Packing BuildGuard $version ..."
dotnet pack "$root/build-tasks/QuantLayer.BuildGuard/QuantLayer.BuildGuard.csproj" -c Release -o "$work/feed" -v:q -nologo -p:Version="$version" >/dev/null
echo "Building the in-process harness ..."
dotnet build "$here/SbomBench/SbomBench.csproj" -c Release -o "$work/harness" -v:q -nologo >/dev/null
# From here on an isolated package folder. Packing and building this work tree above used the
# normal one: with the isolated folder, the work tree's obj/project.assets.json would point into
# a folder this script deletes, and later --no-restore builds of the work tree would fail.
export NUGET_PACKAGES="$work/packages"
echo "Installing the CycloneDX tool 6.3.1 ..."
dotnet tool install CycloneDX --version 6.3.1 --tool-path "$work/tool" >/dev/null

median() { sort -n | awk '{a[NR]=$1} END {if (NR==0) {print "n/a"} else if (NR%2) {print a[(NR+1)/2]} else {print int((a[NR/2]+a[NR/2+1])/2)}}'; }

for size in 50 300; do
  prefix="Bench$size"
  python3 "$here/gen-packages.py" "$work/pkgs$size" "$prefix" "$size"
  dir="$work/p$size"
  mkdir -p "$dir"
  refs=""
  for i in $(seq 0 9); do refs="$refs<PackageReference Include=\"$prefix.P00$i\" Version=\"1.0.$((i % 7))\" />"; done
  cat >"$dir/Bench.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>net10.0</TargetFramework><SOURCE_DATE_EPOCH>1714557600</SOURCE_DATE_EPOCH><NoWarn>\$(NoWarn);QLB3002;QLB3003;NU1701</NoWarn></PropertyGroup>
  <ItemGroup>$refs<PackageReference Include="QuantLayer.BuildGuard" Version="$version" PrivateAssets="all" /></ItemGroup>
</Project>
XML
  echo 'namespace Bench; public static class C { public static int X => 1; }' >"$dir/C.cs"
  cat >"$dir/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="bench" value="$work/feed" />
    <add key="packages" value="$work/pkgs$size" />
  </packageSources>
</configuration>
XML
  (cd "$dir" && dotnet restore -v:q -nologo >/dev/null && dotnet build --no-restore -v:q -nologo >/dev/null)
  sbom="$dir/bin/Debug/net10.0/Bench.cdx.json"
  components=$(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))['components']))" "$sbom")

  cache="$dir/obj/Debug/net10.0/Bench.sbom.cache"
  declare -a task=() miss=() noop=() tool=()
  for i in $(seq 1 "$runs"); do
    rm -f "$sbom"
    ms=$(cd "$dir" && dotnet build --no-restore -nologo -clp:PerformanceSummary | awk '$3 == "WriteSbom" {print $1}')
    task+=("${ms:-0}")
    rm -f "$sbom" "$cache"
    ms=$(cd "$dir" && dotnet build --no-restore -nologo -clp:PerformanceSummary | awk '$3 == "WriteSbom" {print $1}')
    miss+=("${ms:-0}")
    ms=$(cd "$dir" && dotnet build --no-restore -nologo -clp:PerformanceSummary | awk '$3 == "WriteSbom" {print $1}')
    noop+=("${ms:-0}")
    start=$(date +%s%N)
    "$work/tool/dotnet-CycloneDX" "$dir/Bench.csproj" -F Json -spv 1.6 -dpr -o "$work/cdx$size" >/dev/null
    end=$(date +%s%N)
    tool+=($(((end - start) / 1000000)))
  done
  declare -a with=() without=()
  bgtasks='^(AppendLedger|CheckBuildSettings|CheckRebuild|MergeSbom|ResolveSourceDateEpoch|SignArtifacts|SummarizeAnalysis|TraceRequirements|WriteChangeRecord|WriteEvidenceManifest|WriteEvidenceReport|WriteSbom)$'
  for i in $(seq 1 "$runs"); do
    for sbom_on in true false; do
      echo "namespace Bench; public static class C { public static int X => $i$RANDOM; }" >"$dir/C.cs"
      ms=$(cd "$dir" && dotnet build --no-restore -nologo -clp:PerformanceSummary -p:BuildGuardSbom=$sbom_on | awk -v re="$bgtasks" '/Task Performance Summary/ {t = 1} t && $2 == "ms" && $3 ~ re {s += $1} END {print s + 0}')
      if [ "$sbom_on" = true ]; then with+=("$ms"); else without+=("$ms"); fi
    done
  done
  # The first build after a restore that changed the packages: the assets file is newer than the
  # SBOM and the cache (touched, cache deleted) and the code changed too (new references make csc
  # run). WriteSbom's time with the reading started before CoreCompile (default) and without it
  # (BuildGuardSbomPreload=false), alternately, and the wall time of both builds.
  declare -a pre=() nopre=() prewall=() noprewall=()
  for i in $(seq 1 "$runs"); do
    for preload in true false; do
      echo "namespace Bench; public static class C { public static int X => $i$RANDOM; }" >"$dir/C.cs"
      touch "$dir/obj/project.assets.json"
      rm -f "$cache"
      start=$(date +%s%N)
      out=$(cd "$dir" && dotnet build --no-restore -nologo -clp:PerformanceSummary -p:BuildGuardSbomPreload=$preload)
      end=$(date +%s%N)
      ms=$(awk '/Task Performance Summary/ {t = 1} t && $3 == "WriteSbom" {print $1}' <<<"$out")
      if [ "$preload" = true ]; then pre+=("${ms:-0}"); prewall+=($(((end - start) / 1000000))); else nopre+=("${ms:-0}"); noprewall+=($(((end - start) / 1000000))); fi
    done
  done
  w=$(printf '%s\n' "${with[@]}" | median)
  wo=$(printf '%s\n' "${without[@]}" | median)
  t=$(printf '%s\n' "${task[@]}" | median)
  m=$(printf '%s\n' "${miss[@]}" | median)
  n=$(printf '%s\n' "${noop[@]}" | median)
  c=$(printf '%s\n' "${tool[@]}" | median)
  echo "packages=$size components=$components WriteSbom(ms, median of $runs): cache hit=$t first after restore=$m no-op=$n CycloneDX tool(ms)=$c ratio=$(awk -v a="$t" -v b="$c" 'BEGIN {printf "%.2f", a / b}')/$(awk -v a="$m" -v b="$c" 'BEGIN {printf "%.2f", a / b}')"
  echo "  BuildGuard tasks after a code change (ms, median of $runs): with the SBOM=$w without=$wo added by the SBOM=$((w - wo))"
  echo "  first build after a restore, with a code change (ms, median of $runs): WriteSbom with the reading during compile=$(printf '%s\n' "${pre[@]}" | median) without=$(printf '%s\n' "${nopre[@]}" | median); build wall time with=$(printf '%s\n' "${prewall[@]}" | median) without=$(printf '%s\n' "${noprewall[@]}" | median)"
  echo "  in-process core (read assets + package folders + write): $(dotnet "$work/harness/SbomBench.dll" "$dir/obj/project.assets.json" net10.0 30)"
  unset task miss noop tool with without pre nopre prewall noprewall
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
