// JSON <-> .NET values and the handle table (see README.md "Values").
using System.Collections;
using System.Globalization;
using System.Text.Json.Nodes;

namespace DotnetBridge;

internal static class ValueCodec
{
    private static readonly object Gate = new();
    // Handles are never freed: test sessions are short and the TS side may keep ids forever.
    private static readonly Dictionary<int, object> Handles = new();
    // Why a reverse map: the same reference object (e.g. the SslStream passed as a callback's
    // sender) gets the same id every time, so identity is visible on the TS side.
    private static readonly Dictionary<object, int> Ids = new(ReferenceEqualityComparer.Instance);
    private static int nextId = 1;

    private static readonly HashSet<Type> Numeric =
    [
        typeof(byte), typeof(sbyte), typeof(short), typeof(ushort), typeof(int), typeof(uint),
        typeof(long), typeof(ulong), typeof(float), typeof(double), typeof(decimal),
    ];

    public static bool IsNumeric(Type t) => Numeric.Contains(t);

    public static bool IsIntegral(Type t) => IsNumeric(t) && t != typeof(float) && t != typeof(double) && t != typeof(decimal);

    public static JsonObject Tagged(string tag, JsonNode? v) => new() { ["t"] = tag, ["v"] = v };

    public static JsonNode? Encode(object? o)
    {
        switch (o)
        {
            case null: return null;
            case string s: return Tagged("str", s);
            case char c: return Tagged("str", c.ToString());
            case bool b: return Tagged("bool", b);
            case Enum e: return EncodeEnum(e);
            // byte[] crosses by value: a fresh copy every time.
            case byte[] bytes: return Tagged("bytes", Convert.ToBase64String(bytes));
            case Array a:
                var items = new JsonArray();
                foreach (var item in a) items.Add(Encode(item));
                return Tagged("arr", items);
            case Type t: return Tagged("type", t.FullName ?? t.Name);
        }
        if (IsNumeric(o.GetType()))
        {
            var n = Tagged("num", EncodeNumber(o));
            n["k"] = o.GetType().Name;
            return n;
        }
        return EncodeHandle(o);
    }

    private static JsonNode EncodeNumber(object o) => o switch
    {
        // JSON has no NaN/Infinity: send them as the invariant strings "NaN", "Infinity", "-Infinity".
        double d when !double.IsFinite(d) => JsonValue.Create(d.ToString(CultureInfo.InvariantCulture)),
        float f when !float.IsFinite(f) => JsonValue.Create(f.ToString(CultureInfo.InvariantCulture)),
        double d => JsonValue.Create(d),
        float f => JsonValue.Create(f),
        decimal m => JsonValue.Create(m),
        ulong u => JsonValue.Create(u),
        _ => JsonValue.Create(Convert.ToInt64(o, CultureInfo.InvariantCulture)),
    };

    private static JsonObject EncodeEnum(Enum e)
    {
        var t = e.GetType();
        // ulong-based enums may exceed Int64: keep the bit pattern.
        var value = Enum.GetUnderlyingType(t) == typeof(ulong)
            ? unchecked((long)Convert.ToUInt64(e, CultureInfo.InvariantCulture))
            : Convert.ToInt64(e, CultureInfo.InvariantCulture);
        return new JsonObject { ["t"] = "enum", ["type"] = t.FullName, ["name"] = e.ToString(), ["value"] = value };
    }

    private static JsonObject EncodeHandle(object o)
    {
        int id;
        lock (Gate)
        {
            if (o.GetType().IsValueType || !Ids.TryGetValue(o, out id))
            {
                id = nextId++;
                Handles[id] = o;
                if (!o.GetType().IsValueType) Ids[o] = id;
            }
        }
        // PowerShell enumerates IEnumerables in a pipeline, except strings and dictionaries.
        var enumerable = o is IEnumerable && o is not string && o is not IDictionary;
        return new JsonObject { ["t"] = "h", ["id"] = id, ["type"] = o.GetType().FullName, ["enumerable"] = enumerable };
    }

    public static object Lookup(int id)
    {
        lock (Gate)
            return Handles.TryGetValue(id, out var o) ? o : throw new BridgeBindingException($"unknown handle {id}");
    }

    /// <summary>A JS number as PowerShell would type a literal: Int32, else Int64, else Double.</summary>
    public static object LooseNumber(double d)
    {
        if (Math.Floor(d) == d && double.IsFinite(d))
        {
            if (d >= int.MinValue && d <= int.MaxValue) return (int)d;
            if (d >= -9.223372036854775808e18 && d < 9.223372036854775808e18) return (long)d;
        }
        return d;
    }

    /// <summary>Reads the "v" of a num value; accepts "NaN"/"Infinity"/"-Infinity" strings.</summary>
    public static double ReadNumber(JsonNode? v)
    {
        if (v is JsonValue jv && jv.TryGetValue<string>(out var s))
            return double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);
        return v?.GetValue<double>() ?? throw new BridgeBindingException("num value without \"v\"");
    }
}
