#!/usr/bin/env python3
"""Builds the labelled taint corpus with the packed BuildGuard analyzers and prints precision and
recall per rule.

    python3 bench/taint/run.py            # pack the package from this work tree, build, score
    python3 bench/taint/run.py --dev      # developer loop: analyzer DLL from analyzers/.../bin, no pack
    python3 bench/taint/run.py --version V  # use package version V already in $BENCH_ROOT/feed

The package gets a unique prerelease version (0.1.0-taintbench.<utc time>) in a local feed under
$BENCH_ROOT (default /work/bench-cache, outside the repository) and is restored into an isolated
NUGET_PACKAGES folder there, so a stale package can never come from a cache. The corpus is copied
to $BENCH_ROOT/taint/corpus and built once with -p:ErrorLog (SARIF 2.1); results are matched to the
`// BAD QLBnnnn` / `// SAFE QLBnnnn` labels by file and line. Writes $BENCH_ROOT/taint/results.md
and $BENCH_ROOT/taint/misses.tsv (every false negative and false positive).
"""
import datetime
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", ".."))
ROOT = os.environ.get("BENCH_ROOT", "/work/bench-cache")
WORK = os.path.join(ROOT, "taint")
FEED = os.path.join(ROOT, "feed")
PACKAGES = os.path.join(ROOT, "nuget-packages")
LABEL = re.compile(r"//\s*(BAD|SAFE)\s+(QLB\d{4})")
RULES = ["QLB1000", "QLB1001", "QLB1002", "QLB1003", "QLB1004", "QLB1005", "QLB1006", "QLB1007",
         "QLB1008", "QLB1009", "QLB1010", "QLB1011", "QLB1012", "QLB1013"]
NAMES = {"QLB1000": "SQL injection", "QLB1001": "OS command injection", "QLB1002": "path traversal / zip slip",
         "QLB1003": "LDAP injection", "QLB1004": "XPath injection", "QLB1005": "XML injection",
         "QLB1006": "log forging", "QLB1007": "SSRF", "QLB1008": "open redirect", "QLB1009": "regex injection",
         "QLB1010": "ReDoS", "QLB1011": "format string", "QLB1012": "unsafe reflection", "QLB1013": "unsafe deserialization"}


