#include "eval/eval.h"

#include <iomanip>
#include <nlohmann/json.hpp>

#include "base/utf8.h"

namespace replylint {
namespace {

std::string Head(const std::string& s, size_t n) {
  std::string out;
  size_t i = 0;
  for (size_t k = 0; k < n && i < s.size(); ++k) {
    const size_t at = i;
    const char32_t c = DecodeUtf8(s, &i);
    if (c == '\n') {
      out += " / ";
    } else if (c == 0xFFFD && i - at != 3) {
      out += "\xEF\xBF\xBD";  // an ill-formed input byte, shown as analysed
    } else {
      out.append(s, at, i - at);
    }
  }
  return i < s.size() ? out + "…" : out;
}

std::string Fixed(double v, int digits) {
  if (v < 0) return "—";
  std::ostringstream os;
  os << std::fixed << std::setprecision(digits) << v;
  return os.str();
}

std::string Ratio(double v) { return Fixed(v, 3); }

}  // namespace

Evaluation::Evaluation(std::map<std::string, bool> rules) : rules_(std::move(rules)) {
  for (const auto& [id, enabled] : rules_) counts_[id];
}

void Evaluation::OnConversation(const Conversation& c, const ConversationResult& result) {
  for (const MessageResult& r : result.replies) {
    const Message& m = c.messages[r.message];
    if (!m.expect) continue;
    ++scored_;
    std::set<std::string> expected(m.expect->begin(), m.expect->end());
    std::map<std::string, const Finding*> fired;
    for (const Finding& f : r.findings) fired.emplace(f.rule, &f);
    for (const std::string& rule : expected) {
      if (!rules_.count(rule)) unknown_.insert(rule);
      RuleCounts& k = counts_[rule];
      if (fired.count(rule)) {
        ++k.tp;
      } else {
        ++k.fn;
        mismatches_.push_back({c.source, c.line, c.id, r.message, rule, true, Head(m.text, 80)});
      }
    }
    for (const auto& [rule, f] : fired) {
      if (expected.count(rule)) continue;
      ++counts_[rule].fp;
      mismatches_.push_back({c.source, c.line, c.id, r.message, rule, false,
                             Head(f->field.empty() ? f->text : f->field + ": " + f->text, 80)});
    }
  }
}

void Evaluation::OnRejected(const std::string& source, size_t line, const std::string& error) {
  (void)source;
  (void)line;
  rejected_.push_back(error);
}

std::vector<std::string> Evaluation::Below(double min_precision, double min_recall) const {
  std::vector<std::string> out;
  for (const auto& [rule, k] : counts_) {
    auto it = rules_.find(rule);
    if (it == rules_.end() || !it->second) continue;  // not in this build, or switched off
    const double p = k.precision();
    const double r = k.recall();
    if ((p >= 0 && p < min_precision) || (r >= 0 && r < min_recall)) out.push_back(rule);
  }
  return out;
}

double Evaluation::FalseAlarmsPer100(const RuleCounts& k) const {
  return scored_ == 0 ? -1 : 100.0 * static_cast<double>(k.fp) / static_cast<double>(scored_);
}

void Evaluation::WriteText(std::ostream& out, bool verbose) const {
  if (verbose && !mismatches_.empty()) {
    out << "Mismatches\n";
    for (const Mismatch& m : mismatches_) {
      // Labels, file names, ids and text come from the input: escaped, so
      // none can forge a line or drive the terminal.
      out << "  " << (m.expected ? "missed    " : "unexpected") << "  " << EscapeForTerminal(m.rule) << "  "
          << EscapeForTerminal(m.source) << ':' << m.line << "  " << EscapeForTerminal(m.conversation) << " #"
          << m.message << "  «" << EscapeForTerminal(m.text) << "»\n";
    }
    out << '\n';
  }
  out << std::left << std::setw(22) << "rule" << std::right << std::setw(6) << "TP" << std::setw(6) << "FP"
      << std::setw(6) << "FN" << std::setw(11) << "precision" << std::setw(9) << "recall" << std::setw(8) << "FP/100"
      << '\n';
  RuleCounts all;
  for (const auto& [rule, k] : counts_) {
    std::string note;
    auto it = rules_.find(rule);
    if (it == rules_.end())
      note = "  (not implemented)";
    else if (!it->second)
      note = "  (off)";
    out << std::left << std::setw(22) << EscapeForTerminal(rule) << std::right << std::setw(6) << k.tp << std::setw(6)
        << k.fp << std::setw(6) << k.fn << std::setw(11) << Ratio(k.precision()) << std::setw(9) << Ratio(k.recall())
        << std::setw(8) << Fixed(FalseAlarmsPer100(k), 2) << note << '\n';
    if (it != rules_.end() && it->second) {
      all.tp += k.tp, all.fp += k.fp, all.fn += k.fn;
    }
  }
  out << std::left << std::setw(22) << "all implemented" << std::right << std::setw(6) << all.tp << std::setw(6)
      << all.fp << std::setw(6) << all.fn << std::setw(11) << Ratio(all.precision()) << std::setw(9)
      << Ratio(all.recall()) << '\n';
  out << "\nmessages scored: " << scored_ << ", lines rejected: " << rejected_.size() << '\n';
}

void Evaluation::WriteJson(std::ostream& out) const {
  nlohmann::ordered_json j;
  j["scored"] = scored_;
  j["rejected"] = rejected_.size();
  nlohmann::ordered_json rules = nlohmann::ordered_json::object();
  for (const auto& [rule, k] : counts_) {
    auto it = rules_.find(rule);
    nlohmann::ordered_json r;
    r["tp"] = k.tp;
    r["fp"] = k.fp;
    r["fn"] = k.fn;
    r["precision"] = k.precision() < 0 ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(k.precision());
    r["recall"] = k.recall() < 0 ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(k.recall());
    r["fp_per_100"] = scored_ == 0 ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(FalseAlarmsPer100(k));
    r["status"] = it == rules_.end() ? "not implemented" : it->second ? "on" : "off";
    rules[rule] = r;
  }
  j["rules"] = rules;
  nlohmann::ordered_json mm = nlohmann::ordered_json::array();
  for (const Mismatch& m : mismatches_) {
    mm.push_back({{"kind", m.expected ? "missed" : "unexpected"},
                  {"rule", m.rule},
                  {"source", m.source},
                  {"line", m.line},
                  {"conversation", m.conversation},
                  {"message", m.message},
                  {"text", m.text}});
  }
  j["mismatches"] = mm;
  out << j.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << '\n';
}

}  // namespace replylint
