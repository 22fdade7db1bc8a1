using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using FastPath.Drivers.Intel.Descriptors;
using FastPath.Mempool.Buffers;

namespace FastPath.Drivers.Intel.Rx;

/// <summary>
/// Turns advanced write-back descriptors into packet metadata: length, RSS hash, checksum and VLAN flags, packet type,
/// port and queue. Each method decodes the longest prefix of descriptors that are done, single-buffer and error free,
/// copies their buffers to the output and stops at the first other descriptor, which the queue handles itself.
/// All three paths write exactly the same metadata. The device's <see cref="RxFlagTable"/> supplies where its errors sit
/// (<see cref="RxFlagTable.GoodFrameMask"/>) and what its checksum bits mean.
/// </summary>
public static unsafe class RxDescriptorDecoder
{
    /// <summary>Whether <paramref name="path"/> can run on this machine.</summary>
    public static bool IsSupported(RxDecodePath path) => path switch
    {
        RxDecodePath.Scalar => true,
        RxDecodePath.Vector128 => Vector128.IsHardwareAccelerated && Ssse3.IsSupported,
        RxDecodePath.Vector256 => Vector256.IsHardwareAccelerated && Avx2.IsSupported,
        _ => false,
    };

    /// <summary>The widest path this machine accelerates.</summary>
    public static RxDecodePath Best =>
        IsSupported(RxDecodePath.Vector256) ? RxDecodePath.Vector256 :
        IsSupported(RxDecodePath.Vector128) ? RxDecodePath.Vector128 : RxDecodePath.Scalar;

    /// <summary>Decodes with <paramref name="path"/>; see the class remarks for what is decoded.</summary>
    /// <returns>How many descriptors were decoded (and buffers copied to <paramref name="output"/>).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Decode(RxDecodePath path, AdvancedRxDescriptor* descriptors, Packet* buffers, Packet* output, int count, in RxMetadataTemplate template, RxFlagTable flags, ref ulong bytes) => path switch
    {
        RxDecodePath.Vector256 => DecodeVector256(descriptors, buffers, output, count, template, flags, ref bytes),
        RxDecodePath.Vector128 => DecodeVector128(descriptors, buffers, output, count, template, flags, ref bytes),
        _ => DecodeScalar(descriptors, buffers, output, count, template, flags, ref bytes),
    };

    /// <summary>Decodes one descriptor at a time.</summary>
    public static int DecodeScalar(AdvancedRxDescriptor* descriptors, Packet* buffers, Packet* output, int count, in RxMetadataTemplate template, RxFlagTable flags, ref ulong bytes)
    {
        ushort dataOffset = template.DataOffset, port = template.Port, queue = template.Queue;
        uint goodMask = flags.GoodFrameMask;
        ref PacketFlags table = ref flags.First;
        ulong total = 0;
        int i = 0;
        for (; i < count; i++)
        {
            AdvancedRxDescriptor* descriptor = descriptors + i;
            // The status word is read first: the rest of the descriptor is valid only once DD is seen.
            uint status = Volatile.Read(ref descriptor->StatusError);
            if ((status & goodMask) != AdvancedRxStatus.GoodFrameValue)
            {
                break;
            }

            uint info = descriptor->PacketInfo;
            ushort length = descriptor->Length;
            PacketBuffer* buffer = buffers[i].Buffer;
            buffer->DataOffset = dataOffset;
            buffer->DataLength = length;
            buffer->PacketLength = length;
            buffer->Port = port;
            buffer->Queue = queue;
            buffer->RssHash = descriptor->RssHash;
            buffer->Flags = Unsafe.Add(ref table, (nint)RxFlagTable.Index(status, info));
            buffer->PacketType = (info >> AdvancedRxStatus.PacketTypeShift) & AdvancedRxStatus.PacketTypeMask;
            buffer->VlanTci = descriptor->VlanTag;
            output[i] = buffers[i];
            total += length;
        }

        bytes += total;
        return i;
    }

