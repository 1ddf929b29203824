#!/usr/bin/env python3
"""Writes the seed corpus in fuzz/corpus/<target>/ from the bundled content (assets/content)
and from real server answers. Run once by hand when a decoder's input format changes; the
files are committed. Crash reproducers (crash-*, timeout-*, leak-*) are never touched.

usage: fuzz/make-seed-corpus.py [path/to/faltstod-server]   (default build/sync/faltstod-server)
"""
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "assets" / "content"
CORPUS = ROOT / "fuzz" / "corpus"
MAX_BYTES = 6000  # seeds stay small: the fuzzer mutates, it does not need whole files


def put(target, name, data):
    folder = CORPUS / target
    folder.mkdir(parents=True, exist_ok=True)
    if isinstance(data, (dict, list)):
        data = json.dumps(data, ensure_ascii=False, indent=1)
    if isinstance(data, str):
        data = data.encode("utf-8")
    (folder / name).write_bytes(data)


def clear_seeds():
    for folder in CORPUS.glob("*"):
        for f in folder.iterdir():
            if not re.match(r"(crash|timeout|leak|oom|slow-unit)-", f.name):
                f.unlink()


def consultation_seeds():
    valid = {"date": "2026-11-20", "county": "05", "profession": "skola", "topics": ["barnaktenskap", "hrv"],
             "age_band": "youth", "channel": "phone", "outcome": "joint_planning"}
    put("consultation", "valid.json", valid)
    put("consultation", "valid-note.json", dict(valid, note="ville veta mer om utreseförbud"))
    put("consultation", "note-personnummer.json", dict(valid, note="gäller 121212-1212, ring skolan"))
    put("consultation", "note-too-long.json", dict(valid, note="å" * 201))
    put("consultation", "bad-date.json", dict(valid, date="2026-02-30"))
    put("consultation", "unknown-field.json", dict(valid, name="x"))
    put("consultation", "wrong-types.json", dict(valid, topics="hrv", county=5, note=["a"]))
    put("consultation", "not-object.json", ["2026-11-20", "05"])
    put("consultation", "date-far-past.json", dict(valid, date="1985-01-01", note="sista fyra 1236"))
    put("consultation", "date-future.json", dict(valid, date="2099-12-31"))
    put("consultation", "other-county.json", dict(valid, county="01"))
    put("consultation", "unknown-field-personal.json", dict(valid, **{"Fatima 850101-1236": "x"}))
    return valid


def push_seeds(valid):
    rid = "1b4e28ba-2fa1-11d2-883f-0016d3cca427"
    put("push", "one.json", {"records": [{"id": rid, "kind": "consultation", "data": valid}]})
    put("push", "duplicate-and-conflict.json", {"records": [
        {"id": rid, "kind": "consultation", "data": valid},
        {"id": rid, "kind": "consultation", "data": valid},
        {"id": rid, "kind": "consultation", "data": dict(valid, county="01")}]})
    put("push", "mixed.json", {"records": [
        {"id": "not-a-uuid", "kind": "consultation", "data": valid},
        {"id": "7c9e6679-7425-40de-944b-e07fc1f90ae7", "kind": "visit", "data": {}},
        {"id": "9f1c2a3b-0000-4000-8000-000000000001", "kind": "consultation"},
        {"id": "9f1c2a3b-0000-4000-8000-000000000002", "kind": "consultation", "data": dict(valid, county="01"), "x": 1},
        17]})
    put("push", "empty.json", {"records": []})


