#include "pantau/classify/gazetteer.h"

#include <charconv>

#include "pantau/classify/file_util.h"
#include "pantau/classify/toml_util.h"

namespace pantau::classify {

std::optional<BallotScope> parse_ballot_scope(std::string_view s) {
  if (s == "ticket") return BallotScope::kTicket;
  if (s == "party") return BallotScope::kParty;
  if (s == "any") return BallotScope::kAny;
  return std::nullopt;
}

int trailing_number(std::string_view s) {
  size_t end = s.size();
  while (end > 0 && !(s[end - 1] >= '0' && s[end - 1] <= '9')) --end;
  size_t begin = end;
  while (begin > 0 && s[begin - 1] >= '0' && s[begin - 1] <= '9') --begin;
  if (begin == end || end - begin > 4) return -1;
  int n = 0;
  std::from_chars(s.data() + begin, s.data() + end, n);
  return n;
}

const Target* Gazetteer::by_ballot(int n, std::string_view type) const {
  for (const auto& t : targets) {
    if (t.type != type || t.ballot_no.empty()) continue;
    if (trailing_number(t.ballot_no) == n) return &t;
  }
  return nullptr;
}

Result<Gazetteer> parse_gazetteer(std::string_view contents, const std::string& name) {
  auto doc = tomlu::parse(contents, name);
  if (!doc) return doc.error();
  const toml::table& root = *doc;
  if (auto s = tomlu::check_keys(name, root, {"target"}); !s) return s.error();
  Gazetteer g;
  g.path = name;
  const toml::array* arr = root["target"].as_array();
  if (!arr) return g;
  for (const auto& el : *arr) {
    const toml::table* t = el.as_table();
    if (!t) return tomlu::error_at(name, &el, "[[target]] must be a table");
    if (auto s =
            tomlu::check_keys(name, *t, {"type", "name", "short", "ballot_no", "party", "aliases"});
        !s) {
      return s.error();
    }
    Target target;
    target.line = t->source().begin.line;
    auto type = tomlu::get_string(name, *t, "type");
    if (!type) return type.error();
    target.type = type->value_or("");
    if (target.type != "ticket" && target.type != "candidate" && target.type != "party") {
      return tomlu::error_at(name, *t, "type",
                             "target type must be \"ticket\", \"candidate\" or \"party\"");
    }
    auto nm = tomlu::get_string(name, *t, "name");
    if (!nm) return nm.error();
    if (!*nm || (*nm)->empty()) return tomlu::error_at(name, t, "target without a \"name\"");
    target.name = **nm;
    auto sh = tomlu::get_string(name, *t, "short");
    if (!sh) return sh.error();
    target.short_name = sh->value_or("");
    auto bn = tomlu::get_string(name, *t, "ballot_no");
    if (!bn) return bn.error();
    target.ballot_no = bn->value_or("");
    if (!target.ballot_no.empty() && trailing_number(target.ballot_no) < 0) {
      return tomlu::error_at(name, *t, "ballot_no",
                             "ballot_no must be a number written as a string");
    }
    auto party = tomlu::get_string(name, *t, "party");
    if (!party) return party.error();
    target.party = party->value_or("");
    auto aliases = tomlu::get_string_array(name, *t, "aliases");
    if (!aliases) return aliases.error();
    target.aliases = std::move(*aliases);
    g.targets.push_back(std::move(target));
  }
  return g;
}

Result<Gazetteer> load_gazetteer(const std::string& path) {
  auto contents = read_file(path);
  if (!contents) return contents.error();
  return parse_gazetteer(*contents, path);
}

}  // namespace pantau::classify
