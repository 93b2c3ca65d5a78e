// The gazetteer: who can be supported or attacked in an election (rules/gazetteer/<id>.toml).
// Each target has a type, a display name, a ballot number and the aliases people write online
// (nicknames, short forms, slogans). Aliases are matched as whole words on normalized text and
// let a label say who was supported or attacked.
//
//   [[target]]
//   type = "ticket"                 # ticket (presidential pair) | candidate | party
//   name = "Prabowo Subianto - Gibran Rakabuming Raka"
//   ballot_no = "02"
//   party = ""                      # optional
//   aliases = ["prabowo", "gibran", "prabowo gibran", "paslon 02", "wowo"]
//
// A rule may also name targets by ballot number ("coblos nomor 3"): resolve_ballot() maps the
// number to a ticket or a party.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pantau/result.h"

namespace pantau::classify {

struct Target {
  std::string type;  // "ticket", "candidate", "party" (or "ballot" for an unresolved number)
  std::string name;
  std::string short_name;            // "PKB"; may be empty
  std::string ballot_no;             // as written in the gazetteer ("02", "3"); may be empty
  std::string party;                 // may be empty
  std::vector<std::string> aliases;  // as written; the pack normalizes them before matching
  uint32_t line = 0;                 // where it is defined (for error messages)
};

// Which targets a ballot number can name.
enum class BallotScope { kTicket, kParty, kAny };
std::optional<BallotScope> parse_ballot_scope(std::string_view s);

struct Gazetteer {
  std::string path;
  std::vector<Target> targets;

  // The target with ballot number `n` of the given type ("02" and "2" are the same number);
  // nullptr when there is none.
  const Target* by_ballot(int n, std::string_view type) const;
};

// Parses a gazetteer; errors name the file and line.
Result<Gazetteer> parse_gazetteer(std::string_view contents, const std::string& name);
Result<Gazetteer> load_gazetteer(const std::string& path);

// The number at the end of `s` ("nomor urut 03" -> 3), or -1.
int trailing_number(std::string_view s);

}  // namespace pantau::classify
