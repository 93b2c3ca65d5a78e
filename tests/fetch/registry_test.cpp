#include "pantau/fetch/registry.h"

#include <catch2/catch.hpp>

#include <fstream>

#include "pantau/csv.h"
#include "pantau/fetch/account_ref.h"
#include "test_support.h"

using namespace pantau;
using namespace pantau::fetch;

namespace {

struct Collected : RegistryVisitor {
  std::vector<Account> accounts;
  std::vector<std::pair<int64_t, std::string>> errors;
  std::vector<std::string> others;
  void account(Account a) override { accounts.push_back(std::move(a)); }
  bool error(std::string_view, int64_t row, std::string_view m) override {
    errors.emplace_back(row, std::string(m));
    return true;
  }
  void passthrough(const Line& l) override { others.emplace_back(l.text); }
};

Collected read_text(const std::string& text) {
  const std::string path = pantau::test::scratch_path("registry.csv");
  std::ofstream(path, std::ios::binary) << text;
  Collected c;
  (void)read_registry({path}, RegistryOptions{}, c);
  std::remove(path.c_str());
  return c;
}

}  // namespace

TEST_CASE("profile URLs and handles of every platform are parsed", "[account_ref]") {
  struct Case {
    const char* text;
    const char* hint;
    const char* platform;
    const char* handle;
    const char* id;
  };
  const Case cases[] = {
      {"https://www.youtube.com/@BudiSantoso", "", "youtube", "@BudiSantoso", ""},
      {"youtube.com/channel/UC_x5XG1OV2P6uZZ5FSM9Ttw", "", "youtube", "",
       "UC_x5XG1OV2P6uZZ5FSM9Ttw"},
      {"https://m.youtube.com/c/GoogleDevelopers", "", "youtube", "@GoogleDevelopers", ""},
      {"https://www.youtube.com/user/googlecode", "", "youtube", "user/googlecode", ""},
      {"UC_x5XG1OV2P6uZZ5FSM9Ttw", "", "youtube", "", "UC_x5XG1OV2P6uZZ5FSM9Ttw"},
      {"@budi", "youtube", "youtube", "@budi", ""},
      {"https://www.tiktok.com/@budi.s?lang=id", "", "tiktok", "budi.s", ""},
      {"https://instagram.com/budi_s/", "", "instagram", "budi_s", ""},
      {"https://www.facebook.com/profile.php?id=100012345", "", "facebook", "", "100012345"},
      {"https://web.facebook.com/PartaiContoh", "", "facebook", "PartaiContoh", ""},
      {"https://twitter.com/jokowi", "", "x", "jokowi", ""},
      {"https://x.com/i/user/366987179", "", "x", "", "366987179"},
      {"t.me/s/kanalberita", "", "telegram", "kanalberita", ""},
      {"https://bsky.app/profile/Ani.bsky.social", "", "bluesky", "ani.bsky.social", ""},
      {"https://bsky.app/profile/did:plc:abc123", "", "bluesky", "", "did:plc:abc123"},
      {"@siti@mastodon.social", "", "mastodon", "siti@mastodon.social", ""},
      {"siti@Kolektiva.Social", "mastodon", "mastodon", "siti@kolektiva.social", ""},
      {"https://mastodon.social/@siti", "", "mastodon", "siti@mastodon.social", ""},
      {"https://mastodon.social/@siti@other.example", "", "mastodon", "siti@other.example", ""},
      // An instance on a port of its own keeps the port; the default port is dropped.
      {"siti@Social.Example:8443", "mastodon", "mastodon", "siti@social.example:8443", ""},
      {"https://social.example:8443/@siti", "", "mastodon", "siti@social.example:8443", ""},
      {"https://social.example:443/@siti", "", "mastodon", "siti@social.example", ""},
  };
  for (const auto& c : cases) {
    INFO(c.text);
    auto r = parse_account_ref(c.text, c.hint);
    REQUIRE(r);
    CHECK(r->platform == c.platform);
    CHECK(r->handle == c.handle);
    CHECK(r->platform_id == c.id);
    CHECK_FALSE(r->url.empty());
  }
  CHECK(parse_account_ref("https://www.youtube.com/@x", "youtube")->url ==
        "https://www.youtube.com/@x");
}

TEST_CASE("bad references say what is wrong", "[account_ref]") {
  CHECK_FALSE(parse_account_ref("", ""));
  CHECK_FALSE(parse_account_ref("@budi", ""));  // bare handle needs a platform
  CHECK_FALSE(parse_account_ref("https://www.instagram.com/p/Cabc/", ""));
  CHECK_FALSE(parse_account_ref("https://www.youtube.com/watch?v=x", ""));
  CHECK_FALSE(parse_account_ref("ftp://youtube.com/@x", ""));
  auto mismatch = parse_account_ref("https://x.com/budi", "youtube");
  REQUIRE_FALSE(mismatch);
  CHECK(mismatch.error().message.find("platform column says youtube") != std::string::npos);
  CHECK_FALSE(parse_account_ref("budi", "mastodon"));
  CHECK_FALSE(parse_account_ref("budi@social.example:", "mastodon"));
  CHECK_FALSE(parse_account_ref("budi@social.example:99999", "mastodon"));
  CHECK_FALSE(parse_account_ref("budi@social.example:84a3", "mastodon"));
}

