#include "pantau/classify/rule_pack.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "pantau/classify/classifier.h"

using namespace pantau::classify;
namespace fs = std::filesystem;

namespace {

// A scratch rules directory, removed at the end of the test.
struct TempPack {
  fs::path dir;
  TempPack() {
    dir = fs::temp_directory_path() /
          ("pantau-pack-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    fs::create_directories(dir / "lexicons");
  }
  ~TempPack() { fs::remove_all(dir); }
  void write(const std::string& rel, const std::string& contents) const {
    fs::create_directories((dir / rel).parent_path());
    std::ofstream(dir / rel) << contents;
  }
  static inline int counter = 0;
};

const char* kMinimal = R"([pack]
name = "mini"
version = "1"

[[rules]]
id = "money.fajar"
label = "money_politics"
weight = 0.9
terms = ["serangan fajar"]
)";

}  // namespace

TEST_CASE("a minimal pack loads", "[rule_pack]") {
  TempPack p;
  p.write("pack.toml", kMinimal);
  auto pack = load_rule_pack(p.dir.string());
  REQUIRE(pack.ok());
  CHECK(pack->name == "mini");
  REQUIRE(pack->rules.size() == 1);
  CHECK(pack->rules[0].terms[0].text == "serangan fajar");
  CHECK(pack->label("money_politics")->threshold == 0.5);
  CHECK(pack->term_count() == 1);
}

TEST_CASE("pack errors name file and line", "[rule_pack]") {
  TempPack p;
  SECTION("unknown label") {
    p.write("pack.toml",
            std::string(kMinimal) + "\n[[rules]]\nid = \"x\"\nlabel = \"mony\"\nterms = [\"a\"]\n");
    auto pack = load_rule_pack(p.dir.string());
    REQUIRE_FALSE(pack.ok());
    CHECK(pack.error().message.find("pack.toml:13: rule \"x\": unknown label or signal \"mony\"") !=
          std::string::npos);
  }
  SECTION("misspelled key") {
    p.write("pack.toml", std::string(kMinimal) + "wieght = 2\n");
    auto pack = load_rule_pack(p.dir.string());
    REQUIRE_FALSE(pack.ok());
    CHECK(pack.error().message.find("pack.toml:10: unknown key \"wieght\"") != std::string::npos);
  }
  SECTION("weight out of range") {
    std::string s = kMinimal;
    s.replace(s.find("0.9"), 3, "1.5");
    p.write("pack.toml", s);
    auto pack = load_rule_pack(p.dir.string());
    REQUIRE_FALSE(pack.ok());
    CHECK(pack.error().message.find(
              "pack.toml:8: rule \"money.fajar\": weight must be in (0, 1]") != std::string::npos);
  }
  SECTION("bad lexicon line") {
    p.write("pack.toml", std::string(kMinimal) + "lexicon = \"lexicons/m.txt\"\n");
    p.write("lexicons/m.txt", "amplop\n{bagi,bagi-bagi uang\n");
    auto pack = load_rule_pack(p.dir.string());
    REQUIRE_FALSE(pack.ok());
    CHECK(pack.error().message.find("lexicons/m.txt:2: unbalanced '{'") != std::string::npos);
  }
  SECTION("missing lexicon") {
    p.write("pack.toml", std::string(kMinimal) + "lexicon = \"lexicons/none.txt\"\n");
    auto pack = load_rule_pack(p.dir.string());
    REQUIRE_FALSE(pack.ok());
    CHECK(pack.error().message.find("pack.toml:10: rule \"money.fajar\": cannot open lexicon") !=
          std::string::npos);
    CHECK(pack.error().message.find("No such file or directory") != std::string::npos);
  }
  SECTION("bad regex") {
    p.write("pack.toml", std::string(kMinimal) + "regex = [\"(nomor\"]\n");
    auto pack = load_rule_pack(p.dir.string());
    REQUIRE_FALSE(pack.ok());
    CHECK(pack.error().message.find("pack.toml:10: rule \"money.fajar\": bad regex") !=
          std::string::npos);
  }
  SECTION("TOML syntax") {
    p.write("pack.toml", "[pack\nname = 1\n");
    auto pack = load_rule_pack(p.dir.string());
    REQUIRE_FALSE(pack.ok());
    CHECK(pack.error().message.find("pack.toml:1: ") != std::string::npos);
  }
  SECTION("cancel_within without cancels") {
    p.write("pack.toml", std::string(kMinimal) + "cancel_within = 3\n");
    auto pack = load_rule_pack(p.dir.string());
    REQUIRE_FALSE(pack.ok());
    CHECK(pack.error().message.find(
              "pack.toml:10: rule \"money.fajar\": only a rule that cancels has one") !=
          std::string::npos);
  }
  SECTION("report word of two words") {
    p.write("pack.toml", std::string(kMinimal) + "\n[context]\nreport_words = [\"kata dia\"]\n");
    auto pack = load_rule_pack(p.dir.string());
    REQUIRE_FALSE(pack.ok());
    CHECK(pack.error().message.find("\"kata dia\" is not one word") != std::string::npos);
  }
  SECTION("bad calendar") {
    p.write("pack.toml", kMinimal);
    p.write("elections/x.toml", "[election]\nid = \"x\"\ncampaign = 3\n");
    auto pack = load_rule_pack(p.dir.string());
    REQUIRE_FALSE(pack.ok());
    CHECK(pack.error().message.find("elections/x.toml:3: \"campaign\" must be") !=
          std::string::npos);
  }
}

