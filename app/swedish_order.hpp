// Swedish alphabetical order for names shown in lists (counties, municipalities): a–z, then
// å, ä, ö, case ignored; é sorts as e and ü as y, as Swedish dictionaries do. The replica's SQL
// orders by code or by bytes (where Ä comes before Å), and the machine may have no Swedish
// locale installed, so the kiosk sorts with this instead.
#pragma once

#include <string_view>

namespace faltstod::app {

bool swedish_less(std::string_view a, std::string_view b);

}  // namespace faltstod::app
