// Generates benchmark bundles: Swedish guidance text assembled from a bank of domain sentences,
// contacts with municipalities, phone numbers and opening hours, support lines. A splitmix64
// stream (not <random>'s distributions, whose results differ between libraries) keeps the
// output identical for a seed on every machine.
#include "dataset_generator.hpp"

#include <nlohmann/json.hpp>

#include <array>
#include <fstream>
#include <stdexcept>
#include <vector>

namespace faltstod::bench {
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

class Rng {
public:
    explicit Rng(std::uint64_t seed) : state_(seed) {}
    std::uint64_t next() {
        std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    int below(int n) { return static_cast<int>(next() % static_cast<std::uint64_t>(n)); }
    int between(int low, int high) { return low + below(high - low + 1); }
    template <typename List>
    const auto& pick(const List& list) {
        return list[static_cast<std::size_t>(below(static_cast<int>(std::size(list))))];
    }

private:
    std::uint64_t state_;
};

// Counties (slug, code) and a few municipalities of each, with the area code of the first.
struct CountyInfo {
    const char* slug;
    const char* code;
    const char* area;
    std::vector<const char*> municipalities;
};

const std::vector<CountyInfo>& counties() {
    static const std::vector<CountyInfo> list = {
        {"stockholm", "01", "08", {"Stockholm", "Södertälje", "Huddinge", "Botkyrka", "Järfälla", "Nacka", "Solna", "Täby"}},
        {"uppsala", "03", "018", {"Uppsala", "Enköping", "Östhammar", "Tierp", "Knivsta"}},
        {"sodermanland", "04", "016", {"Eskilstuna", "Nyköping", "Katrineholm", "Strängnäs", "Flen"}},
        {"ostergotland", "05", "013", {"Linköping", "Norrköping", "Motala", "Mjölby", "Finspång"}},
        {"jonkoping", "06", "036", {"Jönköping", "Värnamo", "Nässjö", "Gislaved", "Vetlanda"}},
        {"kronoberg", "07", "0470", {"Växjö", "Ljungby", "Älmhult", "Tingsryd"}},
        {"kalmar", "08", "0480", {"Kalmar", "Västervik", "Oskarshamn", "Nybro"}},
        {"gotland", "09", "0498", {"Gotland"}},
        {"blekinge", "10", "0455", {"Karlskrona", "Karlshamn", "Ronneby", "Sölvesborg"}},
        {"skane", "12", "040", {"Malmö", "Helsingborg", "Lund", "Kristianstad", "Landskrona", "Trelleborg", "Ystad"}},
        {"halland", "13", "035", {"Halmstad", "Varberg", "Kungsbacka", "Falkenberg"}},
        {"vastra-gotaland", "14", "031", {"Göteborg", "Borås", "Trollhättan", "Uddevalla", "Skövde", "Mölndal", "Lidköping"}},
        {"varmland", "17", "054", {"Karlstad", "Arvika", "Kristinehamn", "Sunne"}},
        {"orebro", "18", "019", {"Örebro", "Karlskoga", "Kumla", "Lindesberg"}},
        {"vastmanland", "19", "021", {"Västerås", "Köping", "Sala", "Fagersta"}},
        {"dalarna", "20", "023", {"Falun", "Borlänge", "Mora", "Ludvika", "Avesta"}},
        {"gavleborg", "21", "026", {"Gävle", "Sandviken", "Hudiksvall", "Söderhamn", "Bollnäs"}},
        {"vasternorrland", "22", "060", {"Sundsvall", "Härnösand", "Örnsköldsvik", "Sollefteå"}},
        {"jamtland", "23", "063", {"Östersund", "Krokom", "Strömsund", "Härjedalen"}},
        {"vasterbotten", "24", "090", {"Umeå", "Skellefteå", "Lycksele", "Vilhelmina"}},
        {"norrbotten", "25", "0920", {"Luleå", "Piteå", "Kiruna", "Boden", "Gällivare"}},
    };
    return list;
}

const std::array<const char*, 20> kTopics = {
    "kanna-igen", "samtal", "barnaktenskap", "tvangsaktenskap", "konsstympning", "bortforande", "anmalningsplikt",
    "skyddad-identitet", "riskbedomning", "konsultation", "avidentifiering", "manniskohandel", "resurscentra",
    "skydd-och-boende", "hbtqi", "skola", "halso-och-sjukvard", "polis-och-rattsvasende", "lagstiftning", "eget-arbete"};
const std::array<const char*, 6> kProfessionalAudience = {"socialtjanst", "skola", "halso-och-sjukvard", "polis",
                                                         "resurscentrum", "alla-yrkesverksamma"};
const std::array<const char*, 11> kLineAudience = {"utsatta", "barn", "unga", "anhoriga", "man", "transpersoner",
                                                  "kvinnor", "alla", "akut", "utomlands", "alla-yrkesverksamma"};

const std::array<const char*, 24> kSubjects = {
    "Hedersrelaterat våld och förtryck", "Barnäktenskap", "Tvångsäktenskap", "Könsstympning", "Bortförande utomlands",
    "Skyddad identitet", "Orosanmälan", "Riskbedömning", "Samtal med unga", "Skyddat boende",
    "Anmälningsplikt i skolan", "Stöd till anhöriga", "Hbtqi-personer och heder", "Kvarhållande utomlands",
    "Utreseförbud", "Vårdnadshavares kontroll", "Samverkan med polisen", "Hälso- och sjukvårdens ansvar",
    "Säkerhetsplanering", "Tolk i känsliga samtal", "Ekonomiskt våld", "Psykiskt våld i familjen",
    "Digitalt våld och kontroll", "Människohandel och heder"};
const std::array<const char*, 16> kAspects = {
    "för socialtjänsten", "i skolan", "i vården", "när barnet är under 18 år", "vid akut fara", "före sommarlovet",
    "när familjen flyttar", "i små kommuner", "för nyanlända", "vid hembesök", "i telefon", "med tolk",
    "efter en anmälan", "när en resa planeras", "för elevhälsan", "i ungdomsmottagningen"};
const std::array<const char*, 14> kHeadings = {
    "Vad du kan göra", "Tecken att vara uppmärksam på", "Så pratar du med den unga", "Lagen i korthet",
    "När du ska anmäla", "Samverkan", "Om familjen hör av sig", "Din egen säkerhet", "Dokumentation",
    "Vanliga frågor", "Efter samtalet", "Stöd för dig som yrkesverksam", "Risker att väga in", "Att tänka på"};
const std::array<const char*, 40> kSentences = {
    "Ta alltid oron på allvar, även när det som berättas verkar osannolikt.",
    "Prata med den unga ensam och utan familjemedlemmar i närheten.",
    "Använd aldrig en släkting eller ett syskon som tolk.",
    "Anmäl till socialtjänsten så snart du misstänker att ett barn far illa.",
    "Du behöver inte ha bevis för att göra en orosanmälan.",
    "Kontakta inte familjen innan socialtjänsten har gjort en bedömning.",
    "Dokumentera vad du har sett och hört, med den ungas egna ord där det går.",
    "Vid akut fara ska du alltid ringa 112.",
    "Ett barnäktenskap som ingåtts utomlands erkänns som huvudregel inte i Sverige.",
    "Utreseförbud kan meddelas när det finns risk att ett barn förs ut ur landet för att giftas bort.",
    "Könsstympning är förbjudet i Sverige, även när ingreppet görs utomlands.",
    "Den som är utsatt kan ha svårt att berätta och behöver ofta flera samtal.",
    "Fråga hur den unga ser på sin egen situation och vad hen är mest rädd för.",
    "En riskbedömning ska göras strukturerat och dokumenteras.",
    "Samverkan mellan skola, socialtjänst och polis minskar risken att något faller mellan stolarna.",
    "Länsstyrelsen och de regionala resurscentren kan ge stöd i enskilda ärenden.",
    "Rådgör med en kollega eller med Nationella kompetensteamet om du är osäker.",
    "Skyddad identitet innebär att uppgifter om adress och kontakt inte får lämnas ut.",
    "Tänk på att familjen kan ha kontakter inom myndigheter och i föreningslivet.",
    "Den unga har rätt att få veta vad som händer efter en anmälan.",
    "Planera samtalet så att den unga kan komma och gå utan att väcka misstankar.",
    "Hedersnormer kan innebära kontroll av klädsel, vänner, skolgång och framtida partner.",
    "Även pojkar och unga män kan vara utsatta för hedersrelaterat våld.",
    "Hbtqi-personer löper särskilt hög risk när familjen bygger sin heder på kontroll av sexualitet.",
    "Syskon kan både vara utsatta och tvingas kontrollera varandra.",
    "En resa till föräldrarnas hemland inför sommarlovet kan vara en varningssignal.",
    "Skolan ska uppmärksamma frånvaro som börjar plötsligt eller upprepas.",
    "Hälso- och sjukvården har ett särskilt ansvar för att upptäcka könsstympning.",
    "Polisen kan hjälpa till med skyddsåtgärder och kontaktförbud.",
    "Ett skyddat boende ska ha kompetens om hedersrelaterat våld och förtryck.",
    "Ge aldrig ut information om var den utsatta befinner sig.",
    "Avidentifiera ärendet innan du rådgör med någon utanför din organisation.",
    "Tolken ska vara professionell, ha tystnadsplikt och inte känna familjen.",
    "Följ upp med den unga efter några dagar, även när inget nytt har hänt.",
    "Ett nej till ett äktenskap kan för den unga innebära en allvarlig risk.",
    "Socialjouren tar emot anmälningar när socialtjänsten har stängt.",
    "Kvinnofridslinjen och Stödtelefonen för yrkesverksamma svarar på frågor dygnet runt eller dagtid.",
    "Det finns stöd att få även för den som inte vill göra en polisanmälan.",
    "Beskriv konkret vad som har hänt, när det hände och vem som var inblandad.",
    "Tänk på att ditt eget agerande kan påverka den ungas säkerhet.",
};
const std::array<const char*, 9> kKinds = {"resurscentrum", "polis", "aklagare", "region", "socialtjanst",
                                          "socialjour", "skyddat-boende", "ideell", "lansstyrelse"};
const std::array<const char*, 9> kKindNames = {"Resurscentrum mot våld", "Polisen", "Åklagarkammaren", "Regionens vårdcentral",
                                              "Socialtjänsten", "Socialjouren", "Skyddat boende", "Föreningen Stödlinjen",
                                              "Länsstyrelsen"};
const std::array<const char*, 6> kDescriptionsSv = {
    "Tar emot anmälningar och frågor om barn och unga som kan vara utsatta för hedersrelaterat våld och förtryck.",
    "Ger råd till yrkesverksamma och stöd till den som är utsatt. Ring för att boka ett samtal.",
    "Akuta ärenden utanför kontorstid. Vid pågående brott eller fara: ring 112.",
    "Samordnar arbetet mot mäns våld mot kvinnor och hedersrelaterat våld i länet.",
    "Tolk kan bokas till samtalet. Du kan vara anonym när du rådgör om ett ärende.",
    "Erbjuder skydd och stöd för den som behöver lämna sitt hem. Adressen lämnas aldrig ut.",
};
const std::array<const char*, 6> kDescriptionsEn = {
    "Receives reports and questions about children and young people who may be exposed to honour-related violence.",
    "Advises professionals and supports people who are exposed. Call to book a conversation.",
    "Urgent matters outside office hours. If a crime is happening or someone is in danger: call 112.",
    "Coordinates the county's work against men's violence against women and honour-related violence.",
    "An interpreter can be booked. You may stay anonymous when you ask for advice about a case.",
    "Offers protection and support to people who need to leave their home. The address is never given out.",
};

std::string ascii_slug(const std::string& text) {
    std::string slug;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(text[i]);
        if (c >= 'a' && c <= 'z') slug += static_cast<char>(c);
        else if (c >= 'A' && c <= 'Z') slug += static_cast<char>(c - 'A' + 'a');
        else if (c == 0xC3 && i + 1 < text.size()) {  // å ä ö é and capitals, in UTF-8
            const unsigned char d = static_cast<unsigned char>(text[++i]);
            slug += (d == 0xA5 || d == 0xA4 || d == 0x85 || d == 0x84) ? 'a' : (d == 0xB6 || d == 0x96) ? 'o' : 'e';
        } else if (!slug.empty() && slug.back() != '-') slug += '-';
    }
    while (!slug.empty() && slug.back() == '-') slug.pop_back();
    return slug;
}

std::string two_digits(int value) { return (value < 10 ? "0" : "") + std::to_string(value); }

void write_text(const fs::path& file, const std::string& text) {
    std::ofstream out(file, std::ios::binary);
    out << text;
    if (!out) throw std::runtime_error("cannot write " + file.string());
}

std::string paragraph(Rng& rng, const std::string& place) {
    std::string text;
    const int sentences = rng.between(3, 6);
    for (int i = 0; i < sentences; ++i) {
        if (!text.empty()) text += ' ';
        if (rng.below(8) == 0) text += "I " + place + " finns särskilda rutiner för detta. ";
        text += rng.pick(kSentences);
    }
    return text;
}

std::string article_markdown(Rng& rng, int index, const std::string& changed_note) {
    const auto& county = rng.pick(counties());
    const std::string place = rng.pick(county.municipalities);
    const std::string title = std::string(rng.pick(kSubjects)) + " " + rng.pick(kAspects) + " – del " + std::to_string(index + 1);
    std::string summary = std::string(rng.pick(kSentences));
    summary.pop_back();
    summary += ", med exempel från " + place + "." + changed_note;
    std::string topics = "\"" + std::string(rng.pick(kTopics)) + "\"";
    for (int extra = rng.below(3); extra > 0; --extra) topics += ", \"" + std::string(rng.pick(kTopics)) + "\"";
    std::string audience = "\"" + std::string(rng.pick(kProfessionalAudience)) + "\"";
    if (rng.below(2) == 0) audience += ", \"" + std::string(rng.pick(kProfessionalAudience)) + "\"";

    std::string md = "+++\n";
    md += "id = \"guidance/artikel-" + std::to_string(index + 1) + "\"\n";
    md += "title = \"" + title + "\"\n";
    md += "summary = \"" + summary + "\"\n";
    md += "topics = [" + topics + "]\n";
    md += "audience = [" + audience + "]\n";
    md += "language = \"sv\"\n";
    md += "updated = 2026-" + two_digits(rng.between(1, 12)) + "-" + two_digits(rng.between(1, 28)) + "\n";
    md += "+++\n\n";
    const int sections = rng.between(2, 5);
    for (int s = 0; s < sections; ++s) {
        md += "## " + std::string(rng.pick(kHeadings)) + "\n";
        for (int p = rng.between(1, 3); p > 0; --p) md += paragraph(rng, place) + "\n\n";
        if (rng.below(3) == 0) {
            for (int item = rng.between(3, 5); item > 0; --item) md += "- " + std::string(rng.pick(kSentences)) + "\n";
            md += "\n";
        }
    }
    return md;
}

json weekday_hours(Rng& rng) {
    const int open = rng.between(7, 9);
    return {{"weekly", json::array({{{"days", {"mon", "tue", "wed", "thu"}}, {"open", two_digits(open) + ":00"}, {"close", "16:30"}},
                                    {{"days", {"fri"}}, {"open", two_digits(open) + ":00"}, {"close", "15:00"}}})},
            {"public_holidays", "closed"}};
}

json evening_hours() {
    return {{"weekly", json::array({{{"days", {"mon", "tue", "wed", "thu", "sun"}}, {"open", "16:30"}, {"close", "24:00"}},
                                    {{"days", {"fri", "sat"}}, {"open", "16:00"}, {"close", "01:30"}}})},
            {"public_holidays", "as_sunday"},
            {"note", {{"sv", "Övrig tid: ring 112 vid akut fara."}, {"en", "Other times: call 112 in an emergency."}}}};
}

json contact_json(Rng& rng, const CountyInfo& county, int index, const std::string& changed_note) {
    const int kind = rng.below(static_cast<int>(kKinds.size()));
    const std::string municipality = rng.pick(county.municipalities);
    const std::string kind_id = kKinds[static_cast<std::size_t>(kind)];
    json contact = {{"id", "contact/" + std::string(county.slug) + "/" + kind_id + "-" + std::to_string(index + 1)},
                    {"kind", kind_id},
                    {"name", std::string(kKindNames[static_cast<std::size_t>(kind)]) + " " + municipality + ", enhet " +
                                 std::to_string(index + 1)},
                    {"phone", std::string(county.area) + "-" + std::to_string(rng.between(10, 99)) + " " +
                                  std::to_string(rng.between(10, 99)) + " " + std::to_string(rng.between(10, 99))}};
    const bool municipal = kind_id == "socialtjanst" || kind_id == "socialjour";
    if (municipal || rng.below(2) == 0) contact["municipality"] = municipality;
    if (rng.below(3) != 0) contact["url"] = "https://www." + ascii_slug(municipality) + ".se";
    if (kind_id != "skyddat-boende" && rng.below(4) == 0)
        contact["address"] = "Storgatan " + std::to_string(rng.between(1, 60)) + ", " + std::to_string(rng.between(100, 989)) +
                             " " + std::to_string(rng.between(10, 99)) + " " + municipality;
    const int description = rng.below(static_cast<int>(kDescriptionsSv.size()));
    contact["description"] = {{"sv", std::string(kDescriptionsSv[static_cast<std::size_t>(description)]) + changed_note},
                              {"en", kDescriptionsEn[static_cast<std::size_t>(description)]}};
    if (kind_id == "socialjour") contact["hours"] = evening_hours();
    else if (kind_id == "polis") contact["hours"] = {{"always_open", true}};
    else if (municipal || rng.below(2) == 0) contact["hours"] = weekday_hours(rng);
    return contact;
}

json line_json(Rng& rng, int index) {
    json audience = json::array({rng.pick(kLineAudience)});
    if (rng.below(2) == 0) audience.push_back(rng.pick(kLineAudience));
    json line = {{"id", "line/stodlinje-" + std::to_string(index + 1)},
                 {"name", std::string(rng.pick(kSubjects)) + " – stödlinje " + std::to_string(index + 1)},
                 {"number", "020-" + std::to_string(rng.between(10, 99)) + " " + std::to_string(rng.between(10, 99)) + " " +
                                std::to_string(rng.between(10, 99))},
                 {"audience", audience},
                 {"who", {{"sv", std::string(rng.pick(kSentences))}, {"en", "For anyone who needs to talk."}}},
                 {"free", rng.below(2) == 0},
                 {"anonymous", rng.below(2) == 0},
                 {"languages", {"sv", "en"}}};
    line["hours"] = rng.below(3) == 0 ? json{{"always_open", true}} : weekday_hours(rng);
    return line;
}

// Which items of `count` are changed in a round: `wanted` of them, spread evenly.
bool is_changed(int index, int count, int wanted) {
    if (wanted <= 0 || count <= 0) return false;
    const int stride = std::max(1, count / wanted);
    return index % stride == 0 && index / stride < wanted;
}

}  // namespace

