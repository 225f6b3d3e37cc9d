using System.Diagnostics;
using System.Globalization;
using System.Text;
using QuantLayer.BuildGuard.Evidence.Diagnostics;
using QuantLayer.BuildGuard.Evidence.Traceability;

// Generates the inputs once (registry YAML, the tags of two assemblies as tag files, a TRX with a
// result per test), then times the whole trace the build and `buildguard trace` run: read the
// registry, the tags and the results, build the matrix, write JSON, CSV and HTML, evaluate the
// gate. Prints every run and the median.
var requirements = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000;
var tests = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 50_000;
var runs = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 7;
var root = Path.Combine(Path.GetTempPath(), "bg-trace-bench-" + requirements + "-" + tests);
Directory.CreateDirectory(root);

if (!File.Exists(Path.Combine(root, "results.trx")))
{
var yaml = new StringBuilder("requirements:\n");
for (var i = 1; i <= requirements; i++)
{
    yaml.Append("  - id: SR-").Append(i).Append('\n')
        .Append("    revision: ").Append(1 + (i % 3)).Append('\n')
        .Append("    title: \"Requirement ").Append(i).Append(": frames of kind ").Append(i % 17).Append(" are checked before use\"\n")
        .Append("    kind: ").Append(i % 10 == 0 ? "mitigation" : "security").Append('\n');
}

File.WriteAllText(Path.Combine(root, "requirements.yaml"), yaml.ToString());

var implementations = new List<TraceTag>();
for (var i = 1; i <= requirements; i++)
{
    implementations.Add(new TraceTag(TraceRelation.Implements, "SR-" + i, 0, "Gateway.Module" + (i % 200) + ".Feature" + i + ".Run", "Gateway", null, "[Implements]"));
}

File.WriteAllBytes(Path.Combine(root, "Gateway.trace-tags.json"), TraceTagFile.Write("Gateway", implementations));

var testTags = new List<TraceTag>();
var results = new StringBuilder();
var definitions = new StringBuilder();
for (var t = 0; t < tests; t++)
{
    var requirement = 1 + (t % requirements);
    var cls = "Gateway.Tests.Module" + (t % 500) + "Tests";
    var method = "Test" + t;
    testTags.Add(new TraceTag(TraceRelation.Verifies, "SR-" + requirement, 0, cls + "." + method, "Gateway.Tests", cls + "." + method, "[Verifies]"));
    var id = "00000000-0000-0000-0000-" + t.ToString("D12", CultureInfo.InvariantCulture);
    var outcome = t % 97 == 0 ? "Failed" : t % 89 == 0 ? "NotExecuted" : "Passed";
    results.Append("    <UnitTestResult executionId=\"").Append(id).Append("\" testId=\"").Append(id).Append("\" testName=\"").Append(cls).Append('.').Append(method)
        .Append("\" computerName=\"ci\" duration=\"00:00:00.0010000\" outcome=\"").Append(outcome).Append("\" />\n");
    definitions.Append("    <UnitTest name=\"").Append(cls).Append('.').Append(method).Append("\" storage=\"/src/t.dll\" id=\"").Append(id)
        .Append("\"><Execution id=\"").Append(id).Append("\" /><TestMethod codeBase=\"/src/t.dll\" adapterTypeName=\"executor://xunit/VsTestRunner2/netcoreapp\" className=\"")
        .Append(cls).Append("\" name=\"").Append(method).Append("\" /></UnitTest>\n");
}

File.WriteAllBytes(Path.Combine(root, "Gateway.Tests.trace-tags.json"), TraceTagFile.Write("Gateway.Tests", testTags));
File.WriteAllText(Path.Combine(root, "results.trx"), "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<TestRun id=\"1\" name=\"bench\" xmlns=\"http://microsoft.com/schemas/VisualStudio/TeamTest/2010\">\n  <Results>\n"
    + results + "  </Results>\n  <TestDefinitions>\n" + definitions + "  </TestDefinitions>\n</TestRun>\n");

}

Console.WriteLine($"Inputs in {root}: {requirements} requirements, {tests} tests; registry {new FileInfo(Path.Combine(root, "requirements.yaml")).Length / 1024} KiB, TRX {new FileInfo(Path.Combine(root, "results.trx")).Length / 1024} KiB");

