// The kiosk's interface language, through GNU gettext. Swedish is the source language: every
// string in the code is written in Swedish and `po/en.po` translates it to English. When a
// string has no translation, gettext returns the Swedish original, so a missing entry never
// shows an empty label.
#pragma once

#include <string>

// Marks a Swedish string for translation where it is defined (tables of names); tr() translates
// it where it is shown. xgettext finds both (--keyword=tr --keyword=N_).
#define N_(swedish) swedish

namespace faltstod::app {

// Binds the "faltstod" text domain to `locale_dir` (…/share/locale) and selects `language`
// ("sv" or "en"). Call once at start, before any tr().
void init_translations(const std::string& locale_dir, const std::string& language);

// Switches the interface language at run time; the next tr() call uses it.
void set_language(const std::string& language);
const std::string& current_language();

// The Swedish text in the current language.
const char* tr(const char* swedish);

// A count and its noun in the current language, with the plural form gettext chooses for `n`
// ("1 kontakt", "2 kontakter"; "1 contact", "2 contacts"). Both forms are Swedish and hold "%d",
// which becomes the number. A count is never glued to a translated noun by hand: that printed
// "1 kontakter" (xgettext finds these as --keyword=trn:1,2).
std::string trn(const char* singular, const char* plural, long long n);

// The catalogue folder: $FALTSTOD_LOCALEDIR, the build tree's, or the installed one.
std::string default_locale_dir();

}  // namespace faltstod::app
