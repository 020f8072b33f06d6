// The team's reply-template library as an index of word shingles, to measure
// how much of a reply is template text (template-overuse, contract §3).
//
// A template's words are reduced to Snowball stems, so a template reworded by
// inflection still matches («ваш заказ передан» / «ваши заказы переданы»), and
// cut into shingles of kShingle consecutive stems; a placeholder is a gap no
// shingle spans, so the customer's name or order number filled into it never
// counts as template text.
//
// Pipeline position: built once by the engine from the configured library
// (`templates:` or --templates); the template-overuse check asks it which
// words of a reply a template covers.
// Build once, match many: Add() every template, then Cover() any number of
// times. Thread-safety: Cover() is const and thread-safe; Add() is not.
#ifndef REPLYLINT_ANALYSIS_TEMPLATE_INDEX_H_
#define REPLYLINT_ANALYSIS_TEMPLATE_INDEX_H_

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "text/message_text.h"
#include "text/tokens.h"

namespace replylint {

class TemplateIndex {
 public:
  static constexpr size_t kShingle = 3;

  struct Coverage {
    std::vector<bool> covered;  // per reply token: inside a shingle some template shares
    size_t best = 0;            // index of the template sharing the most shingles (when any)
    size_t best_shingles = 0;   // how many it shares; 0: none
  };

  // Adds a template. `tokens` are Tokenize() of `folded`; a token for which
  // `is_slot` is true (a placeholder's words) breaks the shingles.
  void Add(std::string name, const std::string& folded, const std::vector<Token>& tokens,
           const std::vector<bool>& is_slot);

  Coverage Cover(const std::string& folded, const std::vector<Token>& tokens) const;

  bool empty() const { return names_.empty(); }
  size_t size() const { return names_.size(); }
  // "id (file)" of template `i`, for findings.
  const std::string& name(size_t i) const { return names_[i]; }

 private:
  std::vector<std::string> names_;
  // Shingle hash -> the templates that contain it (each listed once).
  std::unordered_map<uint64_t, std::vector<uint32_t>> shingles_;
};

// The stems of tokens, in order (numbers and codes as written).
std::vector<std::string> TokenStems(const std::string& folded, const std::vector<Token>& tokens);

}  // namespace replylint

#endif  // REPLYLINT_ANALYSIS_TEMPLATE_INDEX_H_
