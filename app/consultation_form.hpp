// The consultation log form without ImGui: what a person has chosen so far, the Swedish labels
// for every choice the protocol allows, what is still missing, and the record it becomes. The
// screen (app/ui/screen_log.cpp) only draws this state; the rules are unit-tested here.
#pragma once

#include "consultation_record.hpp"

#include <chrono>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace faltstod::app {

// One choice: the protocol's value and its Swedish label (translate with tr()).
struct FormChoice {
    const char* value;
    const char* label;
};

const std::vector<FormChoice>& topic_choices();
const std::vector<FormChoice>& profession_choices();
const std::vector<FormChoice>& age_band_choices();
const std::vector<FormChoice>& channel_choices();
const std::vector<FormChoice>& outcome_choices();

struct ConsultationForm {
    std::string date;    // YYYY-MM-DD
    std::string county;  // SCB code; empty until chosen
    std::string profession;
    std::set<std::string> topics;
    std::string age_band;
    std::string channel;
    std::string outcome;
    std::string note;
};

// A fresh form: dated `today`, and for a device enrolled for one county, that county.
ConsultationForm new_form(std::chrono::sys_days today, const std::optional<std::string>& county);

// "YYYY-MM-DD" for a day.
std::string format_day(std::chrono::sys_days day);

// The form's fields, in the order the screen shows them: an error is drawn next to its field
// and the summary at the top links to it (the GOV.UK error pattern).
enum class FormField { Date, County, Profession, Topics, AgeBand, Channel, Outcome, Note };

struct FormProblem {
    FormField field;
    const char* message;  // a Swedish sentence for tr()
};

// What must be chosen or fixed before saving, in the order the form shows the fields. The note
// is checked separately (note_problem), because its sentence depends on the text and the language.
std::vector<FormProblem> missing_fields(const ConsultationForm& form, std::chrono::sys_days today);

// The note's length as the rules count it (code points), for the "37 / 200" counter.
std::size_t note_characters(std::string_view note);

// The record to save; call only when missing_fields() is empty and the note passes.
protocol::ConsultationRecord to_record(const ConsultationForm& form);

}  // namespace faltstod::app
