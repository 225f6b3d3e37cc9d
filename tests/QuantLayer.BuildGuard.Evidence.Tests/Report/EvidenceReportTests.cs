using System.Text.Json;
using QuantLayer.BuildGuard.Evidence.Analysis;
using QuantLayer.BuildGuard.Evidence.Diagnostics;
using QuantLayer.BuildGuard.Evidence.Report;

namespace QuantLayer.BuildGuard.Evidence.Tests.Report;

public sealed class EvidenceReportTests
{
    private static EvidenceReport Build(EvidenceFolderFixture fixture, DiagnosticBag? diagnostics = null, bool ledger = true)
        => EvidenceReportBuilder.Build(
            new ReportRequest
            {
                EvidenceFolder = fixture.Output,
                RepositoryRoot = fixture.Repository,
                Ledgers = ledger ? new[] { Path.Combine(fixture.Repository, "ledger") } : Array.Empty<string>(),
                BuildGuardVersion = "1.2.3",
            },
            diagnostics ?? new DiagnosticBag());

    [Fact]
    public void A_complete_release_folder_has_evidence_for_every_provable_requirement()
    {
        using var fixture = new EvidenceFolderFixture().Complete();
        var diagnostics = new DiagnosticBag();

        var report = Build(fixture, diagnostics);

        Assert.Empty(diagnostics.Items);
        Assert.Equal(47, report.Requirements.Count);
        var notFound = report.Requirements.Where(r => r.Requirement.Provable && r.Status != RequirementStatus.Found).Select(r => r.Requirement.Id + ": " + r.Status + " " + r.Summary).ToList();
        // SR-4 (content) and SG-7 (review) can never be more than partial.
        Assert.Equal(new[] { "SR-4", "SG-7" }, notFound.Select(n => n.Split(':')[0]));
        Assert.All(report.Requirements.Where(r => !r.Requirement.Provable), r => Assert.Equal(RequirementStatus.NotProvable, r.Status));
        Assert.Equal(RequirementStatus.Found, report.Reproducibility.Status);
        Assert.Equal("Lib", report.Name);
        Assert.Equal("0123456789abcdef0123456789abcdef01234567", report.SourceCommit);
        Assert.Equal(1714557600, report.SourceDateEpoch);
        Assert.Empty(report.Problems);
    }

    [Fact]
    public void Figures_are_read_from_the_real_files()
    {
        using var fixture = new EvidenceFolderFixture().Complete();
        fixture.Sbom("Lib.cdx.json", ("A", "1.0.0", "MIT", true), ("B", "2.0.0", "?", true), ("C", "3.0.0", null, true), ("D", "4.0.0", "Proprietary EULA", true), ("E", "5.0.0", "MIT OR Apache-2.0", true));
        fixture.Sbom("Other.cdx.json", ("A", "1.0.0", "MIT", true));
        fixture.Analysis(
            new Finding("QLB1100", "warning", "weak hash", "src/A.cs", 3, 5, null),
            new Finding("QLB1100", "warning", "weak hash", "src/B.cs", 3, 5, new Suppression("inSource", "Pragma Directive", null)),
            new Finding("CA2100", "warning", "sql", "src/C.cs", 3, 5, new Suppression("inSource", "SuppressMessageAttribute", "Reviewed: constant SQL")));

        var report = Build(fixture);

        var sm9 = report["SM-9"];
        Assert.Equal(RequirementStatus.Found, sm9.Status);
        Assert.Equal(2L, Figure(sm9, "sboms"));
        Assert.Equal(5L, Figure(sm9, "components"));
        Assert.Equal(2L, Figure(sm9, "licensesSpdx"));
        Assert.Equal(1L, Figure(sm9, "licensesNamed"));
        Assert.Equal(2L, Figure(sm9, "licensesUnknown"));
        Assert.Contains(sm9.Notes, n => n.Contains("pkg:nuget/B@2.0.0, pkg:nuget/C@3.0.0", StringComparison.Ordinal));
        Assert.Equal(sm9.Evidence, report["SM-10"].Evidence);

        var si1 = report["SI-1"];
        Assert.Equal(RequirementStatus.Partial, si1.Status);
        Assert.Equal(2L, Figure(si1, "suppressions"));
        Assert.Equal(1L, Figure(si1, "suppressionsWithoutJustification"));
        var si2 = report["SI-2"];
        Assert.Equal(RequirementStatus.Partial, si2.Status);
        Assert.Equal(1L, Figure(si2, "buildGuardFindingsReported"));

        var sm6 = report["SM-6"];
        Assert.Equal(RequirementStatus.Partial, sm6.Status); // the SBOM and the summary changed after the manifest
        Assert.Equal(2L, Figure(sm6, "filesChanged"));
        Assert.Equal(RequirementStatus.Found, report["SM-8"].Status);
        Assert.Equal(EvidenceFolderFixture.KeyHint, Figure(report["SM-8"], "keyHints"));
        Assert.Equal("Strict", Figure(report["SM-8"], "buildGuardProfile"));
    }