def content_seeds():
    for name in ["topics.json", "counties.json", "events.json", "support_lines.json", "contacts/gotland.json"]:
        text = (CONTENT / name).read_text()
        put("content_json", name.replace("/", "-"), text[:MAX_BYTES] if len(text) > MAX_BYTES else text)
    checklists = sorted((CONTENT / "checklists").glob("*.json"))
    for f in checklists[:2]:
        put("content_json", "checklist-" + f.name, f.read_text())
    put("content_json", "truncated-topics.json", (CONTENT / "topics.json").read_text()[:300])
    put("content_json", "wrong-types.json", {"topics": [{"id": 3, "name": {"sv": ["x"]}}], "counties": "x"})

    # Opening hours objects as they occur in the bundle, each distinct one once.
    seen = set()
    sources = [json.loads((CONTENT / "support_lines.json").read_text())]
    sources += [json.loads(f.read_text()) for f in sorted((CONTENT / "contacts").glob("*.json"))]

    def walk(node):
        if isinstance(node, dict):
            if "hours" in node and isinstance(node["hours"], dict):
                yield node["hours"]
            for v in node.values():
                yield from walk(v)
        elif isinstance(node, list):
            for v in node:
                yield from walk(v)

    for source in sources:
        for hours in walk(source):
            key = json.dumps(hours, sort_keys=True, ensure_ascii=False)
            if key not in seen and len(seen) < 12:
                seen.add(key)
                put("opening_hours", f"bundle-{len(seen):02}.json", hours)
    put("opening_hours", "past-midnight.json", {"weekly": [{"days": ["fri", "sat"], "open": "22:00", "close": "02:00"}],
                                               "public_holidays": "as_sunday"})
    put("opening_hours", "exceptions.json", {"weekly": [{"days": ["mon"], "open": "08:00", "close": "24:00"}],
                                            "exceptions": [{"date": "2026-12-24", "closed": True},
                                                           {"date": "2026-12-31", "open": "10:00", "close": "14:00",
                                                            "note": {"sv": "Nyårsafton", "en": "New Year's Eve"}}]})
    put("opening_hours", "bad.json", {"always_open": True, "weekly": [{"days": ["mån"], "open": "25:00"}],
                                     "public_holidays": "sometimes", "opne": 1})

    for text in ["2026-02-28", "2024-02-29", "2026-02-30", "24:00", "23:59", "7:5", "mon", "sun", "as_sunday",
                 "closed", "normal", "stod-linje", "-x-", "hembesok--sakerhet", "professionals", "youth", "police",
                 "conference", "0000-00-00"]:
        put("value_formats", re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_") + ".txt", text)


def markdown_seeds():
    articles = sorted((CONTENT / "guidance" / "sv").glob("*.md"))[:4] + sorted((CONTENT / "guidance" / "en").glob("*.md"))[:2]
    for f in articles:
        text = f.read_text()
        if len(text) > MAX_BYTES:
            text = text[:MAX_BYTES]
        put("guidance", f.parent.name + "-" + f.name, text)
        body = text.split("+++", 2)[-1]
        put("markdown_text", f.parent.name + "-" + f.name, body)
        put("markdown_blocks", f.parent.name + "-" + f.name, body)
    first = articles[0].read_text()
    put("guidance", "no-closing-fence.md", "+++\n" + first.split("+++")[1])
    put("guidance", "bad-toml.md", '+++\nid = "x\ntitle = 3\ntopics = ["hrv",\n+++\nText.\n')
    put("guidance", "forbidden-body.md", first.split("+++", 2)[0] + "+++" + first.split("+++", 2)[1] +
        "+++\n# Rubrik\n\n![bild](a.png)\n\n<script>x</script>\n")
    extras = {
        "table.md": "| Vem | Nummer |\n|---|:-:|\n| **Polisen** | 112 |\n| *Stödlinjen* | `020-` |\n",
        "lists.md": "1. Ett\n   - a\n     - b\n2. Två\n\n> citat med [länk](https://example.se)\n\n---\n\n    kod\n",
        "inline.md": "Text med **fet _kursiv_** och `kod`, en <https://example.se> och &amp; &#x1F600;\\\n rad.\n",
        "html.md": "<div>\n*x*\n</div>\n\n![alt *text*](bild.png \"titel\")\n\n# H1\n###### H6\n",
    }
    for name, text in extras.items():
        put("markdown_text", name, text)
        put("markdown_blocks", name, text)


def personal_data_seeds():
    notes = {
        "anonymous.txt": "Ville veta mer om utreseförbud och LVU, ringer tillbaka på måndag.",
        "personnummer.txt": "Flickan med pnr 121212-1212 har varit borta i tre dagar.",
        "personnummer-12.txt": "gäller 19121212-1212 och 20121212+1212",
        "samordningsnummer.txt": "samordningsnummer 701063-2391",
        "phone.txt": "ring henne på 070-123 45 67 eller +46 70 123 45 67",
        "email.txt": "mejla anna.svensson@example.se",
        "address.txt": "bor på Storgatan 12B, 3 tr, i Linköping",
        "dates-and-cases.txt": "möte 2026-11-20 kl 14:00, ärende 2026/1234, 12 st deltagare",
        "mixed-utf8.txt": "Åsa på Drottninggatan 4 – 121212-1212 – a@b.se",
        # Written so that a guard without the normalisation step missed them (issue 18).
        "separators.txt": "pnr 121212 1212, 121212.1212, 121212/1212, 121212_1212, 121212\u22121212",
        "spaced-digits.txt": "1 2 1 2 1 2 - 1 2 1 2 och 8 5 0 1 0 1 1 2 3 6",
        "other-scripts.txt": "١٢١٢١٢-١٢١٢ ۰۷۰-۱۲۳ ۴۵ ۶۷ ०७०१२३४५६७ \uff11\uff12\uff11\uff12\uff11\uff12-\uff11\uff12\uff11\uff12 "
                             "\U0001d7cf\U0001d7d0 \u2460\u2461",
        "look-alikes.txt": "85O1O1-l236 och O7O-l23 45 67",
        "spelled-phone.txt": "ring noll sju noll ett två tre fyra fem sex sju",
        "obfuscated-email.txt": "namn(at)exempel.se, namn [at] exempel punkt se, namn @ exempel.se",
        "addresses.txt": "Storgatan12B, Storg. 12, Storgatan nr 12, Sveava\u0308gen 44",
        "public-number.txt": "Ring Kvinnofridslinjen 020-50 50 50",
    }
    for name, text in notes.items():
        put("personal_data", name, text)
    put("personal_data", "invalid-utf8.txt", b"\xff\xfe 121212-1212 \xc3")


def query_seeds():
    for name, text in {
        "changes.txt": "since=0&limit=100", "changes-big.txt": "since=99999999999999999999&limit=-1",
        "stats.txt": "county=05&from=2026-01&to=2026-03", "stats-all.txt": "county=all&from=2026-03&to=2026-01",
        "repeated.txt": "since=1&since=2&limit=%31%30", "encoded.txt": "county=%30%35&from=2026%2D01+&to",
        "unknown.txt": "since=0&colour=red", "empty.txt": "&&=&a",
    }.items():
        put("query_params", name, text)


def server_pages(server):
    """Real /v1/changes answers from a server with the bundled content published."""
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "server.db")
        subprocess.run([server, "--db", db, "publish", str(CONTENT)], check=True, capture_output=True)
        code_out = subprocess.run([server, "--db", db, "enroll-code", "--role", "reader"], check=True,
                                  capture_output=True, text=True).stdout
        code = re.search(r"[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}", code_out).group(0)
        proc = subprocess.Popen([server, "--db", db, "serve", "--port", "0"], stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, text=True)
        try:
            port = None
            deadline = time.time() + 10
            while port is None and time.time() < deadline:
                line = proc.stdout.readline()
                m = re.search(r"(?:port|:)\s*(\d{4,5})\b", line)
                if m:
                    port = int(m.group(1))
            base = f"http://127.0.0.1:{port}"
            req = urllib.request.Request(base + "/v1/enroll", method="POST",
                                         data=json.dumps({"code": code, "device_name": "fuzz seeds"}).encode(),
                                         headers={"Content-Type": "application/json"})
            token = json.loads(urllib.request.urlopen(req, timeout=10).read())["token"]
            pages = []
            for since, limit in [(0, 2), (2, 3), (40, 2), (80, 2), (120, 2), (200, 2), (280, 20)]:
                req = urllib.request.Request(f"{base}/v1/changes?since={since}&limit={limit}",
                                             headers={"Authorization": "Bearer " + token})
                pages.append((since, urllib.request.urlopen(req, timeout=10).read()))
            return pages
        finally:
            proc.terminate()
            proc.wait(timeout=10)


