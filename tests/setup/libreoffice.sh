#!/usr/bin/env bash
# Installs what the document tests need from Debian: LibreOffice Writer without a GUI (DOCX → PDF, found on PATH by
# the web host as soffice or libreoffice), Liberation fonts 2 (metric-compatible with Times New Roman, which ND 30/2020
# documents name, and covering Vietnamese; the older fonts-liberation lacks some letters and falls back to DejaVu) and
# poppler-utils (pdftotext, pdftoppm, pdffonts) to read the PDFs back.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
missing=()
command -v soffice >/dev/null 2>&1 || command -v libreoffice >/dev/null 2>&1 || missing+=(libreoffice-writer-nogui)
[ -d /usr/share/fonts/truetype/liberation2 ] || missing+=(fonts-liberation2)
command -v pdftotext >/dev/null 2>&1 && command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
if [ ${#missing[@]} -gt 0 ]; then
  apt-get update -q >/dev/null
  apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
fi
echo "LibreOffice $( (soffice --version 2>/dev/null || libreoffice --version 2>/dev/null) | awk '{print $2}' | head -1) ready"
