// Contacts: filter by county, municipality and kind; a clipped list that stays smooth with tens
// of thousands of rows; details with the number to copy, hours and whether it is open now.
#include "i18n.hpp"
#include "kiosk_ui.hpp"
#include "open_text.hpp"
#include "swedish_order.hpp"
#include "ui_kit.hpp"
#include "ui_theme.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

namespace faltstod::ui {

using app::tr;

const char* contact_kind_label(const std::string& kind) {
    if (kind == "resurscentrum") return tr("Regionalt resurscentrum");
    if (kind == "polis") return tr("Polisen");
    if (kind == "aklagare") return tr("Åklagare");
    if (kind == "region") return tr("Hälso- och sjukvård (region)");
    if (kind == "socialtjanst") return tr("Socialtjänst");
    if (kind == "socialjour") return tr("Socialjour");
    if (kind == "lansstyrelse") return tr("Länsstyrelse");
    if (kind == "skyddat-boende") return tr("Skyddat boende");
    if (kind == "ideell") return tr("Ideell organisation");
    return kind.c_str();
}

const std::vector<std::string>& contact_kinds() {
    static const std::vector<std::string> kinds = {"resurscentrum", "socialjour", "socialtjanst", "polis", "aklagare",
                                                   "region", "lansstyrelse", "skyddat-boende", "ideell"};
    return kinds;
}

namespace {

// A typical second line of a contact row (a socialjour's), to size the rows by: a longer one is
// cut below its row's last whole line (sizing by the longest possible one made every row a line
// higher on a wide screen, for the few that need it).
constexpr const char* kLongSubtitle = "Socialjour · Norrköping · 112 · Stängt, öppnar 16:30";

// A county's municipalities A–Ö in Swedish order (the replica sorts by bytes: Ä before Å).
std::vector<std::string> municipalities_sorted(sqlite::Database& db, const std::string& county_code) {
    auto names = replica::municipalities_in(db, county_code);
    std::sort(names.begin(), names.end(), [](const auto& a, const auto& b) { return app::swedish_less(a, b); });
    return names;
}

}  // namespace

std::string KioskUi::contact_subtitle(const content::Contact& contact) const {
    std::string subtitle = std::string(contact_kind_label(contact.kind)) + (contact.municipality ? " · " + *contact.municipality : "") + " · " + contact.phone;
    if (contact.hours) subtitle += " · " + app::open_text(*contact.hours, now_).text;  // open or closed, at a glance
    return subtitle;
}

void KioskUi::draw_contact_filters() {
    if (!person_.contacts_county_chosen) {
        person_.contacts_county_chosen = true;
        const auto own = session_.home_county() ? std::find_if(session_.counties().begin(), session_.counties().end(), [&](const auto& c) { return c.code == *session_.home_county(); })
                                        : session_.counties().end();
        if (own != session_.counties().end() && person_.county_index < 0) {
            person_.county_index = static_cast<int>(own - session_.counties().begin());
            person_.municipalities = municipalities_sorted(*env_.db, own->code);
            person_.contacts.reset();
        }
    }
    county_names_.clear();
    for (const auto& county : session_.counties()) county_names_.push_back(county.name);
    kind_labels_.clear();
    for (const auto& kind : contact_kinds()) kind_labels_.emplace_back(contact_kind_label(kind));

    // Words first: the quickest way to one contact ("linköping socialjour").
    if (search_field("##contacts-text", tr("Filtrera på namn, kommun eller slag"), person_.contacts_text, false)) {
        person_.contacts.reset();
        person_.contacts_narrowed = true;
    }
    // Side by side in a wide window, stacked in a narrow one.
    const float width = wide_ ? (ImGui::GetContentRegionAvail().x - 2 * ImGui::GetStyle().ItemSpacing.x) / 3 : -1;
    ImGui::SetNextItemWidth(width);
    if (combo("##county", county_names_, person_.county_index, tr("Alla län"))) {
        person_.municipality_index = -1;
        person_.municipalities = person_.county_index >= 0 ? municipalities_sorted(*env_.db, session_.counties()[static_cast<std::size_t>(person_.county_index)].code)
                                             : std::vector<std::string>{};
        person_.contacts.reset();
        person_.contacts_narrowed = true;
    }
    if (wide_) ImGui::SameLine();
    ImGui::SetNextItemWidth(width);
    if (person_.county_index < 0) ImGui::BeginDisabled();
    if (combo("##municipality", person_.municipalities, person_.municipality_index, person_.county_index < 0 ? tr("Välj län först") : tr("Alla kommuner"))) {
        person_.contacts.reset();
        person_.contacts_narrowed = true;
    }
    if (person_.county_index < 0) ImGui::EndDisabled();
    if (wide_) ImGui::SameLine();
    ImGui::SetNextItemWidth(width);
    if (combo("##kind", kind_labels_, person_.kind_index, tr("Alla slags kontakter"))) {
        person_.contacts.reset();
        person_.contacts_narrowed = true;
    }
}

void KioskUi::draw_contact_list() {
    if (!wide_) draw_contact_filters();  // in a wide window they span both panes
    auto& list = contacts();
    // A filter the person changed that leaves one contact opens it: nothing left to choose.
    if (std::exchange(person_.contacts_narrowed, false) && list.size() == 1 && list.at(0) &&
        !(session_.nav.current().screen == app::Screen::Contact && session_.nav.current().id == list.id(0))) {
        if (session_.nav.current().screen == app::Screen::Contact) session_.nav.back();
        session_.nav.open(app::Route{app::Screen::Contact, list.id(0)});
    }
    text_muted(app::trn("%d kontakt", "%d kontakter", static_cast<long long>(list.size())));
    ImGui::Separator();
    ImGui::BeginChild("contact-rows", ImVec2(0, 0), false);
    // Every row the same height (the clipper needs it), as high as a long second line needs in
    // this width: kind, municipality, number and when it opens take two lines at 420 px.
    const float sample = ImGui::CalcTextSize(kLongSubtitle).x;
    const float room = std::max(1.0f, ImGui::GetContentRegionAvail().x - ImGui::GetStyle().FramePadding.x * 2);
    const float row_height = fixed_row_height(std::min(3, static_cast<int>(std::ceil(sample / room))));
    // Only the rows on screen are drawn, and only their pages read (app/contact_list.hpp), so
    // 20,000 contacts cost what 20 do.
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(list.size()), row_height + ImGui::GetStyle().ItemSpacing.y);
    const std::string open_id = session_.nav.current().screen == app::Screen::Contact ? session_.nav.current().id : std::string();
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const auto* row = list.at(static_cast<std::size_t>(i));
            if (!row) {  // removed by a sync since the list was read; the list is read again soon
                ImGui::Dummy(ImVec2(0, row_height));
                continue;
            }
            const auto& contact = *row;
            if (list_row(contact.id.c_str(), contact.name, contact_subtitle(contact), contact.id == open_id, row_height)) {
                if (session_.nav.current().screen == app::Screen::Contact) session_.nav.back();
                session_.nav.open(app::Route{app::Screen::Contact, contact.id});
            }
        }
    }
    ImGui::EndChild();
}

