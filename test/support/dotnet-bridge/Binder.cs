// PowerShell-like but strict overload resolution. Each argument is scored against each
// parameter type; anything not listed in README.md "Binding" is rejected, never guessed.
using System.Globalization;
using System.Reflection;
using System.Text.Json.Nodes;

namespace DotnetBridge;

internal static class Binder
{
    /// <summary>Score of binding <paramref name="a"/> to a non-ByRef type <paramref name="p"/>; -1 = reject.</summary>
    public static int Score(Arg a, Type p)
    {
        if (a.Kind == "ref" || p.IsByRef || p.IsByRefLike || p.IsPointer) return -1;
        var under = Nullable.GetUnderlyingType(p);
        if (a.Kind == "null") return !p.IsValueType || under is not null ? 1 : -1;
        p = under ?? p;
        var isObject = p == typeof(object);
        switch (a.Kind)
        {
            case "h":
                return p == a.Value!.GetType() ? 3 : p.IsInstanceOfType(a.Value) ? 2 : -1;
            case "str":
                var s = (string)a.Value!;
                if (p == typeof(string)) return 3;
                if (p == typeof(char)) return s.Length == 1 ? 1 : -1;
                if (p.IsEnum) return Enum.TryParse(p, s, ignoreCase: true, out _) ? 1 : -1;
                return isObject ? 2 : -1;
            case "bool":
                return p == typeof(bool) ? 3 : isObject ? 2 : -1;
            case "num":
                return NumberScore((double)a.Value!, p);
            case "bytes":
                return p == typeof(byte[]) ? 3 : isObject ? 1 : -1;
            case "arr":
                if (p.IsSZArray)
                {
                    var elem = p.GetElementType()!;
                    return a.Items.All(i => Score(i, elem) >= 0) ? 2 : -1;
                }
                return isObject ? 1 : -1;
            case "enum":
                if (p == a.Value!.GetType()) return 3;
                if (p.IsInstanceOfType(a.Value)) return 2; // object, System.Enum, ValueType...
                return ValueCodec.IsIntegral(p) ? 1 : -1;
            case "type":
                return p == typeof(Type) ? 3 : p.IsInstanceOfType(a.Value) ? 2 : -1;
        }
        return -1;
    }

    private static int NumberScore(double d, Type p)
    {
        if (p == typeof(object)) return 2;
        var integral = double.IsFinite(d) && Math.Floor(d) == d;
        if (p.IsEnum) return integral && Fits(d, Enum.GetUnderlyingType(p)) ? 1 : -1;
        if (!ValueCodec.IsNumeric(p)) return -1;
        if (ValueCodec.IsIntegral(p) && !integral) return -1;
        if (!Fits(d, p)) return -1;
        return p == typeof(int) ? 3 : p == typeof(long) || p == typeof(double) ? 2 : 1;
    }

    private static bool Fits(double d, Type t) => Type.GetTypeCode(t) switch
    {
        TypeCode.Byte => d >= byte.MinValue && d <= byte.MaxValue,
        TypeCode.SByte => d >= sbyte.MinValue && d <= sbyte.MaxValue,
        TypeCode.Int16 => d >= short.MinValue && d <= short.MaxValue,
        TypeCode.UInt16 => d >= ushort.MinValue && d <= ushort.MaxValue,
        TypeCode.Int32 => d >= int.MinValue && d <= int.MaxValue,
        TypeCode.UInt32 => d >= uint.MinValue && d <= uint.MaxValue,
        // 2^63 and 2^64 are exact doubles; the bounds are exclusive.
        TypeCode.Int64 => d >= -9.223372036854775808e18 && d < 9.223372036854775808e18,
        TypeCode.UInt64 => d >= 0 && d < 1.8446744073709551616e19,
        TypeCode.Single => !double.IsFinite(d) || Math.Abs(d) <= float.MaxValue,
        TypeCode.Double => true,
        TypeCode.Decimal => double.IsFinite(d) && Math.Abs(d) < 7.9e28,
        _ => false,
    };

