// Resolves type names the way PowerShell code writes them: full names, names with an implied
// "System." prefix, type accelerators, T[] arrays and Name[Arg,...] generics; case-insensitive.
using System.Collections;
using System.Globalization;
using System.Net;
using System.Reflection;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;

namespace DotnetBridge;

internal static class TypeResolver
{
    // Assemblies whose types are named by the generated code; in .NET they are loaded lazily,
    // so a by-name search would otherwise miss them.
    private static readonly string[] Preload =
    [
        "System.Runtime", "System.Private.CoreLib", "System.Net.Primitives", "System.Net.Sockets",
        "System.Net.Security", "System.Net.NameResolution", "System.Security.Cryptography",
        "System.Security.Cryptography.X509Certificates", "System.Collections", "System.Linq",
        "System.Text.RegularExpressions", "System.Runtime.Extensions", "System.Console",
    ];

    // PowerShell type accelerators (the subset that makes sense without System.Management.Automation).
    private static readonly Dictionary<string, Type> Accelerators = new(StringComparer.OrdinalIgnoreCase)
    {
        ["regex"] = typeof(Regex), ["datetime"] = typeof(DateTime), ["timespan"] = typeof(TimeSpan),
        ["guid"] = typeof(Guid), ["ipaddress"] = typeof(IPAddress), ["string"] = typeof(string),
        ["char"] = typeof(char), ["bool"] = typeof(bool), ["object"] = typeof(object),
        ["byte"] = typeof(byte), ["sbyte"] = typeof(sbyte), ["short"] = typeof(short),
        ["ushort"] = typeof(ushort), ["int"] = typeof(int), ["uint"] = typeof(uint),
        ["long"] = typeof(long), ["ulong"] = typeof(ulong), ["float"] = typeof(float),
        ["single"] = typeof(float), ["double"] = typeof(double), ["decimal"] = typeof(decimal),
        ["array"] = typeof(Array), ["hashtable"] = typeof(Hashtable), ["type"] = typeof(Type),
        ["version"] = typeof(Version), ["uri"] = typeof(Uri), ["cultureinfo"] = typeof(CultureInfo),
        ["x509certificate"] = typeof(X509Certificate), ["void"] = typeof(void),
    };

    private static readonly Dictionary<string, Type?> Cache = new(StringComparer.OrdinalIgnoreCase);

    public static void PreloadAssemblies()
    {
        foreach (var name in Preload)
        {
            try { Assembly.Load(new AssemblyName(name)); }
            catch (Exception ex) { Console.Error.WriteLine($"dotnet-bridge: cannot load {name}: {ex.Message}"); }
        }
    }

    public static Type Resolve(string name) =>
        TryResolve(name) ?? throw new BridgeBindingException($"unable to find type [{name}]");

    public static Type? TryResolve(string raw)
    {
        var name = raw.Trim();
        // "[System.Int32]" as written in PowerShell source.
        if (name.StartsWith('[') && name.EndsWith(']')) name = name[1..^1].Trim();
        lock (Cache)
        {
            if (Cache.TryGetValue(name, out var cached)) return cached;
        }
        var t = ResolveUncached(name);
        lock (Cache) Cache[name] = t;
        return t;
    }

    private static Type? ResolveUncached(string name)
    {
        if (name.Length == 0) return null;
        if (name.EndsWith("[]", StringComparison.Ordinal)) return TryResolve(name[..^2])?.MakeArrayType();
        var lb = name.IndexOf('[');
        if (lb > 0 && name.EndsWith(']')) return ResolveGeneric(name[..lb], name[(lb + 1)..^1]);
        if (Accelerators.TryGetValue(name, out var acc)) return acc;
        return Search(name) ?? Search("System." + name);
    }

    // PowerShell generic syntax: List[string], Dictionary[string,int], List[byte[]].
    private static Type? ResolveGeneric(string baseName, string argList)
    {
        var parts = new List<string>();
        int depth = 0, start = 0;
        for (var i = 0; i < argList.Length; i++)
        {
            if (argList[i] == '[') depth++;
            else if (argList[i] == ']') depth--;
            else if (argList[i] == ',' && depth == 0) { parts.Add(argList[start..i]); start = i + 1; }
        }
        parts.Add(argList[start..]);
        var def = TryResolve($"{baseName}`{parts.Count}");
        if (def is null || !def.IsGenericTypeDefinition) return null;
        var args = new Type[parts.Count];
        for (var i = 0; i < parts.Count; i++)
        {
            var a = TryResolve(parts[i]);
            if (a is null) return null;
            args[i] = a;
        }
        try { return def.MakeGenericType(args); }
        catch (ArgumentException) { return null; } // constraint violation
    }

    private static Type? Search(string name)
    {
        foreach (var asm in AppDomain.CurrentDomain.GetAssemblies())
        {
            Type? t;
            try { t = asm.GetType(name, throwOnError: false, ignoreCase: true); }
            catch (Exception) { continue; }
            // Only public types: PowerShell cannot name internal ones either.
            if (t is not null && (t.IsPublic || t.IsNestedPublic)) return t;
        }
        return null;
    }
}
