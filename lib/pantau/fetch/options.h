// Parsers for fetch-accounts' option values, kept out of the tool so they are unit-tested:
// "PLATFORM=VALUE" pairs, request budgets ("300/5m"), and the progress line.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

#include "pantau/fetch/adapter.h"
#include "pantau/fetch/engine.h"
#include "pantau/result.h"

namespace pantau::fetch {

// "youtube=http://127.0.0.1:8080" -> {"youtube", "http://..."}; the platform is canonicalised.
Result<std::pair<std::string, std::string>> parse_platform_value(std::string_view text);

// A request budget "N/WINDOW": N requests per WINDOW, where WINDOW is a number with unit s, m,
// h or d ("300/5m", "20/s", "3000/300s"); "N" alone means per second.
Result<RateSpec> parse_rate(std::string_view text);

// A length of time "N" + unit s, m, h or d ("90s", "30m", "6h", "1d"), in milliseconds; 0
// ("0") turns the option off.
Result<int64_t> parse_duration(std::string_view text);

// A time bound for --since/--until: RFC 3339 ("2024-02-11T00:00:00+07:00") or a date
// ("2024-02-11", midnight UTC).
Result<EpochMillis> parse_time_bound(std::string_view text);

// The one-line progress report: accounts done of total, posts, requests, retries, rate waits,
// errors and the estimated time left.
std::string format_progress(const EngineStats& s, int64_t now_steady_ms);
// The closing line of a run, left on stderr (the progress line is erased): "52 accounts: 48
// fetched, 4 failed, 0 skipped; 147 posts, 98 requests, 3 retries, 2 waits".
std::string format_summary(const EngineStats& s);

}  // namespace pantau::fetch
