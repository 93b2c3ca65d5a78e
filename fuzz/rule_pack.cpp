// Rule packs: the first byte picks what the rest is -- a whole pack.toml (loaded from a scratch
// rules directory, lexicons and all), a --gazetteer TOML, or a lexicon file.
#include <filesystem>

#include "fuzz_support.h"
#include "pantau/classify/gazetteer.h"
#include "pantau/classify/lexicon.h"
#include "pantau/classify/rule_pack.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0 || size > pantau::fuzz::kMaxInput) return 0;
  const std::string_view text = pantau::fuzz::as_text(data + 1, size - 1);
  switch (data[0] % 3) {
    case 0: {
      static const std::string dir = [] {
        const std::string d =
            std::filesystem::path(pantau::fuzz::scratch_file("pack", "")).string() + ".d";
        std::filesystem::create_directories(d + "/lexicons");
        return d;
      }();
      {
        std::ofstream(dir + "/pack.toml", std::ios::binary | std::ios::trunc)
            .write(text.data(), static_cast<std::streamsize>(text.size()));
      }
      (void)pantau::classify::load_rule_pack(dir);
      break;
    }
    case 1:
      (void)pantau::classify::parse_gazetteer(text, "gazetteer.toml");
      break;
    default:
      (void)pantau::classify::parse_lexicon(text, "lexicon.txt");
      break;
  }
  return 0;
}
