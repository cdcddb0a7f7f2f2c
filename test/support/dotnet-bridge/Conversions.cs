// PowerShell cast ([T]value) and operator (-eq/-lt) conversions, limited to the cases the
// generated code needs. Everything else is refused so the TS side never sees a guess.
using System.Globalization;

namespace DotnetBridge;

internal static class Conversions
{
    /// <summary>`[T]value`. Throws BridgeBindingException when the conversion is not supported or fails.</summary>
    public static object? Cast(Arg a, Type target)
    {
        if (a.Kind == "ref") throw new BridgeBindingException($"cannot convert [ref] to {target.FullName}");
        var t = Nullable.GetUnderlyingType(target) ?? target;
        if (a.Kind == "null")
        {
            if (!target.IsValueType || t != target) return null;
            throw new BridgeBindingException($"cannot convert null to {target.FullName}");
        }
        try
        {
            if (t.IsEnum)
            {
                switch (a.Kind)
                {
                    // Enum.Parse handles flags lists such as 'Tls, Tls11, Tls12'.
                    case "str": return Enum.Parse(t, (string)a.Value!, ignoreCase: true);
                    case "num":
                        var d = (double)a.Value!;
                        if (double.IsFinite(d) && Math.Floor(d) == d) return Enum.ToObject(t, (long)d);
                        break;
                    case "enum" when a.Value!.GetType() == t: return a.Value;
                }
                throw Refuse(a, target);
            }
            if (t.IsSZArray && a.Kind == "arr") return Binder.BuildArray(a, t.GetElementType()!, Cast);
            var value = a.Loose();
            if (t.IsInstanceOfType(value)) return value;
            // string/number/bool/enum -> primitive, decimal, string, DateTime.
            if (IsConvertTarget(t) && a.Kind is "str" or "num" or "bool" or "enum")
                return System.Convert.ChangeType(a.Kind == "num" ? a.Value : value, t, CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is not BridgeBindingException)
        {
            throw new BridgeBindingException($"cannot convert {a.Describe()} to {target.FullName}: {ex.Message}");
        }
        throw Refuse(a, target);
    }

    private static bool IsConvertTarget(Type t) =>
        t.IsPrimitive || t == typeof(decimal) || t == typeof(string) || t == typeof(DateTime);

    private static BridgeBindingException Refuse(Arg a, Type target) =>
        new($"cannot convert {a.Describe()} to {target.FullName}");

    /// <summary>
    /// Converts the right operand of -eq/-lt/-gt to the left operand's type, as PowerShell does.
    /// Returns false when the conversion is not possible.
    /// </summary>
    public static bool TryConvertOperand(Arg right, Type leftType, out object? converted)
    {
        converted = null;
        if (right.Kind == "ref") return false;
        var value = right.Loose();
        if (value is null || leftType.IsInstanceOfType(value))
        {
            converted = value;
            return true;
        }
        try
        {
            if (leftType.IsEnum)
            {
                if (value is string s) return Enum.TryParse(leftType, s, ignoreCase: true, out converted);
                if (value is int or long) { converted = Enum.ToObject(leftType, value); return true; }
                return false;
            }
            if (IsConvertTarget(leftType) && value is IConvertible)
            {
                converted = System.Convert.ChangeType(value, leftType, CultureInfo.InvariantCulture);
                return true;
            }
        }
        catch (Exception ex) when (ex is FormatException or InvalidCastException or OverflowException or ArgumentException)
        {
            converted = null;
        }
        return false;
    }
}
