using FastPath.Traffic.Frames;

namespace FastPath.Traffic.Tests.Frames;

public sealed class VlanTagsTests
{
    [Fact]
    public void An_id_and_a_range_parse_and_the_control_information_packs_priority_and_id()
    {
        VlanTags one = VlanTags.Parse("100", priority: 5);
        Assert.Equal((100, 100, 1), (one.FirstId, one.LastId, one.Count));
        Assert.Equal((5 << 13) | 100, one.ControlAt(0));
        Assert.Equal(0xA064, one.ControlAt(7));

        VlanTags range = VlanTags.Parse("4090-4094");
        Assert.Equal(5, range.Count);
        Assert.Equal([4090, 4091, 4092, 4093, 4094, 4090], Enumerable.Range(0, 6).Select(i => (int)range.ControlAt(i)));
    }

    [Theory]
    [InlineData("4095", "out of range")]
    [InlineData("200-100", "runs backwards")]
    [InlineData("ten", "is not a VLAN id")]
    [InlineData("-5", "is not a VLAN id")]
    public void Bad_ids_are_rejected_with_the_cause(string text, string cause) =>
        Assert.Contains(cause, Assert.Throws<FormatException>(() => VlanTags.Parse(text)).Message);

    [Fact]
    public void A_priority_above_seven_is_rejected() =>
        Assert.Contains("priority 8", Assert.Throws<FormatException>(() => VlanTags.Parse("1", priority: 8)).Message);

    [Theory]
    [InlineData("9018")]
    [InlineData("9220")]
    [InlineData("64-9220")]
    public void Jumbo_sizes_up_to_a_jumbo_buffer_parse(string text) =>
        Assert.True(FrameSizes.Parse(text).Largest <= FrameOffsets.MaximumJumboFrameLength);

    [Fact]
    public void A_size_beyond_a_jumbo_buffer_is_rejected() =>
        Assert.Contains("64 to 9220", Assert.Throws<FormatException>(() => FrameSizes.Parse("9221")).Message);
}
