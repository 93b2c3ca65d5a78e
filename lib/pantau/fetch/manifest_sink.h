// ManifestSink: a RecordSink in front of another that notes every line going to the run's
// standard output in a RunManifest (run_manifest.h), in the order written: raw records, and
// error records when they are not sent to a file of their own (--errors).
#pragma once

#include "pantau/fetch/engine.h"
#include "pantau/fetch/run_manifest.h"

namespace pantau::fetch {

class ManifestSink : public RecordSink {
 public:
  ManifestSink(RecordSink& next, RunManifest& manifest, bool errors_to_output)
      : next_(next), manifest_(manifest), errors_to_output_(errors_to_output) {}

  void raw(std::string_view record) override {
    manifest_.add_line(record);
    next_.raw(record);
  }
  void error(std::string_view record) override {
    if (errors_to_output_) manifest_.add_line(record);
    next_.error(record);
  }
  void status(std::string_view record) override {
    manifest_.add_line(record);
    next_.status(record);
  }
  bool flush() override { return next_.flush(); }

 private:
  RecordSink& next_;
  RunManifest& manifest_;
  bool errors_to_output_;
};

}  // namespace pantau::fetch
