// Topic → contact kinds; see related_contacts.hpp.
#include "related_contacts.hpp"

#include <algorithm>
#include <map>

namespace faltstod::app {

std::vector<std::string> related_contact_kinds(const std::vector<std::string>& topics) {
    // Topic ids from assets/content/topics.json. A topic not listed adds nothing beyond the
    // resource centre; an editor adding a topic adds it here if it leads somewhere specific.
    static const std::map<std::string, std::vector<std::string>> kByTopic = {
        {"kanna-igen", {"socialtjanst", "socialjour"}},
        {"samtal", {"socialtjanst", "socialjour"}},
        {"barnaktenskap", {"socialtjanst", "socialjour", "polis"}},
        {"tvangsaktenskap", {"socialtjanst", "socialjour", "polis"}},
        {"konsstympning", {"region", "socialtjanst", "polis"}},
        {"bortforande", {"polis", "socialjour", "socialtjanst"}},
        {"anmalningsplikt", {"socialtjanst", "socialjour", "polis"}},
        {"skyddad-identitet", {"socialtjanst", "polis"}},
        {"riskbedomning", {"socialtjanst", "polis"}},
        {"manniskohandel", {"polis", "lansstyrelse", "socialtjanst"}},
        {"resurscentra", {"lansstyrelse"}},
        {"skydd-och-boende", {"socialjour", "skyddat-boende", "ideell"}},
        {"hbtqi", {"ideell", "socialtjanst"}},
        {"halso-och-sjukvard", {"region"}},
        {"polis-och-rattsvasende", {"polis", "aklagare"}},
    };
    std::vector<std::string> kinds = {"resurscentrum"};
    for (const auto& topic : topics) {
        const auto it = kByTopic.find(topic);
        if (it == kByTopic.end()) continue;
        for (const auto& kind : it->second)
            if (std::find(kinds.begin(), kinds.end(), kind) == kinds.end()) kinds.push_back(kind);
    }
    return kinds;
}

}  // namespace faltstod::app
