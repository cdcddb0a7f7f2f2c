// Request dispatch: one method per op (see README.md "Ops").
using System.Reflection;
using System.Text.Json.Nodes;

namespace DotnetBridge;

internal sealed partial class Operations(Transport transport)
{
    private const BindingFlags InstanceFlags = BindingFlags.Public | BindingFlags.Instance;
    private const BindingFlags StaticFlags = BindingFlags.Public | BindingFlags.Static | BindingFlags.FlattenHierarchy;

    /// <summary>Handles one request line and returns the response line.</summary>
    public string Handle(string line)
    {
        JsonNode? id = null;
        var response = new JsonObject();
        try
        {
            var req = JsonNode.Parse(line) as JsonObject ?? throw new BridgeBindingException("request is not a JSON object");
            id = req["id"]?.DeepClone();
            response["id"] = id;
            Binder.LastWasVoid = false;
            var value = Dispatch(req, out var writeBack);
            response["ok"] = true;
            response["value"] = value;
            if (Binder.LastWasVoid) response["isVoid"] = true;
            if (writeBack is not null) response["writeBack"] = writeBack;
        }
        catch (Exception ex)
        {
            response["id"] ??= id;
            response["ok"] = false;
            response["error"] = ErrorFor(ex);
        }
        return response.ToJsonString();
    }

    private static JsonObject ErrorFor(Exception ex)
    {
        // The member's own exception is what PowerShell would surface, not the reflection wrapper.
        while (ex is TargetInvocationException { InnerException: { } inner }) ex = inner;
        if (ex is BridgeBindingException or System.Text.Json.JsonException)
            return new JsonObject { ["kind"] = "binding", ["type"] = ex.GetType().FullName, ["message"] = ex.Message };
        return new JsonObject
        {
            ["kind"] = "invocation", ["type"] = ex.GetType().FullName, ["message"] = ex.Message,
            ["exception"] = ValueCodec.Encode(ex),
        };
    }

    private JsonNode? Dispatch(JsonObject req, out JsonArray? writeBack)
    {
        writeBack = null;
        var op = Str(req, "op");
        object? result = op switch
        {
            "static" => Static(req, out writeBack),
            "new" => New(req, out writeBack),
            "call" => Call(req, out writeBack),
            "get" => Get(req),
            "set" => Set(req),
            "index" => Index(req),
            "items" => Items(req),
            "str" => Str(Arg.From(req["target"]).Loose()),
            "equals" => EqualsOp(req),
            "compare" => Compare(req),
            "binary" => BinaryOp(req),
            "is" => Is(req),
            "convert" => Conversions.Cast(Arg.From(req["value"]), TypeResolver.Resolve(Str(req, "type"))),
            "delegate" => Callbacks.Create(TypeResolver.Resolve(Str(req, "type")), (int)(req["callback"]
                ?? throw new BridgeBindingException("delegate request without \"callback\"")), this),
            "properties" => Properties(req),
            _ => throw new BridgeBindingException($"unknown op '{op}'"),
        };
        return ValueCodec.Encode(result);
    }

    private static string Str(JsonObject req, string field) =>
        (string?)req[field] ?? throw new BridgeBindingException($"request without \"{field}\"");

    private static Arg[] Args(JsonNode? node) =>
        node is JsonArray a ? a.Select(Arg.From).ToArray()
        : node is null ? [] : throw new BridgeBindingException("\"args\" must be an array");

    private static object Target(JsonObject req, string field = "target") =>
        Arg.From(req[field]).Loose() ?? throw new BridgeBindingException($"{field} is null");

