using System.Diagnostics;
using System.Globalization;
using QuantLayer.BuildGuard.Evidence.Diagnostics;
using QuantLayer.BuildGuard.Evidence.Sbom;

// usage: SbomBench <project.assets.json> <target framework> [warm runs]
var assets = args[0];
var framework = args[1];
var runs = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 30;
var process = Process.GetCurrentProcess();

(double Wall, double Cpu, int Components) Once()
{
    process.Refresh();
    var cpu = process.TotalProcessorTime;
    var watch = Stopwatch.StartNew();
    var document = SbomBuilder.Build(new ProjectSbomRequest { AssetsFile = assets, TargetFramework = framework, Name = "Bench", Version = "1.0.0", Timestamp = 1714557600 }, new DiagnosticBag());
    var bytes = CycloneDxWriter.Write(document);
    watch.Stop();
    process.Refresh();
    return (watch.Elapsed.TotalMilliseconds, (process.TotalProcessorTime - cpu).TotalMilliseconds, document.Components.Count + bytes.Length * 0);
}

var cold = Once();
var warm = Enumerable.Range(0, runs).Select(_ => Once()).ToList();
double Median(IEnumerable<double> values)
{
    var sorted = values.OrderBy(v => v).ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"components={cold.Components} cold: wall={cold.Wall:F0} ms cpu={cold.Cpu:F0} ms | warm (median of {runs}): wall={Median(warm.Select(w => w.Wall)):F1} ms cpu={Median(warm.Select(w => w.Cpu)):F1} ms"));
