// report --merge: partial report states (and, mixed in, the records a direct run reads), then
// the report rendered in every format from the merged state.
#include "fuzz_support.h"
#include "pantau/report/record_ingester.h"
#include "pantau/report/render.h"
#include "pantau/report/report_view.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0 || size > pantau::fuzz::kMaxInput) return 0;
  using namespace pantau::report;
  StateOptions opts;
  opts.top = 3;
  ReportState state(opts);
  RecordIngester ingester(&state, /*merge_only=*/(data[0] & 1) != 0);
  pantau::fuzz::for_each_line(pantau::fuzz::as_text(data + 1, size - 1), size_t{1} << 20,
                              [&](const pantau::Line& line) { (void)ingester.ingest(line); });
  const ReportView view = build_view(state, ViewOptions{});
  std::string out;
  for (Format f : {Format::kJson, Format::kMarkdown, Format::kCsv, Format::kHtml}) {
    out.clear();
    render(view, f, CsvOptions{}, &out);
  }
  return 0;
}
