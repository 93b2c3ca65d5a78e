// Test doubles for the fetch Engine's outputs, shared by every fetch test: MemorySink keeps the
// raw and error records it is given, Recorder the notices and account failures.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "pantau/fetch/engine.h"

namespace pantau::fetch::test {

struct MemorySink : RecordSink {
  std::vector<std::string> raws, errors;
  void raw(std::string_view r) override { raws.emplace_back(r); }
  void error(std::string_view r) override { errors.emplace_back(r); }
  bool flush() override { return true; }
};

struct Recorder : EngineObserver {
  std::vector<std::string> notices, failures;
  void account_failed(const Account& a, std::string_view m) override {
    failures.push_back(a.key + ": " + std::string(m));
  }
  void notice(std::string_view m) override { notices.emplace_back(m); }
};

}  // namespace pantau::fetch::test
