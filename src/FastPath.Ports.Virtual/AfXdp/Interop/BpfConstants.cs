namespace FastPath.Ports.Virtual.AfXdp.Interop;

/// <summary>
/// Commands, object types and instruction encodings of the bpf() system call, from linux/bpf.h, linux/bpf_common.h
/// and linux/if_link.h; the header check compares each with the system headers.
/// </summary>
internal static class BpfConstants
{
    public const int MapCreate = 0;
    public const int MapUpdateElement = 2;
    public const int ProgramLoad = 5;
    public const int ObjectPin = 6;
    public const int ProgramGetFdById = 13;
    public const int ObjectGetInfoByFd = 15;
    public const int LinkCreate = 28;
    public const int LinkGetFdById = 30;
    public const int LinkGetNextId = 31;
    public const int LinkDetach = 34;

    public const uint ProgramTypeXdp = 6;
    public const uint MapTypeXskMap = 17;
    public const uint AttachTypeXdp = 37;
    public const uint LinkTypeXdp = 6;

    public const uint XdpFlagsSkbMode = 1 << 1;
    public const uint XdpFlagsDriverMode = 1 << 2;

    public const int XdpPass = 2;
    public const int HelperRedirectMap = 51;
    public const byte PseudoMapFd = 1;
    public const int ObjectNameLength = 16;
    public const int XdpMetadataRxQueueIndexOffset = 16;

    public const byte ClassLd = 0x00;
    public const byte ClassLdx = 0x01;
    public const byte ClassJmp = 0x05;
    public const byte ClassAlu64 = 0x07;
    public const byte SizeWord = 0x00;
    public const byte SizeDoubleWord = 0x18;
    public const byte ModeImmediate = 0x00;
    public const byte ModeMemory = 0x60;
    public const byte OperationMove = 0xb0;
    public const byte SourceConstant = 0x00;
    public const byte JumpCall = 0x80;
    public const byte JumpExit = 0x90;

    public const int NumberX64 = 321;
    public const int NumberArm64 = 280;
}
