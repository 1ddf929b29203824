// Which kinds of contact an article leads to, from its topics: an article on planned abduction
// leads to the police and the social services' after-hours service, one on FGM to regional
// health care. No ImGui: the Article screen shows one button per kind, and it is unit-tested.
#pragma once

#include <string>
#include <vector>

namespace faltstod::app {

// Contact kinds (see docs/content-format.md) in the order to offer them, without repeats. The
// resource centre always comes first: consultation is the first step for every topic.
std::vector<std::string> related_contact_kinds(const std::vector<std::string>& topics);

}  // namespace faltstod::app