DatasetSpec spec_for_rows(int rows, std::uint64_t seed) {
    DatasetSpec spec;
    spec.seed = seed;
    spec.articles = rows / 10;
    spec.lines = std::max(1, rows / 100);
    spec.contacts = rows - spec.articles - spec.lines;
    return spec;
}

DatasetSummary write_bundle(const DatasetSpec& spec, const fs::path& assets, const fs::path& out) {
    if (fs::exists(out) && !fs::is_empty(out)) throw std::runtime_error(out.string() + " exists and is not empty");
    fs::create_directories(out / "guidance" / "sv");
    fs::create_directories(out / "guidance" / "en");
    fs::create_directories(out / "contacts");
    for (const char* name : {"topics.json", "counties.json", "events.json"}) fs::copy_file(assets / name, out / name);
    fs::copy(assets / "checklists", out / "checklists");

    DatasetSummary summary;
    const std::string note = " Uppdaterad i omgång " + std::to_string(spec.round) + ".";
    const int changed_articles = spec.articles > 0 ? spec.changed / 2 : 0;
    const int changed_contacts = spec.changed - changed_articles;

    // Each kind of row has its own stream, so changing one count leaves the others' text alone.
    Rng article_rng(spec.seed * 3 + 1);
    for (int i = 0; i < spec.articles; ++i) {
        const std::string md = article_markdown(article_rng, i, is_changed(i, spec.articles, changed_articles) ? note : "");
        write_text(out / "guidance" / "sv" / ("artikel-" + std::to_string(i + 1) + ".md"), md);
        summary.article_bytes += md.size();
    }
    summary.articles = spec.articles;

    Rng contact_rng(spec.seed * 3 + 2);
    const auto& county_list = counties();
    std::vector<json> per_county(county_list.size(), json::array());
    for (int i = 0; i < spec.contacts; ++i) {
        const std::size_t c = static_cast<std::size_t>(i) % county_list.size();
        per_county[c].push_back(
            contact_json(contact_rng, county_list[c], i, is_changed(i, spec.contacts, changed_contacts) ? note : ""));
    }
    for (std::size_t c = 0; c < county_list.size(); ++c)
        write_text(out / "contacts" / (std::string(county_list[c].slug) + ".json"),
                   json{{"county", county_list[c].code}, {"contacts", per_county[c]}}.dump(1));
    summary.contacts = spec.contacts;

    Rng line_rng(spec.seed * 3 + 3);
    json lines = json::array();
    for (int i = 0; i < spec.lines; ++i) lines.push_back(line_json(line_rng, i));
    write_text(out / "support_lines.json", json{{"support_lines", lines}}.dump(1));
    summary.lines = spec.lines;
    return summary;
}

}  // namespace faltstod::bench
