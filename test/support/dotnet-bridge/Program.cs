// Entry point: `dotnet DotnetBridge.dll --in <fifoToRead> --out <fifoToWrite>`.
// Nothing is ever written to stdout: the protocol runs over the two FIFOs only,
// stderr is reserved for fatal diagnostics.
namespace DotnetBridge;

internal static class Program
{
    private static int Main(string[] args)
    {
        string? inPath = null, outPath = null;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--in": inPath = args[i + 1]; break;
                case "--out": outPath = args[i + 1]; break;
                default:
                    Console.Error.WriteLine($"dotnet-bridge: unknown argument {args[i]}");
                    return 2;
            }
        }
        if (inPath is null || outPath is null)
        {
            Console.Error.WriteLine("usage: dotnet DotnetBridge.dll --in <fifo> --out <fifo>");
            return 2;
        }

        try
        {
            // Load the assemblies whose types the generated PowerShell code names,
            // before any request arrives, so type lookups by name can find them.
            TypeResolver.PreloadAssemblies();
            using var transport = Transport.Open(inPath, outPath);
            var ops = new Operations(transport);
            string? line;
            while ((line = transport.ReadLine()) is not null)
            {
                if (line.Length == 0) continue;
                transport.WriteLine(ops.Handle(line));
            }
            return 0; // EOF on --in: the Node side is done with us.
        }
        catch (Exception ex)
        {
            Console.Error.WriteLine($"dotnet-bridge: fatal: {ex}");
            return 1;
        }
    }
}