def changes_seeds(server):
    for since, body in server_pages(server):
        if len(body) <= 3 * MAX_BYTES:
            put("changes", f"page-since-{since}.json", body)
    put("changes", "tombstones.json", {"changes": [{"table": "contacts", "key": "x", "deleted": True, "data": None},
                                                   {"table": "guidance", "key": "guidance/a@sv", "deleted": True,
                                                    "data": None}], "cursor": 7, "more": True})
    put("changes", "bad-row.json", {"changes": [{"table": "contacts", "key": "x", "deleted": False, "data": {"id": 1}}],
                                    "cursor": 8})
    put("changes", "no-cursor.json", {"changes": []})



if __name__ == "__main__":
    server = sys.argv[1] if len(sys.argv) > 1 else str(ROOT / "build" / "sync" / "faltstod-server")
    CORPUS.mkdir(parents=True, exist_ok=True)
    clear_seeds()
    valid = consultation_seeds()
    push_seeds(valid)
    content_seeds()
    markdown_seeds()
    personal_data_seeds()
    query_seeds()
    changes_seeds(server)
    for folder in sorted(CORPUS.iterdir()):
        files = list(folder.iterdir())
        print(f"{folder.name}: {len(files)} files, {sum(f.stat().st_size for f in files)} bytes")