void KioskUi::draw_contacts() {
    if (!wide_) {
        draw_contact_list();
        return;
    }
    draw_contact_filters();
    ImGui::BeginChild("contact-list", ImVec2(ImGui::GetContentRegionAvail().x * 0.5f, 0), false);
    draw_contact_list();
    ImGui::EndChild();
    ImGui::SameLine();
    ImGui::BeginChild("contact-detail", ImVec2(0, 0), true);
    text_muted(tr("Välj en kontakt i listan."));
    ImGui::EndChild();
}

void KioskUi::draw_contact_body(const std::string& id) {
    const auto* found = contacts().find(id);
    if (!found) {
        text_colored(palette().warning, tr("Kontakten finns inte längre i listan (filter eller synk ändrade den)."));
        return;
    }
    const auto& contact = *found;
    heading(contact.name, 1);
    std::string where = contact_kind_label(contact.kind);
    for (const auto& county : session_.counties())
        if (county.code == contact.county_code) where += " · " + county.name;
    if (contact.municipality) where += " · " + *contact.municipality;
    text_muted(where);
    if (contact.hours) {
        const auto state = app::open_text(*contact.hours, now_);
        draw_phone(contact.id, contact.name, contact.phone, state.text, state.open, state.known);
        text(std::string(tr("Öppettider:")) + " " + app::weekly_summary(*contact.hours));
        if (!contact.hours->note.empty()) text_muted(contact.hours->note.in(session_.settings.language));
    } else {
        draw_phone(contact.id, contact.name, contact.phone);
    }
    if (contact.address) text(std::string(tr("Besöksadress:")) + " " + *contact.address);
    if (contact.email) text(std::string(tr("E-post:")) + " " + *contact.email);
    if (contact.url) text(std::string(tr("Webb:")) + " " + *contact.url);
    if (!contact.description.empty()) {
        ImGui::Separator();
        text(contact.description.in(session_.settings.language));
    }
}

void KioskUi::draw_contact(const std::string& id) {
    if (!wide_) {
        draw_contact_body(id);
        return;
    }
    draw_contact_filters();
    ImGui::BeginChild("contact-list", ImVec2(ImGui::GetContentRegionAvail().x * 0.5f, 0), false);
    draw_contact_list();
    ImGui::EndChild();
    ImGui::SameLine();
    ImGui::BeginChild("contact-detail", ImVec2(0, 0), true);
    draw_contact_body(id);
    ImGui::EndChild();
}

}  // namespace faltstod::ui
