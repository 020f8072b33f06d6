// Checking one draft reply before it is sent (`check`, `serve`): the draft is
// the conversation's last message, an agent's, and the directives written in
// it (`<!-- replylint-disable-next-line stock-phrase -->`, lint/suppress.h)
// are honoured: the checks read blanks in their place (offsets unchanged),
// and the findings a directive accepts are left out and counted.
// Thread-safety: as Engine::Analyze (one Worker per thread).
#ifndef REPLYLINT_LINT_DRAFT_H_
#define REPLYLINT_LINT_DRAFT_H_

#include <cstddef>

#include "replylint/engine.h"

namespace replylint {

struct DraftResult {
  ConversationResult result;  // result.replies.back() is the draft's
  size_t suppressed = 0;      // findings accepted by a directive in the draft
};

// REQUIRES: c->messages.back() is the draft, as written. The draft's text is
// blanked for the checks and put back before returning.
DraftResult CheckDraft(const Engine& engine, Worker* worker, Conversation* c);

}  // namespace replylint

#endif  // REPLYLINT_LINT_DRAFT_H_
