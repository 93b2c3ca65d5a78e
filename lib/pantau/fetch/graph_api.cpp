#include "pantau/fetch/graph_api.h"

#include <simdjson.h>

#include <algorithm>

namespace pantau::fetch {
namespace {

// A JSON number as an integer: Graph writes codes and percentages as integers, but nothing
// forbids 12.5, so doubles are truncated rather than ignored.
std::optional<int64_t> number_of(simdjson::dom::element e) {
  int64_t i = 0;
  if (!e.get_int64().get(i)) return i;
  double d = 0;
  if (!e.get_double().get(d)) return static_cast<int64_t>(d);
  return std::nullopt;
}

bool is_rate_code(int64_t code) {
  return code == 4 || code == 17 || code == 32 || code == 613 || (code >= 80001 && code <= 80014);
}

// The highest of call_count, total_cputime and total_time in one usage object, and its
// estimated_time_to_regain_access (minutes) when present.
void read_usage(simdjson::dom::object o, int64_t* high, int64_t* regain_minutes) {
  for (const char* name : {"call_count", "total_cputime", "total_time"}) {
    simdjson::dom::element v;
    if (o[name].get(v)) continue;
    if (auto n = number_of(v)) *high = std::max(*high, *n);
  }
  simdjson::dom::element v;
  if (!o["estimated_time_to_regain_access"].get(v)) {
    if (auto n = number_of(v)) *regain_minutes = std::max(*regain_minutes, *n);
  }
}

}  // namespace

std::optional<GraphError> parse_graph_error(const std::string& body) {
  if (body.empty() || body.size() > 65536) return std::nullopt;
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  simdjson::dom::object err;
  if (parser.parse(body).get(doc) || doc["error"].get_object().get(err)) return std::nullopt;
  simdjson::dom::element code;
  if (err["code"].get(code)) return std::nullopt;
  GraphError g;
  if (auto n = number_of(code)) g.code = *n;
  simdjson::dom::element sub;
  if (!err["error_subcode"].get(sub)) {
    if (auto n = number_of(sub)) g.subcode = *n;
  }
  bool transient = false;
  if (!err["is_transient"].get_bool().get(transient)) g.transient = transient;
  std::string_view message;
  if (!err["message"].get_string().get(message)) g.message = std::string(message);
  return g;
}

Failure classify_graph_response(const HttpResponse& r) {
  auto g = parse_graph_error(r.body);
  if (!g) return classify_by_status(r.status);
  if (is_rate_code(g->code)) return Failure::kRateLimited;
  if (g->code == 190 || g->code == 102) return Failure::kAuth;
  if ((g->code == 100 && g->subcode == 33) || g->code == 803 ||
      (g->code == 110 && g->subcode == 2207013)) {
    return Failure::kNotFound;
  }
  if (g->code == 1 || g->code == 2 || g->transient) return Failure::kRetry;
  // A 5xx whose body happens to be a Graph error is still the server's trouble.
  if (r.status >= 500) return Failure::kRetry;
  return Failure::kPermanent;
}

std::optional<int64_t> graph_usage_wait_ms(const HttpResponse& r) {
  int64_t high = -1;
  int64_t regain_minutes = 0;
  simdjson::dom::parser parser;
  for (std::string_view name : {"x-app-usage", "x-page-usage"}) {
    const std::string_view v = r.header(name);
    if (v.empty()) continue;
    simdjson::dom::object o;
    if (parser.parse(v.data(), v.size()).get_object().get(o)) continue;
    read_usage(o, &high, &regain_minutes);
  }
  // {"<business id>": [{"type": "pages", "call_count": 12, ...}, ...], ...}
  const std::string_view buc = r.header("x-business-use-case-usage");
  simdjson::dom::object ids;
  if (!buc.empty() && !parser.parse(buc.data(), buc.size()).get_object().get(ids)) {
    for (auto [id, uses] : ids) {
      (void)id;
      simdjson::dom::array list;
      if (uses.get_array().get(list)) continue;
      for (simdjson::dom::element use : list) {
        simdjson::dom::object o;
        if (!use.get_object().get(o)) read_usage(o, &high, &regain_minutes);
      }
    }
  }
  if (regain_minutes > 0) return regain_minutes * 60 * 1000;
  if (high >= kGraphUsageHighPercent) return kGraphUsagePauseMs;
  return std::nullopt;
}

}  // namespace pantau::fetch
