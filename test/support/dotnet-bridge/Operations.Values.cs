// Ops on values: indexing, enumeration, string conversion, comparison, operators.
using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text.Json.Nodes;

namespace DotnetBridge;

internal sealed partial class Operations
{
    // Serializes callback exchanges when .NET invokes delegates from several threads.
    private readonly object exchangeGate = new();

    private static object? Index(JsonObject req)
    {
        var target = Target(req);
        var index = Arg.From(req["index"]);
        if (target is Array array)
        {
            if (index.Kind != "num" || Binder.Score(index, typeof(int)) < 0)
                throw new BridgeBindingException($"array index must be an integer, got {index.Describe()}");
            var i = (int)(double)index.Value!;
            return array.GetValue(i < 0 ? i + array.Length : i); // $a[-1] like PowerShell
        }
        var t = target.GetType();
        var getters = InstanceMembers(t, x => x.GetProperties(InstanceFlags))
            .Where(p => p.GetIndexParameters().Length == 1)
            .Select(p => p.GetGetMethod())
            .OfType<MethodInfo>();
        var getter = Binder.Select(getters, [index], $"{t.FullName} indexer");
        return Binder.Invoke(getter, target, [index], out _);
    }

    private static object? Items(JsonObject req)
    {
        var target = Target(req);
        if (target is not IEnumerable e) throw new BridgeBindingException($"{target.GetType().FullName} is not enumerable");
        var list = new List<object?>();
        foreach (var item in e) list.Add(item);
        return list.ToArray(); // object[] marshals as {"t":"arr"}
    }

    private static string Str(object? o) => o switch
    {
        null => "",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => o.ToString() ?? "",
    };

    private static bool EqualsOp(JsonObject req)
    {
        var left = Arg.From(req["left"]).Loose();
        var right = Arg.From(req["right"]);
        if (left is null) return right.Kind == "null";
        // A failed conversion means "not equal", as in PowerShell.
        return Conversions.TryConvertOperand(right, left.GetType(), out var r) && left.Equals(r);
    }

    private static int Compare(JsonObject req)
    {
        var left = Target(req, "left");
        var right = Arg.From(req["right"]);
        if (left is not IComparable c) throw new BridgeBindingException($"{left.GetType().FullName} is not comparable");
        if (!Conversions.TryConvertOperand(right, left.GetType(), out var r))
            throw new BridgeBindingException($"cannot compare {left.GetType().FullName} with {right.Describe()}");
        return Math.Sign(c.CompareTo(r));
    }

    private static object? BinaryOp(JsonObject req)
    {
        var name = (string?)req["operator"] switch
        {
            "+" => "op_Addition",
            "-" => "op_Subtraction",
            var o => throw new BridgeBindingException($"unsupported operator '{o}'"),
        };
        Arg[] args = [Arg.From(req["left"]), Arg.From(req["right"])];
        var types = args.Select(a => a.Loose()?.GetType()).OfType<Type>().Distinct().ToList();
        var candidates = types.SelectMany(t => t.GetMethods(StaticFlags)).Where(m => m.Name == name).Distinct();
        var what = $"operator {req["operator"]} for ({string.Join(", ", args.Select(a => a.Describe()))})";
        MethodInfo method;
        try { method = Binder.Select(candidates, args, name); }
        catch (BridgeBindingException) { throw new BridgeBindingException($"no {what}"); }
        return Binder.Invoke(method, null, args, out _);
    }

    private static bool Is(JsonObject req)
    {
        var type = TypeResolver.Resolve(Str(req, "type"));
        return type.IsInstanceOfType(Arg.From(req["target"]).Loose());
    }

    private static object[] Properties(JsonObject req)
    {
        // Indexers are not PSObject properties; hidden duplicates keep the first (most derived).
        return Target(req).GetType().GetProperties(InstanceFlags)
            .Where(p => p.GetIndexParameters().Length == 0)
            .Select(p => p.Name)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToArray<object>();
    }

    /// <summary>
    /// Writes a callback message and waits for its result. Requests arriving meanwhile (the
    /// scriptblock touching .NET objects) are served in between; see Callbacks.cs.
    /// </summary>
    public JsonObject Exchange(JsonObject message)
    {
        lock (exchangeGate)
        {
            transport.WriteLine(message.ToJsonString());
            while (true)
            {
                var line = transport.ReadLine()
                    ?? throw new InvalidOperationException("bridge input closed while waiting for a callback result");
                if (line.Length == 0) continue;
                if (JsonNode.Parse(line) is JsonObject o && (o.ContainsKey("callbackResult") || o.ContainsKey("callbackError")))
                    return o;
                transport.WriteLine(Handle(line));
            }
        }
    }
}
