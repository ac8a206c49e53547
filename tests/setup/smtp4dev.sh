#!/usr/bin/env bash
# Restores the local dotnet tools (smtp4dev among them); the notifications tests start smtp4dev from it on
# loopback ports of their own and stop it when done.
set -euo pipefail
cd "$(dirname "$0")/../.."
dotnet tool restore >/dev/null
echo "dotnet tools restored (smtp4dev $(dotnet tool list | awk '/smtp4dev/{print $2}'))"