def run(cmd, env=None, cwd=None):
    print("+ " + " ".join(cmd), flush=True)
    result = subprocess.run(cmd, env=env, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    return result.returncode, result.stdout


def environment():
    env = dict(os.environ)
    env["NUGET_PACKAGES"] = PACKAGES
    env["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1"
    env["UseSharedCompilation"] = "false"
    env["MSBUILDDISABLENODEREUSE"] = "1"
    return env


def pack(env):
    version = "0.1.0-taintbench." + datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%d%H%M%S")
    os.makedirs(FEED, exist_ok=True)
    code, out = run(["dotnet", "pack", os.path.join(REPO, "build-tasks", "QuantLayer.BuildGuard", "QuantLayer.BuildGuard.csproj"),
                     "-c", "Release", "-p:Version=" + version, "-o", FEED], env=env)
    if code != 0:
        print(out)
        sys.exit("pack failed")
    return version


def labels(corpus):
    expected = {}
    for path in glob.glob(os.path.join(corpus, "Cases", "*.cs")) + glob.glob(os.path.join(corpus, "Realistic", "*.cs")):
        with open(path, encoding="utf-8") as f:
            for number, line in enumerate(f, 1):
                m = LABEL.search(line)
                if m:
                    expected[(os.path.basename(path), number)] = (m.group(1), m.group(2))
    return expected


def results(sarif):
    with open(sarif, encoding="utf-8-sig") as f:
        log = json.load(f)
    found = set()
    crashes = 0
    messages = {}
    for run_ in log.get("runs", []):
        for result in run_.get("results", []):
            rule = result.get("ruleId", "")
            if rule == "AD0001":
                crashes += 1
                continue
            if not rule.startswith("QLB10"):
                continue
            for location in result.get("locations", []):
                physical = location.get("physicalLocation", {})
                uri = physical.get("artifactLocation", {}).get("uri", "")
                line = physical.get("region", {}).get("startLine", 0)
                key = (os.path.basename(uri), line, rule)
                found.add(key)
                messages[key] = result.get("message", {}).get("text", "")
    return found, crashes, messages


def main():
    dev = "--dev" in sys.argv
    env = environment()
    corpus = os.path.join(WORK, "corpus")
    subprocess.run([sys.executable, os.path.join(HERE, "generate.py")], check=True)
    if os.path.isdir(corpus):
        shutil.rmtree(corpus)
    shutil.copytree(os.path.join(HERE, "corpus"), corpus, ignore=shutil.ignore_patterns("bin", "obj"))
    sarif = os.path.join(WORK, "taint.sarif")
    args = ["dotnet", "build", os.path.join(corpus, "TaintBench.csproj"), "--no-incremental", "-nologo",
            "-p:ErrorLog=" + sarif + "%2Cversion=2.1"]
    if dev:
        code, out = run(["dotnet", "build", os.path.join(REPO, "analyzers", "QuantLayer.BuildGuard.Analyzers"), "-c", "Release", "-nologo"], env=env)
        if code != 0:
            print(out)
            sys.exit("analyzer build failed")
        args.append("-p:BuildGuardBenchAnalyzer=" + os.path.join(REPO, "analyzers", "QuantLayer.BuildGuard.Analyzers", "bin", "Release", "netstandard2.0", "QuantLayer.BuildGuard.Analyzers.dll"))
        mode = "analyzer assembly from the work tree (--dev)"
    else:
        version = sys.argv[sys.argv.index("--version") + 1] if "--version" in sys.argv else pack(env)
        args += ["-p:BuildGuardBenchVersion=" + version, "-p:RestoreAdditionalProjectSources=" + FEED]
        mode = "packed package QuantLayer.BuildGuard " + version
    started = time.time()
    code, out = run(args, env=env)
    elapsed = time.time() - started
    with open(os.path.join(WORK, "build.log"), "w", encoding="utf-8") as f:
        f.write(out)
    compile_errors = sorted(set(l.strip() for l in out.splitlines() if re.search(r"error CS\d{4}", l)))
    if compile_errors:
        print("\n".join(compile_errors[:20]))
        sys.exit("the corpus does not compile")
    if not os.path.exists(sarif):
        print(out[-5000:])
        sys.exit("the build wrote no SARIF log")

    expected = labels(corpus)
    found, crashes, messages = results(sarif)
    rows = []
    misses = []
    totals = [0, 0, 0]
    for rule in RULES:
        tp = fn = fp = 0
        for (file, line), (kind, label_rule) in expected.items():
            if label_rule == rule and kind == "BAD":
                if (file, line, rule) in found:
                    tp += 1
                else:
                    fn += 1
                    misses.append(("FN", rule, f"{file}:{line}", ""))
        for (file, line, r) in sorted(found):
            if r != rule:
                continue
            label = expected.get((file, line))
            if label != ("BAD", rule):
                fp += 1
                misses.append(("FP", rule, f"{file}:{line}", messages.get((file, line, r), "")))
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 1.0
        rows.append((rule, NAMES[rule], tp + fn, tp, fp, fn, precision, recall))
        totals[0] += tp
        totals[1] += fp
        totals[2] += fn
    bad = sum(1 for v in expected.values() if v[0] == "BAD")
    safe = sum(1 for v in expected.values() if v[0] == "SAFE")
    lines = [f"Mode: {mode}; {bad} bad cases, {safe} safe twins; build {elapsed:.0f} s; AD0001: {crashes}.", "",
             "| rule | what | bad cases | TP | FP | FN | precision | recall |",
             "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for rule, name, cases, tp, fp, fn, precision, recall in rows:
        lines.append(f"| {rule} | {name} | {cases} | {tp} | {fp} | {fn} | {precision:.3f} | {recall:.3f} |")
    tp, fp, fn = totals
    lines.append(f"| all | | {tp + fn} | {tp} | {fp} | {fn} | {tp / (tp + fp) if tp + fp else 1:.3f} | {tp / (tp + fn) if tp + fn else 1:.3f} |")
    table = "\n".join(lines)
    print(table)
    with open(os.path.join(WORK, "results.md"), "w", encoding="utf-8") as f:
        f.write(table + "\n")
    with open(os.path.join(WORK, "misses.tsv"), "w", encoding="utf-8") as f:
        for m in misses:
            f.write("\t".join(m) + "\n")
    print(f"{len(misses)} misses in {os.path.join(WORK, 'misses.tsv')}")


if __name__ == "__main__":
    main()
