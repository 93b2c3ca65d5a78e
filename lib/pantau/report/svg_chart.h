// Inline SVG bar charts for the HTML report: no scripts, no fonts or images to fetch, and a
// viewBox so they scale to a phone's width and to paper. Text is escaped; colours come from the
// label catalog, never from record data.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace pantau::report {

struct ChartSeries {
  std::string name;              // shown in the tooltip (<title>)
  std::string color;             // CSS colour
  std::vector<uint64_t> values;  // one per category
};

struct ChartData {
  std::string title;                    // accessible name of the chart
  std::vector<std::string> categories;  // bar names (days, platforms, owners)
  std::vector<ChartSeries> series;      // stacked in this order
};

// Vertical stacked bars, one per category (a timeline). Labels on the x axis are thinned so they
// never overlap.
void append_column_chart(const ChartData& data, std::string* out);

// Horizontal stacked bars, one row per category, with the category name and total beside it.
void append_bar_chart(const ChartData& data, std::string* out);

// A "nice" axis maximum and step (1, 2, 5 x 10^k) for a largest value.
void nice_scale(uint64_t max_value, uint64_t* axis_max, uint64_t* step);

}  // namespace pantau::report
