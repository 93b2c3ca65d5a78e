#include "pantau/record.h"

namespace pantau {

Result<std::string_view> RecordValidator::validate(const Line& line) {
  simdjson::dom::element doc;
  // The DOM parser wants padding too; the line reader guarantees it.
  const auto err =
      parser_.parse(reinterpret_cast<const uint8_t*>(line.text.data()), line.text.size(), false)
          .get(doc);
  if (err) return Error::invalid("invalid JSON: " + json_error_message(err));
  simdjson::dom::object obj;
  if (doc.get_object().get(obj)) return Error::invalid("record is not a JSON object");
  std::string_view k;
  auto kerr = obj["kind"].get_string().get(k);
  if (kerr == simdjson::NO_SUCH_FIELD) return std::string_view{};
  if (kerr) return Error::invalid("\"kind\" is not a string");
  return k;
}

void append_with_members(std::string_view record, std::string_view members, std::string* out) {
  size_t close = record.rfind('}');
  if (close == std::string_view::npos) close = record.size();
  out->append(record.data(), close);
  if (!members.empty()) {
    // An empty object "{}" takes no comma.
    size_t last = close;
    while (last > 0 && (record[last - 1] == ' ' || record[last - 1] == '\t')) --last;
    if (last > 0 && record[last - 1] != '{') out->push_back(',');
    out->append(members);
  }
  out->push_back('}');
}

void append_passthrough(const Line& line, std::string* out) {
  std::string_view text = line.text;
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  if (line.utf8_repaired) {
    append_with_members(text, "\"utf8_repaired\":true", out);
  } else {
    out->append(text);
  }
}

std::string json_error_message(simdjson::error_code e) {
  std::string m = simdjson::error_message(e);
  // simdjson's messages are sentences ("... an object or array."); diagnostics are not.
  while (!m.empty() && (m.back() == '.' || m.back() == ' ')) m.pop_back();
  if (!m.empty() && m[0] >= 'A' && m[0] <= 'Z' && !(m.size() > 1 && m[1] >= 'A' && m[1] <= 'Z')) {
    m[0] = static_cast<char>(m[0] - 'A' + 'a');
  }
  return m;
}

}  // namespace pantau
