#!/usr/bin/env python3
"""Checks po/en.po against the strings in app/: lists Swedish strings that have no English entry
and entries no longer used. The catalogue itself is edited by hand (msgfmt --check builds it).
Usage: python3 po/update-en.py   (exit 1 when something is missing)"""
import pathlib, re, sys

root = pathlib.Path(__file__).resolve().parent.parent
pattern = re.compile(r'\b(?:tr|N_)\("((?:[^"\\]|\\.)*)"\)')
used = set()
for source in sorted(root.glob("app/**/*.cpp")):
    used.update(pattern.findall(source.read_text(encoding="utf-8")))
po = (root / "po" / "en.po").read_text(encoding="utf-8")
known = set(re.findall(r'^msgid "((?:[^"\\]|\\.)*)"$', po, re.M)) - {""}
missing, unused = sorted(used - known), sorted(known - used)
for m in missing: print("missing:", m)
for u in unused: print("unused:", u)
sys.exit(1 if missing else 0)
