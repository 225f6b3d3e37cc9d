#!/usr/bin/env python3
"""Precision and performance benchmark of the BuildGuard analyzers on real codebases.

Three steps, each a sub-command (see README.md beside this file):

  pack     packs QuantLayer.BuildGuard from the current work tree into a local feed under
           BENCH_ROOT with a unique prerelease version (a reused version would silently come
           from a package cache) and an isolated NUGET_PACKAGES folder.
  measure  builds one already checked-out codebase with and without the package, alternating
           the two modes run by run, and records wall time, CPU time and csc time of every run,
           the diagnostics of the BuildGuard build (per rule, AD0001 crashes) and the lines of
           code that were compiled.
  report   prints the per-codebase and per-rule tables (Markdown) from the recorded results.

Nothing here knows how to build a particular codebase: the caller names the checkout and the
project files, and may pass extra MSBuild arguments. The package is injected through the MSBuild
property CustomBeforeMicrosoftCommonTargets (BuildGuard.Bench.targets), so the checkout stays
untouched. Everything is written under BENCH_ROOT (default /work/bench-cache), which must be
outside this repository.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
INJECT = HERE / "BuildGuard.Bench.targets"
PACKAGE_PROJECT = REPO / "build-tasks" / "QuantLayer.BuildGuard" / "QuantLayer.BuildGuard.csproj"

WARNING_LINE = re.compile(
    r"^(?P<file>.*?)(?:\((?P<line>\d+),(?P<col>\d+)(?:,\d+,\d+)?\))?\s*:\s*warning\s+(?P<id>[A-Z]+\d+)\s*:\s*(?P<msg>.*?)(?:\s+\[(?P<project>[^\]]+)\])?$"
)
CSC_TASK = re.compile(r"^\s*(?P<ms>\d+)\s+ms\s+Csc\s+(?P<calls>\d+)\s+calls?", re.MULTILINE)


def bench_root() -> Path:
    root = Path(os.environ.get("BENCH_ROOT", "/work/bench-cache")).resolve()
    if root == REPO or REPO in root.parents:
        sys.exit(f"BENCH_ROOT ({root}) must be outside the repository ({REPO}).")
    root.mkdir(parents=True, exist_ok=True)
    return root


def environment(root: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["NUGET_PACKAGES"] = str(root / "nuget-packages")
    # Cold, comparable builds: no compiler server, no reused MSBuild nodes.
    env["UseSharedCompilation"] = "false"
    env["MSBUILDDISABLENODEREUSE"] = "1"
    env["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0"
    env["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1"
    env["DOTNET_NOLOGO"] = "1"
    return env


def run(cmd: list[str], env: dict[str, str], cwd: Path, log: Path | None = None) -> tuple[int, float, float]:
    """Runs a command; returns (exit code, wall seconds, CPU seconds of it and its descendants)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    if log is None:
        code = subprocess.call(cmd, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    else:
        with open(log, "w", encoding="utf-8") as out:
            code = subprocess.call(cmd, env=env, cwd=cwd, stdout=out, stderr=subprocess.STDOUT)
    wall = time.monotonic() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return code, wall, cpu


def pack(args: argparse.Namespace) -> None:
    root = bench_root()
    env = environment(root)
    commit = subprocess.run(["git", "rev-parse", "--short=10", "HEAD"], cwd=REPO, capture_output=True, text=True).stdout.strip() or "nogit"
    dirty = subprocess.run(["git", "status", "--porcelain"], cwd=REPO, capture_output=True, text=True).stdout.strip()
    version = f"0.1.0-bench.{time.strftime('%Y%m%d%H%M%S', time.gmtime())}.g{commit}{'.dirty' if dirty else ''}"
    feed = root / "feed"
    feed.mkdir(exist_ok=True)
    log = root / "pack.log"
    code, wall, _ = run(
        ["dotnet", "pack", str(PACKAGE_PROJECT), "-c", "Release", "-o", str(feed), f"-p:Version={version}", "-nologo"],
        env, REPO, log)
    if code != 0:
        sys.exit(f"dotnet pack failed ({code}); see {log}")
    (root / "buildguard.version").write_text(version + "\n", encoding="utf-8")
    print(f"packed QuantLayer.BuildGuard {version} into {feed} in {wall:.0f} s")


def msbuild_common(root: Path, out: Path, version: str | None, extra: list[str]) -> list[str]:
    props = [
        f"-p:CustomBeforeMicrosoftCommonTargets={INJECT}",
        f"-p:BuildGuardBenchOut={out}",
        f"-p:RestoreAdditionalProjectSources={root / 'feed'}",
        # The codebases' own warnings-as-errors settings would stop the build at the first finding.
        "-p:TreatWarningsAsErrors=false",
        "-p:CodeAnalysisTreatWarningsAsErrors=false",
        "-p:MSBuildTreatWarningsAsErrors=false",
        "-nologo",
    ]
    if version:
        props.append(f"-p:BuildGuardBenchVersion={version}")
    return props + extra


def parse_warnings(log: Path, checkout: Path) -> list[dict[str, str]]:
    seen: dict[tuple[str, str, str, str], dict[str, str]] = {}
    for raw in log.read_text(encoding="utf-8", errors="replace").splitlines():
        m = WARNING_LINE.match(raw.strip())
        if not m:
            continue
        file = m.group("file") or ""
        try:
            file = str(Path(file).resolve().relative_to(checkout))
        except ValueError:
            pass
        key = (m.group("id"), file, m.group("line") or "", m.group("col") or "")
        seen.setdefault(key, {"id": key[0], "file": file, "line": key[2], "col": key[3], "message": m.group("msg")})
    return sorted(seen.values(), key=lambda d: (d["id"], d["file"], int(d["line"] or 0), int(d["col"] or 0)))


def count_lines(out: Path, checkout: Path) -> tuple[int, int]:
    files: set[Path] = set()
    for listing in out.glob("*.sources.txt"):
        for line in listing.read_text(encoding="utf-8").splitlines():
            path = Path(line.strip())
            # Count the codebase's own sources, not generated files under obj/.
            if path.suffix == ".cs" and checkout in path.parents and "obj" not in path.relative_to(checkout).parts and path.exists():
                files.add(path)
    lines = 0
    for path in files:
        with open(path, encoding="utf-8", errors="replace") as f:
            lines += sum(1 for l in f if l.strip())
    return len(files), lines


def measure(args: argparse.Namespace) -> None:
    root = bench_root()
    env = environment(root)
    version_file = root / "buildguard.version"
    if not version_file.exists():
        sys.exit("run 'run.py pack' first")
    version = version_file.read_text(encoding="utf-8").strip()
    checkout = Path(args.dir).resolve()
    out = root / "results" / args.name
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*"):
        if old.is_file() and old.name != "triage.tsv":
            old.unlink()
    projects = [str(checkout / p) for p in args.project]
    extra = [f"-p:Configuration={args.configuration}"] + list(args.msbuild_arg or [])
    commit = subprocess.run(["git", "rev-parse", "HEAD"], cwd=checkout, capture_output=True, text=True).stdout.strip()

    # Several projects are built by one MSBuild invocation of a generated traversal project, so
    # that shared dependencies are compiled once per run (as in a solution build).
    targets = projects
    if len(projects) > 1:
        traversal = out / "traversal.proj"
        items = "\n".join(f'    <ProjectToBuild Include="{p}" />' for p in projects)
        traversal.write_text(
            "<Project>\n  <ItemGroup>\n" + items + "\n  </ItemGroup>\n"
            '  <Target Name="Build"><MSBuild Projects="@(ProjectToBuild)" Targets="Build" /></Target>\n'
            '  <Target Name="Rebuild"><MSBuild Projects="@(ProjectToBuild)" Targets="Rebuild" /></Target>\n'
            "</Project>\n",
            encoding="utf-8")
        targets = [str(traversal)]

    modes = {"baseline": None, "buildguard": version}
    timings: dict[str, list[dict[str, float]]] = {m: [] for m in modes}
    for i in range(args.runs):
        for mode, ver in modes.items():
            common = msbuild_common(root, out, ver, extra)
            for project in projects:
                code, _, _ = run(["dotnet", "restore", project] + common, env, checkout, out / f"restore.{mode}.log")
                if code != 0:
                    sys.exit(f"restore of {project} ({mode}) failed; see {out / f'restore.{mode}.log'}")
            wall = cpu = csc = 0.0
            for n, project in enumerate(targets):
                log = out / f"build.{mode}.{i}.{n}.log"
                cmd = ["dotnet", "build", project, "--no-restore", "--no-incremental", "-m:1", "-v:m",
                       f"-flp1:LogFile={out / f'perf.{mode}.{i}.{n}.log'};PerformanceSummary;Verbosity=quiet"] + common
                if mode == "buildguard" and i == args.runs - 1:
                    cmd.append(f"-flp2:LogFile={out / f'warnings.{n}.log'};WarningsOnly")
                code, w, c = run(cmd, env, checkout, log)
                if code != 0:
                    sys.exit(f"build of {project} ({mode}, run {i}) failed; see {log}")
                wall += w
                cpu += c
                perf = (out / f"perf.{mode}.{i}.{n}.log").read_text(encoding="utf-8", errors="replace")
                csc += sum(int(m.group("ms")) for m in CSC_TASK.finditer(perf)) / 1000.0
            timings[mode].append({"wall": wall, "cpu": cpu, "csc": csc})
            print(f"[{args.name}] run {i + 1}/{args.runs} {mode:10s} wall {wall:6.1f} s  cpu {cpu:6.1f} s  csc {csc:6.1f} s", flush=True)

    diagnostics: list[dict[str, str]] = []
    for n in range(len(targets)):
        diagnostics += parse_warnings(out / f"warnings.{n}.log", checkout)
    unique: dict[tuple[str, str, str, str], dict[str, str]] = {}
    for d in diagnostics:
        unique.setdefault((d["id"], d["file"], d["line"], d["col"]), d)
    diagnostics = [d for d in unique.values() if d["id"].startswith("QLB") or d["id"] == "AD0001"]
    files, lines = count_lines(out, checkout)
    per_rule: dict[str, int] = {}
    for d in diagnostics:
        if d["id"] == "AD0001" and "QuantLayer" not in d["message"]:
            continue
        per_rule[d["id"]] = per_rule.get(d["id"], 0) + 1

    def med(mode: str, key: str) -> float:
        return statistics.median(t[key] for t in timings[mode])

    result = {
        "name": args.name,
        "commit": commit,
        "projects": args.project,
        "configuration": args.configuration,
        "msbuild_args": args.msbuild_arg or [],
        "buildguard_version": version,
        "runs": args.runs,
        "mode": "dotnet build --no-restore --no-incremental -m:1, cold compiler (UseSharedCompilation=false), no node reuse",
        "source_files": files,
        "lines_of_code": lines,
        "timings": timings,
        "median": {m: {k: med(m, k) for k in ("wall", "cpu", "csc")} for m in modes},
        "per_rule": dict(sorted(per_rule.items())),
        "diagnostics": diagnostics,
    }
    result["ratio"] = {k: result["median"]["buildguard"][k] / result["median"]["baseline"][k]
                       for k in ("wall", "cpu", "csc") if result["median"]["baseline"][k] > 0}
    (out / "result.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    with open(out / "findings.tsv", "w", encoding="utf-8") as f:
        for d in diagnostics:
            f.write(f"{d['id']}\t{d['file']}:{d['line']}:{d['col']}\t{d['message']}\n")
    print(json.dumps({k: result[k] for k in ("name", "lines_of_code", "per_rule", "ratio")}, indent=2))
    print(f"findings: {out / 'findings.tsv'}")


def analyzer_time(args: argparse.Namespace) -> None:
    """One extra BuildGuard build with the compiler's /reportanalyzer: time spent in each analyzer."""
    root = bench_root()
    env = environment(root)
    version = (root / "buildguard.version").read_text(encoding="utf-8").strip()
    checkout = Path(args.dir).resolve()
    out = root / "results" / args.name
    out.mkdir(parents=True, exist_ok=True)
    projects = [str(checkout / p) for p in args.project]
    common = msbuild_common(root, out, version, [f"-p:Configuration={args.configuration}"] + list(args.msbuild_arg or []))
    for project in projects:
        run(["dotnet", "restore", project] + common, env, checkout, out / "restore.analyzers.log")
    totals: dict[str, float] = {}
    compile_total = 0.0
    for n, project in enumerate(projects):
        log = out / f"analyzers.{n}.log"
        code, _, _ = run(["dotnet", "build", project, "--no-restore", "--no-incremental", "-m:1", "-v:d",
                          "-p:ReportAnalyzer=true"] + common, env, checkout, log)
        if code != 0:
            sys.exit(f"build failed; see {log}")
        text = log.read_text(encoding="utf-8", errors="replace")
        compile_total += sum(float(m.group(1)) for m in re.finditer(r"Total analyzer execution time: ([0-9.]+) seconds", text))
        for m in re.finditer(r"^\s*([0-9.]+)\s+\S+\s+(QuantLayer\.BuildGuard\.Analyzers\.[A-Za-z.]+)", text, re.MULTILINE):
            totals[m.group(2)] = totals.get(m.group(2), 0.0) + float(m.group(1))
    result = {"total_analyzer_seconds": compile_total, "buildguard_analyzers": dict(sorted(totals.items())),
              "buildguard_seconds": sum(totals.values())}
    (out / "analyzers.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))


def report(args: argparse.Namespace) -> None:
    root = bench_root()
    results = []
    for path in sorted((root / "results").glob("*/result.json")):
        r = json.loads(path.read_text(encoding="utf-8"))
        if not args.name or r["name"] in args.name:
            results.append(r)
    if not results:
        sys.exit("no results yet")
    print("| codebase | commit | lines (non-blank, compiled) | BuildGuard reports | AD0001 (BuildGuard) | wall ratio | CPU ratio | csc ratio | runs |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for r in results:
        reports = sum(v for k, v in r["per_rule"].items() if k != "AD0001")
        ratio = r["ratio"]
        print(f"| {r['name']} | {r['commit'][:12]} | {r['lines_of_code']:,} | {reports} | {r['per_rule'].get('AD0001', 0)} "
              f"| {ratio.get('wall', 0):.3f} | {ratio.get('cpu', 0):.3f} | {ratio.get('csc', 0):.3f} | {r['runs']} |")
    rules = sorted({k for r in results for k in r["per_rule"]})
    print()
    print("| rule | " + " | ".join(r["name"] for r in results) + " |")
    print("| --- | " + " | ".join("---:" for _ in results) + " |")
    for rule in rules:
        print(f"| {rule} | " + " | ".join(str(r["per_rule"].get(rule, 0)) for r in results) + " |")
    print()
    print("| codebase | mode | median wall s | median CPU s | median csc s |")
    print("| --- | --- | ---: | ---: | ---: |")
    for r in results:
        for mode, m in r["median"].items():
            print(f"| {r['name']} | {mode} | {m['wall']:.1f} | {m['cpu']:.1f} | {m['csc']:.1f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("pack", help="pack BuildGuard from this work tree into BENCH_ROOT/feed")
    m = sub.add_parser("measure", help="build a checkout with and without BuildGuard")
    m.add_argument("name", help="a short name for the codebase (results folder)")
    m.add_argument("dir", help="the checkout (outside this repository)")
    m.add_argument("project", nargs="+", help="project or solution files, relative to the checkout, built in this order")
    m.add_argument("--runs", type=int, default=5)
    m.add_argument("--configuration", default="Debug")
    m.add_argument("--msbuild-arg", action="append", help="an extra MSBuild argument, e.g. --msbuild-arg=-p:TargetFrameworks=net8.0")
    a = sub.add_parser("analyzer-time", help="one BuildGuard build with /reportanalyzer: seconds per analyzer")
    a.add_argument("name")
    a.add_argument("dir")
    a.add_argument("project", nargs="+")
    a.add_argument("--configuration", default="Debug")
    a.add_argument("--msbuild-arg", action="append")
    r = sub.add_parser("report", help="print the tables of the recorded results")
    r.add_argument("name", nargs="*")
    args = parser.parse_args()
    {"pack": pack, "measure": measure, "analyzer-time": analyzer_time, "report": report}[args.command](args)


if __name__ == "__main__":
    main()