    [Fact]
    public void An_empty_folder_reports_every_provable_requirement_missing_and_warns_QLB3091()
    {
        using var fixture = new EvidenceFolderFixture();
        var diagnostics = new DiagnosticBag();

        var report = EvidenceReportBuilder.Build(new ReportRequest { EvidenceFolder = fixture.Output, UseRepository = false }, diagnostics);

        Assert.Contains(diagnostics.Items, d => d.Id == BuildDiagnosticIds.ReportNoEvidence && d.Severity == EvidenceSeverity.Warning);
        Assert.All(report.Requirements, r => Assert.Equal(r.Requirement.Provable ? RequirementStatus.Missing : RequirementStatus.NotProvable, r.Status));
        Assert.Equal(RequirementStatus.Missing, report.Reproducibility.Status);
        Assert.Equal(24, report.Count(RequirementStatus.NotProvable));
        Assert.Equal("net8.0", report.Name);
        Assert.False(report.RepositoryRead);
    }

    [Fact]
    public void Partial_evidence_is_partial_with_what_is_missing_in_the_notes()
    {
        using var fixture = new EvidenceFolderFixture();
        fixture.Write("Lib.dll", "assembly");
        fixture.Trace(testResults: true, ("SR-1", "security", "covered"), ("SR-2", "security", "failing"), ("SR-3", "security", "missing"), ("T-1", "threat", "unmitigated"), ("M-1", "mitigation", "not run"));
        fixture.Manifest("Lib", ("Lib.dll", "assembly"), ("buildguard/Lib.trace.json", "trace-matrix"));
        fixture.Write("buildguard/rebuild-check.json", EvidenceFolderFixture.RebuildCheck(false));
        fixture.WriteRepository("SECURITY.md", "# Security\n\nReport to SECURITY_CONTACT.\n");

        var report = Build(fixture, ledger: false);

        Assert.Equal(RequirementStatus.Partial, report["SM-6"].Status); // hashes, but unsigned
        Assert.Contains(report["SM-6"].Notes, n => n.Contains("No signature", StringComparison.Ordinal));
        Assert.Equal(RequirementStatus.Missing, report["SM-8"].Status);
        Assert.Equal(RequirementStatus.Missing, report["SM-9"].Status);
        Assert.Equal(RequirementStatus.Partial, report["SR-2"].Status);
        Assert.Equal(RequirementStatus.Found, report["SR-3"].Status);
        var svv1 = report["SVV-1"];
        Assert.Equal(RequirementStatus.Partial, svv1.Status);
        Assert.Equal((1L, 1L, 1L), (Figure(svv1, "covered"), Figure(svv1, "failing"), Figure(svv1, "uncovered")));
        Assert.Equal(RequirementStatus.Missing, report["SVV-2"].Status); // the only mitigation never ran
        Assert.Equal(RequirementStatus.Partial, report["DM-1"].Status); // a placeholder, no contact
        Assert.Equal(RequirementStatus.Missing, report["SG-3"].Status);
        Assert.Equal(RequirementStatus.Missing, report["SUM-2"].Status);
        Assert.Contains(report["SUM-2"].Notes, n => n.Contains("not present", StringComparison.Ordinal));
        Assert.Equal(RequirementStatus.Missing, report["SUM-4"].Status);
        Assert.Equal(RequirementStatus.Partial, report.Reproducibility.Status);
        Assert.Equal(new[] { "bin/Release/net8.0/Lib.dll" }, report.Reproducibility.DifferingFiles);
    }

