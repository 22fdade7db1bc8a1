using System.Net;
using FastPath.Drivers.Intel.Rss;

namespace FastPath.Drivers.Intel.Tests;

/// <summary>
/// Microsoft's "Verifying the RSS Hash Calculation" vectors (learn.microsoft.com/windows-hardware/drivers/network/
/// verifying-the-rss-hash-calculation; also 82599 datasheet 7.1.2.8.3), under the standard key 6d5a56da255b0ec2...
/// </summary>
public class ToeplitzHashTests
{
    [Theory]
    [InlineData("66.9.149.187", 2794, "161.142.100.80", 1766, 0x323e8fc2u, 0x51ccc178u)]
    [InlineData("199.92.111.2", 14230, "65.69.140.83", 4739, 0xd718262au, 0xc626b0eau)]
    [InlineData("24.19.198.95", 12898, "12.22.207.184", 38024, 0xd2d0a5deu, 0x5c2b394au)]
    [InlineData("38.27.205.30", 48228, "209.142.163.6", 2217, 0x82989176u, 0xafc7327fu)]
    [InlineData("153.39.163.191", 44251, "202.188.127.2", 1303, 0x5d1809c5u, 0x10e828a2u)]
    [InlineData("3ffe:2501:200:1fff::7", 2794, "3ffe:2501:200:3::1", 1766, 0x2cc18cd5u, 0x40207d3du)]
    [InlineData("3ffe:501:8::260:97ff:fe40:efab", 14230, "ff02::1", 4739, 0x0f0c461cu, 0xdde51bbfu)]
    [InlineData("3ffe:1900:4545:3:200:f8ff:fe21:67cf", 44251, "fe80::200:f8ff:fe21:67cf", 38024, 0x4b61e985u, 0x02d1feefu)]
    public void MatchesMicrosoftVerificationSuite(string source, int sourcePort, string destination, int destinationPort, uint addressesOnly, uint withPorts)
    {
        byte[] addresses = [.. IPAddress.Parse(source).GetAddressBytes(), .. IPAddress.Parse(destination).GetAddressBytes()];
        byte[] ports = [(byte)(sourcePort >> 8), (byte)sourcePort, (byte)(destinationPort >> 8), (byte)destinationPort];

        Assert.Equal(addressesOnly, ToeplitzHash.Compute(ToeplitzHash.VerificationKey, addresses));
        Assert.Equal(withPorts, ToeplitzHash.Compute(ToeplitzHash.VerificationKey, [.. addresses, .. ports]));
    }
}
