// pantau-bench-gen: a deterministic, seeded generator of realistic pantau input for benchmarks.
//
//   pantau-bench-gen --kind post --count 1000000 --seed 42 > posts.ndjson
//   pantau-bench-gen --kind raw --count 1000000 > raw.ndjson          (pages of platform JSON)
//   pantau-bench-gen --kind classified --count 1000000 > classified.ndjson
//
// Text is Indonesian-like social-media writing: common words, slang ("yg", "gak"), elongations
// ("bangeeet"), emoji, hashtags, mentions, URLs, a few "fancy" Unicode letters and the election
// vocabulary the classifier looks for, in realistic proportions. The same seed gives the same
// bytes on every machine (own PRNG, no std::distributions, no locale).
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "pantau/json_writer.h"
#include "pantau/time.h"

namespace {

using pantau::JsonWriter;

// xoshiro-style 64-bit PRNG (splitmix64): tiny, fast and identical everywhere.
class Rng {
 public:
  explicit Rng(uint64_t seed) : s_(seed) {}
  uint64_t next() {
    uint64_t z = (s_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  uint64_t below(uint64_t n) { return next() % n; }
  bool chance(int percent) { return below(100) < static_cast<uint64_t>(percent); }
  template <typename T, size_t N>
  const T& pick(const T (&a)[N]) {
    return a[below(N)];
  }

 private:
  uint64_t s_;
};

constexpr const char* kWords[] = {
    "yang",        "dan",       "di",     "ini",        "itu",      "untuk",     "dengan",
    "tidak",       "ada",       "dari",   "akan",       "kita",     "saya",      "kami",
    "mereka",      "rakyat",    "warga",  "desa",       "kampung",  "kabupaten", "pemilu",
    "pilkada",     "caleg",     "calon",  "partai",     "suara",    "coblos",    "pilih",
    "dukung",      "program",   "jalan",  "sekolah",    "pasar",    "petani",    "nelayan",
    "harga",       "beras",     "minyak", "kerja",      "bantuan",  "janji",     "bukti",
    "bersama",     "membangun", "masa",   "depan",      "anak",     "muda",      "ibu",
    "bapak",       "terima",    "kasih",  "semangat",   "hari",     "ini",       "besok",
    "kemarin",     "malam",     "pagi",   "acara",      "kampanye", "dialog",    "blusukan",
    "silaturahmi", "relawan",   "tim",    "pemenangan", "visi",     "misi",      "jujur",
    "adil",        "bersih",    "damai",  "aman",       "lancar",   "mantap",    "keren",
    "hebat",       "luar",      "biasa",  "sekali",     "sangat",   "banyak",    "sedikit",
    "semua",       "setiap",    "lagi",   "sudah",      "belum",    "masih",     "bisa",
    "harus",       "mau",       "ingin",  "datang",     "hadir",    "lihat",     "dengar",
    "tolong",      "mohon",     "doa"};
constexpr const char* kSlang[] = {"yg",    "gak", "ga",  "gk",     "tdk", "udh",  "blm",
                                  "bgt",   "krn", "dgn", "utk",    "aja", "gmn",  "knp",
                                  "org",   "jg",  "bs",  "lg",     "tp",  "kalo", "emg",
                                  "bener", "gue", "lu",  "wkwkwk", "btw", "otw",  "mantul"};
constexpr const char* kElongated[] = {"bangeeeet", "mantaaap", "kereeen", "siaaap",    "hebaaat",
                                      "ayooo",     "yukkk",    "gasss",   "semangaaat"};
constexpr const char* kEmoji[] = {"🇮🇩",   "🙏",      "🔥", "💪",       "😂",        "❤️", "👍",
                                  "🤣", "✌️", "😡", "🗳️", "👏🏽", "😍",      "🤲"};
constexpr const char* kFancy[] = {"𝐏𝐄𝐌𝐈𝐋𝐔", "ｃｏｂｌｏｓ", "Ⓐⓨⓞ", "𝓳𝓾𝓳𝓾𝓻", "café", "Rp…"};
constexpr const char* kElection[] = {"coblos nomor 2",
                                     "pilih paslon 01",
                                     "serangan fajar",
                                     "amplop",
                                     "bagi-bagi sembako",
                                     "uang transport",
                                     "hoaks",
                                     "fitnah",
                                     "kafir",
                                     "antek asing",
                                     "masa tenang",
                                     "nomor urut 3",
                                     "jangan lupa coblos",
                                     "ASN harus netral",
                                     "kepala desa",
                                     "di masjid",
                                     "di sekolah"};
constexpr const char* kTags[] = {
    "pemilu2024",       "pilkada2024", "coblos",   "indonesiamaju", "lombokbarat", "pemiludamai",
    "tolakpolitikuang", "caleg",       "kampanye", "desa",          "ntb",         "bawaslu"};
constexpr const char* kNames[] = {"budi",   "siti",  "ahmad", "dewi", "agus", "rina",
                                  "hendra", "wulan", "joko",  "ani",  "rudi", "lestari",
                                  "fajar",  "intan", "yusuf", "nur"};
constexpr const char* kPlatforms[] = {"x", "youtube", "mastodon", "bluesky", "tiktok", "facebook"};

struct Gen {
  Rng rng;
  std::string text;

  explicit Gen(uint64_t seed) : rng(seed) {}

  const std::string& make_text() {
    text.clear();
    const uint64_t words = 8 + rng.below(40);
    for (uint64_t i = 0; i < words; ++i) {
      if (i) text.push_back(' ');
      const uint64_t r = rng.below(1000);
      if (r < 690) {
        std::string_view w = rng.pick(kWords);
        if (i == 0 && !w.empty()) {  // capitalise the first word
          text.push_back(static_cast<char>(w[0] - 'a' + 'A'));
          text.append(w.substr(1));
        } else {
          text.append(w);
        }
      } else if (r < 840) {
        text.append(rng.pick(kSlang));
      } else if (r < 870) {
        text.append(rng.pick(kElongated));
      } else if (r < 910) {
        text.append(rng.pick(kEmoji));
      } else if (r < 935) {
        text.push_back('#');
        text.append(rng.pick(kTags));
      } else if (r < 955) {
        text.push_back('@');
        text.append(rng.pick(kNames));
        text.append(std::to_string(rng.below(100)));
      } else if (r < 965) {
        text.append("https://bit.ly/");
        text.append(std::to_string(rng.next() % 100000000));
      } else if (r < 975) {
        text.append(rng.pick(kFancy));
      } else if (r < 990) {
        text.append(rng.pick(kElection));
      } else {
        text.append(std::to_string(rng.below(10000)));
      }
    }
    if (rng.chance(40)) text.append(rng.pick(kEmoji));
    if (rng.chance(10)) text.append("\nSalam perubahan!");
    return text;
  }
};

constexpr int64_t kStart =
    1701129600000;  // 2023-11-28T00:00:00Z, start of the Pemilu 2024 campaign

void write_post(Gen& g, uint64_t i, JsonWriter& w, bool classified) {
  const char* platform = g.rng.pick(kPlatforms);
  const std::string native = std::to_string(1700000000000000000ull + i * 7919);
  const std::string who = std::string(g.rng.pick(kNames)) + std::to_string(i % 5000);
  const int64_t t = kStart + static_cast<int64_t>(g.rng.below(80ull * 86400)) * 1000;
  w.begin_object();
  w.field("kind", "post");
  w.field("id", std::string(platform) + ":" + native);
  w.field("platform", platform);
  w.field("native_id", native);
  w.field("url", "https://example.invalid/" + who + "/" + native);
  w.field("type", g.rng.chance(20) ? "reply" : "post");
  w.key("parent");
  w.null();
  w.field("created_at", pantau::format_rfc3339(t));
  w.key("author");
  w.begin_object();
  w.field("id", std::to_string(100000 + i % 5000));
  w.field("handle", who);
  w.field("name", who);
  w.end_object();
  w.key("account");
  w.begin_object();
  w.field("key", "acct-" + std::to_string(i % 13100));
  w.field("owner", "Calon " + std::to_string(i % 655));
  w.field("role", (i % 50 == 0) ? "civil_servant" : "candidate");
  w.field("party", "Partai " + std::to_string(1 + i % 18));
  w.field("ballot_no", std::to_string(1 + i % 9));
  w.field("election", "pemilu-2024");
  w.field("district", "Dapil " + std::to_string(1 + i % 7));
  w.field("region", "52.01");
  w.end_object();
  const std::string& text = g.make_text();
  w.field("text", text);
  w.field("text_norm", text);
  w.field("lang", "id");
  w.key("hashtags");
  w.begin_array();
  if (g.rng.chance(30)) w.string(g.rng.pick(kTags));
  w.end_array();
  w.key("mentions");
  w.begin_array();
  w.end_array();
  w.key("urls");
  w.begin_array();
  w.end_array();
  w.key("media");
  w.begin_array();
  w.end_array();
  w.key("metrics");
  w.begin_object();
  w.field("likes", static_cast<int64_t>(g.rng.below(5000)));
  w.field("comments", static_cast<int64_t>(g.rng.below(300)));
  w.field("shares", static_cast<int64_t>(g.rng.below(100)));
  w.field("views", static_cast<int64_t>(g.rng.below(100000)));
  w.field("observed_at", pantau::format_rfc3339(t + 3600000));
  w.end_object();
  w.key("source");
  w.begin_object();
  w.field("format", std::string(platform) + ".bench");
  w.field("raw_sha256", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
  w.field("fetched_at", pantau::format_rfc3339(t + 3600000));
  w.field("request_url", "https://api.example.invalid/v1/" + who);
  w.end_object();
  if (classified) {
    static constexpr const char* kLabels[] = {"campaign", "money_politics", "insult",      "hoax",
                                              "sara",     "neutrality",     "quiet_period"};
    w.key("labels");
    w.begin_array();
    if (g.rng.chance(15)) {
      const char* label = g.rng.pick(kLabels);
      const uint64_t start = g.rng.below(20);
      w.begin_object();
      w.field("label", label);
      w.key("score");
      w.number(0.5 + static_cast<double>(g.rng.below(50)) / 100.0);
      w.field("name_id", label);
      w.field("name_en", label);
      w.field("basis", "UU 7/2017 Pasal 280");
      w.key("rules");
      w.begin_array();
      w.string(std::string(label) + ".rule");
      w.end_array();
      w.key("evidence");
      w.begin_array();
      w.begin_object();
      w.field("rule", std::string(label) + ".rule");
      w.field("start", static_cast<int64_t>(start));
      w.field("end", static_cast<int64_t>(start + 5));
      w.field("text", "fajar");
      w.end_object();
      w.end_array();
      w.key("targets");
      w.begin_array();
      w.end_array();
      w.end_object();
    }
    w.end_array();
    w.key("classifier");
    w.begin_object();
    w.field("pack", "pantau-id");
    w.field("version", "bench");
    w.key("model");
    w.null();
    w.field("election", "pemilu-2024");
    w.end_object();
  }
  w.end_object();
}

// The entities X gives for a text: hashtags, mentions and links at word starts, with their
// offsets in code points (X API v2 counts code points).
void write_x_entities(std::string_view text, uint64_t mention_id, JsonWriter& w) {
  struct Entity {
    size_t start, end;
    std::string_view word;
  };
  std::vector<Entity> tags, mentions, urls;
  size_t cp = 0;  // code points before byte i
  for (size_t i = 0; i < text.size();) {
    if (text[i] == ' ' || text[i] == '\n') {
      ++i;
      ++cp;
      continue;
    }
    size_t j = i, n = 0;
    for (; j < text.size() && text[j] != ' ' && text[j] != '\n'; ++j) {
      n += (static_cast<unsigned char>(text[j]) & 0xC0) != 0x80;
    }
    const std::string_view word = text.substr(i, j - i);
    if (word.size() > 1 && word[0] == '#') tags.push_back({cp, cp + n, word.substr(1)});
    if (word.size() > 1 && word[0] == '@') mentions.push_back({cp, cp + n, word.substr(1)});
    if (word.starts_with("https://")) urls.push_back({cp, cp + n, word});
    cp += n;
    i = j;
  }
  if (tags.empty() && mentions.empty() && urls.empty()) return;  // X leaves `entities` out
  auto position = [&](const Entity& e) {
    w.field("start", static_cast<int64_t>(e.start));
    w.field("end", static_cast<int64_t>(e.end));
  };
  w.key("entities");
  w.begin_object();
  if (!tags.empty()) {
    w.key("hashtags");
    w.begin_array();
    for (const Entity& e : tags) {
      w.begin_object();
      position(e);
      w.field("tag", e.word);
      w.end_object();
    }
    w.end_array();
  }
  if (!mentions.empty()) {
    w.key("mentions");
    w.begin_array();
    for (const Entity& e : mentions) {
      w.begin_object();
      position(e);
      w.field("username", e.word);
      w.field("id", std::to_string(mention_id++));
      w.end_object();
    }
    w.end_array();
  }
  if (!urls.empty()) {
    w.key("urls");
    w.begin_array();
    for (const Entity& e : urls) {
      w.begin_object();
      position(e);
      w.field("url", e.word);
      w.field("expanded_url", "https://www.example.com/berita/" + std::string(e.word.substr(15)));
      w.field("display_url", "example.com/berita/" + std::string(e.word.substr(15)));
      w.end_object();
    }
    w.end_array();
  }
  w.end_object();
}

// One X API v2 users/:id/tweets page for `n` posts with the fields pantau-fetch-accounts asks
// for (x_adapter.cpp: tweet.fields, expansions, user.fields): data with entities and edit
// history, includes.users, meta.
void write_x_page(Gen& g, uint64_t first, uint64_t n, std::string* body) {
  JsonWriter w(body);
  w.begin_object();
  w.key("data");
  w.begin_array();
  for (uint64_t k = 0; k < n; ++k) {
    const uint64_t i = first + k;
    const int64_t t = kStart + static_cast<int64_t>(g.rng.below(80ull * 86400)) * 1000;
    const std::string id = std::to_string(1460323737035677698ull + i);
    w.begin_object();
    w.field("id", id);
    w.key("edit_history_tweet_ids");
    w.begin_array();
    w.string(id);
    w.end_array();
    w.field("author_id", std::to_string(2244994945ull + i % 5000));
    w.field("created_at", pantau::format_rfc3339(t + 1));  // ".001Z": X writes milliseconds
    w.field("lang", "in");
    const std::string& text = g.make_text();
    w.field("text", text);
    write_x_entities(text, 3000000000ull + g.rng.below(1000000), w);
    w.key("public_metrics");
    w.begin_object();
    w.field("retweet_count", static_cast<int64_t>(g.rng.below(100)));
    w.field("reply_count", static_cast<int64_t>(g.rng.below(100)));
    w.field("like_count", static_cast<int64_t>(g.rng.below(5000)));
    w.field("quote_count", static_cast<int64_t>(g.rng.below(10)));
    w.field("bookmark_count", static_cast<int64_t>(g.rng.below(10)));
    w.field("impression_count", static_cast<int64_t>(g.rng.below(100000)));
    w.end_object();
    w.field("conversation_id", id);
    w.end_object();
  }
  w.end_array();
  w.key("includes");
  w.begin_object();
  w.key("users");
  w.begin_array();
  w.begin_object();
  w.field("id", std::to_string(2244994945ull + first % 5000));
  w.field("username", std::string(g.rng.pick(kNames)) + std::to_string(first % 5000));
  w.field("name", "Calon " + std::to_string(first % 655));
  w.field("created_at", "2014-02-18T19:55:09.000Z");
  w.field("description", "Calon anggota DPRD, Dapil " + std::to_string(1 + first % 7) +
                             ". Bersama membangun desa. #pemilu2024");
  w.field("profile_image_url",
          "https://pbs.twimg.com/profile_images/925768403843010560/CzRRZ8kj_normal.jpg");
  w.field("protected", false);
  w.key("public_metrics");
  w.begin_object();
  w.field("followers_count", static_cast<int64_t>(g.rng.below(100000)));
  w.field("following_count", static_cast<int64_t>(g.rng.below(2000)));
  w.field("tweet_count", static_cast<int64_t>(g.rng.below(20000)));
  w.field("listed_count", static_cast<int64_t>(g.rng.below(100)));
  w.end_object();
  w.field("verified", false);
  w.end_object();
  w.end_array();
  w.end_object();
  w.key("meta");
  w.begin_object();
  w.field("result_count", static_cast<int64_t>(n));
  w.field("newest_id", std::to_string(1460323737035677698ull + first + n - 1));
  w.field("oldest_id", std::to_string(1460323737035677698ull + first));
  w.field("next_token", "7140dibdnow9c7btw3w29grvxfcgvpb9n9coehpk7xz5i");
  w.end_object();
  w.end_object();
}

void write_raw(Gen& g, uint64_t first, uint64_t n, uint64_t page, JsonWriter& w,
               std::string* body) {
  body->clear();
  write_x_page(g, first, n, body);
  const int64_t t = kStart + static_cast<int64_t>(page) * 60000;
  const std::string user = std::to_string(2244994945ull + first % 5000);
  w.begin_object();
  w.field("kind", "raw");
  w.field("platform", "x");
  w.field("adapter", "x");
  w.field("endpoint", "users_tweets");
  w.field("request_url",
          "https://api.x.com/2/users/" + user +
              "/tweets?max_results=100&tweet.fields=attachments%2Cauthor_id%2Cconversation_id"
              "%2Ccreated_at%2Cedit_history_tweet_ids%2Centities%2Cin_reply_to_user_id%2Clang"
              "%2Cnote_tweet%2Cpublic_metrics%2Creferenced_tweets&expansions=attachments.media_"
              "keys%2Cauthor_id%2Creferenced_tweets.id%2Creferenced_tweets.id.author_id"
              "&media.fields=alt_text%2Cduration_ms%2Cheight%2Cmedia_key%2Cpreview_image_url"
              "%2Cpublic_metrics%2Ctype%2Curl%2Cvariants%2Cwidth&user.fields=created_at"
              "%2Cdescription%2Cid%2Cname%2Cprofile_image_url%2Cprotected%2Cpublic_metrics"
              "%2Cusername%2Cverified");
  w.field("status", int64_t{200});
  w.key("headers");
  w.begin_object();
  w.field("content-type", "application/json; charset=utf-8");
  w.field("x-rate-limit-remaining", "899");
  w.end_object();
  w.field("fetched_at", pantau::format_rfc3339(t));
  w.field("tool", "pantau-bench-gen");
  // The hash is not checked by consumers; a fixed value keeps the generator fast.
  w.field("sha256", "0000000000000000000000000000000000000000000000000000000000000000");
  w.key("account");
  w.begin_object();
  w.field("key", "acct-" + std::to_string(first % 13100));
  w.field("platform", "x");
  w.field("handle", "calon" + std::to_string(first % 13100));
  w.field("owner", "Calon " + std::to_string(first % 655));
  w.field("role", "candidate");
  w.field("party", "Partai " + std::to_string(1 + first % 18));
  w.field("ballot_no", std::to_string(1 + first % 9));
  w.field("election", "pemilu-2024");
  w.end_object();
  w.field("page", static_cast<int64_t>(page));
  w.key("cursor");
  w.null();
  w.field("body_encoding", "utf-8");
  w.field("body", *body);
  w.end_object();
}

int usage() {
  std::fputs("usage: pantau-bench-gen --kind post|raw|classified [--count N] [--seed S]\n", stderr);
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::string kind = "post";
  uint64_t count = 1000;
  uint64_t seed = 42;
  for (int i = 1; i < argc; ++i) {
    const std::string_view a = argv[i];
    if (i + 1 >= argc) return usage();
    if (a == "--kind") {
      kind = argv[++i];
    } else if (a == "--count") {
      count = std::strtoull(argv[++i], nullptr, 10);
    } else if (a == "--seed") {
      seed = std::strtoull(argv[++i], nullptr, 10);
    } else {
      return usage();
    }
  }
  if (kind != "post" && kind != "raw" && kind != "classified") return usage();
  Gen g(seed);
  std::string out, body;
  out.reserve(1 << 20);
  uint64_t page = 0;
  for (uint64_t i = 0; i < count;) {
    JsonWriter w(&out);
    if (kind == "raw") {
      const uint64_t n = std::min<uint64_t>(count - i, 5 + g.rng.below(30));
      write_raw(g, i, n, ++page, w, &body);
      i += n;
    } else {
      write_post(g, i, w, kind == "classified");
      ++i;
    }
    out.push_back('\n');
    if (out.size() > (1 << 20) - 65536) {
      if (std::fwrite(out.data(), 1, out.size(), stdout) != out.size()) return 1;
      out.clear();
    }
  }
  if (std::fwrite(out.data(), 1, out.size(), stdout) != out.size()) return 1;
  return std::fflush(stdout) == 0 ? 0 : 1;
}
