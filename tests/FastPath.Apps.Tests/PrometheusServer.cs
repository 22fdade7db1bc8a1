using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace FastPath.Apps.Tests;

/// <summary>
/// A real Prometheus server (Debian's <c>prometheus</c> package, which tests/install-deps.sh installs) on a loopback
/// port, with a scrape config of its own in a temporary folder: one job scraping one target every second. Disposing
/// it kills the server by its pid and deletes the folder, its data included.
/// </summary>
internal sealed class PrometheusServer : IDisposable
{
    public const string Binary = "/usr/bin/prometheus";

    private readonly Process _process;
    private readonly DirectoryInfo _folder;
    private readonly StringBuilder _log = new();
    private readonly HttpClient _client = new() { Timeout = TimeSpan.FromSeconds(10) };

    private PrometheusServer(Process process, DirectoryInfo folder, Uri url)
    {
        _process = process;
        _folder = folder;
        Url = url;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Uri Url { get; }

    /// <summary>Whether the server can run here; under CI a missing server fails the test rather than skipping it.</summary>
    public static bool IsInstalled => File.Exists(Binary);

    /// <summary>Starts a server scraping <paramref name="target"/> (host:port) as job <paramref name="job"/> every second.</summary>
    public static PrometheusServer Start(string job, string target)
    {
        Assert.True(IsInstalled, $"{Binary} is not installed; run tests/install-deps.sh (it installs Debian's prometheus package).");
        DirectoryInfo folder = Directory.CreateTempSubdirectory("fastpath-prometheus-");
        try
        {
            string config = Path.Combine(folder.FullName, "prometheus.yml");
            File.WriteAllText(config, $"""
                global:
                  scrape_interval: 1s
                  scrape_timeout: 1s
                scrape_configs:
                  - job_name: {job}
                    static_configs:
                      - targets: ['{target}']
                """);
            int port = FreePort();
            var info = new ProcessStartInfo(Binary) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (string arg in new[]
            {
                $"--config.file={config}", $"--storage.tsdb.path={Path.Combine(folder.FullName, "data")}",
                $"--web.listen-address=127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}", "--log.level=warn",
            })
            {
                info.ArgumentList.Add(arg);
            }

            return new PrometheusServer(Process.Start(info)!, folder, new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/"));
        }
        catch
        {
            folder.Delete(recursive: true);
            throw;
        }
    }

    /// <summary>A free loopback port (free when asked; the caller binds it next).</summary>
    public static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    /// <summary>Waits until the server answers /-/ready.</summary>
    public async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < timeout)
        {
            Assert.False(_process.HasExited, $"prometheus exited with {(_process.HasExited ? _process.ExitCode : 0)}: {Log}");
            try
            {
                using HttpResponseMessage response = await _client.GetAsync(new Uri(Url, "-/ready"));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        Assert.Fail($"prometheus was not ready within {timeout}: {Log}");
    }

    /// <summary>Runs an instant query (<c>/api/v1/query</c>) and returns its <c>data.result</c>.</summary>
    public async Task<JsonElement> QueryAsync(string promql)
    {
        string body = await _client.GetStringAsync(new Uri(Url, "api/v1/query?query=" + Uri.EscapeDataString(promql)));
        JsonElement root = JsonDocument.Parse(body).RootElement;
        Assert.True(root.GetProperty("status").GetString() == "success", body);
        return root.GetProperty("data").GetProperty("result");
    }

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public void Dispose()
    {
        _client.Dispose();
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                _process.WaitForExit();
            }
        }
        finally
        {
            _process.Dispose();
            _folder.Delete(recursive: true);
        }
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_log)
            {
                _log.AppendLine(line);
            }
        }
    }
}
