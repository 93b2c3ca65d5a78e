#include "pantau/classify/classifier.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <deque>
#include <memory>

#include "pantau/classify/classified_record.h"
#include "pantau/classify/context_rules.h"
#include "pantau/classify/evidence_builder.h"
#include "pantau/classify/hit_context.h"
#include "pantau/classify/labels.h"
#include "pantau/classify/scoring.h"
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

// The classifier's parts (scoring.h, context_rules.h, evidence_builder.h, classified_record.h)
// and its per-post scratch.
struct Classifier::Impl {
  explicit Impl(const RulePack& pack) : scorer(pack), signals(pack, scorer), writer(pack) {}

  text::TextNormalizer normalizer{&text::SlangTable::builtin()};
  std::unique_ptr<Matcher> matcher;
  std::unique_ptr<HitContext> context;  // which hits count (hit_context.h)
  RuleScorer scorer;
  ContextSignals signals;
  EvidenceBuilder evidence;
  ClassifiedWriter writer;
  std::vector<TargetRef> targets;
  std::vector<std::string> target_rule;                  // per target: "gazetteer.<type>"
  std::array<std::string, kLabelIds.size()> model_rule;  // per label: "model.<label>"
  FeatureExtractor extractor;
  simdjson::dom::parser parser;

  // Per-post scratch.
  text::NormalizedText nt;
  std::vector<Hit> hits;
  std::vector<int32_t> fired_list;  // features(): the rules that fired
  struct FoundTarget {
    TargetOut target;
    size_t hit;  // the mention: an index into hits
    std::string_view rule;
  };
  std::vector<FoundTarget> found;
  std::deque<std::string> ballot_numbers;  // per post: digits a TargetOut views (stable)
  std::string self_note;                   // per post
  std::vector<Feature> feats;
  std::vector<std::string_view> rule_ids;
  std::string neutral_note, calendar_note;
  std::string titled;  // per post with a title: title, a blank line, text
  Classification scratch;
  std::array<std::vector<Contribution>, kLabelIds.size()> explanations;
  std::string members;
  std::string rebuilt;
};

// What classify_text() has decided about one post, passed between its steps.
struct Classifier::PostScores {
  const ElectionCalendar* calendar = nullptr;
  std::array<double, kLabelIds.size()> score{};
  std::array<uint8_t, kLabelIds.size()> from_model{};  // the model alone decided the label
  std::array<uint8_t, kLabelIds.size()> decided{};     // 1: by the model, 2: a rule hit it scored
  bool self_role = false;                              // the account asks for votes for itself
  bool gate = false;      // call-to-vote signals count: a named target or self_role
  bool facility = false;  // facility_misuse rests on the facility rule (its note applies)
  CalendarRule calendar_rule = CalendarRule::kNone;
  std::optional<ClaimIndex::Match> claim;
};

Classifier::Classifier(const RulePack& pack, ClassifierOptions opts)
    : pack_(pack), opts_(std::move(opts)), impl_(std::make_unique<Impl>(pack)) {}

Classifier::~Classifier() = default;

size_t Classifier::pattern_count() const { return impl_->matcher->pattern_count(); }

bool Classifier::databases_from_cache() const { return impl_->matcher->from_cache(); }

void Classifier::set_model(const LinearModel* model, Mode mode) {
  model_ = model;
  mode_ = model ? mode : Mode::kRules;
  set_classifier_json();
}

void Classifier::set_classifier_json() {
  impl_->writer.set_model_name(model_ && mode_ != Mode::kRules ? &model_->name : nullptr);
}

