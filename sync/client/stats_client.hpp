// The kiosk's view of consultation statistics: one blocking GET /v1/stats with this device's
// credentials, answered as plain counts or as an error a person can act on. It waits on the
// network, so the kiosk calls it off the UI thread (e.g. with std::async) and shows the
// answer when it is ready. Nothing here touches the replica or the outbox.
#pragma once

#include "server_connection.hpp"
#include "stats_tables.hpp"
#include "sync_engine.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace faltstod::sync {

struct StatsQuery {
    std::optional<std::string> county;  // SCB code; nullopt: what the device may see (its county, or all)
    std::optional<std::string> from;    // YYYY-MM, inclusive
    std::optional<std::string> to;      // YYYY-MM, inclusive
};

// The counts as the server protects them (protocol/stats_tables.hpp): a small count arrives
// as "< 5" and one that would reveal it as "x", never as the number.
using StatsCount = protocol::StatsCell;
using ConsultationCounts = protocol::StatsTables;

struct StatsAnswer {
    SyncError error;  // when set, `counts` is empty
    ConsultationCounts counts;
    // From the device's credentials, also on error (empty when not enrolled): the UI can hide
    // statistics from readers without asking the server.
    std::string role;
    std::optional<std::string> device_county;
};

// True for the roles the server lets see some statistics ("editor", "admin").
bool role_may_view_stats(const std::string& role);

// Blocks for one request (the connection timeouts of `settings` apply). Never throws for
// network, server or credentials trouble: those come back in `error`.
StatsAnswer fetch_consultation_stats(const EngineSettings& settings, const StatsQuery& query);

}  // namespace faltstod::sync
