using System.Text.Json;

namespace FastPath.Testing;

/// <summary>Finds Crank's job-statistics blocks in console output, as Crank's agent does: the text between a <c>#StartJobStatistics</c> line and a <c>#EndJobStatistics</c> line.</summary>
public static class CrankBlocks
{
    /// <summary>The blocks' JSON payloads, in order.</summary>
    public static List<JsonElement> Parse(string output)
    {
        var blocks = new List<JsonElement>();
        string[] lines = output.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            if (lines[i].TrimEnd() != "#StartJobStatistics")
            {
                continue;
            }

            int end = Array.FindIndex(lines, i + 1, line => line.TrimEnd() == "#EndJobStatistics");
            if (end < 0)
            {
                throw new InvalidDataException($"The #StartJobStatistics at line {i} has no #EndJobStatistics: {output}");
            }

            blocks.Add(JsonDocument.Parse(string.Join('\n', lines[(i + 1)..end])).RootElement);
            i = end;
        }

        return blocks;
    }
}