TEST_CASE("cancel windows and report words load", "[rule_pack]") {
  TempPack p;
  p.write("pack.toml", std::string(kMinimal) + R"(
[[rules]]
id = "money.not_fajar"
cancels = ["money.fajar"]
cancel_within = 2
terms = ["film"]

[context]
report_words = ["bilang", "disebut"]
first_person_words = ["saya"]
)");
  auto pack = load_rule_pack(p.dir.string());
  REQUIRE(pack.ok());
  REQUIRE(pack->rules.size() == 2);
  CHECK(pack->rules[0].cancel_within == 0);
  CHECK(pack->rules[1].cancel_within == 2);
  CHECK(pack->context.report_words == std::vector<std::string>{"bilang", "disebut"});
  CHECK(pack->context.first_person_words == std::vector<std::string>{"saya"});
}

TEST_CASE("the shipped pack loads and is large enough", "[rule_pack]") {
  auto pack = load_rule_pack(PANTAU_SOURCE_RULES_DIR, make_term_normalizer());
  REQUIRE(pack.ok());
  CHECK(pack->name == "pantau-id");
  CHECK(pack->term_count() >= 3000);
  CHECK(pack->calendar("pemilu-2024") != nullptr);
  CHECK(pack->calendar("pilkada-2024") != nullptr);
  REQUIRE(pack->gazetteer_for("pemilu-2024") != nullptr);
  CHECK(pack->gazetteer_for("pemilu-2024")->by_ballot(2, "ticket")->ballot_no == "02");
  for (const auto& l : pack->labels) {
    CHECK_FALSE(l.basis.empty());
    CHECK(l.name_id != l.id);
  }
}

TEST_CASE("find_rules_dir order", "[rule_pack]") {
  CHECK(*find_rules_dir("/a", "/b", "", "") == "/a");
  CHECK(*find_rules_dir("", "/b", "", "") == "/b");
  CHECK(*find_rules_dir("", "", "", PANTAU_SOURCE_RULES_DIR) ==
        fs::path(PANTAU_SOURCE_RULES_DIR).lexically_normal().string());
  CHECK_FALSE(find_rules_dir("", "", "/nonexistent/bin/x", "/nonexistent").ok());
}

TEST_CASE("a negatable hit rebutted after a comma or quoted after a speaker does not count",
          "[rule_pack]") {
  TempPack p;
  p.write("pack.toml", std::string(kMinimal) + R"(
[[rules]]
id = "insult.abusive"
label = "insult"
weight = 0.9
negatable = true
terms = ["goblok"]

[context]
report_words = ["kata", "bilang"]
first_person_words = ["saya"]
rebuttal_words = ["fitnah", "hoaks"]
addressee_words = ["kamu", "user"]
)");
  auto pack = load_rule_pack(p.dir.string(), make_term_normalizer());
  REQUIRE(pack.ok());
  CHECK(pack->context.rebuttal_words == std::vector<std::string>{"fitnah", "hoaks"});
  auto c = Classifier::create(*pack);
  REQUIRE(c.ok());
  auto fires = [&](const char* text) {
    PostContext post;
    post.text = text;
    Classification out;
    REQUIRE((*c)->classify(post, &out).ok());
    return !out.labels.empty();
  };
  // the author's own words
  CHECK(fires("Caleg itu goblok, semua orang tahu."));
  CHECK(fires("Caleg itu goblok, kata saya dari dulu."));
  CHECK(fires("Caleg itu goblok: janjinya tidak ada yang jalan."));
  CHECK(fires("Caleg itu goblok sekali dan tidak pernah datang ke kampung kami, hoaks"));
  CHECK(fires("Berita pagi ini tentang caleg dari partai itu sangat: goblok."));
  CHECK(fires("Jam 08:00 caleg goblok itu baru datang."));
  // rebutted or reported after a comma that closely follows the hit
  CHECK_FALSE(fires("Caleg itu goblok, itu fitnah."));
  CHECK_FALSE(fires("Caleg itu goblok, hoaks."));
  CHECK_FALSE(fires("Caleg itu goblok, kata mereka."));
  CHECK_FALSE(fires("Caleg itu goblok, tidak benar."));
  CHECK(fires("Caleg itu goblok, tidak becus."));
  // a headline: one to three words name the speaker before the colon
  CHECK_FALSE(fires("Relawan Amin: Apa Pak Lurah Goblok?"));
  CHECK_FALSE(fires("RT Tim Hukum Sebelah: \"Caleg goblok\" jadi sorotan"));
  CHECK(fires("Relawan Amin: oke. Caleg itu goblok."));
  CHECK(fires("Menolak lupa. @budi_s : caleg itu goblok."));
  CHECK(fires("RT USER: caleg itu goblok."));
  CHECK(fires("cc: caleg goblok dan teman-temannya"));
}
