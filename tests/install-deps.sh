#!/usr/bin/env bash
# Installs, from Debian's packages, what the test suite needs beyond the .NET SDK. Idempotent: installs only what
# is missing. Needs root (the tests themselves need root too: hugepages, network namespaces, AF_PACKET).
set -euo pipefail

packages=(gcc libc6-dev linux-libc-dev iproute2 iputils-ping iperf3 ethtool tshark dpdk-dev)
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

if [[ -x tests/vm/setup.sh ]]; then
    tests/vm/setup.sh
fi
