// pantau-records(5) is the spec, written by hand; records/ holds the types. This test reads the
// man page's section for each record kind and checks it against the kind's field table, both
// ways: a documented field no type knows, or a written field the man page lacks, fails.
//
// A section documents a field by a key in its example (between .nf and .fi) or by a .TP term
// (".B name" or ".BR a \", \" b"); it also mentions fields in bold in its text (".B note").
#include <catch2/catch.hpp>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "pantau/records/account.h"
#include "pantau/records/error_record.h"
#include "pantau/records/labels.h"
#include "pantau/records/status.h"
#include "test_support.h"

namespace {

using Names = std::set<std::string>;

struct Section {
  Names documented;  // example keys and .TP terms
  Names mentioned;   // documented, plus every bold word of the section
};

std::string man_page() {
  std::ifstream in(std::string(PANTAU_TEST_DATA_DIR) + "/../man/pantau-records.5");
  REQUIRE(in);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// The bold words of a .B or .BR line: .B makes all its words bold, .BR alternates bold and
// roman starting with bold (quoted arguments count as one).
std::vector<std::string> bold_words(const std::string& line) {
  std::vector<std::string> args;
  static const std::regex kArg(R"re("([^"]*)"|(\S+))re");
  const bool alternating = line.rfind(".BR ", 0) == 0;
  const std::string rest = line.substr(line.find(' ') + 1);
  for (auto it = std::sregex_iterator(rest.begin(), rest.end(), kArg); it != std::sregex_iterator();
       ++it) {
    args.push_back((*it)[1].matched ? (*it)[1].str() : (*it)[2].str());
  }
  std::vector<std::string> out;
  for (size_t i = 0; i < args.size(); ++i) {
    if (!alternating || i % 2 == 0) out.push_back(args[i]);
  }
  return out;
}

bool is_field_name(const std::string& w) { return std::regex_match(w, std::regex("[a-z_0-9]+")); }

Section section(const std::string& page, const std::string& title) {
  const std::string head = "\n.SH " + title + "\n";
  const size_t start = page.find(head);
  REQUIRE(start != std::string::npos);
  const size_t end = page.find("\n.SH ", start + head.size());
  std::istringstream in(page.substr(start + head.size(), end - start - head.size()));
  Section s;
  static const std::regex kKey(R"re("([a-z_0-9]+)":)re");
  bool example = false, term = false;
  std::string line;
  while (std::getline(in, line)) {
    if (line == ".nf") example = true;
    if (line == ".fi") example = false;
    if (example) {
      for (auto it = std::sregex_iterator(line.begin(), line.end(), kKey);
           it != std::sregex_iterator(); ++it) {
        s.documented.insert((*it)[1].str());
      }
      continue;
    }
    if (line == ".TP") {
      term = true;
      continue;
    }
    if (line.rfind(".B ", 0) == 0 || line.rfind(".BR ", 0) == 0) {
      for (const std::string& w : bold_words(line)) {
        if (!is_field_name(w)) continue;
        if (term) s.documented.insert(w);
        s.mentioned.insert(w);
      }
    }
    term = false;
  }
  s.documented.erase("kind");
  s.mentioned.insert(s.documented.begin(), s.documented.end());
  return s;
}

std::string list(const Names& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

// Fields in `a` and not in `b`.
Names missing(const Names& a, const Names& b) {
  Names out;
  for (const auto& n : a) {
    if (!b.count(n)) out.insert(n);
  }
  return out;
}

}  // namespace

TEST_CASE("the man page's reader finds terms, bold words and example keys", "[spec]") {
  CHECK(bold_words(".BR tool \", \" stage") == std::vector<std::string>{"tool", "stage"});
  CHECK(bold_words(".B kpu_registered") == std::vector<std::string>{"kpu_registered"});
  const Section s = section(man_page(), "ERROR RECORDS");
  CHECK(s.documented.count("time"));         // only in the example
  CHECK(s.documented.count("http_status"));  // a .BR term
  CHECK_FALSE(s.documented.count("kind"));
  CHECK(s.mentioned.count("hydrate"));  // a stage name in bold, no field
  CHECK_FALSE(s.documented.count("hydrate"));
}

TEST_CASE("ACCOUNT RECORDS documents exactly the account's fields", "[spec]") {
  Names type;
  for (const auto& f : pantau::records::kAccountFields) type.insert(std::string(f.name));
  const Section s = section(man_page(), "ACCOUNT RECORDS");
  INFO("documented, unknown to records::Account: " << list(missing(s.documented, type)));
  INFO("written by records::Account, undocumented: " << list(missing(type, s.documented)));
  CHECK(s.documented == type);
}

TEST_CASE("ERROR RECORDS documents exactly the error record's fields", "[spec]") {
  Names type;
  for (const auto& f : pantau::records::kErrorFields) type.insert(std::string(f));
  const Section s = section(man_page(), "ERROR RECORDS");
  INFO("documented, unknown to records::ErrorRecord: " << list(missing(s.documented, type)));
  INFO("written by records::ErrorRecord, undocumented: " << list(missing(type, s.documented)));
  CHECK(s.documented == type);
}

TEST_CASE("LABELS documents the labels' fields, and mentions every one written", "[spec]") {
  using namespace pantau::records;
  Names type;
  auto add = [&](const auto& fields) {
    for (std::string_view f : fields) type.insert(std::string(f));
  };
  add(kClassifiedFields);
  add(kLabelFields);
  add(kEvidenceFields);
  add(kTargetFields);
  add(kClassifierFields);
  const Section s = section(man_page(), "LABELS");
  // The example shows the common members; the text names the rest in bold (note, claim_id,
  // claim_url, similarity, field) beside label ids, so that direction is checked against
  // the bold words.
  INFO("documented, unknown to records/labels.h: " << list(missing(s.documented, type)));
  INFO("written, not in LABELS: " << list(missing(type, s.mentioned)));
  CHECK(missing(s.documented, type).empty());
  CHECK(missing(type, s.mentioned).empty());
}

TEST_CASE("STATUS RECORDS documents exactly the status record's fields", "[spec]") {
  Names type;
  for (std::string_view f : pantau::records::kStatusFields) type.insert(std::string(f));
  for (std::string_view f : pantau::records::kStatusSourceFields) type.insert(std::string(f));
  const Section s = section(man_page(), "STATUS RECORDS");
  INFO("documented, unknown to records/status.h: " << list(missing(s.documented, type)));
  INFO("written by records/status.h, undocumented: " << list(missing(type, s.documented)));
  CHECK(s.documented == type);
}
