using FastPath.Apps.Plot;
using FastPath.Hosting.Plots;

// fastpath-plot DATA PNG: the data pktgen --rx --plot wrote (PlotData), drawn to PNG.
if (args.Length != 2)
{
    Console.Error.WriteLine("usage: fastpath-plot DATA-FILE OUTPUT.png (pktgen --rx --plot FILE.png runs it for you)");
    return 2;
}

try
{
    PlotData data;
    using (var reader = new StreamReader(args[0]))
    {
        data = PlotData.Read(reader);
    }

    ReceivePlot.Write(data, args[1]);
    return 0;
}
catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or FormatException)
{
    Console.Error.WriteLine($"fastpath-plot: {exception.Message}");
    return 1;
}
