// report --since-report: the previous run's JSON report (or partial state).
#include "pantau/report/since_report.h"
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > pantau::fuzz::kMaxInput) return 0;
  const std::string path =
      pantau::fuzz::scratch_file("since.json", pantau::fuzz::as_text(data, size));
  pantau::report::ReportState state(pantau::report::StateOptions{});
  (void)pantau::report::load_since_report(path, &state);
  return 0;
}
