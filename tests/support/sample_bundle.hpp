// A small, valid content bundle written into a TempDir, so validator and replica tests can
// start from something correct and break exactly one thing at a time.
#pragma once

#include "temp_dir.hpp"

#include <string>

namespace faltstod::test {

inline std::string sample_article(const std::string& slug, const std::string& language, const std::string& title,
                                  const std::string& body, const std::string& topics = "[\"barnaktenskap\"]") {
    return "+++\n"
           "id = \"guidance/" + slug + "\"\n"
           "title = \"" + title + "\"\n"
           "summary = \"Kort sammanfattning.\"\n"
           "topics = " + topics + "\n"
           "audience = [\"socialtjanst\"]\n"
           "language = \"" + language + "\"\n"
           "updated = 2026-10-01\n"
           "+++\n\n" + body;
}

// Long enough for the validator's minimum body length.
inline std::string filler() {
    return "\n\nDen här texten finns för att artikeln ska ha en rimlig längd. Den beskriver ett arbetssätt "
           "i flera steg och påminner om att metoder stöder men aldrig ersätter den professionella bedömningen. "
           "Dokumentera det du ser och hör.\n";
}

inline void write_sample_bundle(const TempDir& dir) {
    dir.write("topics.json", R"({"topics": [
  {"id": "barnaktenskap", "name": {"sv": "Barnäktenskap", "en": "Child marriage"}},
  {"id": "riskbedomning", "name": {"sv": "Riskbedömning"}}
]})");
    dir.write("counties.json", R"({"counties": [
  {"code": "05", "slug": "ostergotland", "name": "Östergötlands län"},
  {"code": "12", "slug": "skane", "name": "Skåne län"}
]})");
    dir.write("support_lines.json", R"({"support_lines": [
  {"id": "line/kvinnofridslinjen", "name": "Kvinnofridslinjen", "number": "020-50 50 50",
   "audience": ["utsatta", "anhoriga"], "who": {"sv": "För den som utsatts för våld."},
   "free": true, "anonymous": true, "hours": {"always_open": true}},
  {"id": "line/bris", "name": "Bris", "number": "116 111", "audience": ["barn"],
   "who": {"sv": "För barn under 18 år.", "en": "For children under 18."}, "hours": {"always_open": true}}
]})");
    dir.write("events.json", R"({"events": [
  {"id": "event/konferens", "title": {"sv": "Konferens"}, "kind": "konferens", "starts": "2024-01-24",
   "ends": "2024-01-25", "location": "Linköping", "county": "05", "organiser": "Länsstyrelsen Östergötland",
   "description": {"sv": "Två dagar om barns rätt till ett liv fritt från våld."}}
]})");
    dir.write("contacts/ostergotland.json", R"({"county": "05", "contacts": [
  {"id": "contact/ostergotland/polisen", "kind": "polis", "name": "Polisen region Öst", "phone": "114 14",
   "hours": {"always_open": true}},
  {"id": "contact/ostergotland/socialjour-linkoping", "kind": "socialjour", "name": "Socialjouren Linköping",
   "municipality": "Linköping", "phone": "013-20 60 00",
   "hours": {"weekly": [{"days": ["sun", "mon", "tue", "wed", "thu"], "open": "16:30", "close": "24:00"},
                        {"days": ["fri", "sat"], "open": "16:00", "close": "01:30"}],
             "public_holidays": "as_sunday",
             "exceptions": [{"date": "2026-12-24", "open": "10:00", "close": "02:00"}]}}
]})");
    dir.write("contacts/skane.json", R"({"county": "12", "contacts": [
  {"id": "contact/skane/socialtjanst-malmo", "kind": "socialtjanst", "name": "Malmö stad, socialtjänsten",
   "municipality": "Malmö", "phone": "040-34 10 00", "address": "Testgatan 1, 211 00 Malmö",
   "hours": {"weekly": [{"days": ["mon", "tue", "wed", "thu", "fri"], "open": "08:00", "close": "16:30"}],
             "public_holidays": "closed"}}
]})");
    dir.write("checklists/fore-samtal.json", R"({"id": "checklist/fore-samtal", "title": {"sv": "Före samtalet"},
  "topics": ["barnaktenskap"], "items": [{"text": {"sv": "Ett"}}, {"text": {"sv": "Två"}}, {"text": {"sv": "Tre"}}]})");
    dir.write("guidance/sv/barnaktenskap.md",
              sample_article("barnaktenskap", "sv", "Barnäktenskap",
                             "## Vad gäller\nEtt barnäktenskap erkänns inte i Sverige. Tänk på **säkerheten** först." + filler()));
    dir.write("guidance/sv/riskbedomning.md",
              sample_article("riskbedomning", "sv", "Riskbedömning med stöd av metoder",
                             "## Metoder\nFREDA och PATRIARK stöder bedömningen av risk och säkerhet." + filler(),
                             "[\"riskbedomning\"]"));
    dir.write("guidance/en/barnaktenskap.md",
              sample_article("barnaktenskap", "en", "Child marriage",
                             "## What applies\nA child marriage is not recognised in Sweden. Think of safety first." + filler()));
}

}  // namespace faltstod::test
