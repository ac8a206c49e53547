#!/usr/bin/env bash
# Installs what the browser tests need: Debian's Chromium (driven by Playwright's bundled driver, no browser download)
# and axe-core from the npm registry (pinned by package-lock.json), injected into every page the tests open.
set -euo pipefail
cd "$(dirname "$0")/../.."
export DEBIAN_FRONTEND=noninteractive
if ! command -v chromium >/dev/null 2>&1; then
  apt-get update -q >/dev/null
  apt-get install -y -q chromium >/dev/null
fi
(cd tests/ThiDua.Workflows.Web.BrowserTests && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
echo "Chromium $(chromium --version 2>/dev/null | awk '{print $2}') and axe-core ready"
