// pantau-bench-textnorm: text_norm for plain text lines, for the normalizer's evaluation
// (scripts/eval-normalize.sh) and its throughput alone (bench/normalize/run.sh).
//
//   pantau-bench-textnorm [--slang FILE]... [--no-builtin] [--clean] < lines > normalized
//
// Each input line is one text; each output line is its text_norm (--clean: the `text` clean-up
// only). Not installed.
#include <cstdio>
#include <cstring>
#include <iostream>
#include <string>

#include "pantau/text/text_normalizer.h"

int main(int argc, char** argv) {
  using pantau::text::SlangTable;
  SlangTable slang;
  bool builtin = true, clean_only = false;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--no-builtin") == 0) {
      builtin = false;
    } else if (std::strcmp(argv[i], "--clean") == 0) {
      clean_only = true;
    } else if (std::strcmp(argv[i], "--slang") == 0 && i + 1 < argc) {
      SlangTable more;
      pantau::Status s = more.load_csv(argv[++i]);
      if (!s.ok()) {
        std::fprintf(stderr, "pantau-bench-textnorm: %s\n", s.message().c_str());
        return 1;
      }
      slang.merge(more);
    } else {
      std::fputs("usage: pantau-bench-textnorm [--slang FILE]... [--no-builtin] [--clean]\n",
                 stderr);
      return 2;
    }
  }
  SlangTable table = builtin ? SlangTable::builtin() : SlangTable();
  table.merge(slang);
  pantau::text::TextNormalizer normalizer(&table);
  pantau::text::FoldScratch scratch;
  std::ios::sync_with_stdio(false);
  std::string line, out, cleaned;
  while (std::getline(std::cin, line)) {
    cleaned.clear();
    pantau::text::clean_text(line, &cleaned, &scratch);
    if (clean_only) {
      out = cleaned;
    } else {
      normalizer.normalize_text(cleaned, &out);
    }
    out.push_back('\n');
    std::fwrite(out.data(), 1, out.size(), stdout);
  }
  return std::fflush(stdout) == 0 ? 0 : 1;
}