Result<std::unique_ptr<Classifier>> Classifier::create(const RulePack& pack,
                                                       ClassifierOptions opts) {
  std::unique_ptr<Classifier> c(new Classifier(pack, std::move(opts)));
  Impl& m = *c->impl_;
  std::vector<Pattern> patterns;
  std::vector<std::string> where;  // per pattern: what to blame in a compile error
  for (size_t r = 0; r < pack.rules.size(); ++r) {
    const Rule& rule = pack.rules[r];
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
  c->set_classifier_json();
  for (size_t l = 0; l < kLabelIds.size(); ++l)
    m.model_rule[l] = "model." + std::string(kLabelIds[l]);
  return c;
}

Status Classifier::fired_rules(std::string_view text, std::vector<int32_t>* out) {
  Impl& m = *impl_;
  m.normalizer.normalize(text, &m.nt);
  out->clear();
  if (auto s = m.matcher->scan(m.nt.text, &m.hits); !s) return s;
  m.context->filter(m.nt.text, &m.hits);
  m.scorer.start_post();
  for (const Hit& h : m.hits) {
    if (!(h.tag & kTargetTag)) m.scorer.fire(h.tag);
  }
  out->assign(m.scorer.fired_rules().begin(), m.scorer.fired_rules().end());
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
    EvidenceBuilder::dedupe(lo);  // a span cut at the title's end may now repeat another
  }
  return {};
}

// Election: --election, else the account's (when we know its calendar), else the default.
const ElectionCalendar* Classifier::calendar_for(const PostContext& post) const {
  const ElectionCalendar* cal = nullptr;
  if (!opts_.election.empty()) cal = pack_.calendar(opts_.election);
  if (!cal && opts_.election.empty() && !post.election.empty()) cal = pack_.calendar(post.election);
  if (!cal && opts_.election.empty()) cal = pack_.calendar(pack_.default_election);
  return cal;
}

// The steps, in order: normalize and scan; score the rules and find the targets; the model;
// the context rules; hoaxes; the labels and their evidence.
Status Classifier::classify_text(const PostContext& post, Classification* out) {
  Impl& m = *impl_;
  out->labels.clear();
  out->election.clear();
  PostScores ps;
  ps.calendar = calendar_for(post);
  if (ps.calendar) out->election = ps.calendar->id;

  if (post.text.size() > kMaxTextBytes) {
    return Error::invalid("text of " + std::to_string(post.text.size()) + " bytes, over the " +
                          std::to_string(kMaxTextBytes) +
                          " a post's text may have: not classified");
  }
  m.normalizer.normalize(post.text, &m.nt);
  const std::string& nt = m.nt.text;
  if (auto s = m.matcher->scan(nt, &m.hits); !s) return s;
  m.context->filter(nt, &m.hits);

  m.scorer.start_post();
  for (const Hit& h : m.hits) {
    if (!(h.tag & kTargetTag)) m.scorer.fire(h.tag);
  }
  find_targets(post, ps.calendar ? pack_.gazetteer_for(ps.calendar->id) : nullptr);
  m.scorer.settle(!m.found.empty(), *m.context, nt, m.hits);
  for (size_t l = 0; l < kLabelIds.size(); ++l) ps.score[l] = m.scorer.score(l);

  if (model_ && mode_ != Mode::kRules) apply_model(post, &ps);
  apply_context_rules(post, &ps);
  if (claims_ && !ps.from_model[kHoax]) {
    ps.claim =
        claims_->best_match(nt, pack_.context.hoax_min_containment, pack_.context.hoax_min_shared);
    if (ps.claim) ps.score[kHoax] = 1.0 - (1.0 - ps.score[kHoax]) * (1.0 - ps.claim->containment);
  }

  m.evidence.start(post.text, &m.nt, &m.hits);
  m.self_note.clear();
  for (size_t l = 0; l < kLabelIds.size(); ++l) {
    const LabelInfo& info = pack_.labels[l];
    const double score = ps.score[l];
    // A rule hit the model scored stays whatever its score (only --min-score can drop it).
    if (ps.decided[l] != 2 && (score <= 0 || (!ps.decided[l] && score < info.threshold))) continue;
    if (score < opts_.min_score) continue;
    LabelOut lo;
    lo.label = l;
    lo.rules.reserve(8);
    lo.evidence.reserve(8);
    lo.score = round2(std::min(1.0, score));
    add_label_evidence(post, ps, &lo);
    if (lo.evidence.empty()) continue;  // every label names its evidence, or is not emitted
    EvidenceBuilder::order(lo, opts_.max_evidence);
    out->labels.push_back(std::move(lo));
  }
  std::sort(out->labels.begin(), out->labels.end(), [](const LabelOut& a, const LabelOut& b) {
    return kLabelIds[a.label] < kLabelIds[b.label];
  });
  return {};
}