if (Environment.GetEnvironmentVariable("TRACE_BENCH_STEPS") == "1")
{
    var yamlText = File.ReadAllText(Path.Combine(root, "requirements.yaml"));
    for (var k = 0; k < 5; k++)
    {
        var p = Process.GetCurrentProcess();
        var c0 = p.TotalProcessorTime;
        var w = Stopwatch.StartNew();
        var parsed = QuantLayer.BuildGuard.Traceability.RequirementRegistry.ParseFile("r.yaml", yamlText);
        p.Refresh();
        Console.WriteLine($"yaml parse {w.ElapsedMilliseconds} ms wall {(p.TotalProcessorTime - c0).TotalMilliseconds:F0} ms CPU, {parsed.Items.Count} items");
    }

    var sw = Stopwatch.StartNew();
    var d = new DiagnosticBag();
    var registry = RegistryLoader.Load(new[] { Path.Combine(root, "requirements.yaml") }, root, d);
    Console.WriteLine($"registry {sw.ElapsedMilliseconds} ms"); sw.Restart();
    var allTags = TraceTagFile.Read(File.ReadAllBytes(Path.Combine(root, "Gateway.trace-tags.json"))).Concat(TraceTagFile.Read(File.ReadAllBytes(Path.Combine(root, "Gateway.Tests.trace-tags.json")))).ToList();
    Console.WriteLine($"tags {sw.ElapsedMilliseconds} ms"); sw.Restart();
    var set = new TestResultSet();
    set.AddTrx(Path.Combine(root, "results.trx"), d);
    Console.WriteLine($"trx {sw.ElapsedMilliseconds} ms"); sw.Restart();
    var m = TraceMatrix.Build(registry, allTags, set, new TraceMatrixOptions());
    Console.WriteLine($"matrix {sw.ElapsedMilliseconds} ms"); sw.Restart();
    TraceMatrixWriter.ToJson(m);
    Console.WriteLine($"json {sw.ElapsedMilliseconds} ms"); sw.Restart();
    TraceMatrixWriter.ToCsv(m);
    Console.WriteLine($"csv {sw.ElapsedMilliseconds} ms"); sw.Restart();
    TraceMatrixHtml.Render(m);
    Console.WriteLine($"html {sw.ElapsedMilliseconds} ms"); sw.Restart();
    TraceGate.Evaluate(m, TraceGate.DefaultKinds.ToList(), d);
    Console.WriteLine($"gate {sw.ElapsedMilliseconds} ms"); sw.Restart();
    return;
}

var times = new List<double>();
var cpuTimes = new List<double>();
var process = Process.GetCurrentProcess();
for (var run = 0; run <= runs; run++)
{
    process.Refresh();
    var cpuBefore = process.TotalProcessorTime;
    var stopwatch = Stopwatch.StartNew();
    var diagnostics = new DiagnosticBag();
    var result = TraceRun.Run(
        new TraceRequest
        {
            Name = "bench",
            RegistryFiles = new[] { Path.Combine(root, "requirements.yaml") },
            BaseDirectory = root,
            TagFiles = new[] { Path.Combine(root, "Gateway.trace-tags.json"), Path.Combine(root, "Gateway.Tests.trace-tags.json") },
            ResultFiles = new[] { Path.Combine(root, "results.trx") },
            OutputDirectory = Path.Combine(root, "out"),
            Gate = true,
        },
        diagnostics);
    stopwatch.Stop();
    process.Refresh();
    var cpu = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds;
    var summary = string.Join(", ", TraceMatrixWriter.Summary(result.Matrix!).Select(p => p.Value + " " + p.Key));
    Console.WriteLine($"{(run == 0 ? "warm-up" : "run " + run),-8} {stopwatch.Elapsed.TotalMilliseconds,8:F0} ms wall {cpu,8:F0} ms CPU  ({summary}; {result.GateFailures} gate failures)");
    if (run > 0)
    {
        times.Add(stopwatch.Elapsed.TotalMilliseconds);
        cpuTimes.Add(cpu);
    }
}

times.Sort();
cpuTimes.Sort();
if (runs > 0)
{
    Console.WriteLine($"median   {times[times.Count / 2],8:F0} ms wall {cpuTimes[cpuTimes.Count / 2],8:F0} ms CPU over {runs} runs (after one warm-up run in the same process); load average now: {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
}
var html = new FileInfo(Path.Combine(root, "out", "bench.trace.html")).Length;
var json = new FileInfo(Path.Combine(root, "out", "bench.trace.json")).Length;
Console.WriteLine($"outputs: JSON {json / 1024} KiB, HTML {html / 1024} KiB");