    /// <summary>Decodes four descriptors per step with SSSE3 shuffles, the rest with <see cref="DecodeScalar"/>.</summary>
    public static int DecodeVector128(AdvancedRxDescriptor* descriptors, Packet* buffers, Packet* output, int count, in RxMetadataTemplate template, RxFlagTable flags, ref ulong bytes)
    {
        if (!Ssse3.IsSupported)
        {
            return DecodeScalar(descriptors, buffers, output, count, template, flags, ref bytes);
        }

        Vector128<byte> initial = template.AsVector128();
        // Metadata bytes 8–23 from descriptor bytes: DataLength (meta 10–11) and the low half of PacketLength
        // (meta 12–13) <- length (desc 12–13), RssHash (meta 20–23) <- RSS hash (desc 4–7); 0x80 zeroes the byte,
        // the template fills it.
        Vector128<byte> shuffle = Vector128.Create((byte)0x80, 0x80, 12, 13, 12, 13, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 4, 5, 6, 7);
        Vector128<uint> goodMask = Vector128.Create(flags.GoodFrameMask);
        ref PacketFlags table = ref flags.First;
        Vector128<uint> goodValue = Vector128.Create(AdvancedRxStatus.GoodFrameValue);
        ulong total = 0;
        int i = 0;
        for (; i + 4 <= count; i += 4)
        {
            // Read back to front: when a later descriptor shows DD, the earlier ones were written before it.
            Vector128<uint> d3 = Vector128.Load((uint*)(descriptors + i + 3));
            Vector128<uint> d2 = Vector128.Load((uint*)(descriptors + i + 2));
            Vector128<uint> d1 = Vector128.Load((uint*)(descriptors + i + 1));
            Vector128<uint> d0 = Vector128.Load((uint*)(descriptors + i));

            Vector128<uint> low01 = Sse2.UnpackLow(d0, d1);
            Vector128<uint> low23 = Sse2.UnpackLow(d2, d3);
            Vector128<uint> high01 = Sse2.UnpackHigh(d0, d1);
            Vector128<uint> high23 = Sse2.UnpackHigh(d2, d3);
            Vector128<uint> info = Sse2.UnpackLow(low01.AsUInt64(), low23.AsUInt64()).AsUInt32();
            Vector128<uint> status = Sse2.UnpackLow(high01.AsUInt64(), high23.AsUInt64()).AsUInt32();
            Vector128<uint> lengthVlan = Sse2.UnpackHigh(high01.AsUInt64(), high23.AsUInt64()).AsUInt32();
            if (!Vector128.EqualsAll(status & goodMask, goodValue))
            {
                break;
            }

            Vector128<uint> index = FlagIndex(status, info);
            Vector128<uint> packetType = Vector128.ShiftRightLogical(info, AdvancedRxStatus.PacketTypeShift) & Vector128.Create(AdvancedRxStatus.PacketTypeMask);
            Vector128<uint> vlan = Vector128.ShiftRightLogical(lengthVlan, 16);
            total += Vector128.Sum(lengthVlan & Vector128.Create(0xFFFFu));

            Store(ref table, buffers[i].Buffer, Ssse3.Shuffle(d0.AsByte(), shuffle) | initial, index.GetElement(0), packetType.GetElement(0), vlan.GetElement(0));
            Store(ref table, buffers[i + 1].Buffer, Ssse3.Shuffle(d1.AsByte(), shuffle) | initial, index.GetElement(1), packetType.GetElement(1), vlan.GetElement(1));
            Store(ref table, buffers[i + 2].Buffer, Ssse3.Shuffle(d2.AsByte(), shuffle) | initial, index.GetElement(2), packetType.GetElement(2), vlan.GetElement(2));
            Store(ref table, buffers[i + 3].Buffer, Ssse3.Shuffle(d3.AsByte(), shuffle) | initial, index.GetElement(3), packetType.GetElement(3), vlan.GetElement(3));
            Vector128.Load((ulong*)(buffers + i)).Store((ulong*)(output + i));
            Vector128.Load((ulong*)(buffers + i + 2)).Store((ulong*)(output + i + 2));
        }

        bytes += total;
        return i + DecodeScalar(descriptors + i, buffers + i, output + i, count - i, template, flags, ref bytes);
    }

