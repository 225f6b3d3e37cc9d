#!/usr/bin/env bash
# Traceability benchmarks (see bench/README.md, "Traceability").
#   bench/trace/run.sh                 the trace and report: 10,000 requirements, 50,000 tests
#   bench/trace/run.sh cold            the same as a fresh process per run (as the build task and
#                                      the CLI run it), median of 5
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
dotnet build "$here/TraceBench.csproj" -c Release -nologo -v:q >/dev/null
dll="$here/bin/Release/net8.0/TraceBench.dll"
if [ "${1:-}" = "cold" ]; then
  dotnet "$dll" 10000 50000 0 >/dev/null   # generate the inputs once
  for i in 1 2 3 4 5; do  # the inputs exist: each process reads them, traces and reports once
    /usr/bin/time -f "%e s wall, %M KiB max RSS" dotnet "$dll" 10000 50000 0 2>&1 | grep -E "warm-up|wall"
  done
else
  dotnet "$dll" 10000 50000 7
fi
