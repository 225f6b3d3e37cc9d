#!/usr/bin/env bash
# Share of the traceability analyzers in the compile time of the sample (bench/README.md).
#   bench/trace/analyzers.sh <sample folder that restores QuantLayer.BuildGuard> [runs] [registry]
# Builds the sample with --no-incremental -p:ReportAnalyzer=true and reads, per run, the compiler's
# own analyzer timings (QuantLayer.BuildGuard.Analyzers.Traceability.*, summed over the projects)
# and MSBuild's CoreCompile time (all projects). Optional [registry]: a registry file used instead
# of the sample's (for example a 10,000-item YAML). Prints each run and the median share.
set -euo pipefail
sample="$1"; runs="${2:-3}"; registry="${3:-}"
extra=()
[ -n "$registry" ] && extra+=("-p:BuildGuardRequirements=$registry")
shares=()
for i in $(seq 1 "$runs"); do
  log="$(mktemp)"
  (cd "$sample" && dotnet build -c Release --no-incremental -nologo -p:ReportAnalyzer=true -v:d -clp:PerformanceSummary "${extra[@]}" >"$log" 2>&1) || { tail -20 "$log"; exit 1; }
  trace_s="$(grep -E 'Analyzers\.Traceability\.[A-Za-z]+Analyzer' "$log" | awk '{gsub("<","",$1); s+=$1} END {printf "%.3f", s}')"
  compile_ms="$(grep -E '^\s+[0-9]+ ms\s+CoreCompile\s' "$log" | awk '{print $1}')"
  share="$(awk -v t="$trace_s" -v c="$compile_ms" 'BEGIN {printf "%.2f", 100*t*1000/c}')"
  echo "run $i: traceability analyzers ${trace_s} s of CoreCompile ${compile_ms} ms = ${share}% (load $(cut -d' ' -f1 /proc/loadavg))"
  shares+=("$share")
  rm -f "$log"
done
printf '%s\n' "${shares[@]}" | sort -n | awk '{a[NR]=$1} END {print "median share: " a[int((NR+1)/2)] "%"}'
