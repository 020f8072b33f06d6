#include "lint/draft.h"

#include <string>
#include <utility>

#include "lint/suppress.h"

namespace replylint {

DraftResult CheckDraft(const Engine& engine, Worker* worker, Conversation* c) {
  std::string& text = c->messages.back().text;
  std::string written = text;
  BlankDirectives(&text);
  DraftResult out;
  out.result = engine.Analyze(*c, worker);
  text = std::move(written);  // reports show the draft as written
  MessageResult& r = out.result.replies.back();
  out.suppressed = SuppressInText(text, &r.findings);
  if (out.suppressed > 0) engine.Score(c->channel, &r);
  return out;
}

}  // namespace replylint
