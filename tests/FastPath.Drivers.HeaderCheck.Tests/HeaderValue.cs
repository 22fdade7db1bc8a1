namespace FastPath.Drivers.HeaderCheck.Tests;

/// <summary>One number the C# side claims: <paramref name="CExpression"/> evaluated against the kernel header must equal <paramref name="Value"/>.</summary>
/// <param name="CExpression">C expression over the kernel header's macros, unions and structs.</param>
/// <param name="Value">The C# value.</param>
/// <param name="Name">The C# definition, "Class.Member" or "Class.Method(n)" or "Struct.Field offset".</param>
public sealed record HeaderValue(string CExpression, ulong Value, string Name);

/// <summary>A C# constant the kernel headers do not hold, with the datasheet section that does and why.</summary>
public sealed record NotInHeaders(string Name, string Citation);
