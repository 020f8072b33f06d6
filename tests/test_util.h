// Helpers shared by the tests: an engine with the built-in rules, and
// conversations built in code.
#ifndef REPLYLINT_TESTS_TEST_UTIL_H_
#define REPLYLINT_TESTS_TEST_UTIL_H_

#include <string>
#include <vector>

#include "replylint/engine.h"

namespace replylint::testing {

// The engine with the built-in rules and no user configuration.
const Engine& DefaultEngine();
// A worker of DefaultEngine() shared by the tests (single-threaded).
Worker* DefaultWorker();

struct Turn {
  Role role;
  std::string text;
};

// A conversation whose last message is the agent reply under test.
Conversation MakeConversation(Channel channel, const std::string& customer_name, const std::vector<Turn>& turns,
                              const std::string& from = "", const std::string& author = "");

// Rule ids found on the last agent message, sorted.
std::vector<std::string> RulesOnLastReply(const Conversation& c);
// Findings of one rule on the last agent message.
std::vector<Finding> FindingsOf(const Conversation& c, const std::string& rule);

// Writes `text` to a fresh temporary file and returns its path.
std::string TempFile(const std::string& name, const std::string& text);

}  // namespace replylint::testing

#endif  // REPLYLINT_TESTS_TEST_UTIL_H_