TEST_CASE("CSV: quotes, doubled quotes, line breaks in cells, CR/CRLF and BOM", "[csv]") {
  CsvParser p(
      "\xEF\xBB\xBF"
      "a;b;c\r\n\"x;1\";\"he said \"\"hi\"\"\";\"multi\nline\"\rlast;;\n");
  std::vector<std::string> f;
  int64_t row = 0;
  REQUIRE(p.next(&f, &row));
  CHECK(p.delimiter() == ';');
  CHECK(f == std::vector<std::string>{"a", "b", "c"});
  REQUIRE(p.next(&f, &row));
  CHECK(row == 2);
  CHECK(f == std::vector<std::string>{"x;1", "he said \"hi\"", "multi\nline"});
  REQUIRE(p.next(&f, &row));
  CHECK(row == 3);
  CHECK(f == std::vector<std::string>{"last", "", ""});
  CHECK_FALSE(p.next(&f, &row));
  CHECK_FALSE(p.unterminated_quote());
  CsvParser t("a,b\n\"open,x\n");
  REQUIRE(t.next(&f, &row));
  REQUIRE(t.next(&f, &row));
  CHECK(t.unterminated_quote());
  CHECK(detect_delimiter("a\tb\tc\n") == '\t');
  CHECK(detect_delimiter("a,b;c,d\n") == ',');
}

TEST_CASE("the registry reads Indonesian headers and reports bad rows by number", "[registry]") {
  auto c = read_text(
      "Nama;Partai;Nomor Urut;Dapil;Platform;Akun;Peran;Terdaftar KPU\r\n"
      "Budi Santoso;Partai Contoh;03;Lombok Barat "
      "2;YouTube;https://www.youtube.com/@budi;Caleg;ya\r\n"
      "Siti;P;2;;;https://mastodon.social/@siti;Tim Kampanye;tidak\r\n"
      "Bad;P;5;;;not-a-url;caleg;\r\n"
      ";;;;;;;\r\n"
      "Dup;P;6;;YouTube;@Budi;caleg;\r\n"
      "Role;P;7;;x;budi_x;astronaut;\r\n");
  REQUIRE(c.accounts.size() == 2);
  const Account& a = c.accounts[0];
  CHECK(a.key == "youtube:@budi");
  CHECK(a.owner == "Budi Santoso");
  CHECK(a.owner_key == "budi-santoso");
  CHECK(a.ballot_no == "03");  // kept as written
  CHECK(a.role == "candidate");
  CHECK(a.kpu_registered == true);
  CHECK(a.row == 2);
  CHECK(c.accounts[1].role == "campaign_team");
  CHECK(c.accounts[1].kpu_registered == false);
  REQUIRE(c.errors.size() == 3);
  CHECK(c.errors[0].first == 4);
  CHECK(c.errors[1].first == 6);
  CHECK(c.errors[1].second.find("duplicate key youtube:@budi (first at row 2)") !=
        std::string::npos);
  CHECK(c.errors[2].first == 7);
  CHECK(c.errors[2].second.find("unknown role") != std::string::npos);
}

TEST_CASE("a wide sheet gives one account per platform cell", "[registry]") {
  auto c = read_text("id,name,youtube,tiktok,instagram\n7,Ani,@ani,@ani.tt,\n");
  REQUIRE(c.accounts.size() == 2);
  CHECK(c.accounts[0].key == "7-youtube");
  CHECK(c.accounts[1].key == "7-tiktok");
  CHECK(c.accounts[1].handle == "ani.tt");
  CHECK(c.errors.empty());
}

TEST_CASE("NDJSON account records pass; other kinds are handed back", "[registry]") {
  auto c = read_text(
      "{\"kind\":\"account\",\"platform\":\"Bluesky\",\"handle\":\"ani.bsky.social\",\"role\":"
      "\"candidate\"}\n"
      "{\"kind\":\"probe\",\"n\":1}\n"
      "{bad\n"
      "{\"kind\":\"account\",\"platform\":\"youtube\",\"url\":\"https://www.youtube.com/"
      "@z\",\"row\":\"x\"}\n"
      "{\"kind\":\"account\",\"key\":\"k1\",\"platform\":\"mastodon\",\"handle\":\"a@b.social\","
      "\"ballot_no\":3}\n");
  REQUIRE(c.accounts.size() == 2);
  CHECK(c.accounts[0].key == "bluesky:ani.bsky.social");
  CHECK(c.accounts[0].platform == "bluesky");
  CHECK(c.accounts[0].row == 1);
  CHECK(c.accounts[1].key == "k1");
  CHECK(c.accounts[1].ballot_no == "3");
  REQUIRE(c.others.size() == 1);
  CHECK(c.others[0] == "{\"kind\":\"probe\",\"n\":1}");
  REQUIRE(c.errors.size() == 2);
  CHECK(c.errors[0].first == 3);
  CHECK(c.errors[1].second == "\"row\" is not an integer");
}

