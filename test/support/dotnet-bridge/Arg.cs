// A value received from TS, decoded once. Binding needs the wire kind (str/num/...), not just
// a .NET object, because PowerShell's conversion rules depend on where a value came from.
using System.Text.Json.Nodes;

namespace DotnetBridge;

/// <summary>Thrown when the bridge cannot resolve a type, member, overload or conversion.</summary>
internal sealed class BridgeBindingException(string message) : Exception(message);

internal sealed class Arg
{
    public string Kind { get; private init; } = "null"; // null|str|bool|num|bytes|arr|enum|type|h|ref
    /// <summary>string, bool, double (num), byte[] (kept as one instance for writeBack), Enum, Type, handle object.</summary>
    public object? Value { get; private init; }
    public List<Arg> Items { get; private init; } = [];
    public Arg? Inner { get; private init; }

    public static Arg From(JsonNode? n)
    {
        if (n is null) return new Arg();
        if (n is not JsonObject o) throw new BridgeBindingException($"malformed value {n.ToJsonString()}");
        var tag = (string?)o["t"];
        var v = o["v"];
        try
        {
            return tag switch
            {
                "str" => new Arg { Kind = tag, Value = (string?)v ?? "" },
                "bool" => new Arg { Kind = tag, Value = (bool)v! },
                "num" => new Arg { Kind = tag, Value = ValueCodec.ReadNumber(v) },
                "bytes" => new Arg { Kind = tag, Value = Convert.FromBase64String((string?)v ?? "") },
                "arr" => new Arg { Kind = tag, Items = ((JsonArray)v!).Select(From).ToList() },
                "enum" => new Arg
                {
                    Kind = tag,
                    Value = Enum.ToObject(EnumType((string)o["type"]!), (long)o["value"]!),
                },
                "type" => new Arg { Kind = tag, Value = TypeResolver.Resolve((string)v!) },
                "h" => new Arg { Kind = tag, Value = ValueCodec.Lookup((int)o["id"]!) },
                "ref" => new Arg { Kind = tag, Inner = From(v) },
                _ => throw new BridgeBindingException($"unknown value tag '{tag}'"),
            };
        }
        catch (Exception ex) when (ex is not BridgeBindingException)
        {
            throw new BridgeBindingException($"malformed {tag} value {o.ToJsonString()}: {ex.Message}");
        }
    }

    private static Type EnumType(string name)
    {
        var t = TypeResolver.Resolve(name);
        return t.IsEnum ? t : throw new BridgeBindingException($"{t.FullName} is not an enum");
    }

    /// <summary>The value with no target type known (or target object).</summary>
    public object? Loose() => Kind switch
    {
        "num" => ValueCodec.LooseNumber((double)Value!),
        "arr" => Items.Select(i => i.Loose()).ToArray(),
        "ref" => throw new BridgeBindingException("a [ref] value can only bind to a ref/out parameter"),
        _ => Value,
    };

    /// <summary>Short description for binding error messages, e.g. "Bytes" or "System.Net.Sockets.TcpClient".</summary>
    public string Describe() => Kind switch
    {
        "null" => "Null",
        "str" => "String",
        "bool" => "Boolean",
        "num" => "Number",
        "bytes" => "Bytes",
        "arr" => "Array",
        "type" => "Type",
        "ref" => $"Ref({Inner!.Describe()})",
        _ => Value!.GetType().FullName ?? Value.GetType().Name,
    };
}
