namespace FastPath.Apps.Tests;

/// <summary>
/// A test that needs a Prometheus server. Outside CI it is skipped, with the reason, where none is installed; under
/// CI (<c>CI=true</c>) it always runs, so a machine without the server fails it instead of passing it silently.
/// </summary>
public sealed class PrometheusFactAttribute : FactAttribute
{
    /// <inheritdoc />
    public override string? Skip
    {
        get => base.Skip ?? (PrometheusServer.IsInstalled || Environment.GetEnvironmentVariable("CI") == "true"
            ? null
            : $"{PrometheusServer.Binary} is not installed (tests/install-deps.sh installs Debian's prometheus package)");
        set => base.Skip = value;
    }
}
