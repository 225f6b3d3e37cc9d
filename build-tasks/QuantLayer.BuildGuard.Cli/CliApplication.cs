using System.CommandLine;
using QuantLayer.BuildGuard.Cli.Commands;

namespace QuantLayer.BuildGuard.Cli;

/// <summary>
/// The <c>buildguard</c> command line. Exit codes: 0 success, 1 a check failed, 2 usage error
/// (unknown verb or option, missing argument, unreadable input given on the command line).
/// Every verb lives in <c>Commands/&lt;Verb&gt;Command.cs</c> and is registered here.
/// </summary>
public static class CliApplication
{
    /// <summary>Exit code: everything verified / succeeded.</summary>
    public const int Success = 0;

    /// <summary>Exit code: a check failed.</summary>
    public const int Failure = 1;

    /// <summary>Exit code: the command line was wrong.</summary>
    public const int UsageError = 2;

    /// <summary>Builds the command tree.</summary>
    public static RootCommand CreateRootCommand(TextWriter output, TextWriter error)
    {
        var root = new RootCommand(
            "BuildGuard: verify and produce IEC 62443-4-1 release evidence for .NET builds (SBOM, signed provenance, traceability, change records), offline.");
        root.Subcommands.Add(RebuildCheckCommand.Create(output, error));
        root.Subcommands.Add(SbomCommand.Create(output, error));
        root.Subcommands.Add(TraceCommand.Create(output, error));
        root.Subcommands.Add(LedgerCommand.Create(output, error));
        root.Subcommands.Add(VerifyCommand.Create(output, error));
        root.Subcommands.Add(SignBlobCommand.Create(output, error));
        root.Subcommands.Add(KeygenCommand.Create(output, error));
        root.Subcommands.Add(ReportCommand.Create(output, error));
        return root;
    }

    /// <summary>Parses and runs a command line, writing to the given streams.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var root = CreateRootCommand(output, error);
        var result = root.Parse(args);
        if (result.Errors.Count > 0)
        {
            foreach (var parseError in result.Errors)
            {
                error.WriteLine("buildguard: " + parseError.Message);
            }

            error.WriteLine("Run 'buildguard --help' for usage.");
            return UsageError;
        }

        try
        {
            return result.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (UsageException ex)
        {
            error.WriteLine("buildguard: " + ex.Message);
            return UsageError;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A bug, not a user mistake: say what failed, without a stack trace.
            error.WriteLine($"buildguard: error QLB3000: {ex.GetType().Name}: {ex.Message} (please report this)");
            return Failure;
        }
    }
}

/// <summary>Thrown by a verb when its arguments cannot be used (exit code 2, message without a stack trace).</summary>
public sealed class UsageException : Exception
{
    /// <summary>Creates the exception.</summary>
    public UsageException(string message)
        : base(message)
    {
    }
}
