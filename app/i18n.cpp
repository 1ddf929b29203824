// gettext set-up and run-time language switching; see i18n.hpp.
#include "i18n.hpp"

#include <clocale>
#include <cstdlib>
#include <filesystem>
#include <libintl.h>

// glibc's catalogue cache counter: bumping it makes gettext look up LANGUAGE again, which is
// the documented way to switch language in a running program (gettext manual, "Changing the
// language at runtime").
extern "C" int _nl_msg_cat_cntr;

namespace faltstod::app {

namespace {
constexpr const char* kDomain = "faltstod";
std::string g_language = "sv";
}  // namespace

void init_translations(const std::string& locale_dir, const std::string& language) {
    // gettext ignores LANGUAGE in the "C" locale; C.UTF-8 is always present in glibc and keeps
    // number formatting and sorting predictable.
    if (!std::setlocale(LC_MESSAGES, "C.UTF-8")) std::setlocale(LC_MESSAGES, "");
    bindtextdomain(kDomain, locale_dir.c_str());
    bind_textdomain_codeset(kDomain, "UTF-8");
    textdomain(kDomain);
    set_language(language);
}

void set_language(const std::string& language) {
    g_language = language == "en" ? "en" : "sv";
    setenv("LANGUAGE", g_language.c_str(), 1);
    ++_nl_msg_cat_cntr;
}

const std::string& current_language() { return g_language; }

const char* tr(const char* swedish) { return g_language == "sv" ? swedish : dgettext(kDomain, swedish); }

std::string trn(const char* singular, const char* plural, long long n) {
    // Swedish has English's two forms (Plural-Forms: n != 1); dngettext takes an unsigned count.
    const unsigned long count = n < 0 ? static_cast<unsigned long>(-n) : static_cast<unsigned long>(n);
    std::string out = g_language == "sv" ? (count == 1 ? singular : plural) : dngettext(kDomain, singular, plural, count);
    if (const auto at = out.find("%d"); at != std::string::npos) out.replace(at, 2, std::to_string(n));
    return out;
}

std::string default_locale_dir() {
    if (const char* dir = std::getenv("FALTSTOD_LOCALEDIR"); dir && *dir) return dir;
    // An installed program finds its catalogues next to it: <prefix>/bin/../share/locale.
    std::error_code error;
    const auto exe = std::filesystem::read_symlink("/proc/self/exe", error);
    if (!error) {
        const auto installed = exe.parent_path().parent_path() / "share" / "locale";
        if (std::filesystem::exists(installed / "en" / "LC_MESSAGES" / "faltstod.mo")) return installed.string();
    }
#ifdef FALTSTOD_BUILD_LOCALEDIR
    if (std::filesystem::exists(FALTSTOD_BUILD_LOCALEDIR)) return FALTSTOD_BUILD_LOCALEDIR;
#endif
    return FALTSTOD_INSTALL_LOCALEDIR;
}

}  // namespace faltstod::app
