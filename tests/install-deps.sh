#!/usr/bin/env bash
# Installs, from Debian's packages, what the test suite needs beyond the .NET SDK. Idempotent: installs only what
# is missing. Needs root (the tests themselves need root too: hugepages, network namespaces, AF_PACKET).
set -euo pipefail

packages=(gcc libc6-dev linux-libc-dev iproute2 iputils-ping iperf3 ethtool tshark dpdk-dev dpdk-doc make pkg-config linux-source-6.1 xz-utils prometheus tmux)
missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done

if ((${#missing[@]})); then
    if [[ $(id -u) -ne 0 ]]; then
        echo "tests/install-deps.sh: missing packages ${missing[*]}; run as root to install them" >&2
        exit 1
    fi
    echo "Installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    echo "wireshark-common wireshark-common/install-setuid boolean false" | debconf-set-selections
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The Intel driver headers of the kernel source (ixgbe_type.h, e1000_*.h), which the driver header-check test
# compiles against. Only these four files are extracted, into tests/.cache/kernel-headers (not committed).
kernel_source=/usr/src/linux-source-6.1.tar.xz
kernel_headers="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/.cache/kernel-headers"
kernel_members=(
    linux-source-6.1/drivers/net/ethernet/intel/ixgbe/ixgbe_type.h
    linux-source-6.1/drivers/net/ethernet/intel/igb/e1000_regs.h
    linux-source-6.1/drivers/net/ethernet/intel/igb/e1000_defines.h
    linux-source-6.1/drivers/net/ethernet/intel/igb/e1000_82575.h
)
extracted=1
for member in "${kernel_members[@]}"; do
    [[ -f "$kernel_headers/$member" ]] || extracted=0
done
if ((!extracted)); then
    echo "Extracting the Intel driver headers from $kernel_source into $kernel_headers"
    mkdir -p "$kernel_headers"
    tar -xJf "$kernel_source" -C "$kernel_headers" "${kernel_members[@]}"
fi

if [[ -x tests/vm/setup.sh ]]; then
    tests/vm/setup.sh
fi
