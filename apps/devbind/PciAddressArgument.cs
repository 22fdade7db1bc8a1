using System.CommandLine;
using FastPath.Vfio.Pci;

namespace FastPath.Apps.Devbind;

/// <summary>An argument of one or more PCI addresses, validated while parsing so a malformed one is a usage error.</summary>
internal static class PciAddressArgument
{
    public static Argument<PciAddress[]> Create(string description) => new("BDF")
    {
        Description = description,
        Arity = ArgumentArity.OneOrMore,
        CustomParser = result =>
        {
            var addresses = new List<PciAddress>();
            foreach (var token in result.Tokens)
            {
                if (PciAddress.TryParse(token.Value, out PciAddress address, out string? error))
                {
                    addresses.Add(address);
                }
                else
                {
                    result.AddError(error);
                }
            }

            return [.. addresses];
        },
    };
}
