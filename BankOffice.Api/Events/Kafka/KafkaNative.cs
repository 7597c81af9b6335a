using System.Reflection;
using System.Runtime.InteropServices;
using Confluent.Kafka;

namespace BankOffice.Api.Events.Kafka;

/// <summary>
/// Points Confluent.Kafka at Debian's librdkafka1 (STACK.md): the package's own native library
/// (librdkafka.redist) is not on the mirror, and the assembly asks for <c>libdl</c>, which Debian
/// names <c>libdl.so.2</c>. Call <see cref="EnsureLoaded"/> before the first Kafka client is built.
/// </summary>
public static class KafkaNative
{
    public const string DefaultLibrary = "/usr/lib/x86_64-linux-gnu/librdkafka.so.1";

    private static readonly Lock Gate = new();
    private static bool loaded;

    /// <summary>Registers the resolver and loads librdkafka (an override path may come from BANKOFFICE_LIBRDKAFKA).</summary>
    public static void EnsureLoaded()
    {
        lock (Gate)
        {
            if (loaded)
            {
                return;
            }

            var path = Environment.GetEnvironmentVariable("BANKOFFICE_LIBRDKAFKA") is { Length: > 0 } custom ? custom : DefaultLibrary;
            if (OperatingSystem.IsLinux())
            {
                NativeLibrary.SetDllImportResolver(typeof(Library).Assembly, (name, assembly, searchPath) => name switch
                {
                    "libdl" or "dl" => NativeLibrary.Load("libdl.so.2"),
                    "librdkafka" => NativeLibrary.Load(path),
                    _ => IntPtr.Zero,
                });
                Library.Load(path);
            }
            else
            {
                Library.Load();
            }

            loaded = true;
        }
    }

    /// <summary>librdkafka's version, e.g. "2.0.2" (for the admin screen and logs).</summary>
    public static string Version
    {
        get
        {
            EnsureLoaded();
            return Library.VersionString;
        }
    }

    internal static Assembly ClientAssembly => typeof(Library).Assembly;
}
