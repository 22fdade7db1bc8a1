using FastPath.Ports.Registry;

namespace FastPath.Engine;

/// <summary>One <c>AddPortDrivers</c> call, applied to the engine's registry when it is created.</summary>
internal sealed record PortDriverRegistration(Action<PortRegistry> Register);
