#!/usr/bin/env python3
"""Writes N small but real NuGet packages (nuspec with licence, authors, description, repository;
an empty lib/netstandard2.0 folder) into a folder feed, wired as a dependency graph that is fully
reachable from the first 10 packages: P(i) depends on P(2i+10) and P(2i+11).

usage: gen-packages.py <feed-folder> <prefix> <count>
"""
import sys
import zipfile
from pathlib import Path

feed, prefix, count = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
feed.mkdir(parents=True, exist_ok=True)
licenses = [
    '<license type="expression">MIT</license>',
    '<license type="expression">Apache-2.0</license>',
    '<license type="expression">MIT OR Apache-2.0</license>',
    '<licenseUrl>http://www.apache.org/licenses/LICENSE-2.0</licenseUrl>',
    '<license type="expression">BSD-3-Clause</license>',
]
for i in range(count):
    pid = f"{prefix}.P{i:03d}"
    deps = [j for j in (2 * i + 10, 2 * i + 11) if j < count]
    dep_xml = "".join(f'<dependency id="{prefix}.P{j:03d}" version="1.0.{j % 7}" />' for j in deps)
    nuspec = f"""<?xml version="1.0" encoding="utf-8"?>
<package xmlns="http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd">
  <metadata>
    <id>{pid}</id>
    <version>1.0.{i % 7}</version>
    <authors>Bench Author {i % 5}, Bench Co</authors>
    {licenses[i % len(licenses)]}
    <projectUrl>https://example.com/{pid}</projectUrl>
    <description>Benchmark package {i} with a description of realistic length, telling what it does and for whom.</description>
    <copyright>Copyright (c) Bench {i}</copyright>
    <repository type="git" url="https://example.com/{pid}.git" commit="{i:040x}" />
    <dependencies><group targetFramework=".NETStandard2.0">{dep_xml}</group></dependencies>
  </metadata>
</package>
"""
    with zipfile.ZipFile(feed / f"{pid}.1.0.{i % 7}.nupkg", "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(f"{pid}.nuspec", nuspec)
        z.writestr("lib/netstandard2.0/_._", "")