    /// <summary>Decodes four descriptors per step, two per AVX2 shuffle, the rest with <see cref="DecodeScalar"/>.</summary>
    public static int DecodeVector256(AdvancedRxDescriptor* descriptors, Packet* buffers, Packet* output, int count, in RxMetadataTemplate template, RxFlagTable flags, ref ulong bytes)
    {
        if (!Avx2.IsSupported)
        {
            return DecodeVector128(descriptors, buffers, output, count, template, flags, ref bytes);
        }

        Vector128<byte> initial128 = template.AsVector128();
        Vector256<byte> initial = Vector256.Create(initial128, initial128);
        Vector256<byte> shuffle = Vector256.Create(
            (byte)0x80, 0x80, 12, 13, 12, 13, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 4, 5, 6, 7,
            0x80, 0x80, 12, 13, 12, 13, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 4, 5, 6, 7);
        // After the unpacks below, lanes 0, 1, 4, 5 hold the status words of descriptors 0, 2, 1, 3.
        uint good = flags.GoodFrameMask;
        Vector256<uint> goodMask = Vector256.Create(good, good, 0, 0, good, good, 0, 0);
        ref PacketFlags table = ref flags.First;
        Vector256<uint> goodValue = Vector256.Create(AdvancedRxStatus.GoodFrameValue, AdvancedRxStatus.GoodFrameValue, 0, 0, AdvancedRxStatus.GoodFrameValue, AdvancedRxStatus.GoodFrameValue, 0, 0);
        Vector256<uint> lengthMask = Vector256.Create(0u, 0, 0xFFFF, 0xFFFF, 0, 0, 0xFFFF, 0xFFFF);
        ulong total = 0;
        int i = 0;
        for (; i + 4 <= count; i += 4)
        {
            Vector256<uint> d23 = Vector256.Load((uint*)(descriptors + i + 2));
            Vector256<uint> d01 = Vector256.Load((uint*)(descriptors + i));

            // Per 128-bit lane: low = [dA.0, dB.0, dA.1, dB.1], high = [dA.2, dB.2, dA.3, dB.3] with (A, B) = (0, 2), (1, 3).
            Vector256<uint> low = Avx2.UnpackLow(d01, d23);
            Vector256<uint> high = Avx2.UnpackHigh(d01, d23);
            if (!Vector256.EqualsAll(high & goodMask, goodValue))
            {
                break;
            }

            Vector256<uint> index = FlagIndex(high, low);
            Vector256<uint> packetType = Vector256.ShiftRightLogical(low, AdvancedRxStatus.PacketTypeShift) & Vector256.Create(AdvancedRxStatus.PacketTypeMask);
            Vector256<uint> vlan = Vector256.ShiftRightLogical(high, 16);
            total += Vector256.Sum(high & lengthMask);

            Vector256<byte> metadata01 = Avx2.Shuffle(d01.AsByte(), shuffle) | initial;
            Vector256<byte> metadata23 = Avx2.Shuffle(d23.AsByte(), shuffle) | initial;
            Store(ref table, buffers[i].Buffer, metadata01.GetLower(), index.GetElement(0), packetType.GetElement(0), vlan.GetElement(2));
            Store(ref table, buffers[i + 1].Buffer, metadata01.GetUpper(), index.GetElement(4), packetType.GetElement(4), vlan.GetElement(6));
            Store(ref table, buffers[i + 2].Buffer, metadata23.GetLower(), index.GetElement(1), packetType.GetElement(1), vlan.GetElement(3));
            Store(ref table, buffers[i + 3].Buffer, metadata23.GetUpper(), index.GetElement(5), packetType.GetElement(5), vlan.GetElement(7));
            Vector256.Load((ulong*)(buffers + i)).Store((ulong*)(output + i));
        }

        bytes += total;
        return i + DecodeScalar(descriptors + i, buffers + i, output + i, count - i, template, flags, ref bytes);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(ref PacketFlags table, PacketBuffer* buffer, Vector128<byte> metadata, uint flagIndex, uint packetType, uint vlan)
    {
        metadata.Store((byte*)buffer + RxMetadataTemplate.MetadataOffset);
        buffer->Flags = Unsafe.Add(ref table, (nint)flagIndex);
        buffer->PacketType = packetType;
        buffer->VlanTci = (ushort)vlan;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<uint> FlagIndex(Vector128<uint> status, Vector128<uint> info) =>
        (Vector128.ShiftRightLogical(status, 6) & Vector128.Create(1u)) |
        (Vector128.ShiftRightLogical(status, 4) & Vector128.Create(2u)) |
        (Vector128.ShiftRightLogical(status, 27) & Vector128.Create(0x1Cu)) |
        (Vector128.ShiftLeft(status, 2) & Vector128.Create(32u)) |
        Vector128.AndNot(Vector128.Create(64u), Vector128.Equals(info & Vector128.Create(AdvancedRxStatus.RssTypeMask), Vector128<uint>.Zero));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<uint> FlagIndex(Vector256<uint> status, Vector256<uint> info) =>
        (Vector256.ShiftRightLogical(status, 6) & Vector256.Create(1u)) |
        (Vector256.ShiftRightLogical(status, 4) & Vector256.Create(2u)) |
        (Vector256.ShiftRightLogical(status, 27) & Vector256.Create(0x1Cu)) |
        (Vector256.ShiftLeft(status, 2) & Vector256.Create(32u)) |
        Vector256.AndNot(Vector256.Create(64u), Vector256.Equals(info & Vector256.Create(AdvancedRxStatus.RssTypeMask), Vector256<uint>.Zero));
}
