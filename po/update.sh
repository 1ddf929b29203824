#!/usr/bin/env bash
# The kiosk's message catalogue, made with gettext's own tools.
#
#   bash po/update.sh          extracts every tr("…"), N_("…") and trn("…", "…", n) in app/ into
#                              a template (xgettext) and merges it into po/en.po (msgmerge): new
#                              strings appear there untranslated, strings no longer used are
#                              dropped. Then translate the empty msgstr entries it lists.
#   bash po/update.sh --check  changes nothing; fails when a string in app/ has no English
#                              translation in po/en.po (msgcmp), or po/en.po holds one no longer
#                              used. The test suite runs this (po_catalogue).
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

find app -name '*.cpp' | LC_ALL=C sort > "$work/files"
xgettext --from-code=UTF-8 --language=C++ --keyword=tr --keyword=N_ --keyword=trn:1,2 \
  --add-location=file --no-wrap --package-name=faltstod -f "$work/files" -o "$work/faltstod.pot"

if [ "${1:-}" = "--check" ]; then
  # Every string in the code is in po/en.po and translated (untranslated counts as missing).
  msgcmp po/en.po "$work/faltstod.pot"
  # And po/en.po holds nothing the code no longer uses.
  msgmerge --quiet --no-fuzzy-matching --no-wrap -o "$work/merged.po" po/en.po "$work/faltstod.pot"
  if msgattrib --only-obsolete --no-wrap "$work/merged.po" | grep -q '^#~ msgid'; then
    echo "po/en.po holds strings app/ no longer uses (run: bash po/update.sh):"
    msgattrib --only-obsolete --no-wrap "$work/merged.po" | grep '^#~ msgid'
    exit 1
  fi
  echo "po/en.po: every string in app/ is translated, none is unused"
  exit 0
fi

msgmerge --quiet --no-fuzzy-matching --no-wrap --no-location -o "$work/merged.po" po/en.po "$work/faltstod.pot"
msgattrib --no-obsolete --no-wrap -o po/en.po "$work/merged.po"
untranslated=$(msgattrib --untranslated --no-wrap po/en.po | grep -c '^msgid "[^"]' || true)
echo "po/en.po updated; untranslated: $untranslated"
[ "$untranslated" -eq 0 ] || msgattrib --untranslated --no-wrap po/en.po | grep '^msgid "[^"]'
