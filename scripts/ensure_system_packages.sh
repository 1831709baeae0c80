#!/usr/bin/env bash
# The tests drive real tools: Debian's chromium (browser tests), age (interop
# with the reference age CLI), poppler-utils (pdftotext/pdftoppm for PDFs),
# fonts for PDFs in any script (DejaVu Sans: Latin, Greek, Cyrillic, Arabic,
# Hebrew; WenQuanYi Zen Hei: Chinese, Japanese, Korean; Symbola: emoji, all
# TrueType outlines, which reportlab can embed), sqlite3 (reads a vault
# decrypted with age, as a therapist would) and zbar-tools (zbarimg decodes the
# invitation sheet's QR code), nodejs and npm (the web journal's pinned build and
# its interop tests). Install what is missing when
# running as root; otherwise say exactly what to install and stop.
set -euo pipefail

missing=()
need() { # need PACKAGE PATH...
    local package=$1; shift
    for path in "$@"; do
        [ -e "$path" ] || command -v "$path" >/dev/null 2>&1 || { missing+=("$package"); return; }
    done
}
need chromium /usr/bin/chromium
need age age age-keygen
need poppler-utils pdftotext pdftoppm
need fonts-dejavu-core /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf
need fonts-wqy-zenhei /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc
need fonts-symbola /usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf
need sqlite3 /usr/bin/sqlite3
need zbar-tools zbarimg
need nodejs node
need npm npm

[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing system packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq "${missing[@]}" >/dev/null
else
    echo "SecureBase's tests need these Debian packages: ${missing[*]}" >&2
    echo "install them with: sudo apt-get install ${missing[*]}" >&2
    exit 1
fi
