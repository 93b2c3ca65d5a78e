#include "pantau/fetch/hydrate_sink.h"

#include <simdjson.h>

#include "pantau/fetch/raw_record.h"
#include "pantau/records/error_record.h"

namespace pantau::fetch {

void HydrateSink::status(std::string_view record) {
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  std::string_view id, status, reason, checked_at, platform;
  if (parser.parse(record.data(), record.size()).get(doc) || doc["id"].get_string().get(id) ||
      doc["status"].get_string().get(status)) {
    return;  // not ours: status records are written by the recheck tasks only
  }
  if (status == "present" || status == "edited") {
    rebuilt_++;
    return;
  }
  (status == "unknown" ? unknown_ : missing_)++;
  if (doc["reason"].get_string().get(reason)) reason = {};
  if (doc["platform"].get_string().get(platform)) platform = {};
  if (doc["checked_at"].get_string().get(checked_at)) checked_at = {};
  RecheckItem unread;  // an id the input did not hold (cannot happen; named all the same)
  unread.id = std::string(id);
  auto it = items_.find(unread.id);
  const RecheckItem& item = it == items_.end() ? unread : it->second;
  const std::string message = std::string(id) + ": not rebuilt: " + std::string(status) +
                              (reason.empty() ? "" : " (" + std::string(reason) + ")");
  records::ErrorRecordOut e;
  e.tool = tool_;
  e.stage = "hydrate";
  auto t = parse_datetime(checked_at);
  e.time = t ? *t : now_millis();
  e.platform = platform;
  e.message = message;
  e.retryable = status == "unknown";
  if (!item.input.empty()) e.input = item.input;
  if (item.line > 0) e.line = item.line;
  std::string out;
  records::append_error_record(e, &out);
  out_.error(out);
  if (on_missing_) on_missing_(item, status, reason);
}

}  // namespace pantau::fetch
