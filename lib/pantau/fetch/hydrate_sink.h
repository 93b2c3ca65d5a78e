// HydrateSink: the output of `pantau-fetch-accounts --hydrate IDS`. Hydrate runs the recheck
// machinery (recheck.h) and keeps what it rebuilds, the raw records; the status record of an
// id that was not rebuilt (deleted, not visible, account gone, or the check failed) becomes an
// error record saying which id and why, and the tool is told (stderr). Status records of ids
// that were rebuilt are dropped: the raw records are the data set.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>

#include "pantau/fetch/engine.h"
#include "pantau/fetch/recheck_item.h"

namespace pantau::fetch {

class HydrateSink : public RecordSink {
 public:
  // `items` (by id) name the input and line of each id; `on_missing(item, status, reason)` is
  // told of every id that was not rebuilt.
  using MissingFn = std::function<void(const RecheckItem& item, std::string_view status,
                                       std::string_view reason)>;
  HydrateSink(RecordSink& out, std::string tool, const std::map<std::string, RecheckItem>& items,
              MissingFn on_missing)
      : out_(out), tool_(std::move(tool)), items_(items), on_missing_(std::move(on_missing)) {}

  void raw(std::string_view record) override { out_.raw(record); }
  void error(std::string_view record) override { out_.error(record); }
  void status(std::string_view record) override;
  bool flush() override { return out_.flush(); }

  int64_t rebuilt() const { return rebuilt_; }
  int64_t missing() const { return missing_; }
  int64_t unknown() const { return unknown_; }

 private:
  RecordSink& out_;
  std::string tool_;
  const std::map<std::string, RecheckItem>& items_;
  MissingFn on_missing_;
  int64_t rebuilt_ = 0, missing_ = 0, unknown_ = 0;
};

}  // namespace pantau::fetch
