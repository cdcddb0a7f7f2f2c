// Line-oriented JSON transport over two FIFOs.
using System.Text;

namespace DotnetBridge;

internal sealed class Transport : IDisposable
{
    private readonly StreamReader reader;
    private readonly StreamWriter writer;
    // Why a lock: a delegate may be invoked by .NET on a worker thread while another
    // thread writes; each message must stay one intact line.
    private readonly object writeGate = new();

    private Transport(StreamReader reader, StreamWriter writer)
    {
        this.reader = reader;
        this.writer = writer;
    }

    public static Transport Open(string inPath, string outPath)
    {
        // Order matters: opening a FIFO blocks until the other end opens it, and the
        // Node side opens our --in (its write end) first, then our --out. Any other
        // order deadlocks. bufferSize 1 disables FileStream's own buffering.
        var input = new FileStream(inPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1);
        var output = new FileStream(outPath, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize: 1);
        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        var reader = new StreamReader(input, utf8, detectEncodingFromByteOrderMarks: false);
        var writer = new StreamWriter(output, utf8) { AutoFlush = true, NewLine = "\n" };
        return new Transport(reader, writer);
    }

    public string? ReadLine() => reader.ReadLine();

    public void WriteLine(string json)
    {
        lock (writeGate) writer.WriteLine(json);
    }

    public void Dispose()
    {
        reader.Dispose();
        writer.Dispose();
    }
}