// The targets the post names: gazetteer aliases of the post's election (and of --gazetteer),
// and ballot numbers ("coblos nomor 2"), which name the account's own ticket, a ticket or
// party of the gazetteer, or else just the number. The first mention of each distinct target.
void Classifier::find_targets(const PostContext& post, const Gazetteer* gaz) {
  Impl& m = *impl_;
  m.found.clear();
  m.ballot_numbers.clear();
  // Compared before anything is copied: most mentions repeat a target already found.
  auto add_target = [&](TargetOut t, size_t hit, std::string_view rule) {
    for (const auto& f : m.found) {
      if (f.target == t) return;
    }
    m.found.push_back({t, hit, rule});
  };
  const std::string_view nt = m.nt.text;
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
    if (!rule.ballot) continue;
    const int n = trailing_number(nt.substr(h.begin, h.end - h.begin));
    if (n < 0) continue;
    if (*rule.ballot == BallotScope::kAny && post.has_account &&
        trailing_number(post.ballot_no) == n && !post.owner.empty()) {
      add_target({post.role, post.owner, post.ballot_no, post.party}, hi, rule.id);
      continue;
    }
    const Target* t = nullptr;
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

// The model, for the labels it knows. In kBoth mode (the default with --model) a label the
// rules emit stays emitted with its rule evidence, and the model only adds labels whose
// calibrated probability reaches its gate (calibration.h); the score is the calibrated
// probability given both. In kModel mode the model alone decides (probability >= 0.5).
void Classifier::apply_model(const PostContext& post, PostScores* ps) {
  Impl& m = *impl_;
  auto& score = ps->score;
  for (auto& e : m.explanations) e.clear();
  const std::vector<int32_t>& fired = m.scorer.fired_rules();
  m.rule_ids.clear();
  if (model_->uses_rules()) {
    for (int32_t r : fired) m.rule_ids.push_back(pack_.rules[static_cast<size_t>(r)].id);
  }
  if (m.extractor.options().bits != model_->feature_options().bits ||
      m.extractor.options().char_min != model_->feature_options().char_min ||
      m.extractor.options().char_max != model_->feature_options().char_max) {
    m.extractor = FeatureExtractor(model_->feature_options());
  }
  std::vector<int32_t> idx(fired.begin(), fired.end());
  if (!model_->uses_rules()) idx.clear();
  const MaskSource source{post.text, &m.nt};
  m.extractor.extract(m.nt.text, m.rule_ids, idx, &m.feats, &source);
  for (size_t slot = 0; slot < model_->labels().size(); ++slot) {
    auto li = label_index(model_->labels()[slot]);
    if (!li) continue;
    const Stacker& st = model_->stacker(slot);
    const double z = model_->logit(slot, m.feats);
    const bool rule_hit =
        mode_ == Mode::kBoth && score[*li] > 0 && score[*li] >= pack_.labels[*li].threshold;
    // A model that never adds the label (gate off: --model-off, or learned from staff reviews
    // alone) leaves a post without a rule hit to the rules, the context rules and the claims,
    // as if there were no model: it must not block a claims match or a campaign in context.
    if (!rule_hit && mode_ == Mode::kBoth && st.off()) continue;
    ps->decided[*li] = rule_hit ? 2 : 1;
    if (rule_hit) {  // never erased: the rule evidence stays, the score is calibrated
      score[*li] = st.rule_hit_probability(z);
      continue;
    }
    const double p = st.probability(z, false);
    const bool adds = mode_ == Mode::kModel ? p >= 0.5 : !st.off() && p >= st.gate;
    m.explanations[*li] = model_->explain(slot, m.feats, 3);
    // A positive needs evidence: without a positive feature it is the bias speaking.
    score[*li] = adds && !m.explanations[*li].empty() ? p : 0.0;
    ps->from_model[*li] = 1;
  }
}

// campaign, then what campaign content means in context (context_rules.h): neutrality,
// quiet_period / outside_schedule, facility_misuse. Those carry the campaign score, dampened
// by their own dampeners; the strongest of rules and context wins.
void Classifier::apply_context_rules(const PostContext& post, PostScores* ps) {
  Impl& m = *impl_;
  const RuleScorer& sc = m.scorer;
  auto& score = ps->score;
  const bool named = !m.found.empty();
  ps->self_role = has_role(pack_.context.self_roles, post);
  ps->gate = named || ps->self_role;
  if (!ps->from_model[kCampaign]) {
    score[kCampaign] =
        campaign_direct(sc, m.signals, kCampaign, named, ps->self_role) * sc.damping(kCampaign);
  }
  m.neutral_note.clear();
  m.calendar_note.clear();
  if (score[kCampaign] < pack_.labels[kCampaign].threshold) return;
  const double camp = score[kCampaign];
  if (neutrality_rule(pack_.context, post, &m.neutral_note)) {
    score[kNeutrality] = std::max(score[kNeutrality], camp * sc.damping(kNeutrality));
  }
  if (ps->calendar) {
    ps->calendar_rule = calendar_rule(pack_.context, *ps->calendar, post, &m.calendar_note);
    const size_t l = ps->calendar_rule == CalendarRule::kQuietPeriod       ? kQuietPeriod
                     : ps->calendar_rule == CalendarRule::kOutsideSchedule ? kOutsideSchedule
                                                                           : SIZE_MAX;
    if (l != SIZE_MAX) score[l] = std::max(score[l], camp * sc.damping(l));
  }
  const double fac =
      facility_signal(pack_.context, sc, m.signals, *m.context, m.nt.text, m.hits, ps->self_role);
  if (fac > 0 && !ps->from_model[kFacilityMisuse]) {
    // Both must hold, so the weaker of the two bounds the confidence.
    score[kFacilityMisuse] =
        (1.0 - (1.0 - sc.direct(kFacilityMisuse)) * (1.0 - std::min(camp, fac))) *
        sc.damping(kFacilityMisuse);
    ps->facility = true;
  }
}

// The evidence of label lo->label: the spans of the rules (and combinations) that scored it,
// the targets named, the context rules' notes, the matched claim, or the model's strongest
// features.
void Classifier::add_label_evidence(const PostContext& post, const PostScores& ps, LabelOut* out) {
  Impl& m = *impl_;
  LabelOut& lo = *out;
  const size_t l = lo.label;
  if (ps.from_model[l]) {
    for (const auto& c : m.explanations[l]) {
      const Feature& f = m.feats[c.feature];
      if (f.rule >= 0) {
        add_rule_evidence(static_cast<uint32_t>(f.rule), &lo);
      } else {
        m.evidence.add_span_once(lo, f.begin, f.end, m.model_rule[l]);
      }
    }
    if (!contains(lo.rules, m.model_rule[l])) lo.rules.push_back(m.model_rule[l]);
    for (const auto& f : m.found) lo.targets.push_back(f.target);
  } else if (l == kCampaign) {
    add_campaign_evidence(post, ps, &lo);
  } else if (l == kNeutrality || l == kQuietPeriod || l == kOutsideSchedule ||
             l == kFacilityMisuse) {
    add_slot_rules(l, &lo);
    add_campaign_evidence(post, ps, &lo);
    if (l == kFacilityMisuse) {
      for (size_t s : m.signals.facility) add_slot_rules(s, &lo);
      if (ps.facility) EvidenceBuilder::add_note(lo, "context.facility", kFacilityNote);
    }
    if (l == kNeutrality && !m.neutral_note.empty())
      EvidenceBuilder::add_note(lo, "context.neutrality", m.neutral_note);
    if (l == kQuietPeriod && ps.calendar_rule == CalendarRule::kQuietPeriod)
      EvidenceBuilder::add_note(lo, "context.quiet_period", m.calendar_note);
    if (l == kOutsideSchedule && ps.calendar_rule == CalendarRule::kOutsideSchedule)
      EvidenceBuilder::add_note(lo, "context.outside_schedule", m.calendar_note);
  } else if (l == kHoax) {
    add_slot_rules(l, &lo);
    if (ps.claim) {
      EvidenceOut ev;
      ev.rule = "hoax.claims";
      m.evidence.span(ps.claim->begin, ps.claim->end, &ev);
      ev.claim_id = ps.claim->claim->id;
      ev.claim_url = ps.claim->claim->url;
      ev.similarity = round2(ps.claim->containment);
      lo.evidence.push_back(ev);
      lo.rules.push_back("hoax.claims");
    }
  } else {
    add_slot_rules(l, &lo);
    for (const auto& f : m.found) lo.targets.push_back(f.target);
  }
}

void Classifier::add_rule_evidence(uint32_t rule, LabelOut* lo) {
  impl_->evidence.add_rule(*lo, rule, pack_.rules[rule].id, opts_.max_evidence);
}

// The rules of `slot` that fired, and the combinations of `slot` that held with the rules of
// the slots they need.
void Classifier::add_slot_rules(size_t slot, LabelOut* lo) {
  const RuleScorer& sc = impl_->scorer;
  const std::vector<size_t>& rule_slot = sc.rule_slots();
  for (int32_t r : sc.fired_rules()) {
    if (rule_slot[static_cast<size_t>(r)] == slot) add_rule_evidence(static_cast<uint32_t>(r), lo);
  }
  for (size_t c = 0; c < sc.combination_count(); ++c) {
    if (!sc.combination_fired(c) || sc.combination_slot(c) != slot) continue;
    if (!contains(lo->rules, pack_.combinations[c].id))
      lo->rules.push_back(pack_.combinations[c].id);
    for (size_t s : sc.combination_parts(c)) {
      for (int32_t r : sc.fired_rules()) {
        if (rule_slot[static_cast<size_t>(r)] == s) add_rule_evidence(static_cast<uint32_t>(r), lo);
      }
    }
  }
}

// Campaign content's evidence: the campaign rules, the signals that counted, the targets
// named (or the account, for a candidate's own call to vote).
void Classifier::add_campaign_evidence(const PostContext& post, const PostScores& ps,
                                       LabelOut* lo) {
  Impl& m = *impl_;
  add_slot_rules(kCampaign, lo);
  if (ps.gate) {
    for (size_t s : m.signals.campaign) add_slot_rules(s, lo);
  }
  if (!m.found.empty()) {
    for (size_t s : m.signals.activity) add_slot_rules(s, lo);
  }
  for (const auto& f : m.found) {
    if (lo->evidence.size() >= opts_.max_evidence) break;
    m.evidence.add_hit(*lo, f.hit, f.rule);
  }
  for (const auto& f : m.found) lo->targets.push_back(f.target);
  if (m.found.empty() && ps.self_role && !post.owner.empty()) {
    lo->targets.push_back({post.role, post.owner, post.ballot_no, post.party});
    if (m.self_note.empty()) self_call_note(post, &m.self_note);  // the same for every label
    EvidenceOut ev;
    ev.rule = "context.self";
    ev.note = m.self_note;
    lo->evidence.push_back(ev);
  }
}

Status Classifier::read_post(const simdjson::dom::object& post, PostContext* ctx) {
  PostFields pf;
  collect_post_fields(post, &pf);
  return read_post_fields(pf, ctx).status;
}

void Classifier::append_members(const Classification& c, std::string* out) const {
  impl_->writer.append_members(c, false, out);
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
  collect_post_fields(obj, &pf);
  std::string_view kind;
  if (pf.has_kind && pf.kind.get_string().get(kind)) {
    return Error::invalid("\"kind\" is not a string");
  }
  if (kind != kind::kPost) {
    append_passthrough(line, out);
    return {};
  }
  PostContext ctx;
  PostRead read = read_post_fields(pf, &ctx);
  if (read.problem == PostProblem::kText) {  // nothing to classify
    append_passthrough(line, out);
    return read.status;
  }
  if (auto s = classify(ctx, &m.scratch); !s) {
    append_passthrough(line, out);
    return s;
  }
  if (opts_.only_flagged && m.scratch.labels.empty()) return read.status;
  m.members.clear();
  m.writer.append_members(m.scratch, true, &m.members);
  if (line.utf8_repaired) m.members.append(",\"utf8_repaired\":true"sv);
  // A post classified before: drop its old labels, keep everything else in place.
  if (pf.has_old) {
    append_reclassified(obj, line.utf8_repaired, m.members, &m.rebuilt, out);
    return read.status;
  }
  std::string_view record = line.text;
  while (!record.empty() && (record.back() == ' ' || record.back() == '\t'))
    record.remove_suffix(1);
  append_with_members(record, m.members, out);
  return read.status;
}

}  // namespace pantau::classify
