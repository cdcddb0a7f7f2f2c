// Delegates backed by PowerShell scriptblocks living on the TS side.
using System.Linq.Expressions;
using System.Text.Json.Nodes;

namespace DotnetBridge;

internal sealed class Callbacks
{
    private readonly int callbackId;
    private readonly Type delegateType;
    private readonly Type returnType;
    private readonly Operations ops;

    private Callbacks(int callbackId, Type delegateType, Type returnType, Operations ops)
    {
        this.callbackId = callbackId;
        this.delegateType = delegateType;
        this.returnType = returnType;
        this.ops = ops;
    }

    /// <summary>
    /// Builds a delegate of <paramref name="delegateType"/> whose body boxes the arguments and calls
    /// <see cref="Invoke"/>. Expression trees let one dispatcher serve any delegate signature.
    /// </summary>
    public static Delegate Create(Type delegateType, int callbackId, Operations ops)
    {
        if (!typeof(Delegate).IsAssignableFrom(delegateType) || delegateType.IsAbstract)
            throw new BridgeBindingException($"{delegateType.FullName} is not a delegate type");
        var invoke = delegateType.GetMethod("Invoke")!;
        var ps = invoke.GetParameters();
        if (ps.Any(p => p.ParameterType.IsByRef || p.ParameterType.IsByRefLike))
            throw new BridgeBindingException($"delegate {delegateType.FullName} has ref or span parameters");
        var parameters = ps.Select(p => Expression.Parameter(p.ParameterType, p.Name)).ToArray();
        var dispatcher = new Callbacks(callbackId, delegateType, invoke.ReturnType, ops);
        Expression call = Expression.Call(
            Expression.Constant(dispatcher),
            typeof(Callbacks).GetMethod(nameof(Invoke))!,
            Expression.NewArrayInit(typeof(object), parameters.Select(p => Expression.Convert(p, typeof(object)))));
        Expression body = invoke.ReturnType == typeof(void)
            ? Expression.Block(typeof(void), call)
            : Expression.Convert(call, invoke.ReturnType);
        return Expression.Lambda(delegateType, body, parameters).Compile();
    }

    /// <summary>Called by .NET through the compiled delegate.</summary>
    public object? Invoke(object?[] args)
    {
        var message = new JsonObject
        {
            ["callback"] = callbackId,
            ["args"] = new JsonArray(args.Select(ValueCodec.Encode).ToArray()),
        };
        var reply = ops.Exchange(message);
        if (reply.ContainsKey("callbackError"))
            throw new InvalidOperationException((string?)reply["callbackError"] ?? "callback failed");
        if (returnType == typeof(void)) return null;
        var result = Arg.From(reply["callbackResult"]);
        // No PowerShell truthiness here: a bool delegate must get a real bool, so a scriptblock
        // that accidentally outputs something else is noticed instead of silently accepted.
        if (returnType == typeof(bool) && result.Kind != "bool")
            throw Fail($"must return a bool, got {result.Describe()}");
        if (result.Kind == "null" && returnType.IsValueType && Nullable.GetUnderlyingType(returnType) is null)
            throw Fail($"returned null for {returnType.FullName}");
        if (Binder.Score(result, returnType) < 0) throw Fail($"returned {result.Describe()}, not convertible to {returnType.FullName}");
        return Binder.Convert(result, returnType);
    }

    private InvalidOperationException Fail(string what) =>
        new($"callback {callbackId} for {delegateType.FullName} {what}");
}
