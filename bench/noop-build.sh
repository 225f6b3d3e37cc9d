#!/usr/bin/env bash
# No-op incremental build cost of BuildGuard (issue: at most +5%).
#
# Builds the sample solution (samples/ControllerGateway) twice, once as is and once without its
# BuildGuard reference, restores and builds each once, then times N further `dotnet build -c
# Release` runs of each with nothing changed (alternating, to spread machine noise evenly) and
# prints the medians and the ratio. Build mode: whatever the environment sets; on the reference
# machine MSBUILDDISABLENODEREUSE=1, DOTNET_CLI_USE_MSBUILD_SERVER=0 and UseSharedCompilation=false,
# i.e. every build starts cold MSBuild and compiler processes.
#
#   bench/noop-build.sh [runs]      (default 9)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-9}"
work="$(mktemp -d /tmp/bg-bench-noop-XXXXXX)"
trap 'rm -rf "$work"' EXIT
version="0.1.0-bench.$(date +%s)"
export BuildGuardPackageVersion="$version"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

echo "Packing BuildGuard $version ..."
dotnet pack "$root/build-tasks/QuantLayer.BuildGuard/QuantLayer.BuildGuard.csproj" -c Release -o "$work/feed" -v:q -nologo -p:Version="$version" >/dev/null

# From here on an isolated package folder. Packing and building this work tree above used the
# normal one: with the isolated folder, the work tree's obj/project.assets.json would point into
# a folder this script deletes, and later --no-restore builds of the work tree would fail.
export NUGET_PACKAGES="$work/packages"

copy_sample() {
  local dest="$1"
  mkdir -p "$dest"
  (cd "$root/samples/ControllerGateway" && git ls-files --cached --others --exclude-standard . | while IFS= read -r f; do
    mkdir -p "$dest/$(dirname "$f")"; cp "$f" "$dest/$f"; done)
  cat >"$dest/nuget.config" <<XML
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
}

copy_sample "$work/with"
copy_sample "$work/without"
sed -i '/GlobalPackageReference Include="QuantLayer.BuildGuard"/d' "$work/without/Directory.Packages.props"
# The sample's code carries [Implements]/[Verifies]: without the package, compile the same
# attribute source the package adds, so both builds compile the same code.
cat >"$work/without/Directory.Build.targets" <<XML
<Project>
  <ItemGroup><Compile Include="$root/build-tasks/QuantLayer.BuildGuard/build/QuantLayer.BuildGuard.TraceAttributes.cs" /></ItemGroup>
</Project>
XML
for d in with without; do
  (cd "$work/$d" && git init -q -b main && git add -A && git -c user.name=bench -c user.email=bench@example.com commit -qm bench)
  echo "First build ($d) ..."
  (cd "$work/$d" && dotnet build -c Release -v:q -nologo >/dev/null)
done

declare -a t_with t_without c_with c_without
# Prints "<wall ms> <cpu ms>" of one no-op build; CPU = user + sys of every process the build
# started (MSBuild nodes, compiler servers), which a loaded machine inflates far less than wall time.
time_build() {
  local TIMEFORMAT='%R %U %S' out
  out=$( { time (cd "$work/$1" && dotnet build -c Release -v:q -nologo >/dev/null 2>&1); } 2>&1 )
  awk '{ printf "%d %d\n", $1 * 1000, ($2 + $3) * 1000 }' <<<"$out"
}
for i in $(seq 1 "$runs"); do
  read -r w c < <(time_build without); t_without+=("$w"); c_without+=("$c")
  read -r w c < <(time_build with); t_with+=("$w"); c_with+=("$c")
  echo "run $i: without ${t_without[-1]} ms (cpu ${c_without[-1]} ms), with ${t_with[-1]} ms (cpu ${c_with[-1]} ms)"
done

median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
mw=$(median "${t_with[@]}"); mo=$(median "${t_without[@]}")
cw=$(median "${c_with[@]}"); co=$(median "${c_without[@]}")
echo
echo "No-op incremental build of samples/ControllerGateway (3 projects), median of $runs runs (load: $(cut -d' ' -f1-3 /proc/loadavg)):"
echo "                      wall        cpu (user+sys)"
echo "  without BuildGuard: ${mo} ms    ${co} ms"
echo "  with BuildGuard:    ${mw} ms    ${cw} ms"
awk -v w="$mw" -v o="$mo" -v cw="$cw" -v co="$co" 'BEGIN { printf "  ratio:              %.3f (%+.1f%%)   %.3f (%+.1f%%)\n", w / o, (w / o - 1) * 100, cw / co, (cw / co - 1) * 100 }'

# A figure that machine noise does not swamp: MSBuild's own account of one more no-op build,
# the time spent in BuildGuard's targets (skipped or not) next to the time of all targets.
summary="$work/perf.log"
(cd "$work/with" && dotnet build -c Release -nologo -m:1 -clp:PerformanceSummary -v:n >"$summary")
awk '
  /Target Performance Summary:/ { t = 1; next }
  /Task Performance Summary:/ { t = 0 }
  t && $2 == "ms" { total += $1; if ($3 ~ /BuildGuard/) { bg += $1; n++ } }
  END { printf "\nOne more no-op build with -m:1 -clp:PerformanceSummary: BuildGuard targets (%d) %.0f ms of %.0f ms in all targets (%.1f%%)\n", n, bg, total, total ? bg * 100 / total : 0 }
' "$summary"
