using Verify = QuantLayer.BuildGuard.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<QuantLayer.BuildGuard.Analyzers.Injection.TaintAnalyzer>;

namespace QuantLayer.BuildGuard.Analyzers.Tests.Injection;

public sealed class PathTraversalTests
{
    [Fact]
    public async Task Zip_slip_and_request_paths_fire()
    {
        const string source = """
            using System;
            using System.IO;
            using System.IO.Compression;
            class C
            {
                void Extract(ZipArchive archive, string destination)
                {
                    foreach (var entry in archive.Entries)
                    {
                        {|QLB1002:entry.ExtractToFile(Path.Combine(destination, entry.FullName), true)|};
                    }
                }
                void Read()
                {
                    var name = Console.ReadLine()!;
                    {|QLB1002:File.ReadAllText(Path.Combine("/srv/data", name))|};
                    using var stream = {|QLB1002:new FileStream("/srv/data/" + name, FileMode.Open)|};
                }
            }
            """;
        await Verify.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task Contained_full_paths_and_file_names_are_silent()
    {
        const string source = """
            using System;
            using System.IO;
            using System.IO.Compression;
            class C
            {
                void Extract(ZipArchive archive, string destination)
                {
                    var root = Path.GetFullPath(destination + Path.DirectorySeparatorChar);
                    foreach (var entry in archive.Entries)
                    {
                        var path = Path.GetFullPath(Path.Combine(root, entry.FullName));
                        if (!path.StartsWith(root, StringComparison.Ordinal))
                        {
                            throw new IOException("outside the target folder");
                        }
                        entry.ExtractToFile(path, true);
                    }
                }
                void Read()
                {
                    var name = Path.GetFileName(Console.ReadLine()!);
                    File.ReadAllText(Path.Combine("/srv/data", name));
                    var exists = File.Exists(Console.ReadLine());
                }
            }
            """;
        await Verify.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task File_name_sanitizer_does_not_clean_for_other_rules()
    {
        const string source = """
            using System;
            using System.Diagnostics;
            using System.IO;
            class C
            {
                void M()
                {
                    var name = Path.GetFileName(Console.ReadLine()!);
                    File.Delete(name);
                    {|QLB1001:Process.Start(name)|};
                }
            }
            """;
        await Verify.VerifyAnalyzerAsync(source);
    }
}
