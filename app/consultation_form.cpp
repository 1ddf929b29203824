// The consultation log form's rules; see consultation_form.hpp.
#include "consultation_form.hpp"

#include "i18n.hpp"
#include "value_formats.hpp"

#include <date/date.h>

namespace faltstod::app {

const std::vector<FormChoice>& topic_choices() {
    static const std::vector<FormChoice> choices = {
        {"hrv", N_("Hedersrelaterat våld och förtryck")},
        {"barnaktenskap", N_("Barnäktenskap")},
        {"tvangsaktenskap", N_("Tvångsäktenskap")},
        {"konsstympning", N_("Könsstympning")},
        {"bortforande", N_("Bortförande")},
        {"skyddad-identitet", N_("Skyddad identitet")},
        {"annat", N_("Annat")},
    };
    return choices;
}

const std::vector<FormChoice>& profession_choices() {
    static const std::vector<FormChoice> choices = {
        {"socialtjanst", N_("Socialtjänst")},   {"skola", N_("Skola")},
        {"elevhalsa", N_("Elevhälsa")},         {"halso-och-sjukvard", N_("Hälso- och sjukvård")},
        {"polis", N_("Polis")},                 {"aklagare", N_("Åklagare")},
        {"resurscentrum", N_("Resurscentrum")}, {"ideell", N_("Ideell organisation")},
        {"annan", N_("Annan yrkesgrupp")},
    };
    return choices;
}

const std::vector<FormChoice>& age_band_choices() {
    static const std::vector<FormChoice> choices = {
        {"child", N_("Barn")}, {"youth", N_("Ungdom")}, {"adult", N_("Vuxen")}, {"unknown", N_("Okänd ålder")}};
    return choices;
}

const std::vector<FormChoice>& channel_choices() {
    static const std::vector<FormChoice> choices = {
        {"phone", N_("Telefon")}, {"visit", N_("På plats")}, {"digital", N_("Digitalt")}, {"meeting", N_("Möte")}};
    return choices;
}

const std::vector<FormChoice>& outcome_choices() {
    static const std::vector<FormChoice> choices = {
        {"advice_given", N_("Råd och stöd")},        {"referred", N_("Hänvisning")},
        {"joint_planning", N_("Gemensam planering")}, {"report_made", N_("Anmälan gjord")},
        {"follow_up", N_("Uppföljning bokad")},      {"other", N_("Annat utfall")},
    };
    return choices;
}

std::string format_day(std::chrono::sys_days day) { return date::format("%F", day); }

ConsultationForm new_form(std::chrono::sys_days today, const std::optional<std::string>& county) {
    ConsultationForm form;
    form.date = format_day(today);
    if (county) form.county = *county;
    return form;
}

std::vector<FormProblem> missing_fields(const ConsultationForm& form, std::chrono::sys_days today) {
    std::vector<FormProblem> missing;
    using enum FormField;
    if (!content::is_valid_date(form.date)) missing.push_back({Date, N_("Skriv datumet som ÅÅÅÅ-MM-DD.")});
    else if (form.date > format_day(today)) missing.push_back({Date, N_("Datumet kan inte ligga i framtiden.")});
    if (form.county.empty()) missing.push_back({County, N_("Välj län.")});
    if (form.profession.empty()) missing.push_back({Profession, N_("Välj vem som frågade.")});
    if (form.topics.empty()) missing.push_back({Topics, N_("Välj minst ett ämne.")});
    if (form.age_band.empty()) missing.push_back({AgeBand, N_("Välj åldersgrupp.")});
    if (form.channel.empty()) missing.push_back({Channel, N_("Välj kanal.")});
    if (form.outcome.empty()) missing.push_back({Outcome, N_("Välj utfall.")});
    return missing;
}

std::size_t note_characters(std::string_view note) {
    std::size_t count = 0;
    for (const char c : note) count += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    return count;
}

protocol::ConsultationRecord to_record(const ConsultationForm& form) {
    protocol::ConsultationRecord record;
    record.date = form.date;
    record.county = form.county;
    record.profession = form.profession;
    // In the form's order, so the same choices always make the same record.
    for (const auto& choice : topic_choices())
        if (form.topics.contains(choice.value)) record.topics.emplace_back(choice.value);
    record.age_band = form.age_band;
    record.channel = form.channel;
    record.outcome = form.outcome;
    record.note = form.note;
    return record;
}

}  // namespace faltstod::app