    [Fact]
    public void Without_test_results_requirements_testing_is_partial()
    {
        using var fixture = new EvidenceFolderFixture();
        fixture.Trace(testResults: false, ("SR-1", "security", "covered"));

        var report = Build(fixture, ledger: false);

        Assert.Equal(RequirementStatus.Partial, report["SVV-1"].Status);
        Assert.Contains(report["SVV-1"].Notes, n => n.Contains("No test results", StringComparison.Ordinal));
    }

    [Fact]
    public void A_bundle_with_URL_safe_unpadded_base64_reads_as_buildguard_verify_reads_it()
    {
        // The protobuf JSON mapping allows URL-safe, unpadded base64 (SigstoreBundle accepts it):
        // the report must read such a bundle as it reads the standard form.
        using var standard = new EvidenceFolderFixture().Complete();
        using var urlSafe = new EvidenceFolderFixture().Complete();
        var bundle = Path.Combine(urlSafe.Output, "Lib.dll.sigstore.json");
        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(bundle))!;
        // The same statement with trailing blanks, so that its base64 needs padding, written unpadded.
        var statement = Convert.FromBase64String(json["dsseEnvelope"]!["payload"]!.GetValue<string>()).ToList();
        while (statement.Count % 3 == 0)
        {
            statement.Add((byte)' ');
        }

        var payload = Convert.ToBase64String(statement.ToArray());
        var rewritten = payload.TrimEnd('=').Replace('+', '-').Replace('/', '_');
        Assert.NotEqual(payload, rewritten);
        json["dsseEnvelope"]!["payload"] = rewritten;
        File.WriteAllText(bundle, json.ToJsonString());
        urlSafe.Manifest("Lib", ("Lib.dll", "assembly"), ("Lib.cdx.json", "sbom"), ("buildguard/Lib.analysis.json", "analysis"), ("buildguard/Lib.trace.json", "trace-matrix"), ("Lib.dll.sigstore.json", "sigstore-bundle"));

        var expected = Build(standard, ledger: false);
        var report = Build(urlSafe, ledger: false);

