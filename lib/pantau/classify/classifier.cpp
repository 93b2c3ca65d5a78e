#include "pantau/classify/classifier.h"

#include <algorithm>
#include <array>
#include <bit>
#include <charconv>
#include <cmath>
#include <cstring>
#include <deque>
#include <memory>

#include "pantau/classify/hit_context.h"
#include "pantau/classify/labels.h"
#include "pantau/json_writer.h"
#include "pantau/record.h"
#include "pantau/utf8.h"

namespace pantau::classify {

using namespace std::string_view_literals;  // append("..."sv): no strlen per call

namespace {

constexpr uint32_t kTargetTag = 0x80000000u;

enum LabelSlot : size_t {
  kSara = 0,
  kHate,
  kInsult,
  kBlackCampaign,
  kHoax,
  kMoneyPolitics,
  kViolence,
  kCampaign,
  kQuietPeriod,
  kOutsideSchedule,
  kNeutrality,
  kFacilityMisuse
};

template <typename S>
bool contains(const std::vector<S>& v, std::string_view s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

double round2(double x) { return std::round(x * 100.0) / 100.0; }

// pantau::count_code_points() 8 bytes at a time: a code point starts at every byte that is not
// a continuation byte (10xxxxxx). Evidence spans count code points over most of each text.
size_t count_code_points_fast(std::string_view s) {
  size_t n = s.size(), i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    uint64_t w;
    std::memcpy(&w, s.data() + i, 8);
    n -= static_cast<size_t>(std::popcount(w & ~(w << 1) & 0x8080808080808080ULL));
  }
  for (; i < s.size(); ++i) n -= (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80;
  return n;
}

// Appends v zero-padded to `width` characters, sign included (printf's "%0*d"): the notes'
// dates and times, without snprintf's format parsing on every post.
void append_padded(int v, int width, std::string* out) {
  char buf[16];
  auto r = std::to_chars(buf, buf + sizeof buf, v < 0 ? -static_cast<int64_t>(v) : v);
  if (v < 0) {
    out->push_back('-');
    --width;
  }
  for (int i = static_cast<int>(r.ptr - buf); i < width; ++i) out->push_back('0');
  out->append(buf, r.ptr);
}

// The gazetteer targets, flattened over all gazetteers of the pack.
struct TargetRef {
  const Gazetteer* gazetteer;
  const Target* target;
  bool global;  // from --gazetteer: applies to every election
};

}  // namespace

std::optional<Mode> parse_mode(std::string_view s) {
  if (s == "rules") return Mode::kRules;
  if (s == "model") return Mode::kModel;
  if (s == "both") return Mode::kBoth;
  return std::nullopt;
}

TermNormalizer make_term_normalizer() {
  auto n = std::make_shared<text::TextNormalizer>(&text::SlangTable::builtin());
  return [n](std::string_view s) { return n->normalize(s); };
}

struct Classifier::Impl {
  text::TextNormalizer normalizer{&text::SlangTable::builtin()};
  std::unique_ptr<Matcher> matcher;
  std::unique_ptr<HitContext> context;  // which hits count (hit_context.h)
  std::vector<TargetRef> targets;
  std::vector<size_t> rule_slot;                 // label/signal slot of each rule (or SIZE_MAX)
  std::vector<std::vector<size_t>> rule_damps;   // slots each rule dampens
  std::vector<std::vector<size_t>> rule_spares;  // rules whose firing stops a dampener
  size_t slots = 0;                              // labels + signals
  std::vector<size_t> campaign_signal_slots, facility_signal_slots, activity_signal_slots;
  std::vector<size_t> combo_slot;              // label/signal slot of each combination
  std::vector<std::vector<size_t>> combo_all;  // slots each combination needs
  std::vector<uint8_t> combo_fired;
  FeatureExtractor extractor;
  simdjson::dom::parser parser;

  // Per-post scratch.
  text::NormalizedText nt;
  std::vector<Hit> hits;
  std::vector<double> miss;    // per slot: prod(1 - w) of positive rules
  std::vector<double> damp;    // per slot: prod(1 - w) of dampeners
  std::vector<uint8_t> fired;  // per rule
  std::vector<int32_t> fired_list;
  struct FoundTarget {
    TargetOut target;
    size_t hit;  // the mention: an index into hits
    std::string_view rule;
  };
  std::vector<std::string> target_rule;                  // per target: "gazetteer.<type>"
  std::array<std::string, kLabelIds.size()> model_rule;  // per label: "model.<label>"
  std::deque<std::string> ballot_numbers;  // per post: digits a TargetOut views (stable)
  std::string self_note;                   // per post
  std::vector<FoundTarget> found;
  std::vector<Feature> feats;
  std::vector<std::string_view> rule_ids;
  // Evidence spans per hit (parallel to hits), computed when first needed: a hit's span is
  // asked for once per label that cites it. start < 0: not computed yet.
  struct HitSpan {
    int64_t start = -1, end = -1;
    uint32_t ob = 0, oe = 0;  // bytes of the original text
  };
  std::vector<HitSpan> hit_spans;
  // A running code-point count over the original text (spans come mostly in text order, so
  // counting from the previous span instead of from the start keeps this linear).
  size_t cp_byte = 0;
  int64_t cp_count = 0;
  std::string quiet_note, schedule_note, neutral_note, facility_note;
  std::string titled;  // per post with a title: title, a blank line, text
  Classification scratch;
  std::array<std::vector<Contribution>, kLabelIds.size()> explanations;
  // JSON fragments written for every label and post, escaped once at start-up.
  // Per label: the quoted name_id, name_en and basis (or null).
  std::vector<std::array<std::string, 3>> label_json;
  std::string members;
  std::string rebuilt;
  // `],"classifier":{"pack":..,"version":..,"model":..,"election":` (set_classifier_json()).
  std::string classifier_json;