TEST_CASE("account records round-trip through JSON", "[registry]") {
  Account a;
  a.key = "k";
  a.platform = "youtube";
  a.handle = "@b";
  a.role = "party";
  a.kpu_registered = false;
  a.row = 9;
  const std::string rec = records::account_record(a);
  CHECK(rec ==
        "{\"kind\":\"account\",\"key\":\"k\",\"platform\":\"youtube\",\"handle\":\"@b\","
        "\"platform_id\":null,\"url\":null,\"owner\":null,\"owner_key\":null,\"role\":\"party\","
        "\"party\":null,\"ballot_no\":null,\"election\":null,\"district\":null,\"region\":null,"
        "\"kpu_registered\":false,\"notes\":null,\"row\":9}");
  simdjson::dom::parser p;
  records::Account back;
  REQUIRE(records::parse_account(p.parse(rec).get_object().value(), &back).ok());
  CHECK(back == a);
  CHECK(canonical_role("Kepala Desa") == "village_head");
  CHECK(canonical_role("TNI") == "military");
  CHECK(canonical_platform("Twitter") == "x");
  CHECK(canonical_platform("myspace").empty());
}

TEST_CASE("a registry larger than a chunk reads as the whole file would", "[registry][stream]") {
  // The reader keeps one chunk (1 MiB) and the longest row in memory, not the file: rows whose
  // quoted cells hold line breaks, a CRLF and a 3 MB cell must all straddle chunk boundaries
  // without changing rows, row numbers or cells.
  std::string csv = "\xEF\xBB\xBFNama;Platform;Akun;Catatan\r\n";
  const int n = 40000;
  for (int i = 0; i < n; ++i) {
    csv += "Calon " + std::to_string(i) + ";x;@user" + std::to_string(i) + ";";
    if (i % 3 == 0) csv += "\"baris satu\r\nbaris \"\"dua\"\";\nbaris tiga\"";
    if (i == 20000) csv += std::string(3'000'000, 'c');
    csv += "\r\n";
  }
  REQUIRE(csv.size() > (size_t{4} << 20));  // several chunks
  const std::string path = pantau::test::scratch_path("big_registry.csv");
  pantau::test::write_file(path, csv);
  Collected c;
  REQUIRE(read_registry({path}, RegistryOptions{}, c).ok());
  CHECK(c.errors.empty());
  REQUIRE(c.accounts.size() == static_cast<size_t>(n));
  bool rows_right = true, notes_right = true;
  for (int i = 0; i < n; ++i) {
    const Account& a = c.accounts[static_cast<size_t>(i)];
    rows_right = rows_right && a.row == i + 2 && a.handle == "user" + std::to_string(i);
    const bool multi = i % 3 == 0;
    notes_right = notes_right && (multi ? a.notes == "baris satu\r\nbaris \"dua\";\nbaris tiga"
                                  : i == 20000 ? a.notes.size() == 3'000'000
                                               : a.notes.empty());
  }
  CHECK(rows_right);
  CHECK(notes_right);

  // A row longer than the limit is an error naming it, not unbounded memory.
  RegistryOptions small;
  small.max_line_bytes = size_t{2} << 20;
  Collected limited;
  (void)read_registry({path}, small, limited);
  REQUIRE_FALSE(limited.errors.empty());
  CHECK(limited.errors.back().first == 20002);
  CHECK(limited.errors.back().second.find("row longer than") != std::string::npos);
  std::remove(path.c_str());
}

TEST_CASE("a shard checks only its own keys for duplicates", "[registry][shard]") {
  const std::string path = pantau::test::scratch_path("dup_registry.csv");
  pantau::test::write_file(path, "nama,platform,akun\nA,x,@a\nB,x,@b\nA2,x,@a\nB2,x,@b\n");
  Collected all;
  REQUIRE(read_registry({path}, RegistryOptions{}, all).ok());
  CHECK(all.errors.size() == 2);
  RegistryOptions only_a;
  only_a.checks_duplicates = [](const Account& a) { return a.key == "x:a"; };
  Collected shard;
  REQUIRE(read_registry({path}, only_a, shard).ok());
  REQUIRE(shard.errors.size() == 1);
  CHECK(shard.errors[0].first == 4);
  CHECK(shard.errors[0].second == "duplicate key x:a (first at row 2)");
}
