// One guidance article, rendered from its Markdown: headings, paragraphs with bold and italic,
// lists, tables and links as text; then related support lines and resource centres.
#include "i18n.hpp"
#include "kiosk_ui.hpp"
#include "related_contacts.hpp"
#include "ui_kit.hpp"
#include "ui_theme.hpp"

#include <algorithm>

namespace faltstod::ui {

using app::tr;

namespace {

void draw_table(const std::vector<app::MarkdownBlock>& blocks, std::size_t& index) {
    const int columns = std::max(1, blocks[index].level);
    const std::string id = "table" + std::to_string(index);
    if (ImGui::BeginTable(id.c_str(), columns, ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) {
        for (; index < blocks.size() && blocks[index].kind == app::BlockKind::TableRow; ++index) {
            const auto& row = blocks[index];
            ImGui::TableNextRow();
            for (int c = 0; c < columns && c < static_cast<int>(row.cells.size()); ++c) {
                ImGui::TableSetColumnIndex(c);
                if (row.header_row) ImGui::PushFont(fonts().bold);
                text(app::plain_text(row.cells[static_cast<std::size_t>(c)]));
                if (row.header_row) ImGui::PopFont();
            }
        }
        ImGui::EndTable();
    } else {
        while (index < blocks.size() && blocks[index].kind == app::BlockKind::TableRow) ++index;
    }
    --index;  // the caller's loop steps past the last row
}

}  // namespace

// Runs of one block, wrapped as one paragraph. ImGui has no rich text, so each word is its own
// item, moved to the next line — at the x where the block began — when it would pass the edge.
void draw_rich_text(const std::vector<app::TextRun>& runs) {
    const float right = ImGui::GetContentRegionMax().x;
    const float wrap_x = ImGui::GetCursorPosX();
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(ImGui::GetStyle().ItemSpacing.x, 3 * current_scale()));
    std::string whole;
    for (const auto& run : runs) whole += run.text;
    const ImVec2 block_start = ImGui::GetCursorScreenPos();
    bool line_start = true;
    for (const auto& word : app::split_words(runs)) {
        const auto& run = runs[word.run];
        ImGui::PushFont(run.strong ? fonts().bold : fonts().regular);
        const ImVec4 colour = run.link ? palette().accent : run.emphasis ? palette().highlight : ImGui::GetStyleColorVec4(ImGuiCol_Text);
        const float width = ImGui::CalcTextSize(word.text.c_str()).x;
        if (!line_start) {
            ImGui::SameLine(0, word.space_before ? ImGui::CalcTextSize(" ").x : 0);
            if (ImGui::GetCursorPosX() + width > right) {
                ImGui::NewLine();
                ImGui::SetCursorPosX(wrap_x);
            }
        }
        ImGui::TextColored(colour, "%s", word.text.c_str());
        line_start = false;
        ImGui::PopFont();
    }
    ImGui::PopStyleVar();
    if (ShownLog::recording()) ShownLog::record(whole, block_start, ImGui::GetItemRectMax(), false);
}

void draw_markdown(const std::vector<app::MarkdownBlock>& blocks) {
    const float scale = current_scale();
    for (std::size_t i = 0; i < blocks.size(); ++i) {
        const auto& block = blocks[i];
        switch (block.kind) {
            case app::BlockKind::Heading: heading(app::plain_text(block.runs), block.level <= 2 ? 1 : 2); break;
            case app::BlockKind::Paragraph:
                draw_rich_text(block.runs);
                ImGui::Dummy(ImVec2(0, 4 * scale));
                break;
            case app::BlockKind::ListItem: {
                // The marker hangs in the indent; wrapped lines align with the item's first word.
                const float indent = 24 * scale * static_cast<float>(std::max(1, block.level));
                const float start = ImGui::GetCursorPosX();
                ImGui::SetCursorPosX(start + indent - 18 * scale);
                if (block.number > 0) text(std::to_string(block.number) + ".", false);
                else text("•", false);
                ImGui::SameLine(start + indent);
                draw_rich_text(block.runs);
                break;
            }
            case app::BlockKind::Quote:
                ImGui::Indent(16 * scale);
                draw_rich_text(block.runs);
                ImGui::Unindent(16 * scale);
                break;
            case app::BlockKind::Code: text(app::plain_text(block.runs)); break;
            case app::BlockKind::Rule: ImGui::Separator(); break;
            case app::BlockKind::TableRow: draw_table(blocks, i); break;
        }
    }
}

void KioskUi::draw_article_body(const std::string& id) {
    if (!person_.article || person_.article->article.id != id || person_.article->article.language != session_.settings.language) {
        const auto found = replica::find_guidance(*env_.db, id, session_.settings.language);
        if (!found) {
            person_.article.reset();
            text_colored(palette().warning, tr("Artikeln finns inte längre. Den kan ha tagits bort vid den senaste synken."));
            return;
        }
        OpenArticle open{*found, app::parse_markdown_blocks(found->body_markdown), {}, app::related_contact_kinds(found->topics)};
        // Related lines: those the article names by name or number, else the lines for professionals.
        for (const auto& line : session_.lines())
            if (found->body_text.find(line.number) != std::string::npos || found->body_text.find(line.name) != std::string::npos)
                open.related_lines.push_back(&line);
        if (open.related_lines.empty())
            for (const auto& line : session_.lines())
                if (std::find(line.audience.begin(), line.audience.end(), "alla-yrkesverksamma") != line.audience.end())
                    open.related_lines.push_back(&line);
        person_.article = std::move(open);
    }
    const auto& article = person_.article->article;
    heading(article.title, 1);
    std::string meta = std::string(tr("Uppdaterad")) + " " + article.updated;
    if (article.language != session_.settings.language) meta += " · " + std::string(tr("Finns bara på svenska"));
    text_muted(meta);
    const bool favourite = session_.favourites().contains(article.id);
    if (button(favourite ? tr("★ Sparad som favorit##fav") : tr("☆ Spara som favorit##fav"))) ask(intent::ToggleFavourite{article.id});
    if (!article.summary.empty()) {
        ImGui::PushFont(fonts().bold);
        text(article.summary);
        ImGui::PopFont();
    }
    ImGui::Separator();
    draw_markdown(person_.article->blocks);

    ImGui::Separator();
    heading(tr("Stödlinjer som hör till"), 2);
    for (const auto* line : person_.article->related_lines) draw_line_card(*line);
    draw_related_contacts(person_.article->related_kinds);
}

void KioskUi::draw_related_contacts(const std::vector<std::string>& kinds) {
    heading(tr("Kontakter som kan behövas"), 2);
    // With the laptop's county known, Contacts opens on it (draw_contact_filters); else the
    // person chooses the county there.
    text_muted(session_.home_county() ? tr("Öppnar Kontakter i ditt län med det slaget valt.") : tr("Öppnar Kontakter med det slaget valt; välj län och kommun där."));
    float row = 0;
    for (const auto& kind : kinds) {
        const auto it = std::find(contact_kinds().begin(), contact_kinds().end(), kind);
        if (it == contact_kinds().end()) continue;
        const std::string label = std::string(contact_kind_label(kind)) + "##related-" + kind;
        if (chip(label.c_str(), false, row)) {
            // The county stays if one was chosen: the person usually works in one county.
            person_.municipality_index = -1;
            person_.kind_index = static_cast<int>(it - contact_kinds().begin());
            person_.contacts_text.clear();
            person_.contacts.reset();
            session_.nav.switch_tab(app::Screen::Contacts);
            return;
        }
    }
}

void KioskUi::draw_article(const std::string& id) {
    if (!wide_) {
        draw_article_body(id);
        return;
    }
    ImGui::BeginChild("guidance-list", ImVec2(ImGui::GetContentRegionAvail().x * 0.42f, 0), false);
    draw_guidance_list();
    ImGui::EndChild();
    ImGui::SameLine();
    // The article's lines stop near 75 characters, also on a very wide screen.
    ImGui::BeginChild("guidance-detail", ImVec2(std::min(ImGui::GetContentRegionAvail().x, readable_width()), 0), true);
    draw_article_body(id);
    ImGui::EndChild();
}

}  // namespace faltstod::ui
