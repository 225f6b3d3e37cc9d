using System.Text;
using QuantLayer.BuildGuard.Evidence.Diagnostics;

namespace QuantLayer.BuildGuard.Evidence.Io;

/// <summary>
/// Writes files so that a reader never sees half of one: the bytes go to a temporary file in the
/// same folder, are flushed to disk, and the temporary file is renamed over the target.
/// </summary>
public static class AtomicFile
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes <paramref name="content"/> to <paramref name="path"/> atomically. Throws <see cref="IOException"/> or <see cref="UnauthorizedAccessException"/>.</summary>
    public static void WriteAllBytes(string path, byte[] content) => WriteAllBytes(path, content, durable: true);

    /// <summary>
    /// Writes <paramref name="content"/> to <paramref name="path"/> atomically; with
    /// <paramref name="durable"/> false the bytes are not flushed to disk before the rename (for
    /// caches, whose loss after a power cut only costs a rebuild).
    /// </summary>
    public static void WriteAllBytes(string path, byte[] content, bool durable)
    {
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, "." + Path.GetFileName(full) + "." + Guid.NewGuid().ToString("N").Substring(0, 12) + ".tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, durable ? FileOptions.WriteThrough : FileOptions.None))
            {
                stream.Write(content, 0, content.Length);
                stream.Flush(flushToDisk: durable);
            }

            Replace(temp, full);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>Writes UTF-8 text (no BOM) atomically.</summary>
    public static void WriteAllText(string path, string content) => WriteAllBytes(path, Utf8NoBom.GetBytes(content));

    /// <summary>
    /// Writes a file and turns the usual failures (read-only folder, no space, path too long) into
    /// a QLB3006 diagnostic naming the path. Returns true when the file was written.
    /// </summary>
    public static bool TryWriteAllBytes(string path, byte[] content, DiagnosticBag diagnostics)
    {
        try
        {
            WriteAllBytes(path, content);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or System.Security.SecurityException)
        {
            diagnostics.Error(
                BuildDiagnosticIds.CannotWriteEvidence,
                $"Cannot write evidence file '{path}': {ex.Message} Make the output folder writable (or set BuildGuardEvidenceDir to a writable folder) and build again; no partial file was left behind.",
                path);
            return false;
        }
    }

    private static void Replace(string source, string destination)
    {
#if NET
        File.Move(source, destination, overwrite: true);
#else
        if (File.Exists(destination))
        {
            File.Replace(source, destination, destinationBackupFileName: null, ignoreMetadataErrors: true);
        }
        else
        {
            File.Move(source, destination);
        }
#endif
    }

    /// <summary>Deletes a file if it can (a temporary file, a stale cache); one that cannot be deleted stays.</summary>
    public static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
        }
    }
}
