#!/usr/bin/env sh
# Debian packages that rendering and the tests need beyond a fresh machine:
# HarfBuzz subsetting (fast PDF font subsetting), poppler (PDF text and images),
# Chromium (browser tests of the comparison page), LibreOffice Writer (opens the
# DOCX redlines as a word processor would), Liberation fonts (the PDF's metric twins
# of the DOCX's Arial, Times New Roman and Courier New) and DejaVu fonts (the fallback;
# both cover Latin, Greek and Cyrillic).
set -eu
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends \
    libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-liberation2 fonts-dejavu-core \
    poppler-utils chromium libreoffice-writer-nogui >/dev/null