    private static bool NameIs(MemberInfo m, string name) => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase);

    private static object? Static(JsonObject req, out JsonArray writeBack)
    {
        var type = TypeResolver.Resolve(Str(req, "type"));
        var name = Str(req, "name");
        writeBack = [];
        if (req["args"] is null)
        {
            // Static property or field, including enum members and [DateTime]::UtcNow.
            var prop = type.GetProperties(StaticFlags).FirstOrDefault(p => NameIs(p, name) && p.GetIndexParameters().Length == 0);
            if (prop is not null) return prop.GetValue(null);
            var field = type.GetFields(StaticFlags).FirstOrDefault(f => NameIs(f, name));
            if (field is not null) return field.GetValue(null);
            throw new BridgeBindingException($"{type.FullName} has no public static property or field '{name}'");
        }
        var args = Args(req["args"]);
        var method = Binder.Select(type.GetMethods(StaticFlags).Where(m => NameIs(m, name)), args, $"{type.FullName}.{name}");
        return Binder.Invoke(method, null, args, out writeBack);
    }

    private static object? New(JsonObject req, out JsonArray writeBack)
    {
        var type = TypeResolver.Resolve(Str(req, "type"));
        var args = Args(req["args"]);
        writeBack = [];
        // Structs have no reflected parameterless constructor: [DateTime]::new() is default(T).
        if (args.Length == 0 && type.IsValueType) return Activator.CreateInstance(type);
        var ctor = Binder.Select(type.GetConstructors(), args, $"{type.FullName} constructor");
        return Binder.Invoke(ctor, null, args, out writeBack);
    }

    private static object? Call(JsonObject req, out JsonArray writeBack)
    {
        var target = Target(req);
        var name = Str(req, "name");
        var args = Args(req["args"]);
        var t = target.GetType();
        var method = Binder.Select(InstanceMembers(t, x => x.GetMethods(InstanceFlags)).Where(m => NameIs(m, name)),
            args, $"{t.FullName}.{name}");
        return Binder.Invoke(method, target, args, out writeBack);
    }

    // The runtime type first, then its interfaces: objects of non-public types (e.g. the
    // IAsyncResult from BeginConnect) and explicit implementations are reachable that way.
    private static IEnumerable<T> InstanceMembers<T>(Type t, Func<Type, T[]> get) =>
        get(t).Concat(t.GetInterfaces().SelectMany(get));

    private static PropertyInfo? FindProperty(Type t, string name) =>
        InstanceMembers(t, x => x.GetProperties(InstanceFlags))
            .FirstOrDefault(p => NameIs(p, name) && p.GetIndexParameters().Length == 0);

    // An override that declares only one accessor (RSAOpenSsl.KeySize has only `set`) hides the base's other
    // one from Type.GetProperties, so the accessor is looked for on each base type in turn.
    private static PropertyInfo? FindProperty(Type t, string name, bool getter)
    {
        for (var ty = t; ty is not null; ty = ty.BaseType)
        {
            var p = ty.GetProperties(InstanceFlags | BindingFlags.DeclaredOnly).FirstOrDefault(p =>
                NameIs(p, name) && p.GetIndexParameters().Length == 0
                && (getter ? p.GetGetMethod() : p.GetSetMethod()) is not null);
            if (p is not null) return p;
        }
        return FindProperty(t, name);
    }

    private static object? Get(JsonObject req)
    {
        var target = Target(req);
        var name = Str(req, "name");
        var t = target.GetType();
        var prop = FindProperty(t, name, getter: true);
        if (prop is not null && prop.GetGetMethod() is not null) return prop.GetValue(target);
        var field = t.GetFields(InstanceFlags).FirstOrDefault(f => NameIs(f, name));
        if (field is not null) return field.GetValue(target);
        throw new BridgeBindingException($"{t.FullName} has no public instance property or field '{name}'");
    }

    private static object? Set(JsonObject req)
    {
        var target = Target(req);
        var name = Str(req, "name");
        var value = Arg.From(req["value"]);
        var t = target.GetType();
        var prop = FindProperty(t, name, getter: false);
        if (prop is not null && prop.GetSetMethod() is not null)
        {
            prop.SetValue(target, ConvertForSet(value, prop.PropertyType));
            return null;
        }
        var field = t.GetFields(InstanceFlags).FirstOrDefault(f => NameIs(f, name) && !f.IsInitOnly && !f.IsLiteral);
        if (field is not null)
        {
            field.SetValue(target, ConvertForSet(value, field.FieldType));
            return null;
        }
        throw new BridgeBindingException($"{t.FullName} has no settable public property or field '{name}'");
    }

    // Assignment converts like a cast in PowerShell; try the binder's rules first so that
    // e.g. a number keeps its exact value, then the cast rules (string -> int, ...).
    private static object? ConvertForSet(Arg value, Type type) =>
        Binder.Score(value, type) >= 0 ? Binder.Convert(value, type) : Conversions.Cast(value, type);
}
