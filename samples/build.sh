#!/usr/bin/env bash
# Builds and tests the samples from the FastPath PACKAGES, as a user of the libraries would: packs every src/*
# project into artifacts/packages under a version unique to this run (so NuGet's global cache can never hand back an
# older build of the same version), builds the samples against exactly that version, and runs their tests.
#   bash samples/build.sh [RESULTS_DIR]      (default: artifacts/test-results/samples)
# Exits non-zero on any failure.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repo"

results="${1:-artifacts/test-results/samples}"
packages="$repo/artifacts/packages"
version="0.1.0-local.$(date -u +%Y%m%d%H%M%S)"
mkdir -p "$packages" "$results"

# Older local packs are never used again (each run has its own version); drop them and their cache entries.
rm -f "$packages"/FastPath*.0.1.0-local.*.nupkg "$packages"/FastPath*.0.1.0-local.*.snupkg
for cached in "${NUGET_PACKAGES:-$HOME/.nuget/packages}"/fastpath*/0.1.0-local.*; do
    [[ -e "$cached" ]] && rm -rf "$cached"
done

# Every src/*/*.csproj, packed in ONE build (a throwaway solution listing them), so shared projects build once.
echo "samples/build.sh: packing FastPath $version into $packages"
solution="$repo/artifacts/samples-pack.slnx"
{
    echo "<Solution>"
    for project in src/*/*.csproj; do echo "  <Project Path=\"../$project\" />"; done
    echo "</Solution>"
} >"$solution"
dotnet pack "$solution" -c Release -o "$packages" -p:FastPathVersion="$version" -nologo -v quiet -clp:ErrorsOnly
count=$(ls "$packages"/*."$version".nupkg | wc -l)
expected=$(ls src/*/*.csproj | wc -l)
if ((count != expected)); then
    echo "samples/build.sh: packed $count packages of version $version, expected $expected" >&2
    exit 1
fi

echo "samples/build.sh: building samples/l3router against FastPath $version"
dotnet build samples/l3router/L3Router.Tests/L3Router.Tests.csproj -c Debug -p:FastPathVersion="$version" -nologo -v quiet -clp:ErrorsOnly
dotnet build samples/l3router/L3Router.Benchmarks/L3Router.Benchmarks.csproj -c Release -p:FastPathVersion="$version" -nologo -v quiet -clp:ErrorsOnly

echo "samples/build.sh: testing"
dotnet test samples/l3router/L3Router.Tests/L3Router.Tests.csproj -c Debug --no-build -p:FastPathVersion="$version" --nologo \
    --logger trx --logger "console;verbosity=normal" --results-directory "$results" --blame-hang-timeout 5m
