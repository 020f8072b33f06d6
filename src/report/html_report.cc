// --format html: one self-contained page to hand to a team lead. No network:
// inline CSS, inline SVG charts, one small inline script (sortable tables),
// and a Content-Security-Policy that forbids every other script and every
// external load. All the static parts (charts, tables, highlighted replies)
// work without the script. Every text from the input is escaped, so a reply
// that contains markup shows as text.
//
// Sections: a header naming the inputs and the dates covered, summary,
// score and star distributions, leaderboards (with each interval drawn, so
// overlapping agents are visibly not different), per-agent, per-team and
// per-channel bars with their intervals (agents and teams under the
// leaderboard's minimum left out of the charts), trends (with --period),
// rule frequencies, the goal (with --goal), the worst replies with their
// findings highlighted in the text, and a drill-down per agent to their
// worst replies (--drill).
#include <algorithm>
#include <array>
#include <cmath>
#include <set>

#include "base/utf8.h"
#include "report/report_util.h"

namespace replylint {
namespace {

// The page's only script. Its SHA-256 (base64) is in the CSP below; the
// chromium test fails when they disagree (the browser refuses the script),
// and tests/html/check_report.py prints the right value.
constexpr const char* kScript =
    R"JS(
(function () {
  'use strict';
  window.addEventListener('error', function (e) {
    document.documentElement.setAttribute('data-js-error', String(e.message));
  });
  function key(cell) {
    var v = cell.getAttribute('data-v');
    if (v === null) v = cell.textContent;
    var n = parseFloat(v);
    return isNaN(n) ? v.toLowerCase() : n;
  }
  var tables = document.querySelectorAll('table.sortable');
  Array.prototype.forEach.call(tables, function (table) {
    var heads = table.querySelectorAll('thead th');
    Array.prototype.forEach.call(heads, function (th, col) {
      th.setAttribute('tabindex', '0');
      th.title = 'Sort';
      function sort() {
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        var asc = th.getAttribute('aria-sort') !== 'ascending';
        Array.prototype.forEach.call(heads, function (h) { h.removeAttribute('aria-sort'); });
        th.setAttribute('aria-sort', asc ? 'ascending' : 'descending');
        rows.sort(function (a, b) {
          var x = key(a.cells[col]), y = key(b.cells[col]);
          if (x < y) return asc ? -1 : 1;
          if (x > y) return asc ? 1 : -1;
          return 0;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      }
      th.addEventListener('click', sort);
      th.addEventListener('keydown', function (e) { if (e.key === 'Enter') sort(); });
    });
  });
  document.documentElement.setAttribute('data-js', 'ok');
})();
)JS";
constexpr const char* kScriptHash = "sha256-a1G4QLqQGCk99cN5LQDOW13cSuJFTgKy/TnefI10gvo=";

// The leader's crown, drawn (an emoji needs a colour-emoji font the reader may lack).
constexpr const char* kCrown =
    " <svg class=\"crown\" width=\"16\" height=\"13\" viewBox=\"0 0 16 13\" role=\"img\" aria-label=\"crown: first "
    "place\"><title>first place</title><path d=\"M1 10 L2 3 L5.5 6.5 L8 1 L10.5 6.5 L14 3 L15 10 Z\" fill=\"#e0a800\" "
    "stroke=\"#8a6d00\" stroke-width=\"0.8\"/><rect x=\"1\" y=\"10.5\" width=\"14\" height=\"2\" "
    "fill=\"#8a6d00\"/></svg>";

constexpr const char* kStyle = R"CSS(
:root { --fg: #1d2430; --muted: #5b6577; --line: #d9dee7; --bg: #ffffff; --panel: #f5f7fa;
  --s5: #2e7d32; --s4: #7cb342; --s3: #f9a825; --s2: #ef6c00; --s1: #c62828; --accent: #3558a8; }
* { box-sizing: border-box; }
body { font: 14px/1.45 "DejaVu Sans", "Segoe UI", Roboto, Arial, sans-serif; color: var(--fg); background: var(--bg);
  margin: 0; padding: 24px 32px; }
svg { max-width: 100%; height: auto; }
details.agent { border: 1px solid var(--line); border-radius: 6px; margin: 6px 0; padding: 4px 12px; }
details.agent summary { cursor: pointer; padding: 4px 0; }
.legend span { display: inline-block; margin-right: 14px; } .legend i { display: inline-block; width: 18px; height: 3px;
  vertical-align: middle; margin-right: 4px; }
h1 { font-size: 24px; margin: 0 0 4px; } h2 { font-size: 18px; margin: 32px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 15px; margin: 16px 0 6px; }
p.muted, .muted { color: var(--muted); }
.cards { display: flex; flex-wrap: wrap; gap: 12px; margin: 16px 0; }
.card { background: var(--panel); border: 1px solid var(--line); border-radius: 6px; padding: 10px 14px; min-width: 160px; }
.card b { display: block; font-size: 22px; } .card span { color: var(--muted); font-size: 12px; }
table { border-collapse: collapse; width: 100%; margin: 8px 0; }
th, td { border-bottom: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: middle; }
th { background: var(--panel); font-weight: 600; cursor: default; }
table.sortable th { cursor: pointer; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
.crown { vertical-align: -1px; } .note { color: var(--muted); font-size: 12px; }
svg text { font: 12px "DejaVu Sans", Arial, sans-serif; fill: var(--fg); }
svg .axis { stroke: var(--line); } svg .ci { stroke: var(--fg); stroke-width: 1.5; }
.s5 { fill: var(--s5); } .s4 { fill: var(--s4); } .s3 { fill: var(--s3); } .s2 { fill: var(--s2); } .s1 { fill: var(--s1); }
.bar { fill: var(--accent); }
article.reply { border: 1px solid var(--line); border-radius: 6px; margin: 12px 0; padding: 8px 12px; }
article.reply header { display: flex; gap: 12px; flex-wrap: wrap; align-items: baseline; }
pre.text { white-space: pre-wrap; word-wrap: break-word; background: var(--panel); padding: 8px; border-radius: 4px;
  font: 13px/1.5 "DejaVu Sans Mono", monospace; margin: 6px 0; }
pre.context { opacity: .8; border-left: 3px solid var(--line); }
mark { border-radius: 2px; padding: 0 1px; }
mark.error { background: #f8c9c9; } mark.warning { background: #fbe3a6; } mark.suggestion { background: #d6e6fb; }
.sev { font-size: 11px; text-transform: uppercase; padding: 1px 5px; border-radius: 3px; color: #fff; }
.sev.error { background: var(--s1); } .sev.warning { background: var(--s2); } .sev.suggestion { background: var(--accent); }
ol.findings li { margin: 4px 0; } .fix { color: var(--s5); }
footer { margin-top: 40px; color: var(--muted); font-size: 12px; }
)CSS";

std::string Esc(std::string_view raw) {
  // Message text keeps ill-formed bytes as given; the page shows U+FFFD.
  const std::string valid = ReplaceInvalidUtf8(raw);
  const std::string_view s = valid;
  std::string out;
  out.reserve(s.size());
  for (char ch : s) {
    switch (ch) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += ch;
    }
  }
  return out;
}

std::string Num(double v) { return Fixed(v, 1); }

struct KeptReply {
  size_t ordinal = 0;
  std::string conversation, agent, team, channel;
  std::string context;  // the customer's messages this reply answers
  std::string text;
  std::string at;
  MessageResult result;
};

class HtmlReport : public AuditReport {
 public:
  using AuditReport::AuditReport;

  void WriteEnd() override {
    std::ostream& o = *out_;
    const AuditTotals& t = totals_;
    const ScoreStats& all = t.all();
    o << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      << "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
         "img-src data:; script-src '"
      << kScriptHash << "'\">\n"
      << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      << "<title>replylint QA report</title>\n<style>" << kStyle << "</style>\n</head>\n<body>\n";
    o << "<header><h1>QA report</h1>\n";
    if (!options_.inputs.empty()) {
      o << "<p id=\"inputs\">Inputs: ";
      for (size_t i = 0; i < options_.inputs.size(); ++i)
        o << (i ? ", " : "") << "<code>" << Esc(options_.inputs[i]) << "</code>";
      o << "</p>\n";
    }
    o << "<p id=\"period\">";
    if (first_at_) {
      o << "Replies from " << PeriodOfMs(*first_at_, Period::kDay) << " to " << PeriodOfMs(*last_at_, Period::kDay)
        << " (UTC)";
    } else {
      o << "No reported reply has a date";
    }
    if (trends_) o << "; trends by " << PeriodName(trends_->period());
    o << ".</p>\n<p class=\"muted\">" << stats_.conversations << " conversations, " << t.analysed()
      << " replies analysed";
    if (t.skipped()) o << ", " << t.skipped() << " not analysed (language neither Russian nor English)";
    if (stats_.rejected) o << ", " << stats_.rejected << " input lines rejected";
    o << ". Intervals are 95% Wilson intervals: they stay within the scale and stay wide when there are few "
         "replies.</p></header>\n";
    Summary(all);
    if (all.count() > 0) {
      Distribution(all);
      Leaderboards();
      for (GroupBy g : Groups()) GroupChart(g);
      if (trends_) Trend(*trends_);
      if (t.all_responses().judged() > 0) Responses();
      Rules(all);
      if (options_.goal) Goals(*options_.goal);
      Worst();
      Drill();
    }
    o << "<footer>replylint 0.1.0 — generated offline; this file loads nothing from the network.</footer>\n";
    o << "<script>" << kScript << "</script>\n</body>\n</html>\n";
  }

 protected:
  void WriteReply(const Conversation& c, const MessageResult& r) override {
    const size_t ordinal = next_ordinal_++;
    if (!r.analysed) return;
    ++histogram_[std::min(10, r.score / 10)];
    if (r.findings.empty()) return;
    Keep(&worst_, c, r, ordinal, options_.worst);
    if (options_.drill > 0) {
      Drilled& d = drill_[c.messages[r.message].AgentKey()];
      ++d.with_findings;
      Keep(&d.replies, c, r, ordinal, options_.drill);
    }
  }

 private:
  // Keeps the `limit` lowest scores in *kept, worst first; among equal
  // scores the earliest. Memory stays bounded however long the audit.
  static void Keep(std::vector<KeptReply>* kept, const Conversation& c, const MessageResult& r, size_t ordinal,
                   size_t limit) {
    if (limit == 0) return;
    auto worse = [](const KeptReply& a, const KeptReply& b) {
      return a.result.score != b.result.score ? a.result.score < b.result.score : a.ordinal < b.ordinal;
    };
    if (kept->size() == limit) {
      if (!(r.score < kept->back().result.score)) return;
      kept->pop_back();
    }
    KeptReply k;
    k.ordinal = ordinal;
    k.conversation = c.id;
    k.agent = c.messages[r.message].AgentKey();
    k.team = c.team;
    k.channel = std::string(ChannelName(c.channel));
    k.context = CustomerContext(c, r.message);
    k.text = c.messages[r.message].text;
    k.at = c.messages[r.message].at;
    k.result = r;
    kept->insert(std::upper_bound(kept->begin(), kept->end(), k, worse), std::move(k));
  }

  const char* StarClass(double score) const {
    static const char* kClass[] = {"s1", "s1", "s2", "s3", "s4", "s5"};
    int stars = 1;
    for (const auto& [s, min] : options_.star_thresholds) {
      if (score >= min) {
        stars = s;
        break;
      }
    }
    return kClass[std::clamp(stars, 1, 5)];
  }

  void Summary(const ScoreStats& all) {
    std::ostream& o = *out_;
    o << "<section id=\"summary\"><div class=\"cards\">\n";
    auto card = [&](const std::string& value, const std::string& label) {
      o << "<div class=\"card\"><b>" << Esc(value) << "</b><span>" << Esc(label) << "</span></div>\n";
    };
    card(std::to_string(all.count()), "replies analysed");
    if (all.count() > 0) {
      card(Num(all.mean()), "mean score, 95% CI " + Num(all.ci().low) + "–" + Num(all.ci().high));
      card(Fixed(all.mean_stars(), 2) + " ★",
           "mean stars, 95% CI " + Fixed(all.stars_ci().low, 2) + "–" + Fixed(all.stars_ci().high, 2));
      card(Percent(all.good_share(), 1), "good replies (" + std::to_string(totals_.good_stars()) +
                                             (totals_.good_stars() < 5 ? "★ and up" : "★") + "), 95% CI " +
                                             Percent(all.good_ci().low, 1) + "–" + Percent(all.good_ci().high, 1));
    }
    card(std::to_string(totals_.failing_replies()),
         "replies with findings at or above " + std::string(SeverityName(totals_.fail_level())));
    o << "</div></section>\n";
  }

  void Distribution(const ScoreStats& all) {
    std::ostream& o = *out_;
    o << "<section id=\"distribution\"><h2>Score distribution</h2>\n";
    const int w = 660, h = 200, left = 40, bottom = 30, bw = 50;
    size_t peak = 1;
    for (size_t n : histogram_) peak = std::max(peak, n);
    o << "<svg role=\"img\" aria-label=\"Replies by score\" width=\"" << w << "\" height=\"" << h + bottom
      << "\" viewBox=\"0 0 " << w << ' ' << h + bottom << "\">\n";
    o << "<line class=\"axis\" x1=\"" << left << "\" y1=\"" << h << "\" x2=\"" << w << "\" y2=\"" << h << "\"/>\n";
    for (int b = 0; b <= 10; ++b) {
      const double bh = (h - 20) * static_cast<double>(histogram_[b]) / static_cast<double>(peak);
      const int x = left + b * (bw + 5);
      const std::string label = b == 10 ? "100" : std::to_string(b * 10) + "–" + std::to_string(b * 10 + 9);
      o << "<rect class=\"" << StarClass(b == 10 ? 100 : b * 10 + 9) << "\" x=\"" << x << "\" y=\"" << Num(h - bh)
        << "\" width=\"" << bw << "\" height=\"" << Num(bh) << "\"><title>" << label << ": " << histogram_[b]
        << " replies</title></rect>\n";
      o << "<text x=\"" << x + bw / 2 << "\" y=\"" << h + 16 << "\" text-anchor=\"middle\">" << Esc(label)
        << "</text>\n";
      if (histogram_[b])
        o << "<text x=\"" << x + bw / 2 << "\" y=\"" << Num(h - bh - 4) << "\" text-anchor=\"middle\">" << histogram_[b]
          << "</text>\n";
    }
    o << "</svg>\n<h3>Stars</h3>\n";
    size_t speak = 1;
    for (int k = 1; k <= 5; ++k) speak = std::max(speak, all.with_stars(k));
    o << "<svg role=\"img\" aria-label=\"Replies by stars\" width=\"660\" height=\"130\" viewBox=\"0 0 660 130\">\n";
    static const char* kClass[] = {"", "s1", "s2", "s3", "s4", "s5"};
    for (int k = 5; k >= 1; --k) {
      const int y = (5 - k) * 25 + 4;
      const double bw2 = 480.0 * static_cast<double>(all.with_stars(k)) / static_cast<double>(speak);
      o << "<text x=\"0\" y=\"" << y + 14 << "\">" << StarsBar(k) << "</text>"
        << "<rect class=\"" << kClass[k] << "\" x=\"90\" y=\"" << y << "\" width=\"" << Num(bw2)
        << "\" height=\"18\"/><text x=\"" << Num(96 + bw2) << "\" y=\"" << y + 14 << "\">" << all.with_stars(k) << " ("
        << Percent(static_cast<double>(all.with_stars(k)) / static_cast<double>(all.count()), 0) << ")</text>\n";
    }
    o << "</svg></section>\n";
  }

  // A small forest-plot cell: the interval as a line, the mean as a dot, on
  // [lo, 100] (lo: the leaderboard's lowest interval end, rounded down to 10,
  // so that close agents are told apart by eye).
  static std::string IntervalSvg(const ScoreStats& s, double lo) {
    const double w = 160;
    auto x = [&](double v) { return Num(4 + (w - 8) * (v - lo) / (100 - lo)); };
    std::string out = "<svg width=\"160\" height=\"14\" viewBox=\"0 0 160 14\" aria-hidden=\"true\">";
    out += "<line class=\"axis\" x1=\"4\" y1=\"7\" x2=\"156\" y2=\"7\"/>";
    out += "<line class=\"ci\" x1=\"" + x(s.ci().low) + "\" y1=\"7\" x2=\"" + x(s.ci().high) + "\" y2=\"7\"/>";
    out += "<circle cx=\"" + x(s.mean()) + "\" cy=\"7\" r=\"3.5\" class=\"bar\"/></svg>";
    return out;
  }

  void Leaderboards() {
    std::ostream& o = *out_;
    o << "<section id=\"leaderboard\"><h2>Leaderboard</h2>\n<p class=\"muted\">Ranked by mean score from "
      << options_.min_replies
      << " replies. Rows whose intervals overlap are not clearly different, whatever their order.</p>\n";
    for (GroupBy g : {GroupBy::kAgent, GroupBy::kTeam}) {
      const Leaderboard lb = Rank(totals_.Groups(g), options_.min_replies);
      o << "<h3>" << (g == GroupBy::kAgent ? "Agents" : "Teams") << "</h3>\n";
      if (lb.ranked.empty()) {
        o << "<p class=\"muted\">Nobody has " << lb.min_replies << " replies yet.</p>\n";
      } else {
        double lo = 100;
        for (const LeaderboardRow& r : lb.ranked) lo = std::min(lo, r.stats->ci().low);
        lo = std::min(90.0, std::floor(lo / 10) * 10);
        o << "<table class=\"sortable leaderboard\"><thead><tr><th class=\"n\">Rank</th><th>"
          << (g == GroupBy::kAgent ? "Agent" : "Team") << "</th><th class=\"n\">Replies</th><th class=\"n\">Score</th>"
          << "<th class=\"n\">95% CI</th><th>Interval (" << lo << "–100)</th><th>Note</th></tr></thead><tbody>\n";
        for (size_t i = 0; i < lb.ranked.size(); ++i) {
          const LeaderboardRow& r = lb.ranked[i];
          std::string note;
          if (r.crown && r.tied) {
            note = "shared first place: equal means";
          } else if (r.crown && !lb.clear_leader) {
            note = "not clearly ahead of " + lb.ranked[i + 1].key + " (intervals overlap)";
          } else if (r.above_next) {
            note = "clearly ahead of the next";
          }
          o << "<tr><td class=\"n\" data-v=\"" << r.rank << "\">" << r.rank << (r.tied ? "=" : "")
            << (r.crown ? kCrown : "") << "</td><td>" << Esc(r.key) << "</td><td class=\"n\">" << r.stats->count()
            << "</td><td class=\"n\">" << Num(r.stats->mean()) << "</td><td class=\"n\" data-v=\""
            << Num(r.stats->ci().low) << "\">" << Num(r.stats->ci().low) << "–" << Num(r.stats->ci().high)
            << "</td><td>" << IntervalSvg(*r.stats, lo) << "</td><td class=\"note\">" << Esc(note) << "</td></tr>\n";
        }
        o << "</tbody></table>\n";
      }
      if (!lb.unranked.empty()) {
        o << "<p class=\"note\">Not ranked (fewer than " << lb.min_replies << " replies): ";
        for (size_t i = 0; i < lb.unranked.size(); ++i)
          o << (i ? ", " : "") << Esc(lb.unranked[i].first) << " (" << lb.unranked[i].second << ")";
        o << "</p>\n";
      }
    }
    o << "</section>\n";
  }

  void GroupChart(GroupBy g) {
    const auto& groups = totals_.Groups(g);
    if (groups.empty()) return;
    std::ostream& o = *out_;
    const char* title = g == GroupBy::kAgent     ? "Agents"
                        : g == GroupBy::kTeam    ? "Teams"
                        : g == GroupBy::kChannel ? "Channels"
                                                 : "Conversations";
    o << "<section id=\"" << GroupByName(g) << "s\"><h2>" << title << "</h2>\n";
    // Agents and teams under the leaderboard's minimum stay out of the chart
    // (one reply at 100 would top it) but keep their row in the table.
    const bool ranked = g == GroupBy::kAgent || g == GroupBy::kTeam;
    std::vector<std::pair<std::string, const ScoreStats*>> rows;
    size_t few = 0;
    for (const auto& [key, s] : groups) {
      if (ranked && s.count() < options_.min_replies) {
        ++few;
      } else {
        rows.emplace_back(key, &s);
      }
    }
    std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
      return a.second->score_sum() * static_cast<int64_t>(b.second->count()) >
             b.second->score_sum() * static_cast<int64_t>(a.second->count());
    });
    const size_t shown = std::min<size_t>(rows.size(), 60);
    const int label_w = 170, plot_w = 400, row_h = 22;
    const int h = static_cast<int>(shown) * row_h + 24;
    o << "<svg role=\"img\" aria-label=\"Mean score per " << GroupByName(g) << " with 95% intervals\" width=\""
      << label_w + plot_w + 110 << "\" height=\"" << h << "\" viewBox=\"0 0 " << label_w + plot_w + 110 << ' ' << h
      << "\">\n";
    auto x = [&](double v) { return Num(label_w + plot_w * v / 100); };
    for (int tick = 0; tick <= 100; tick += 25) {
      o << "<line class=\"axis\" x1=\"" << x(tick) << "\" y1=\"0\" x2=\"" << x(tick) << "\" y2=\"" << h - 18
        << "\"/><text x=\"" << x(tick) << "\" y=\"" << h - 4 << "\" text-anchor=\"middle\">" << tick << "</text>\n";
    }
    for (size_t i = 0; i < shown; ++i) {
      const auto& [key, s] = rows[i];
      const int y = static_cast<int>(i) * row_h + 2;
      o << "<g><title>" << Esc(GroupKeyName(key)) << ": " << Num(s->mean()) << " (95% CI " << Num(s->ci().low) << "–"
        << Num(s->ci().high) << "), " << s->count() << " replies</title>";
      o << "<text x=\"" << label_w - 6 << "\" y=\"" << y + 14 << "\" text-anchor=\"end\">"
        << Esc(Clip(GroupKeyName(key), 24)) << "</text>";
      o << "<rect class=\"" << StarClass(s->mean()) << "\" x=\"" << label_w << "\" y=\"" << y + 3 << "\" width=\""
        << Num(plot_w * s->mean() / 100) << "\" height=\"" << row_h - 8 << "\" opacity=\"0.85\"/>";
      const int cy = y + row_h / 2 - 1;
      o << "<line class=\"ci\" x1=\"" << x(s->ci().low) << "\" y1=\"" << cy << "\" x2=\"" << x(s->ci().high)
        << "\" y2=\"" << cy << "\"/>";
      for (double end : {s->ci().low, s->ci().high})
        o << "<line class=\"ci\" x1=\"" << x(end) << "\" y1=\"" << cy - 5 << "\" x2=\"" << x(end) << "\" y2=\""
          << cy + 5 << "\"/>";
      o << "<text x=\"" << label_w + plot_w + 8 << "\" y=\"" << y + 14 << "\">" << Num(s->mean())
        << " · n=" << s->count() << "</text></g>\n";
    }
    o << "</svg>\n";
    if (shown < rows.size())
      o << "<p class=\"note\">The chart shows the " << shown << " best; the table has all.</p>\n";
    if (few)
      o << "<p class=\"note\">Left out of the chart, with fewer than " << options_.min_replies << " replies: " << few
        << "; the table has them.</p>\n";
    std::string column(GroupByName(g));
    column[0] = static_cast<char>(column[0] - 'a' + 'A');
    o << "<table class=\"sortable\"><thead><tr><th>" << column
      << "</th><th class=\"n\">Replies</th><th class=\"n\">Score</th><th class=\"n\">95% CI</th><th "
         "class=\"n\">Stars</th>"
      << "<th class=\"n\">Good</th><th class=\"n\">5★/4★/3★/2★/1★</th><th>Costliest rules (points per reply)</th>"
      << "</tr></thead><tbody>\n";
    for (const auto& [key, s] : groups) {
      const std::string dist = StarCounts(s);
      const std::string costs = CostList(s.Costs(3), " ", ", ", 1);
      o << "<tr><td>" << Esc(GroupKeyName(key)) << "</td><td class=\"n\">" << s.count() << "</td><td class=\"n\">"
        << Num(s.mean()) << "</td><td class=\"n\" data-v=\"" << Num(s.ci().low) << "\">" << Num(s.ci().low) << "–"
        << Num(s.ci().high) << "</td><td class=\"n\">" << Fixed(s.mean_stars(), 2) << "</td><td class=\"n\" data-v=\""
        << Fixed(s.good_share(), 4) << "\">" << Percent(s.good_share(), 0) << "</td><td class=\"n\">" << dist
        << "</td><td>" << Esc(costs) << "</td></tr>\n";
    }
    o << "</tbody></table></section>\n";
  }

  // Mean score per period: everyone and each team as lines of one chart,
  // each agent as a small chart of their own on the same axes; groups under
  // the leaderboard's minimum are left out (and counted), so a single reply
  // cannot draw a line. The figures are in a table below the charts.
  void Trend(const Trends& tr) {
    std::ostream& o = *out_;
    const TrendSeries& all = tr.all();
    o << "<section id=\"trends\"><h2>Trends by " << PeriodName(tr.period()) << "</h2>\n";
    if (all.empty()) {
      o << "<p class=\"muted\">No reported reply has a date.</p></section>\n";
      return;
    }
    std::vector<std::string> periods;
    for (const auto& [period, c] : all) periods.push_back(period);
    double lo = 100;
    size_t teams_out = 0, agents_out = 0;
    const auto teams = TrendKeysShown(tr, GroupBy::kTeam, options_.min_replies, &teams_out);
    const auto agents = TrendKeysShown(tr, GroupBy::kAgent, options_.min_replies, &agents_out);
    for (const TrendSeries* series : {&all}) {
      for (const auto& [p, c] : *series) lo = std::min(lo, c.mean());
    }
    for (const auto& [g, keys] : {std::pair{GroupBy::kTeam, &teams}, std::pair{GroupBy::kAgent, &agents}}) {
      for (const std::string& k : *keys) {
        for (const auto& [p, c] : tr.By(g).at(k)) lo = std::min(lo, c.mean());
      }
    }
    lo = std::max(0.0, std::floor(lo / 10) * 10 - 10);
    static const char* kColors[] = {"#3558a8", "#c62828", "#2e7d32", "#ef6c00",
                                    "#6a1b9a", "#00838f", "#8d6e63", "#ad1457"};
    // Draws `lines` on a chart w×h; labels on the axes when `axes`.
    auto chart = [&](const std::string& label, const std::vector<std::pair<std::string, const TrendSeries*>>& lines,
                     int w, int h, bool axes) {
      const int left = axes ? 40 : 4, right = axes ? 36 : 4, top = 8, bottom = axes ? 24 : 4;
      const double pw = w - left - right, ph = h - top - bottom;
      auto x = [&](size_t i) {
        return Num(left + (periods.size() == 1 ? pw / 2 : pw * static_cast<double>(i) / (periods.size() - 1)));
      };
      auto y = [&](double v) { return Num(top + ph * (100 - v) / (100 - lo)); };
      o << "<svg class=\"trend\" role=\"img\" aria-label=\"" << Esc(label) << "\" width=\"" << w << "\" height=\"" << h
        << "\" viewBox=\"0 0 " << w << ' ' << h << "\"><title>" << Esc(label) << "</title>\n";
      if (axes) {
        for (double tick = lo; tick <= 100; tick += (100 - lo) / 4) {
          o << "<line class=\"axis\" x1=\"" << left << "\" y1=\"" << y(tick) << "\" x2=\"" << w - right << "\" y2=\""
            << y(tick) << "\"/><text x=\"" << left - 4 << "\" y=\"" << y(tick) << "\" dy=\"4\" text-anchor=\"end\">"
            << Num(tick) << "</text>\n";
        }
        const size_t step = std::max<size_t>(1, periods.size() / 8);
        for (size_t i = 0; i < periods.size(); i += step) {
          o << "<text x=\"" << x(i) << "\" y=\"" << h - 6 << "\" text-anchor=\"middle\">" << Esc(periods[i])
            << "</text>\n";
        }
      }
      for (size_t n = 0; n < lines.size(); ++n) {
        const auto& [name, series] = lines[n];
        const char* color = n == 0 && axes ? "#1d2430" : kColors[(n + (axes ? 7 : 0)) % 8];
        std::string path;
        for (size_t i = 0; i < periods.size(); ++i) {
          const auto it = series->find(periods[i]);
          if (it == series->end()) continue;
          path += path.empty() ? "M" : " L";
          path += x(i) + " " + y(it->second.mean());
        }
        o << "<g class=\"series\" data-series=\"" << Esc(name) << "\"><path d=\"" << path
          << "\" fill=\"none\" stroke=\"" << color << "\" stroke-width=\"" << (n == 0 && axes ? 2.5 : 1.8) << "\"/>";
        for (size_t i = 0; i < periods.size(); ++i) {
          const auto it = series->find(periods[i]);
          if (it == series->end()) continue;
          o << "<circle cx=\"" << x(i) << "\" cy=\"" << y(it->second.mean()) << "\" r=\"3\" fill=\"" << color
            << "\"><title>" << Esc(name) << ", " << Esc(periods[i]) << ": " << Num(it->second.mean()) << " ("
            << it->second.replies << (it->second.replies == 1 ? " reply" : " replies") << ")</title></circle>";
        }
        o << "</g>\n";
      }
      o << "</svg>\n";
    };
    std::vector<std::pair<std::string, const TrendSeries*>> lines{{"all", &all}};
    for (const std::string& k : teams) lines.emplace_back("team " + GroupKeyName(k), &tr.By(GroupBy::kTeam).at(k));
    o << "<h3>Everyone and teams</h3>\n<p class=\"legend\">";
    for (size_t n = 0; n < lines.size(); ++n)
      o << "<span><i style=\"background:" << (n == 0 ? "#1d2430" : kColors[(n + 7) % 8]) << "\"></i>"
        << Esc(lines[n].first) << "</span>";
    o << "</p>\n";
    chart("Mean score by " + std::string(PeriodName(tr.period())) + ": everyone and teams", lines, 760, 260, true);
    if (teams_out)
      o << "<p class=\"note\">" << teams_out << (teams_out == 1 ? " team" : " teams") << " with fewer than "
        << options_.min_replies << " dated replies left out.</p>\n";
    o << "<h3>Agents</h3>\n";
    const size_t shown = std::min<size_t>(agents.size(), 60);
    if (agents.empty()) o << "<p class=\"muted\">No agent has " << options_.min_replies << " dated replies.</p>\n";
    if (shown) {
      o << "<table class=\"trend-agents\"><thead><tr><th>Agent</th><th class=\"n\">Dated replies</th><th>Mean score by "
        << PeriodName(tr.period()) << " (" << Esc(periods.front()) << " to " << Esc(periods.back())
        << ")</th><th class=\"n\">Last</th></tr></thead><tbody>\n";
      for (size_t i = 0; i < shown; ++i) {
        const TrendSeries& series = tr.By(GroupBy::kAgent).at(agents[i]);
        size_t n = 0;
        for (const auto& [p, c] : series) n += c.replies;
        o << "<tr><td>" << Esc(GroupKeyName(agents[i])) << "</td><td class=\"n\">" << n << "</td><td>";
        chart("Mean score of " + GroupKeyName(agents[i]) + " by " + std::string(PeriodName(tr.period())),
              {{GroupKeyName(agents[i]), &series}}, 240, 40, false);
        o << "</td><td class=\"n\">" << Num(series.rbegin()->second.mean()) << " <span class=\"muted\">("
          << Esc(series.rbegin()->first) << ")</span></td></tr>\n";
      }
      o << "</tbody></table>\n";
    }
    if (shown < agents.size()) o << "<p class=\"note\">The first " << shown << " agents by name are shown.</p>\n";
    if (agents_out)
      o << "<p class=\"note\">" << agents_out << (agents_out == 1 ? " agent" : " agents") << " with fewer than "
        << options_.min_replies << " dated replies left out.</p>\n";
    if (tr.no_date())
      o << "<p class=\"note\">" << tr.no_date() << (tr.no_date() == 1 ? " reply" : " replies")
        << " without a date left out.</p>\n";
    // The figures behind the charts.
    o << "<details><summary>Figures</summary><table class=\"sortable\"><thead><tr><th>Who</th><th>"
      << PeriodName(tr.period())
      << "</th><th class=\"n\">Replies</th><th class=\"n\">Score</th><th class=\"n\">Stars</th><th "
         "class=\"n\">Failing</th></tr></thead><tbody>\n";
    auto rows = [&](const std::string& who, const TrendSeries& series) {
      for (const auto& [p, c] : series) {
        o << "<tr><td>" << Esc(who) << "</td><td>" << Esc(p) << "</td><td class=\"n\">" << c.replies
          << "</td><td class=\"n\">" << Num(c.mean()) << "</td><td class=\"n\">" << Fixed(c.mean_stars(), 2)
          << "</td><td class=\"n\" data-v=\"" << Fixed(c.failing_share(), 4) << "\">" << Percent(c.failing_share(), 0)
          << "</td></tr>\n";
      }
    };
    rows("all", all);
    for (const std::string& k : teams) rows("team " + GroupKeyName(k), tr.By(GroupBy::kTeam).at(k));
    for (const std::string& k : agents) rows("agent " + GroupKeyName(k), tr.By(GroupBy::kAgent).at(k));
    o << "</tbody></table></details></section>\n";
  }

  // Waits per group, as a sortable table (data-v: seconds, for sorting).
  void Responses() {
    std::ostream& o = *out_;
    o << "<section id=\"response-times\"><h2>Response times</h2>\n<p class=\"note\">"
      << Esc(ResponseCounts(totals_.all_responses()))
      << ". In business hours where a team has a schedule; the 90th percentile is the wait 90% of replies did not "
         "exceed.</p>\n<table class=\"sortable\"><thead><tr><th>Who</th>";
    for (const char* kind : {"First", "Next"}) {
      o << "<th class=\"n\">" << kind << " replies</th><th class=\"n\">Median</th><th class=\"n\">p90</th>"
        << "<th class=\"n\">Within target</th><th class=\"n\">95% CI</th>";
    }
    o << "</tr></thead><tbody>\n";
    auto row = [&](const std::string& who, const ResponseStats& s) {
      o << "<tr><td>" << Esc(who) << "</td>";
      for (const WaitFigures& f : {s.first(), s.next()}) {
        o << "<td class=\"n\">" << f.count << "</td>";
        if (f.count == 0) {
          o << "<td class=\"n\">—</td><td class=\"n\">—</td><td class=\"n\">—</td><td class=\"n\">—</td>";
          continue;
        }
        o << "<td class=\"n\" data-v=\"" << Fixed(f.median, 1) << "\">" << WaitText(f.median)
          << "</td><td class=\"n\" data-v=\"" << Fixed(f.p90, 1) << "\">" << WaitText(f.p90)
          << "</td><td class=\"n\" data-v=\"" << Fixed(f.within_share(), 4) << "\">" << Percent(f.within_share(), 0)
          << "</td><td class=\"n\">" << Percent(f.within_ci().low, 0) << "–" << Percent(f.within_ci().high, 0)
          << "</td>";
      }
      o << "</tr>\n";
    };
    row("all", totals_.all_responses());
    for (GroupBy g : Groups()) {
      for (const auto& [key, s] : totals_.Responses(g)) {
        if (s.judged() > 0) row(std::string(GroupByName(g)) + " " + GroupKeyName(key), s);
      }
    }
    o << "</tbody></table></section>\n";
  }

  void Rules(const ScoreStats& all) {
    const auto& by_rule = totals_.findings_by_rule();
    if (by_rule.empty()) return;
    std::ostream& o = *out_;
    std::vector<std::pair<std::string, size_t>> rows(by_rule.begin(), by_rule.end());
    std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    std::map<std::string, double> cost;
    for (const auto& [rule, points] : all.Costs(SIZE_MAX)) cost[rule] = points;
    o << "<section id=\"rules\"><h2>Rules</h2>\n";
    const int row_h = 22, label_w = 170, plot_w = 380;
    const int h = static_cast<int>(rows.size()) * row_h + 4;
    o << "<svg role=\"img\" aria-label=\"Findings per rule\" width=\"" << label_w + plot_w + 140 << "\" height=\"" << h
      << "\" viewBox=\"0 0 " << label_w + plot_w + 140 << ' ' << h << "\">\n";
    const double peak = static_cast<double>(rows.front().second);
    for (size_t i = 0; i < rows.size(); ++i) {
      const int y = static_cast<int>(i) * row_h + 2;
      const size_t replies =
          totals_.replies_by_rule().count(rows[i].first) ? totals_.replies_by_rule().at(rows[i].first) : 0;
      const double bw = plot_w * static_cast<double>(rows[i].second) / peak;
      o << "<text x=\"" << label_w - 6 << "\" y=\"" << y + 14 << "\" text-anchor=\"end\">" << Esc(rows[i].first)
        << "</text><rect class=\"bar\" x=\"" << label_w << "\" y=\"" << y + 3 << "\" width=\"" << Num(bw)
        << "\" height=\"" << row_h - 8 << "\"/><text x=\"" << Num(label_w + bw + 6) << "\" y=\"" << y + 14 << "\">"
        << rows[i].second << " · " << Percent(static_cast<double>(replies) / static_cast<double>(all.count()), 0)
        << " of replies</text>\n";
    }
    o << "</svg>\n<table class=\"sortable\"><thead><tr><th>Rule</th><th class=\"n\">Findings</th>"
      << "<th class=\"n\">Replies</th><th class=\"n\">Share of replies</th><th class=\"n\">Points lost per reply</th>"
      << "</tr></thead><tbody>\n";
    for (const auto& [rule, n] : by_rule) {
      const size_t replies = totals_.replies_by_rule().count(rule) ? totals_.replies_by_rule().at(rule) : 0;
      o << "<tr><td>" << Esc(rule) << "</td><td class=\"n\">" << n << "</td><td class=\"n\">" << replies
        << "</td><td class=\"n\">" << Percent(static_cast<double>(replies) / static_cast<double>(all.count()), 1)
        << "</td><td class=\"n\">" << Num(cost[rule]) << "</td></tr>\n";
    }
    o << "</tbody></table></section>\n";
  }

  void Goals(const Goal& goal) {
    std::ostream& o = *out_;
    const bool stars = goal.measure == Goal::Measure::kStars;
    const int digits = stars ? 2 : 1;
    o << "<section id=\"goal\"><h2>Goal: " << Esc(GoalText(goal)) << "</h2>\n<table class=\"sortable\"><thead><tr>"
      << "<th>Who</th><th class=\"n\">Replies</th><th class=\"n\">Mean</th><th class=\"n\">95% CI</th>"
      << "<th class=\"n\">Gap</th><th>State</th><th class=\"n\">"
      << (goal.about_response() ? "Within-target replies needed" : "Perfect replies needed") << "</th>";
    if (goal.replies) o << "<th class=\"n\">Replies to go</th><th class=\"n\">Mean they need</th>";
    o << "</tr></thead><tbody>\n";
    auto row = [&](const std::string& who, const GoalProgress& p) {
      o << "<tr><td>" << Esc(who) << "</td><td class=\"n\">" << p.count << "</td><td class=\"n\">"
        << Fixed(p.mean, digits) << "</td><td class=\"n\">" << Fixed(p.ci.low, digits) << "–"
        << Fixed(p.ci.high, digits) << "</td><td class=\"n\">" << (p.gap >= 0 ? "+" : "−")
        << Fixed(std::fabs(p.gap), digits) << "</td><td>" << GoalStateText(p.state) << "</td><td class=\"n\">"
        << (p.perfect_needed ? std::to_string(*p.perfect_needed) : std::string("out of reach")) << "</td>";
      if (goal.replies) {
        o << "<td class=\"n\">" << p.remaining << "</td><td class=\"n\">"
          << (p.remaining == 0 ? std::string("—")
              : !p.reachable   ? "out of reach (" + Fixed(p.needed_mean, digits) + ")"
                               : Fixed(std::max(p.needed_mean, goal.min()), digits))
          << "</td>";
      }
      o << "</tr>\n";
    };
    row("all", Evaluate(goal, totals_));
    size_t few = 0;  // under the leaderboard's minimum: their mean says little yet
    for (GroupBy g : {GroupBy::kTeam, GroupBy::kAgent}) {
      for (const auto& [key, s] : totals_.Groups(g)) {
        if (key.empty()) continue;
        if (s.count() < options_.min_replies) {
          ++few;
          continue;
        }
        row(std::string(GroupByName(g)) + " " + key, Evaluate(goal, totals_, g, key));
      }
    }
    o << "</tbody></table>\n";
    if (few)
      o << "<p class=\"note\">Teams and agents with fewer than " << options_.min_replies << " replies left out: " << few
        << ".</p>\n";
    o << "</section>\n";
  }

  // One reply in full: who, where, its score, the customer's message, the
  // text with every finding's span marked, and the findings listed.
  void Article(const KeptReply& k) {
    std::ostream& o = *out_;
    const MessageResult& r = k.result;
    o << "<article class=\"reply\"><header><b>" << Esc(k.conversation) << " #" << r.message << "</b><span>"
      << Esc(GroupKeyName(k.agent)) << "</span><span class=\"muted\">" << Esc(k.team) << " · " << Esc(k.channel);
    if (!k.at.empty()) o << " · " << Esc(k.at);
    o << "</span><span>score " << r.score << " " << StarsBar(r.stars) << (r.critical ? " · critical" : "")
      << "</span></header>\n";
    if (!k.context.empty()) o << "<pre class=\"text context\">" << Esc(Clip(k.context, 600)) << "</pre>\n";
    o << "<pre class=\"text reply-text\">" << HighlightSpans(k.text, r.findings) << "</pre>\n<ol class=\"findings\">\n";
    LineColumnCursor where(k.text);
    for (const Finding& f : r.findings) {
      o << "<li><span class=\"sev " << SeverityName(f.severity) << "\">" << SeverityName(f.severity) << "</span> <b>"
        << Esc(f.rule) << "</b> ";
      if (!f.field.empty()) {
        o << "<span class=\"muted\">" << Esc(f.field) << ":</span> ";
      } else {
        const LineColumn lc = where.At(f.start);
        o << "<span class=\"muted\">" << lc.line << ':' << lc.column << "</span> ";
      }
      o << Esc(f.message_text);
      if (!f.text.empty()) o << " «" << Esc(Clip(OneLine(f.text), 80)) << "»";
      if (!f.suggestion.empty()) o << "<br><span class=\"fix\">→ " << Esc(f.suggestion) << "</span>";
      o << "</li>\n";
    }
    o << "</ol></article>\n";
  }

  void Worst() {
    if (worst_.empty()) return;
    *out_ << "<section id=\"worst\"><h2>The " << worst_.size() << " worst replies</h2>\n";
    for (const KeptReply& k : worst_) Article(k);
    *out_ << "</section>\n";
  }

  // Every agent, a drill-down to their replies with findings (the worst
  // `drill`), closed until opened; works without the script.
  void Drill() {
    if (options_.drill == 0) return;
    std::ostream& o = *out_;
    o << "<section id=\"drill\"><h2>Agents' replies</h2>\n<p class=\"muted\">Each agent's replies with findings, "
         "worst first (at most "
      << options_.drill << " an agent; --drill). Open an agent to read them.</p>\n";
    for (const auto& [agent, s] : totals_.Groups(GroupBy::kAgent)) {
      const auto it = drill_.find(agent);
      const size_t with = it == drill_.end() ? 0 : it->second.with_findings;
      o << "<details class=\"agent\" data-agent=\"" << Esc(agent) << "\"><summary><b>" << Esc(GroupKeyName(agent))
        << "</b> — " << s.count() << (s.count() == 1 ? " reply" : " replies") << ", mean score " << Num(s.mean())
        << ", " << with << " with findings</summary>\n";
      if (it == drill_.end()) {
        o << "<p class=\"muted\">No findings.</p>\n";
      } else {
        for (const KeptReply& k : it->second.replies) Article(k);
        if (with > it->second.replies.size())
          o << "<p class=\"note\">and " << with - it->second.replies.size() << " more with findings.</p>\n";
      }
      o << "</details>\n";
    }
    o << "</section>\n";
  }

  size_t next_ordinal_ = 0;
  std::array<size_t, 11> histogram_{};
  std::vector<KeptReply> worst_;  // worst first
  struct Drilled {
    size_t with_findings = 0;        // the agent's replies with findings
    std::vector<KeptReply> replies;  // the worst of them, worst first (options_.drill)
  };
  std::map<std::string, Drilled> drill_;  // by agent
};

}  // namespace

// One sweep over the span ends keeps the findings over the current segment,
// so the cost is linear in the findings (a reply with thousands of spelling
// findings); a segment names at most kMaxTitles of them in its tooltip.
std::string HighlightSpans(const std::string& text, const std::vector<Finding>& findings) {
  constexpr size_t kMaxTitles = 8;
  std::vector<std::pair<size_t, size_t>> starts, ends;  // (offset, finding)
  for (size_t i = 0; i < findings.size(); ++i) {
    const Finding& f = findings[i];
    if (!f.field.empty() || f.end <= f.start || f.end > text.size()) continue;
    starts.emplace_back(f.start, i);
    ends.emplace_back(f.end, i);
  }
  std::sort(starts.begin(), starts.end());
  std::sort(ends.begin(), ends.end());
  std::set<size_t> over;  // findings covering the current segment, in report order
  std::array<size_t, 3> by_severity{};
  auto severity = [&](size_t i) { return static_cast<size_t>(findings[i].severity); };
  std::string out;
  size_t s = 0, e = 0, at = 0;
  while (at < text.size()) {
    for (; e < ends.size() && ends[e].first == at; ++e) {
      over.erase(ends[e].second);
      --by_severity[severity(ends[e].second)];
    }
    for (; s < starts.size() && starts[s].first == at; ++s) {
      over.insert(starts[s].second);
      ++by_severity[severity(starts[s].second)];
    }
    size_t next = text.size();
    if (s < starts.size()) next = std::min(next, starts[s].first);
    if (e < ends.size()) next = std::min(next, ends[e].first);
    const std::string piece = Esc(std::string_view(text).substr(at, next - at));
    at = next;
    if (over.empty()) {
      out += piece;
      continue;
    }
    Severity worst = Severity::kSuggestion;
    for (size_t k = 0; k < by_severity.size(); ++k) {
      if (by_severity[k] > 0) worst = std::max(worst, static_cast<Severity>(k));
    }
    std::vector<std::string> titles, refs;
    for (size_t i : over) {
      if (refs.size() == kMaxTitles) {
        titles.push_back("… " + std::to_string(over.size() - kMaxTitles) + " more");
        break;
      }
      titles.push_back("[" + findings[i].rule + "] " + findings[i].message_text);
      refs.push_back(std::to_string(i + 1));
    }
    out += "<mark class=\"" + std::string(SeverityName(worst)) + "\" data-findings=\"" + Join(refs, " ") +
           "\" title=\"" + Esc(Join(titles, "\n")) + "\">" + piece + "</mark>";
  }
  return out;
}

std::unique_ptr<AuditReport> MakeHtmlReport(std::ostream* out, std::ostream* err, const ReportOptions& o) {
  return std::unique_ptr<AuditReport>(new HtmlReport(out, err, o));
}

}  // namespace replylint