        Assert.Empty(report.Problems);
        Assert.Equal(
            expected.Requirements.Select(r => $"{r.Requirement.Id} {r.Status} {r.Summary}"),
            report.Requirements.Select(r => $"{r.Requirement.Id} {r.Status} {r.Summary}"));
    }

    [Theory]
    [InlineData("Lib.cdx.json", "{ not json", "is not a CycloneDX JSON SBOM")]
    [InlineData("Lib.cdx.json", "{\"bomFormat\": \"SPDX\"}", "is not a CycloneDX JSON SBOM")]
    [InlineData("buildguard/Lib.analysis.json", "[1, 2]", "is not a BuildGuard analysis summary")]
    [InlineData("buildguard/Lib.trace.json", "{\"traceMatrixType\": \"https://example.com/other\"}", "is not a BuildGuard traceability matrix")]
    [InlineData("buildguard/Lib.trace.json", "{\"traceMatrixType\": \"https://quantlayer.io/buildguard/trace-matrix/v1\", \"items\": [{\"id\": 3}]}", "has an item without id, kind or status")]
    [InlineData("buildguard/Lib.manifest.json", "{\"manifestType\": \"https://quantlayer.io/buildguard/manifest/v1\"}", "is not a BuildGuard evidence manifest")]
    [InlineData("Lib.dll.sigstore.json", "{\"mediaType\": \"application/vnd.dev.sigstore.bundle.v0.3+json\", \"verificationMaterial\": {}, \"dsseEnvelope\": {\"payload\": \"!!\", \"payloadType\": \"x\", \"signatures\": [{\"sig\": \"\"}]}}", "has a DSSE payload that is not base64")]
    [InlineData("Lib.dll.sigstore.json", "{\"mediaType\": \"text/plain\"}", "is not a Sigstore bundle (mediaType must")]
    [InlineData("Lib.intoto.json", "{\"_type\": \"nope\"}", "does not hold an in-toto Statement")]
    [InlineData("buildguard/rebuild-check.json", "{\"reportType\": \"https://quantlayer.io/buildguard/rebuild-check/v1\"}", "is not a rebuild-check report")]
    [InlineData("Lib.change.json", "\"just a string\"", "is not a BuildGuard change record")]
    [InlineData("Lib.change.json", "{\"version\": \"1.1.0\"}", "is not a BuildGuard change record")]
    [InlineData("Lib.change.json", "", "is not valid JSON")]
    public void A_malformed_input_is_a_QLB3090_warning_naming_the_file_and_a_problem_in_the_report(string relative, string content, string expected)
    {
        using var fixture = new EvidenceFolderFixture();
        var path = fixture.Write(relative, content);
        var diagnostics = new DiagnosticBag();

        var report = Build(fixture, diagnostics, ledger: false);

        var warning = Assert.Single(diagnostics.Items, d => d.Id == BuildDiagnosticIds.ReportInputUnreadable);
        Assert.Equal(EvidenceSeverity.Warning, warning.Severity);
        Assert.Equal(path, warning.File);
        Assert.Contains(relative, warning.Message, StringComparison.Ordinal);
        var problem = Assert.Single(report.Problems);
        Assert.Equal(relative, problem.File);
        Assert.Contains(expected, problem.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(report.Inputs, i => i.Path == relative);
        Assert.False(diagnostics.HasErrors);
    }

    [Fact]
    public void Bundles_written_by_the_real_signer_are_read_with_their_key_and_subjects()
    {
        using var release = new Signing.SignedRelease();
        var diagnostics = new DiagnosticBag();

        var report = EvidenceReportBuilder.Build(new ReportRequest { EvidenceFolder = release.Folder, UseRepository = false }, diagnostics);

        Assert.DoesNotContain(diagnostics.Items, d => d.Id is BuildDiagnosticIds.ReportInputUnreadable or BuildDiagnosticIds.ReportSubjectMismatch);
        var sm8 = report["SM-8"];
        Assert.Equal(RequirementStatus.Found, sm8.Status);
        Assert.Equal(3L, Figure(sm8, "signatureBundles"));
        Assert.Equal(release.Signer.PublicKey.Hint, Figure(sm8, "keyHints"));
        Assert.Equal("https://quantlayer.io/buildguard/builder/local/v1", Figure(sm8, "builderId"));
        var sm6 = report["SM-6"];
        Assert.Equal(RequirementStatus.Partial, sm6.Status); // signed, but no manifest in this folder
        Assert.Equal(0L, Figure(sm6, "subjectMismatches"));
        Assert.True((long)Figure(sm6, "signedSubjectsVerified") >= 4); // App.dll and App in two bundles, the SBOM in one
        Assert.Equal(3, sm8.Evidence.Count);
    }

    [Fact]
    public void A_file_changed_after_the_manifest_or_a_bundle_is_QLB3092_or_QLB3093()
    {
        using var fixture = new EvidenceFolderFixture().Complete();
        fixture.Write("Lib.dll", "tampered");
        var diagnostics = new DiagnosticBag();

        var report = Build(fixture, diagnostics);

        Assert.Contains(diagnostics.Items, d => d.Id == BuildDiagnosticIds.ReportManifestMismatch && d.File!.EndsWith("Lib.dll", StringComparison.Ordinal));
        Assert.Contains(diagnostics.Items, d => d.Id == BuildDiagnosticIds.ReportSubjectMismatch && d.Message.Contains("'Lib.dll'", StringComparison.Ordinal));
        Assert.Equal(RequirementStatus.Partial, report["SM-6"].Status);
        Assert.Equal(1L, Figure(report["SM-6"], "subjectMismatches"));
    }

    [Fact]
    public void Paths_outside_the_evidence_folder_are_never_read()
    {
        using var fixture = new EvidenceFolderFixture();
        var outside = fixture.Temp.Write("secret.txt", "not evidence");
        fixture.Write("Lib.dll", "assembly");
        fixture.Manifest("Lib", ("Lib.dll", "assembly"));
        var manifestPath = Path.Combine(fixture.Output, "buildguard", "Lib.manifest.json");
        File.WriteAllText(manifestPath, File.ReadAllText(manifestPath).Replace("\"path\": \"Lib.dll\"", "\"path\": \"../../../../secret.txt\"", StringComparison.Ordinal));
        var statement = "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"name\":\"" + outside.Replace("\\", "/") + "\",\"digest\":{\"sha256\":\"00\"}}],\"predicateType\":\"x\"}";
        fixture.Write("Lib.intoto.json", statement);
        var diagnostics = new DiagnosticBag();

        var report = Build(fixture, diagnostics, ledger: false);

        Assert.Equal(1L, Figure(report["SM-6"], "filesAbsent"));
        Assert.Equal(1L, Figure(report["SM-6"], "subjectMismatches"));
        Assert.Contains(diagnostics.Items, d => d.Id == BuildDiagnosticIds.ReportManifestMismatch && d.Message.Contains("outside its folder", StringComparison.Ordinal));
        Assert.Contains(diagnostics.Items, d => d.Id == BuildDiagnosticIds.ReportSubjectMismatch && d.Message.Contains("outside the bundle's folder", StringComparison.Ordinal));
        Assert.DoesNotContain(report.Inputs, i => i.Path.Contains("secret", StringComparison.Ordinal));
    }

    [Fact]
    public void The_report_is_byte_identical_when_built_twice_and_ignores_its_own_outputs()
    {
        using var fixture = new EvidenceFolderFixture().Complete();

        var first = Build(fixture);
        var written = ReportOutput.Write(first, Path.Combine(fixture.Output, "buildguard"), ReportFormat.Both, new DiagnosticBag());
        var firstJson = File.ReadAllBytes(written[0]);
        var firstHtml = File.ReadAllBytes(written[1]);
        var second = Build(fixture);

        Assert.Equal(firstJson, ReportJson.Write(second));
        Assert.Equal(firstHtml, ReportHtml.Render(second));
        Assert.EndsWith("Lib.iec62443.json", written[0], StringComparison.Ordinal);
        Assert.EndsWith("Lib.iec62443.html", written[1], StringComparison.Ordinal);
        Assert.DoesNotContain(fixture.Temp.Path, System.Text.Encoding.UTF8.GetString(firstJson), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_input_is_recorded_with_the_SHA256_of_the_file_it_was_read_from()
    {
        using var fixture = new EvidenceFolderFixture().Complete();

        var report = Build(fixture);

        Assert.Contains(report.Inputs, i => i.Kind == EvidenceKinds.Manifest);
        Assert.Contains(report.Inputs, i => i.Kind == EvidenceKinds.Sbom);
        Assert.Contains(report.Inputs, i => i.Kind == EvidenceKinds.Analysis);
        Assert.Contains(report.Inputs, i => i.Kind == EvidenceKinds.TraceMatrix);
        Assert.All(report.Inputs, input =>
        {
            var root = input.Location == EvidenceLocation.Repository ? fixture.Repository : fixture.Output;
            Assert.Equal(QuantLayer.BuildGuard.Evidence.Io.FileDigest.Compute(Path.Combine(root, input.Path)).Sha256, input.Sha256);
        });
    }

    [Fact]
    public void The_json_lists_each_requirement_with_status_evidence_digests_and_figures()
    {
        using var fixture = new EvidenceFolderFixture().Complete();

        using var json = JsonDocument.Parse(ReportJson.Write(Build(fixture)));

        var root = json.RootElement;
        Assert.Equal(EvidenceReport.ReportType, root.GetProperty("reportType").GetString());
        Assert.Equal("2024-05-01T10:00:00Z", root.GetProperty("sourceDate").GetString());
        var requirements = root.GetProperty("practices").EnumerateArray().SelectMany(p => p.GetProperty("requirements").EnumerateArray()).ToDictionary(r => r.GetProperty("id").GetString()!);
        Assert.Equal(47, requirements.Count);
        var sm9 = requirements["SM-9"];
        Assert.Equal("found", sm9.GetProperty("status").GetString());
        var sbom = Assert.Single(sm9.GetProperty("evidence").EnumerateArray());
        Assert.Equal("Lib.cdx.json", sbom.GetProperty("path").GetString());
        Assert.Equal(QuantLayer.BuildGuard.Evidence.Io.FileDigest.Compute(Path.Combine(fixture.Output, "Lib.cdx.json")).Sha256, sbom.GetProperty("sha256").GetString());
        Assert.Equal(2, sm9.GetProperty("figures").GetProperty("componentsShipped").GetInt32());
        Assert.Equal("not-provable", requirements["SM-2"].GetProperty("status").GetString());
        Assert.Contains("SM-7", root.GetProperty("notProvableByBuild").EnumerateArray().Select(e => e.GetString()));
        var policy = requirements["DM-1"].GetProperty("evidence")[0];
        Assert.Equal(("SECURITY.md", "repository"), (policy.GetProperty("path").GetString(), policy.GetProperty("location").GetString()));
        Assert.Equal(23, root.GetProperty("summary").GetProperty("found").GetInt32() + root.GetProperty("summary").GetProperty("partial").GetInt32());
    }

    [Fact]
    public void Reports_with_every_status_validate_against_the_shipped_schema_with_ajv()
    {
        using var complete = new EvidenceFolderFixture().Complete();
        using var partial = new EvidenceFolderFixture();
        partial.Trace(testResults: true, ("SR-1", "security", "failing"), ("T-1", "threat", "unmitigated"));
        partial.Write("Lib.dll.sigstore.json", "{}");
        partial.Write("buildguard/rebuild-check.json", EvidenceFolderFixture.RebuildCheck(false));
        var first = complete.Temp.Combine("complete.iec62443.json");
        var second = complete.Temp.Combine("partial.iec62443.json");
        File.WriteAllBytes(first, ReportJson.Write(Build(complete)));
        File.WriteAllBytes(second, ReportJson.Write(Build(partial, ledger: false)));

        var schema = TestUtilities.RepoPaths.Combine("build-tasks", "QuantLayer.BuildGuard", "schemas", "iec62443-report.v1.schema.json");
        var result = TestUtilities.NodeInterop.Run("validate-json-schema.mjs", schema, first, second);

        Assert.True(result.ExitCode == 0, result.All);
    }

    [Fact]
    public void The_html_is_self_contained_and_escapes_every_text()
    {
        using var fixture = new EvidenceFolderFixture().Complete();
        fixture.Sbom("Lib.cdx.json", ("<script>alert(1)</script>", "1.0.0", "?", true));
        fixture.Write("evil\"<b>.cdx.json", "{ not json");

        var report = EvidenceReportBuilder.Build(new ReportRequest { EvidenceFolder = fixture.Output, RepositoryRoot = fixture.Repository, Name = "A&B <Release>" }, new DiagnosticBag());
        var html = System.Text.Encoding.UTF8.GetString(ReportHtml.Render(report));

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("A&amp;B &lt;Release&gt;", html, StringComparison.Ordinal);
        Assert.Contains("evil&quot;&lt;b&gt;.cdx.json", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>.cdx", html, StringComparison.Ordinal);
        Assert.DoesNotMatch("(src|href)=\"(https?:)?//", html);
        Assert.DoesNotContain("<link", html, StringComparison.Ordinal);
        Assert.Contains("Not a certificate.", html, StringComparison.Ordinal);
        Assert.Contains("What a build cannot prove", html, StringComparison.Ordinal);
        Assert.Contains("SM-4", html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_buildguard_folder_itself_can_be_given()
    {
        using var fixture = new EvidenceFolderFixture().Complete();

        var report = EvidenceReportBuilder.Build(new ReportRequest { EvidenceFolder = Path.Combine(fixture.Output, "buildguard"), UseRepository = false }, new DiagnosticBag());

        Assert.Equal(RequirementStatus.Found, report["SM-9"].Status);
        Assert.Contains(report.Inputs, i => i.Path == "Lib.cdx.json");
    }

    [Fact]
    public void Guides_are_found_by_name_and_mapped_by_topic()
    {
        using var fixture = new EvidenceFolderFixture();
        fixture.WriteRepository("docs/Secure-Operation-Guide.md", "# Operating the gateway\n\nMonitor the audit log.\n");
        fixture.WriteRepository("docs/readme.md", "hardening defense in depth");
        fixture.WriteRepository("src/bin/hardening.md", "in a bin folder: ignored");

        var report = Build(fixture, ledger: false);

        Assert.Equal(RequirementStatus.Found, report["SG-5"].Status);
        Assert.Equal("docs/Secure-Operation-Guide.md", Assert.Single(report["SG-5"].Evidence).Path);
        Assert.Equal(RequirementStatus.Missing, report["SG-1"].Status);
        Assert.Equal(RequirementStatus.Partial, report["SG-7"].Status);
        Assert.Contains("none committed", report["SG-7"].Summary, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("missing")]
    [InlineData("missing;partial")]
    [InlineData("partial")]
    [InlineData("")]
    [InlineData("none")]
    public void The_gate_fails_one_error_per_requirement_with_a_chosen_status(string failOn)
    {
        using var fixture = new EvidenceFolderFixture();
        fixture.Trace(testResults: false, ("SR-1", "security", "covered"));
        var report = Build(fixture, ledger: false);
        var diagnostics = new DiagnosticBag();

        var failures = ReportOutput.Gate(report, ReportOutput.ParseGate(failOn, diagnostics), "r.json", diagnostics);

        var statuses = failOn.Split(';');
        var expected = report.Requirements.Count(r => (r.Status == RequirementStatus.Missing && statuses.Contains("missing")) || (r.Status == RequirementStatus.Partial && statuses.Contains("partial")));
        Assert.True(failOn is "" or "none" || expected > 0, "the fixture must have requirements the gate fails on");
        Assert.Equal(expected, failures);
        Assert.Equal(failures, diagnostics.Items.Count(d => d.Id == BuildDiagnosticIds.ReportGateFailed && d.Severity == EvidenceSeverity.Error));
    }

    [Fact]
    public void An_unknown_gate_status_is_an_error_naming_the_accepted_values()
    {
        var diagnostics = new DiagnosticBag();

        ReportOutput.ParseGate("missing;found;bogus", diagnostics);

        Assert.Equal(2, diagnostics.Items.Count);
        Assert.All(diagnostics.Items, d => Assert.Contains("'missing', 'partial'", d.Message, StringComparison.Ordinal));
    }

    private static object Figure(RequirementResult result, string name) => result.Figures.Single(f => f.Name == name).Value switch
    {
        int i => (long)i,
        var v => v,
    };
}
