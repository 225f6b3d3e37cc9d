#!/usr/bin/env bash
# Cost of change control (issue 8: a change record for a project with 2,000 public members and
# 100 packages in under 300 ms; a ledger of 10,000 entries verifies in under 1 s).
#
# Builds bench/change/ChangeBench (Release) and runs it in a fresh temporary folder: it compiles
# two versions of a library (100 public classes x 20 members, version 2 with 10 changed
# signatures, 10 removed and 10 added members), packs each with a 100-package CycloneDX SBOM
# (version 2: 5 removed, 5 added, 10 upgraded, 2 downgraded, 3 relicensed) into a feed, commits
# 60 commits between the two tagged releases, then times in one process:
#   - the change record as the WriteChangeRecord task makes it (read both packages, both APIs,
#     both SBOMs, git log/diff/tags, changelog; write JSON and Markdown; sign the attestation);
#   - the git part of it alone;
#   - `ledger verify` of a 10,000-entry ledger with a signed checkpoint after every entry
#     (10,000 ECDSA signature checks, tree heads, 9,999 consistency proofs);
#   - one append to that ledger.
# Prints the first (cold: JIT, first file reads) run and the median of the warm runs, wall and
# CPU time.
#
#   bench/change/run.sh [warm runs]      (default 15)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
runs="${1:-15}"
work="$(mktemp -d /tmp/bg-bench-change-XXXXXX)"
trap 'rm -rf "$work"' EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build "$here/ChangeBench/ChangeBench.csproj" -c Release -o "$work/harness" -v:q -nologo >/dev/null
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
dotnet "$work/harness/ChangeBench.dll" "$work/data" "$runs"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