  size_t slot_of(const RulePack& pack, std::string_view id) const {
    if (auto i = label_index(id)) return *i;
    for (size_t s = 0; s < pack.signals.size(); ++s) {
      if (pack.signals[s] == id) return kLabelIds.size() + s;
    }
    return SIZE_MAX;
  }
};

Classifier::Classifier(const RulePack& pack, ClassifierOptions opts)
    : pack_(pack), opts_(std::move(opts)), impl_(std::make_unique<Impl>()) {}

Classifier::~Classifier() = default;

size_t Classifier::pattern_count() const { return impl_->matcher->pattern_count(); }

bool Classifier::databases_from_cache() const { return impl_->matcher->from_cache(); }

void Classifier::set_model(const LinearModel* model, Mode mode) {
  model_ = model;
  mode_ = model ? mode : Mode::kRules;
  set_classifier_json();
}

Result<std::unique_ptr<Classifier>> Classifier::create(const RulePack& pack,
                                                       ClassifierOptions opts) {
  std::unique_ptr<Classifier> c(new Classifier(pack, std::move(opts)));
  Impl& m = *c->impl_;
  m.slots = kLabelIds.size() + pack.signals.size();
  std::vector<Pattern> patterns;
  std::vector<std::string> where;  // per pattern: what to blame in a compile error
  for (size_t r = 0; r < pack.rules.size(); ++r) {
    const Rule& rule = pack.rules[r];
    m.rule_slot.push_back(rule.label.empty() ? SIZE_MAX : m.slot_of(pack, rule.label));
    std::vector<size_t> d;
    for (const auto& id : rule.dampens) d.push_back(m.slot_of(pack, id));
    m.rule_damps.push_back(std::move(d));
    std::vector<size_t> spares;
    for (const auto& id : rule.spares) {
      for (size_t o = 0; o < pack.rules.size(); ++o) {
        if (pack.rules[o].id == id) spares.push_back(o);
      }
    }
    m.rule_spares.push_back(std::move(spares));
    for (const auto& term : rule.terms) {
      for (auto& form : term_forms(term.text, rule.morphology)) {
        Pattern p;
        p.expr = std::move(form.literal);
        p.affixes = form.affixes;
        p.tag = static_cast<uint32_t>(r);
        patterns.push_back(std::move(p));
        where.push_back(term.source + ": rule \"" + rule.id + "\"");
      }
    }
    for (const auto& re : rule.regexes) {
      Pattern p;
      p.expr = re;
      p.regex = true;
      p.boundary = rule.boundary;
      p.tag = static_cast<uint32_t>(r);
      patterns.push_back(std::move(p));
      where.push_back(rule.source + ": rule \"" + rule.id + "\"");
    }
  }
  for (size_t gi = 0; gi < pack.gazetteers.size(); ++gi) {
    const Gazetteer& g = pack.gazetteers[gi];
    const bool global = std::find(pack.global_gazetteers.begin(), pack.global_gazetteers.end(),
                                  gi) != pack.global_gazetteers.end();
    for (const auto& t : g.targets) {
      for (const auto& alias : t.aliases) {
        // Names take possessive suffixes ("prabowonya"); short ones must stand alone.
        auto forms = term_forms(alias, alias.size() >= 4 ? Morphology::kNoun : Morphology::kNone);
        for (auto& form : forms) {
          Pattern p;
          p.expr = std::move(form.literal);
          p.affixes = form.affixes;
          p.tag = kTargetTag | static_cast<uint32_t>(m.targets.size());
          patterns.push_back(std::move(p));
          where.push_back(g.path + ":" + std::to_string(t.line) + ": alias \"" + alias + "\"");
        }
      }
      m.targets.push_back({&g, &t, global});
      m.target_rule.push_back("gazetteer." + t.type);
    }
  }
  size_t bad = patterns.size();
  auto matcher = Matcher::compile(patterns, &bad, c->opts_.cache_dir);
  if (!matcher) {
    std::string blame = bad < where.size() ? where[bad] + ": " : std::string();
    return Error::invalid(blame + matcher.error().message);
  }
  m.matcher = std::move(*matcher);
  m.context = std::make_unique<HitContext>(pack, kTargetTag);
  for (const auto& s : pack.context.campaign_signals)
    m.campaign_signal_slots.push_back(m.slot_of(pack, s));
  for (const auto& s : pack.context.facility_signals)
    m.facility_signal_slots.push_back(m.slot_of(pack, s));
  for (const auto& s : pack.context.activity_signals)
    m.activity_signal_slots.push_back(m.slot_of(pack, s));
  for (const auto& cb : pack.combinations) {
    m.combo_slot.push_back(m.slot_of(pack, cb.label));
    std::vector<size_t> all;
    for (const auto& a : cb.all) all.push_back(m.slot_of(pack, a));
    m.combo_all.push_back(std::move(all));
  }
  m.combo_fired.resize(pack.combinations.size());
  for (const auto& info : pack.labels) {
    std::array<std::string, 3> j;
    append_json_string(info.name_id, &j[0]);
    append_json_string(info.name_en, &j[1]);
    if (info.basis.empty())
      j[2] = "null";
    else
      append_json_string(info.basis, &j[2]);
    m.label_json.push_back(std::move(j));
  }
  c->set_classifier_json();
  for (size_t l = 0; l < kLabelIds.size(); ++l)
    m.model_rule[l] = "model." + std::string(kLabelIds[l]);
  m.miss.resize(m.slots);
  m.damp.resize(m.slots);
  m.fired.resize(pack.rules.size());
  return c;
}

Status Classifier::fired_rules(std::string_view text, std::vector<int32_t>* out) {
  Impl& m = *impl_;
  m.normalizer.normalize(text, &m.nt);
  out->clear();
  if (auto s = m.matcher->scan(m.nt.text, &m.hits); !s) return s;
  m.context->filter(m.nt.text, &m.hits);
  std::fill(m.fired.begin(), m.fired.end(), 0);
  for (const Hit& h : m.hits) {
    if (h.tag & kTargetTag) continue;
    if (!m.fired[h.tag]) {
      m.fired[h.tag] = 1;
      out->push_back(static_cast<int32_t>(h.tag));
    }
  }
  std::sort(out->begin(), out->end());
  return {};
}

Status Classifier::features(std::string_view text, bool with_rules, FeatureOptions fopts,
                            std::vector<Feature>* out) {
  Impl& m = *impl_;
  m.rule_ids.clear();
  m.fired_list.clear();
  if (with_rules) {
    if (auto s = fired_rules(text, &m.fired_list); !s) return s;
    for (int32_t r : m.fired_list) m.rule_ids.push_back(pack_.rules[static_cast<size_t>(r)].id);
  } else {
    m.normalizer.normalize(text, &m.nt);
  }
  const FeatureOptions& cur = m.extractor.options();
  if (cur.bits != fopts.bits || cur.char_max != fopts.char_max || cur.char_min != fopts.char_min ||
      cur.word_bigrams != fopts.word_bigrams || cur.char_ngrams != fopts.char_ngrams) {
    m.extractor = FeatureExtractor(fopts);
  }
  const MaskSource source{text, &m.nt};
  m.extractor.extract(m.nt.text, m.rule_ids, m.fired_list, out, &source);
  return {};
}

Status Classifier::classify(const PostContext& post, Classification* out) {
  // Without a title, or with one the text already starts with (a description that repeats it),
  // the text is all there is to read.
  if (post.title.empty() || post.text.starts_with(post.title)) return classify_text(post, out);
  // Otherwise the title is the first paragraph: a video's title is often its whole message, and a
  // yt-dlp playlist entry carries nothing else. A blank line keeps phrases from running across.
  Impl& m = *impl_;
  m.titled.assign(post.title);
  m.titled.append("\n\n");
  m.titled.append(post.text);
  PostContext whole = post;
  whole.text = m.titled;
  if (Status s = classify_text(whole, out); !s) return s;
  // Spans are moved back to the field they lie in; one that ran past the title's end (phrases
  // do not cross a blank line, but a regex might) is cut at it.
  const auto title_cps = static_cast<int64_t>(count_code_points(post.title));
  const int64_t text_start = title_cps + 2;
  for (auto& lo : out->labels) {
    for (auto& e : lo.evidence) {
      if (e.start < 0) continue;
      if (e.start < title_cps) {
        e.field = kTitleField;
        if (e.end > title_cps) {
          e.end = title_cps;
          const auto from = static_cast<size_t>(e.text.data() - m.titled.data());
          e.text = e.text.substr(0, post.title.size() - from);
        }
      } else {
        e.start = std::max<int64_t>(e.start - text_start, 0);
        e.end = std::max<int64_t>(e.end - text_start, e.start);
      }
    }
  }
  return {};
}

Status Classifier::classify_text(const PostContext& post, Classification* out) {
  Impl& m = *impl_;
  out->labels.clear();
  out->election.clear();
  // Election: --election, else the account's (when we know its calendar), else the default.
  const ElectionCalendar* cal = nullptr;
  if (!opts_.election.empty()) cal = pack_.calendar(opts_.election);
  if (!cal && opts_.election.empty() && !post.election.empty()) cal = pack_.calendar(post.election);
  if (!cal && opts_.election.empty()) cal = pack_.calendar(pack_.default_election);
  if (cal) out->election = cal->id;
  const Gazetteer* gaz = cal ? pack_.gazetteer_for(cal->id) : nullptr;

  if (post.text.size() > kMaxTextBytes) {
    return Error::invalid("text of " + std::to_string(post.text.size()) + " bytes, over the " +
                          std::to_string(kMaxTextBytes) +
                          " a post's text may have: not classified");
  }
  m.normalizer.normalize(post.text, &m.nt);
  const std::string& nt = m.nt.text;
  if (auto s = m.matcher->scan(nt, &m.hits); !s) return s;
  m.context->filter(nt, &m.hits);

  std::fill(m.miss.begin(), m.miss.end(), 1.0);
  std::fill(m.damp.begin(), m.damp.end(), 1.0);
  std::fill(m.fired.begin(), m.fired.end(), 0);
  m.fired_list.clear();
  m.found.clear();
  m.ballot_numbers.clear();
  m.self_note.clear();
  m.hit_spans.assign(m.hits.size(), Impl::HitSpan{});
  m.cp_byte = 0;
  m.cp_count = 0;

  // The first mention of each distinct target (compared before anything is copied: most
  // mentions repeat a target already found).
  auto add_target = [&](TargetOut t, size_t hit, std::string_view rule) {
    for (const auto& f : m.found) {
      if (f.target == t) return;
    }
    m.found.push_back({t, hit, rule});
  };
  for (size_t hi = 0; hi < m.hits.size(); ++hi) {
    const Hit& h = m.hits[hi];
    if (h.tag & kTargetTag) {
      const TargetRef& ref = m.targets[h.tag & ~kTargetTag];
      if (ref.gazetteer != gaz && !ref.global) continue;
      const Target& t = *ref.target;
      add_target({t.type, t.name, t.ballot_no, t.party}, hi, m.target_rule[h.tag & ~kTargetTag]);
      continue;
    }
    const Rule& rule = pack_.rules[h.tag];
    if (!m.fired[h.tag]) {
      m.fired[h.tag] = 1;
      m.fired_list.push_back(static_cast<int32_t>(h.tag));
      size_t slot = m.rule_slot[h.tag];
      if (slot != SIZE_MAX) m.miss[slot] *= 1.0 - rule.weight;
    }
    if (rule.ballot) {
      int n = trailing_number(std::string_view(nt).substr(h.begin, h.end - h.begin));
      if (n < 0) continue;
      const Target* t = nullptr;
      if (*rule.ballot == BallotScope::kAny && post.has_account &&
          trailing_number(post.ballot_no) == n && !post.owner.empty()) {
        add_target({post.role, post.owner, post.ballot_no, post.party}, hi, rule.id);
        continue;
      }
      if (gaz && *rule.ballot == BallotScope::kTicket) t = gaz->by_ballot(n, "ticket");
      if (gaz && *rule.ballot == BallotScope::kParty) t = gaz->by_ballot(n, "party");
      if (t) {
        add_target({t->type, t->name, t->ballot_no, t->party}, hi, rule.id);
      } else {
        m.ballot_numbers.push_back(std::to_string(n));
        add_target({"ballot", "", m.ballot_numbers.back(), ""}, hi, rule.id);
      }
    }
  }
  std::sort(m.fired_list.begin(), m.fired_list.end());
  // Dampeners, once every rule is known: one that spares a rule that fired stays out.
  for (int32_t r : m.fired_list) {
    const auto& damps = m.rule_damps[static_cast<size_t>(r)];
    if (damps.empty()) continue;
    bool spared = false;
    for (size_t o : m.rule_spares[static_cast<size_t>(r)]) spared = spared || m.fired[o];
    if (spared) continue;
    for (size_t d : damps) m.damp[d] *= 1.0 - pack_.rules[static_cast<size_t>(r)].weight;
  }

  // Combinations see which slots have a rule that fired (before dampening), all at once.
  for (size_t c = 0; c < pack_.combinations.size(); ++c) {
    const Combination& cb = pack_.combinations[c];
    bool all = !cb.needs_target || !m.found.empty();
    for (size_t s : m.combo_all[c]) {
      if (!all) break;  // most posts fire no rule of a combination: stop at the first miss
      all = m.miss[s] < 1.0;
    }
    if (all && cb.within > 0) {
      all = m.context->within(nt, m.hits, m.rule_slot, m.combo_all[c], cb.needs_target, cb.within,
                              cb.target_after);
    }
    m.combo_fired[c] = all;
  }
  for (size_t c = 0; c < pack_.combinations.size(); ++c) {
    if (m.combo_fired[c]) m.miss[m.combo_slot[c]] *= 1.0 - pack_.combinations[c].weight;
  }

  std::array<double, kLabelIds.size()> score{};
  std::array<uint8_t, kLabelIds.size()> from_model{};
  for (size_t l = 0; l < kLabelIds.size(); ++l) score[l] = (1.0 - m.miss[l]) * m.damp[l];
  auto signal = [&](size_t slot) { return (1.0 - m.miss[slot]) * m.damp[slot]; };

  // The model, for the labels it knows. In kBoth mode (the default with --model) a label the
  // rules emit stays emitted with its rule evidence, and the model only adds labels whose
  // calibrated probability reaches its gate (calibration.h); the score is the calibrated
  // probability given both. In kModel mode the model alone decides (probability >= 0.5).
  auto& explanations = m.explanations;
  std::array<uint8_t, kLabelIds.size()> decided{};  // 1: by the model, 2: a rule hit it scored
  if (model_ && mode_ != Mode::kRules) {
    for (auto& e : explanations) e.clear();
    m.rule_ids.clear();
    if (model_->uses_rules()) {
      for (int32_t r : m.fired_list) m.rule_ids.push_back(pack_.rules[static_cast<size_t>(r)].id);
    }
    if (m.extractor.options().bits != model_->feature_options().bits ||
        m.extractor.options().char_min != model_->feature_options().char_min ||
        m.extractor.options().char_max != model_->feature_options().char_max) {
      m.extractor = FeatureExtractor(model_->feature_options());
    }
    std::vector<int32_t> idx(m.fired_list.begin(), m.fired_list.end());
    if (!model_->uses_rules()) idx.clear();
    const MaskSource source{post.text, &m.nt};
    m.extractor.extract(nt, m.rule_ids, idx, &m.feats, &source);
    for (size_t slot = 0; slot < model_->labels().size(); ++slot) {
      auto li = label_index(model_->labels()[slot]);
      if (!li) continue;
      const Stacker& st = model_->stacker(slot);
      const double z = model_->logit(slot, m.feats);
      const bool rule_hit =
          mode_ == Mode::kBoth && score[*li] > 0 && score[*li] >= pack_.labels[*li].threshold;
      decided[*li] = rule_hit ? 2 : 1;
      if (rule_hit) {  // never erased: the rule evidence stays, the score is calibrated
        score[*li] = st.rule_hit_probability(z);
        continue;
      }
      const double p = st.probability(z, false);
      const bool adds = mode_ == Mode::kModel ? p >= 0.5 : !st.off() && p >= st.gate;
      explanations[*li] = model_->explain(slot, m.feats, 3);
      // A positive needs evidence: without a positive feature it is the bias speaking.
      score[*li] = adds && !explanations[*li].empty() ? p : 0.0;
      from_model[*li] = 1;
    }
  }

  // campaign: direct campaign rules, plus call-to-vote signals when the post names a target
  // or comes from an account that asks for votes for itself.
  const bool self_role = post.has_account && contains(pack_.context.self_roles, post.role);
  const bool gate = !m.found.empty() || self_role;
  if (!from_model[kCampaign]) {
    double calls = 0, activity = 0;
    for (size_t s : m.campaign_signal_slots) calls = std::max(calls, signal(s));
    for (size_t s : m.activity_signal_slots) activity = std::max(activity, signal(s));
    double direct = 1.0 - m.miss[kCampaign];
    double gated = std::max(gate ? calls : 0.0, m.found.empty() ? 0.0 : activity);
    double c = 1.0 - (1.0 - direct) * (1.0 - gated);
    score[kCampaign] = c * m.damp[kCampaign];
  }
  const LabelInfo& campaign_info = pack_.labels[kCampaign];
  const bool is_campaign = score[kCampaign] >= campaign_info.threshold;
  const double camp = is_campaign ? score[kCampaign] : 0.0;

  std::string& quiet_note = m.quiet_note;
  std::string& schedule_note = m.schedule_note;
  std::string& neutral_note = m.neutral_note;
  std::string& facility_note = m.facility_note;
  quiet_note.clear();
  schedule_note.clear();
  neutral_note.clear();
  facility_note.clear();
  if (is_campaign) {
    if (post.has_account && contains(pack_.context.neutral_roles, post.role)) {
      score[kNeutrality] = std::max(score[kNeutrality], camp * m.damp[kNeutrality]);
      neutral_note.append("campaign content from an account with registry role "sv);
      neutral_note.append(post.role);
      neutral_note.append(" (must stay neutral)"sv);
    }
    if (cal && post.has_time && post.has_account &&
        contains(pack_.context.schedule_roles, post.role)) {
      int off = cal->offset_for_region(post.region);
      Phase ph = cal->phase_at(post.created_at, off);
      CivilTime lt = civil_from_millis(post.created_at, off);
      // "posted 2024-02-11 00:30 WITA (UTC+08:00)" into the note that applies.
      std::string* note = nullptr;
      if (ph == Phase::kQuiet || ph == Phase::kVotingDay) {
        score[kQuietPeriod] = std::max(score[kQuietPeriod], camp * m.damp[kQuietPeriod]);
        note = &quiet_note;
      } else if (ph == Phase::kBeforeCampaign) {
        score[kOutsideSchedule] =
            std::max(score[kOutsideSchedule], camp * m.damp[kOutsideSchedule]);
        note = &schedule_note;
      }
      if (note) {
        note->append("posted "sv);
        append_padded(lt.year, 4, note);
        note->push_back('-');
        append_padded(lt.month, 2, note);
        note->push_back('-');
        append_padded(lt.day, 2, note);
        note->push_back(' ');
        append_padded(lt.hour, 2, note);
        note->push_back(':');
        append_padded(lt.minute, 2, note);
        note->push_back(' ');
        note->append(cal->zone_name_for_region(post.region));
        note->append(" (UTC"sv);
        note->append(format_offset(off));
        note->push_back(')');
        if (ph == Phase::kQuiet) {
          note->append(", in the quiet period "sv);
          note->append(format_date(cal->quiet_first * 86400000LL));
          note->append(".."sv);
          note->append(format_date(cal->quiet_last * 86400000LL));
        } else if (ph == Phase::kVotingDay) {
          note->append(", on voting day "sv);
          note->append(format_date(cal->voting_day * 86400000LL));
        } else {
          note->append(", before the campaign period "sv);
          note->append(format_date(cal->campaign_first * 86400000LL));
          note->append(".."sv);
          note->append(format_date(cal->campaign_last * 86400000LL));
        }
        note->append(" of "sv);
        note->append(cal->id);
      }
    }
    double fac = 0;
    for (size_t s : m.facility_signal_slots) fac = std::max(fac, signal(s));
    // The facility must be near the call to vote or the named target, not anywhere in the post
    // ("kampus" in a story, "dukung" three sentences later).
    // A candidate's own post is about the candidate throughout, so no window applies to it.
    const uint32_t fw = pack_.context.facility_within;
    if (fac > 0 && fw > 0 && !self_role) {
      bool near = false;
      for (size_t f : m.facility_signal_slots) {
        near = near || m.context->within(nt, m.hits, m.rule_slot, {f}, true, fw);
        for (size_t c : m.campaign_signal_slots)
          near = near || m.context->within(nt, m.hits, m.rule_slot, {f, c}, false, fw);
      }
      if (!near) fac = 0;
    }
    if (fac > 0 && !from_model[kFacilityMisuse]) {
      double direct = 1.0 - m.miss[kFacilityMisuse];
      // Both must hold, so the weaker of the two bounds the confidence.
      score[kFacilityMisuse] =
          (1.0 - (1.0 - direct) * (1.0 - std::min(camp, fac))) * m.damp[kFacilityMisuse];
      facility_note = "campaign content naming a government facility, place of worship or school";
    }
  }

  std::optional<ClaimIndex::Match> claim;
  if (claims_ && !from_model[kHoax]) {
    claim =
        claims_->best_match(nt, pack_.context.hoax_min_containment, pack_.context.hoax_min_shared);
    if (claim) score[kHoax] = 1.0 - (1.0 - score[kHoax]) * (1.0 - claim->containment);
  }

  // Build the emitted labels.
  auto code_points_to = [&](size_t byte) {
    if (byte >= m.cp_byte) {
      m.cp_count += static_cast<int64_t>(
          count_code_points_fast(post.text.substr(m.cp_byte, byte - m.cp_byte)));
    } else {
      m.cp_count -=
          static_cast<int64_t>(count_code_points_fast(post.text.substr(byte, m.cp_byte - byte)));
    }
    m.cp_byte = byte;
    return m.cp_count;
  };
  auto span_of = [&](uint32_t b, uint32_t e, EvidenceOut* ev) {
    auto [ob, oe] = m.nt.original_bytes(b, e);
    ev->start = code_points_to(ob);
    ev->end = code_points_to(oe);
    ev->text = post.text.substr(ob, oe - ob);
  };
  auto hit_span_of = [&](size_t hit, EvidenceOut* ev) {
    if (m.hit_spans[hit].start < 0) {
      // The first span asked for: compute them all, in text order, in one pass over the text.
      for (size_t i = 0; i < m.hits.size(); ++i) {
        auto [ob, oe] = m.nt.original_bytes(m.hits[i].begin, m.hits[i].end);
        Impl::HitSpan& s = m.hit_spans[i];
        s.ob = static_cast<uint32_t>(ob);
        s.oe = static_cast<uint32_t>(oe);
        s.start = code_points_to(ob);
        s.end = code_points_to(oe);
      }
    }
    const Impl::HitSpan& hs = m.hit_spans[hit];
    ev->start = hs.start;
    ev->end = hs.end;
    ev->text = post.text.substr(hs.ob, hs.oe - hs.ob);
  };
  auto add_rule_evidence = [&](LabelOut& lo, size_t rule_index) {
    const Rule& rule = pack_.rules[rule_index];
    if (!contains(lo.rules, rule.id)) lo.rules.push_back(rule.id);
    for (size_t hi = 0; hi < m.hits.size(); ++hi) {
      if (m.hits[hi].tag != rule_index || lo.evidence.size() >= opts_.max_evidence) continue;
      EvidenceOut ev;
      ev.rule = rule.id;
      hit_span_of(hi, &ev);
      bool dup = false;
      for (const auto& e : lo.evidence) {
        dup = dup || (e.rule == ev.rule && e.start == ev.start && e.end == ev.end);
      }
      if (!dup) lo.evidence.push_back(ev);
    }
  };
  auto add_slot_rules = [&](LabelOut& lo, size_t slot) {
    for (int32_t r : m.fired_list) {
      if (m.rule_slot[static_cast<size_t>(r)] == slot)
        add_rule_evidence(lo, static_cast<size_t>(r));
    }
    for (size_t c = 0; c < pack_.combinations.size(); ++c) {
      if (!m.combo_fired[c] || m.combo_slot[c] != slot) continue;
      if (!contains(lo.rules, pack_.combinations[c].id))
        lo.rules.push_back(pack_.combinations[c].id);
      for (size_t s : m.combo_all[c]) {
        for (int32_t r : m.fired_list) {
          if (m.rule_slot[static_cast<size_t>(r)] == s)
            add_rule_evidence(lo, static_cast<size_t>(r));
        }
      }
    }
  };
  auto add_targets = [&](LabelOut& lo) {
    for (const auto& f : m.found) lo.targets.push_back(f.target);
  };
  auto add_campaign_evidence = [&](LabelOut& lo) {
    add_slot_rules(lo, kCampaign);
    if (gate) {
      for (size_t s : m.campaign_signal_slots) add_slot_rules(lo, s);
    }
    if (!m.found.empty()) {
      for (size_t s : m.activity_signal_slots) add_slot_rules(lo, s);
    }
    for (const auto& f : m.found) {
      if (lo.evidence.size() >= opts_.max_evidence) break;
      EvidenceOut ev;
      ev.rule = f.rule;
      hit_span_of(f.hit, &ev);
      lo.evidence.push_back(ev);
    }
    add_targets(lo);
    if (m.found.empty() && self_role && !post.owner.empty()) {
      lo.targets.push_back({post.role, post.owner, post.ballot_no, post.party});
      if (m.self_note.empty()) {  // the same for every label of the post
        m.self_note.append("call to vote from the account of "sv);
        m.self_note.append(post.owner);
        m.self_note.append(" (role "sv);
        m.self_note.append(post.role);
        m.self_note.push_back(')');
      }
      EvidenceOut ev;
      ev.rule = "context.self";
      ev.note = m.self_note;
      lo.evidence.push_back(ev);
    }
  };
  auto add_note = [&](LabelOut& lo, std::string_view rule, std::string_view note) {
    EvidenceOut ev;
    ev.rule = rule;
    ev.note = note;
    lo.evidence.insert(lo.evidence.begin(), ev);
    lo.rules.insert(lo.rules.begin(), rule);
  };

  for (size_t l = 0; l < kLabelIds.size(); ++l) {
    const LabelInfo& info = pack_.labels[l];
    // A rule hit the model scored stays whatever its score (only --min-score can drop it).
    if (decided[l] != 2 && (score[l] <= 0 || (!decided[l] && score[l] < info.threshold))) continue;
    if (score[l] < opts_.min_score) continue;
    LabelOut lo;
    lo.label = l;
    lo.rules.reserve(8);
    lo.evidence.reserve(8);
    lo.score = round2(std::min(1.0, score[l]));
    if (from_model[l]) {
      for (const auto& c : explanations[l]) {
        const Feature& f = m.feats[c.feature];
        if (f.rule >= 0) {
          add_rule_evidence(lo, static_cast<size_t>(f.rule));
          continue;
        }
        EvidenceOut ev;
        ev.rule = m.model_rule[l];
        span_of(f.begin, f.end, &ev);
        bool dup = false;
        for (const auto& e : lo.evidence) dup = dup || (e.start == ev.start && e.end == ev.end);
        if (!dup) lo.evidence.push_back(ev);
      }
      if (!contains(lo.rules, m.model_rule[l])) {
        lo.rules.push_back(m.model_rule[l]);
      }
      add_targets(lo);
    } else if (l == kCampaign) {
      add_campaign_evidence(lo);
    } else if (l == kNeutrality || l == kQuietPeriod || l == kOutsideSchedule ||
               l == kFacilityMisuse) {
      add_slot_rules(lo, l);
      add_campaign_evidence(lo);
      if (l == kFacilityMisuse) {
        for (size_t s : m.facility_signal_slots) add_slot_rules(lo, s);
        if (!facility_note.empty()) add_note(lo, "context.facility", facility_note);
      }
      if (l == kNeutrality && !neutral_note.empty())
        add_note(lo, "context.neutrality", neutral_note);
      if (l == kQuietPeriod && !quiet_note.empty())
        add_note(lo, "context.quiet_period", quiet_note);
      if (l == kOutsideSchedule && !schedule_note.empty()) {
        add_note(lo, "context.outside_schedule", schedule_note);
      }
    } else if (l == kHoax) {
      add_slot_rules(lo, l);
      if (claim) {
        EvidenceOut ev;
        ev.rule = "hoax.claims";
        span_of(claim->begin, claim->end, &ev);
        ev.claim_id = claim->claim->id;
        ev.claim_url = claim->claim->url;
        ev.similarity = round2(claim->containment);
        lo.evidence.push_back(ev);
        lo.rules.push_back("hoax.claims");
      }
    } else {
      add_slot_rules(lo, l);
      add_targets(lo);
    }
    if (lo.evidence.empty()) continue;  // every label names its evidence, or is not emitted
    // Notes first, then spans in text order; stable. An insertion sort: the list is short
    // (at most max_evidence + a few) and nearly sorted, and it moves no element that is in
    // place (std::stable_sort allocated a buffer and moved every element).
    auto before = [](const EvidenceOut& a, const EvidenceOut& b) {
      if ((a.start < 0) != (b.start < 0)) return a.start < 0;
      return a.start < b.start;
    };
    for (size_t i = 1; i < lo.evidence.size(); ++i) {
      if (!before(lo.evidence[i], lo.evidence[i - 1])) continue;
      EvidenceOut moving = lo.evidence[i];
      size_t j = i;
      for (; j > 0 && before(moving, lo.evidence[j - 1]); --j) lo.evidence[j] = lo.evidence[j - 1];
      lo.evidence[j] = moving;
    }
    if (lo.evidence.size() > opts_.max_evidence) lo.evidence.resize(opts_.max_evidence);
    out->labels.push_back(std::move(lo));
  }
  std::sort(out->labels.begin(), out->labels.end(), [](const LabelOut& a, const LabelOut& b) {
    return kLabelIds[a.label] < kLabelIds[b.label];
  });
  return {};
}

namespace {

// Rule ids are checked to be [a-z0-9_.-] at load time (and ours are too): no escaping needed.
void append_id(std::string_view id, std::string* out) {
  out->push_back('"');
  out->append(id);
  out->push_back('"');
}

void append_int(int64_t v, std::string* out) {
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  out->append(buf, r.ptr);
}

// True when `s` neither starts nor ends inside a UTF-8 sequence (for a slice of valid UTF-8:
// the slice is valid).
bool whole_code_points(std::string_view s) {
  if (s.empty()) return true;
  if ((static_cast<unsigned char>(s[0]) & 0xC0) == 0x80) return false;
  size_t i = s.size() - 1, cont = 0;
  while (cont < 3 && i > 0 && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) {
    --i;
    ++cont;
  }
  const auto lead = static_cast<unsigned char>(s[i]);
  const size_t len = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 0;
  return len == cont + 1;
}

// A score or similarity: a multiple of 0.01 in [0, 1] (round2) is written as std::to_chars
// writes it (the shortest form that reads back: "0.6", "0.65", "1"), without to_chars' general
// shortest-form search; anything else goes through to_chars.
void append_score(double x, std::string* out) {
  const double cents = std::round(x * 100.0);
  if (x >= 0 && x <= 1 && cents / 100.0 == x) {
    const int c = static_cast<int>(cents);
    if (c == 100) {
      out->push_back('1');
    } else if (c == 0) {
      out->push_back('0');
    } else {
      out->append("0."sv);
      out->push_back(static_cast<char>('0' + c / 10));
      if (c % 10) out->push_back(static_cast<char>('0' + c % 10));
    }
    return;
  }
  char buf[32];
  auto r = std::to_chars(buf, buf + sizeof buf, x);
  out->append(buf, r.ptr);
}

void append_string_or_null(std::string_view s, std::string* out) {
  if (s.empty())
    out->append("null"sv);
  else
    append_json_string(s, out);
}

}  // namespace

// Written by hand rather than with JsonWriter: this runs for every post, and the keys are
// constants that need no escaping (PERFORMANCE.md: escaping dominated a prototype's output).
void Classifier::append_members(const Classification& c, std::string* out) const {
  append_members(c, false, out);
}

void Classifier::append_members(const Classification& c, bool valid_utf8, std::string* out) const {
  // Strings that come from a record simdjson validated (and substrings of them at code point
  // boundaries) skip append_json_string's UTF-8 check.
  auto str = [valid_utf8](std::string_view s, std::string* o) {
    if (valid_utf8)
      append_json_string_valid(s, o);
    else
      append_json_string(s, o);
  };
  auto str_or_null = [&](std::string_view s, std::string* o) {
    if (s.empty())
      o->append("null"sv);
    else
      str(s, o);
  };
  out->append("\"labels\":["sv);
  bool first_label = true;
  for (const auto& lo : c.labels) {
    if (!first_label) out->push_back(',');
    first_label = false;
    const auto& fixed = impl_->label_json[lo.label];
    out->append("{\"label\":"sv);
    append_id(kLabelIds[lo.label], out);
    out->append(",\"score\":"sv);
    append_score(lo.score, out);
    out->append(",\"name_id\":"sv);
    out->append(fixed[0]);
    out->append(",\"name_en\":"sv);
    out->append(fixed[1]);
    out->append(",\"basis\":"sv);
    out->append(fixed[2]);
    out->append(",\"rules\":["sv);
    for (size_t i = 0; i < lo.rules.size(); ++i) {
      if (i) out->push_back(',');
      append_id(lo.rules[i], out);
    }
    out->append("],\"evidence\":["sv);
    for (size_t i = 0; i < lo.evidence.size(); ++i) {
      const EvidenceOut& e = lo.evidence[i];
      if (i) out->push_back(',');
      out->append("{\"rule\":"sv);
      append_id(e.rule, out);
      if (!e.field.empty()) {
        out->append(",\"field\":"sv);
        append_id(e.field, out);
      }
      if (e.start >= 0) {
        out->append(",\"start\":"sv);
        append_int(e.start, out);
        out->append(",\"end\":"sv);
        append_int(e.end, out);
        out->append(",\"text\":"sv);
        // A slice of the validated text is valid when it starts and ends on a code point
        // boundary (it does: the offset map works in whole code points); checked anyway.
        if (whole_code_points(e.text))
          str(e.text, out);
        else
          append_json_string(e.text, out);
      }
      if (!e.note.empty()) {
        out->append(",\"note\":"sv);
        str(e.note, out);
      }
      if (!e.claim_id.empty()) {
        out->append(",\"claim_id\":"sv);
        append_json_string(e.claim_id, out);
        out->append(",\"claim_url\":"sv);
        append_string_or_null(e.claim_url, out);
        out->append(",\"similarity\":"sv);
        append_score(e.similarity, out);
      }
      out->push_back('}');
    }
    out->append("],\"targets\":["sv);
    for (size_t i = 0; i < lo.targets.size(); ++i) {
      const TargetOut& t = lo.targets[i];
      if (i) out->push_back(',');
      out->append("{\"type\":"sv);
      str(t.type, out);
      out->append(",\"name\":"sv);
      str_or_null(t.name, out);
      out->append(",\"ballot_no\":"sv);
      str_or_null(t.ballot_no, out);
      out->append(",\"party\":"sv);
      str_or_null(t.party, out);
      out->push_back('}');
    }
    out->append("]}"sv);
  }
  out->append(impl_->classifier_json);
  str_or_null(c.election, out);  // a calendar id from the pack
  out->push_back('}');
}

void Classifier::set_classifier_json() {
  std::string& j = impl_->classifier_json;
  j.assign("],\"classifier\":{\"pack\":");
  append_json_string(pack_.name, &j);
  j.append(",\"version\":"sv);
  append_json_string(pack_.version, &j);
  j.append(",\"model\":"sv);
  if (model_ && mode_ != Mode::kRules)
    append_json_string(model_->name, &j);
  else
    j.append("null"sv);
  j.append(",\"election\":"sv);
}

namespace {

// The members of a record that process_line() and read_post() look at: the first occurrence of
// each (what dom::object::operator[] finds), collected in one pass over the fields instead of
// one pass per key (each lookup compared every key of a ~20-member record).
struct PostFields {
  simdjson::dom::element kind, text, title, created_at, account;
  bool has_kind = false, has_text = false, has_title = false, has_created_at = false,
       has_account = false;
  bool has_old = false;  // "labels" or "classifier": classified before
};

void collect_fields(const simdjson::dom::object& obj, PostFields* f) {
  auto take = [](const simdjson::dom::element& v, bool* has, simdjson::dom::element* slot) {
    if (*has) return;
    *has = true;
    *slot = v;
  };
  for (auto field : obj) {
    const std::string_view k = field.key;
    if (k == "kind")
      take(field.value, &f->has_kind, &f->kind);
    else if (k == "text")
      take(field.value, &f->has_text, &f->text);
    else if (k == "title")
      take(field.value, &f->has_title, &f->title);
    else if (k == "created_at")
      take(field.value, &f->has_created_at, &f->created_at);
    else if (k == "account")
      take(field.value, &f->has_account, &f->account);
    else if (k == "labels" || k == "classifier")
      f->has_old = true;
  }
}

// read_post() over collected fields. The problems and their precedence are those of looking
// the keys up one by one: text, then created_at, then the account's fields in a fixed order.
Status read_post_fields(const PostFields& pf, PostContext* ctx) {
  *ctx = PostContext{};
  if (pf.has_text && !pf.text.is_null()) {
    if (pf.text.get_string().get(ctx->text)) return Error::invalid("\"text\" is not a string");
  }
  Status problem;
  if (pf.has_title && !pf.title.is_null() && pf.title.get_string().get(ctx->title)) {
    problem = Error::invalid("\"title\" is not a string");
  }
  if (pf.has_created_at && !pf.created_at.is_null()) {
    std::string_view s;
    if (pf.created_at.get_string().get(s)) {
      problem = Error::invalid("\"created_at\" is not a string");
    } else if (auto t = parse_datetime(s)) {
      ctx->has_time = true;
      ctx->created_at = *t;
    } else {
      problem = Error::invalid("\"created_at\": " + t.error().message);
    }
  }
  simdjson::dom::object acc;
  if (pf.has_account && !pf.account.get_object().get(acc)) {
    ctx->has_account = true;
    constexpr std::array<std::string_view, 6> kKeys = {"role",      "owner",    "party",
                                                       "ballot_no", "election", "region"};
    std::array<std::string_view*, 6> slots = {&ctx->role,      &ctx->owner,    &ctx->party,
                                              &ctx->ballot_no, &ctx->election, &ctx->region};
    std::array<simdjson::dom::element, 6> values;
    std::array<bool, 6> seen{};
    for (auto field : acc) {
      for (size_t i = 0; i < kKeys.size(); ++i) {
        if (!seen[i] && field.key == kKeys[i]) {
          seen[i] = true;
          values[i] = field.value;
          break;
        }
      }
    }
    for (size_t i = 0; i < kKeys.size(); ++i) {
      if (!seen[i] || values[i].is_null()) continue;
      std::string_view s;
      if (!values[i].get_string().get(s)) {
        *slots[i] = s;
      } else if (problem.ok()) {
        problem = Error::invalid("\"account." + std::string(kKeys[i]) + "\" is not a string");
      }
    }
  }
  return problem;
}

}  // namespace

Status Classifier::read_post(const simdjson::dom::object& post, PostContext* ctx) {
  PostFields pf;
  collect_fields(post, &pf);
  return read_post_fields(pf, ctx);
}

Status Classifier::process_line(const Line& line, std::string* out) {
  Impl& m = *impl_;
  simdjson::dom::element doc;
  if (auto err =
          m.parser
              .parse(reinterpret_cast<const uint8_t*>(line.text.data()), line.text.size(), false)
              .get(doc)) {
    return Error::invalid("invalid JSON: " + json_error_message(err));
  }
  simdjson::dom::object obj;
  if (doc.get_object().get(obj)) return Error::invalid("record is not a JSON object");
  PostFields pf;
  collect_fields(obj, &pf);
  std::string_view kind;
  if (pf.has_kind && pf.kind.get_string().get(kind)) {
    return Error::invalid("\"kind\" is not a string");
  }
  if (kind != kind::kPost) {
    append_passthrough(line, out);
    return {};
  }
  PostContext ctx;
  Status problem = read_post_fields(pf, &ctx);
  if (!problem.ok() && problem.message() == "\"text\" is not a string") {
    append_passthrough(line, out);
    return problem;
  }
  if (auto s = classify(ctx, &m.scratch); !s) {
    append_passthrough(line, out);
    return s;
  }
  if (opts_.only_flagged && m.scratch.labels.empty()) return problem;
  m.members.clear();
  append_members(m.scratch, true, &m.members);
  if (line.utf8_repaired) m.members.append(",\"utf8_repaired\":true"sv);
  // A post classified before: drop its old labels, keep everything else in place.
  std::string_view record = line.text;
  while (!record.empty() && (record.back() == ' ' || record.back() == '\t'))
    record.remove_suffix(1);
  if (!pf.has_old) {
    append_with_members(record, m.members, out);
    return problem;
  }
  m.rebuilt.clear();
  m.rebuilt.push_back('{');
  bool first = true;
  for (auto field : obj) {
    if (field.key == "labels" || field.key == "classifier") continue;
    if (field.key == kUtf8RepairedField && line.utf8_repaired) continue;
    if (!first) m.rebuilt.push_back(',');
    first = false;
    append_json_string(field.key, &m.rebuilt);
    m.rebuilt.push_back(':');
    m.rebuilt.append(simdjson::minify(field.value));
  }
  m.rebuilt.push_back('}');
  append_with_members(m.rebuilt, m.members, out);
  return problem;
}

}  // namespace pantau::classify