    /// <summary>Converts an argument already accepted by <see cref="Score"/>.</summary>
    public static object? Convert(Arg a, Type p)
    {
        var t = Nullable.GetUnderlyingType(p) ?? p;
        try
        {
            switch (a.Kind)
            {
                case "null": return null;
                case "str":
                    var s = (string)a.Value!;
                    if (t == typeof(char)) return s[0];
                    return t.IsEnum ? Enum.Parse(t, s, ignoreCase: true) : s;
                case "num":
                    var d = (double)a.Value!;
                    if (t == typeof(object)) return ValueCodec.LooseNumber(d);
                    if (t.IsEnum) return Enum.ToObject(t, (long)d);
                    return System.Convert.ChangeType(d, t, CultureInfo.InvariantCulture);
                case "arr":
                    return t.IsSZArray ? BuildArray(a, t.GetElementType()!, Convert) : a.Loose();
                case "enum":
                    return ValueCodec.IsIntegral(t) ? System.Convert.ChangeType(a.Value, t, CultureInfo.InvariantCulture) : a.Value;
                default:
                    return a.Loose();
            }
        }
        catch (Exception ex) when (ex is not BridgeBindingException)
        {
            throw new BridgeBindingException($"cannot convert {a.Describe()} to {p.FullName}: {ex.Message}");
        }
    }

    /// <summary>A one-dimensional array of <paramref name="elem"/> from an "arr" argument, item by item.</summary>
    public static Array BuildArray(Arg a, Type elem, Func<Arg, Type, object?> convertItem)
    {
        var arr = Array.CreateInstance(elem, a.Items.Count);
        for (var i = 0; i < a.Items.Count; i++) arr.SetValue(convertItem(a.Items[i], elem), i);
        return arr;
    }

    /// <summary>Picks the best candidate, or throws a binding error naming <paramref name="what"/>.</summary>
    public static T Select<T>(IEnumerable<T> candidates, Arg[] args, string what) where T : MethodBase
    {
        T? best = null;
        int bestScore = -1, bestObjects = int.MaxValue;
        var any = false;
        foreach (var c in candidates)
        {
            any = true;
            if (c.ContainsGenericParameters) continue;
            var ps = c.GetParameters();
            if (ps.Length != args.Length) continue;
            int total = 0, objects = 0;
            var ok = true;
            for (var i = 0; i < ps.Length && ok; i++)
            {
                var pt = ps[i].ParameterType;
                var s = pt.IsByRef ? RefScore(args[i], pt.GetElementType()!) : Score(args[i], pt);
                ok = s >= 0;
                total += s;
                if ((pt.IsByRef ? pt.GetElementType() : pt) == typeof(object)) objects++;
            }
            // Tie: fewer object parameters is more specific; then declaration order.
            if (ok && (total > bestScore || (total == bestScore && objects < bestObjects)))
                (best, bestScore, bestObjects) = (c, total, objects);
        }
        if (best is not null) return best;
        if (!any) throw new BridgeBindingException($"{what} not found");
        throw new BridgeBindingException($"no overload of {what} takes ({string.Join(", ", args.Select(a => a.Describe()))})");
    }

    private static int RefScore(Arg a, Type elem)
    {
        if (a.Kind != "ref" || elem.IsByRefLike) return -1;
        // A null initial value is fine for out (and, like PowerShell, for ref) parameters.
        return a.Inner!.Kind == "null" ? 1 : Score(a.Inner, elem);
    }

    /// <summary>Invokes a selected method/constructor and builds the writeBack list.</summary>
    /// <summary>Whether the last invoked method returns void: PowerShell writes nothing for such a call.</summary>
    [ThreadStatic] public static bool LastWasVoid;

    public static object? Invoke(MethodBase m, object? target, Arg[] args, out JsonArray writeBack)
    {
        var ps = m.GetParameters();
        var values = new object?[args.Length];
        for (var i = 0; i < args.Length; i++)
        {
            var pt = ps[i].ParameterType;
            if (pt.IsByRef)
            {
                var elem = pt.GetElementType()!;
                values[i] = args[i].Inner!.Kind == "null"
                    ? (elem.IsValueType ? Activator.CreateInstance(elem) : null)
                    : Convert(args[i].Inner!, elem);
            }
            else values[i] = Convert(args[i], pt);
        }
        // TargetInvocationException propagates; Operations unwraps it into an "invocation" error.
        var result = m is ConstructorInfo ctor ? ctor.Invoke(values) : m.Invoke(target, values);
        LastWasVoid = m is MethodInfo { ReturnType: var rt } && rt == typeof(void);
        writeBack = [];
        for (var i = 0; i < args.Length; i++)
        {
            // byte[] crossed by value, so report its content after the call (e.g. Stream.Read).
            if (args[i].Kind == "bytes")
                writeBack.Add(new JsonObject { ["index"] = i, ["value"] = ValueCodec.Encode(args[i].Value) });
            else if (args[i].Kind == "ref")
                writeBack.Add(new JsonObject { ["index"] = i, ["value"] = ValueCodec.Encode(values[i]) });
        }
        return result;
    }
}
