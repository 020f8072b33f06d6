// chat-length: a chat message that does not fit one phone screen (seed 001:
// a wall of text floods the chat).
//
// Minimal configuration (rules/chat-length.yaml):
//   channels: [chat]
//   params:
//     max_lines: 14   # visual lines on one screen
//     columns: 38     # characters per visual line
#include "checks/check.h"

namespace replylint {
namespace {

class ChatLengthCheck : public Check {
 public:
  ChatLengthCheck(const RuleSpec& spec, size_t max_lines, size_t columns)
      : Check(spec), max_lines_(max_lines), columns_(columns) {}

  void Run(const MessageContext& ctx, std::vector<Finding>* out) const override {
    const MessageText& t = ctx.text();
    const std::string& text = t.text();
    // Trailing blank lines are not shown by messengers.
    size_t last = t.lines().size();
    while (last > 1 && t.Slice(t.lines()[last - 1]).find_first_not_of(" \t\r") == std::string_view::npos) --last;
    if (FitsForSure(t, last)) return;
    size_t visual = 0;
    size_t overflow_at = text.size();  // where the first line that does not fit starts
    for (size_t i = 0; i < last; ++i) {
      const Span line = t.lines()[i];
      std::string_view s = t.Slice(line);
      if (!s.empty() && s.back() == '\r') s.remove_suffix(1);
      for (size_t start : ctx.segmenter.Wrap(s, columns_)) {
        if (++visual == max_lines_ + 1) overflow_at = line.start + start;
      }
    }
    if (visual <= max_lines_) return;
    size_t end = t.lines()[last - 1].end;
    if (end > overflow_at && text[end - 1] == '\r') --end;
    Finding f = Make(ctx, {overflow_at, end}, "too_long", "too_long",
                     {{"lines", std::to_string(visual)},
                      {"max_lines", std::to_string(max_lines_)},
                      {"columns", std::to_string(columns_)}});
    out->push_back(std::move(f));
  }

 private:
  // True when the first `last` lines fit the screen whatever ICU's line
  // breaking says, so most messages need no line-break iterator (see
  // Segmenter::MaxVisualLines).
  bool FitsForSure(const MessageText& t, size_t last) const {
    size_t bound = 0;
    for (size_t i = 0; i < last && bound <= max_lines_; ++i) {
      std::string_view s = t.Slice(t.lines()[i]);
      if (!s.empty() && s.back() == '\r') s.remove_suffix(1);
      const size_t lines = Segmenter::MaxVisualLines(s, columns_);
      if (lines == std::string_view::npos) return false;
      bound += lines;
    }
    return bound <= max_lines_;
  }

  size_t max_lines_;
  size_t columns_;
};

}  // namespace

StatusOr<std::unique_ptr<Check>> MakeChatLengthCheck(const RuleSpec& spec) {
  if (Status st = RequireTexts(spec, {"too_long"}, {"too_long"}); !st.ok()) return st;
  ParamReader params(spec);
  auto max_lines = params.Int("max_lines", 1, 1000);
  if (!max_lines.ok()) return max_lines.status();
  auto columns = params.Int("columns", 10, 1000);
  if (!columns.ok()) return columns.status();
  if (Status st = params.Finish(); !st.ok()) return st;
  return std::unique_ptr<Check>(
      new ChatLengthCheck(spec, static_cast<size_t>(*max_lines), static_cast<size_t>(*columns)));
}

}  // namespace replylint
