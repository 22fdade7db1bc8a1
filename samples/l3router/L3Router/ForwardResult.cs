using System.Runtime.CompilerServices;

namespace L3Router;

/// <summary>The outcome of forwarding one frame: the action and, for <see cref="ForwardAction.Forward"/>, the output port.</summary>
public readonly record struct ForwardResult
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ForwardResult(ForwardAction action, ushort port)
    {
        Action = action;
        Port = port;
    }

    /// <summary>What to do with the frame.</summary>
    public ForwardAction Action { get; }

    /// <summary>The output port when <see cref="Action"/> is <see cref="ForwardAction.Forward"/>; 0 otherwise.</summary>
    public ushort Port { get; }

    /// <summary>True when the frame goes out of <see cref="Port"/>; false when it is to be dropped.</summary>
    public bool IsForward => Action == ForwardAction.Forward;

    /// <summary>A forward out of <paramref name="port"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ForwardResult ForwardTo(ushort port) => new(ForwardAction.Forward, port);

    /// <summary>A drop for the given cause; throws for <see cref="ForwardAction.Forward"/>, which needs a port.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ForwardResult Drop(ForwardAction cause)
    {
        if (cause is ForwardAction.Forward or > ForwardAction.Unroutable)
            throw new ArgumentOutOfRangeException(nameof(cause), cause, "A drop needs a drop cause.");
        return new(cause, 0);
    }

    /// <summary>"Forward port N" or the drop cause.</summary>
    public override string ToString() => IsForward ? $"Forward port {Port}" : Action.ToString();
}
