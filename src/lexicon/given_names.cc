#include "lexicon/given_names.h"

#include <cstdio>
#include <cstdlib>

#include "rules/rule_spec.h"
#include "text/message_text.h"

namespace replylint {
namespace {

std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  size_t start = 0;
  for (;;) {
    const size_t p = s.find(sep, start);
    out.push_back(s.substr(start, p == std::string_view::npos ? std::string_view::npos : p - start));
    if (p == std::string_view::npos) break;
    start = p + 1;
  }
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

Status ParseTsv(std::string_view tsv, Lang lang, const char* file, std::vector<NameEntry>* out) {
  size_t line_no = 0;
  for (std::string_view line : Split(tsv, '\n')) {
    ++line_no;
    line = Trim(line);
    if (line.empty() || line_no == 1 || line.front() == '#') continue;  // header, comments
    const auto fields = Split(line, '\t');
    if (fields.size() != 4) {
      return Status::InvalidArgument(std::string(file) + ":" + std::to_string(line_no) +
                                     ": expected 4 tab-separated fields");
    }
    NameEntry e;
    e.full = std::string(Trim(fields[0]));
    e.lang = lang;
    const std::string_view g = Trim(fields[1]);
    e.gender = g == "m" ? Gender::kMale : g == "f" ? Gender::kFemale : Gender::kUnknown;
    for (auto f : Split(fields[2], ',')) {
      if (!Trim(f).empty()) e.short_forms.emplace_back(Trim(f));
    }
    for (auto f : Split(fields[3], ',')) {
      if (!Trim(f).empty()) e.translit.emplace_back(Trim(f));
    }
    out->push_back(std::move(e));
  }
  return Status::Ok();
}

}  // namespace

StatusOr<GivenNames> GivenNames::Parse(std::string_view ru_tsv, std::string_view en_tsv) {
  GivenNames names;
  if (Status st = ParseTsv(ru_tsv, Lang::kRu, "dictionaries/names-ru.tsv", &names.entries_); !st.ok()) return st;
  if (Status st = ParseTsv(en_tsv, Lang::kEn, "dictionaries/names-en.tsv", &names.entries_); !st.ok()) return st;
  for (const NameEntry& e : names.entries_) {
    auto add = [&](const std::string& form) {
      auto& list = names.index_[FoldForMatch(form)];
      if (list.empty() || list.back() != &e) list.push_back(&e);
    };
    add(e.full);
    for (const auto& s : e.short_forms) add(s);
    for (const auto& t : e.translit) add(t);
  }
  return names;
}

const GivenNames& GivenNames::Instance() {
  static const GivenNames* instance = [] {
    auto ru = ReadDataFile("", "dictionaries/names-ru.tsv");
    auto en = ReadDataFile("", "dictionaries/names-en.tsv");
    StatusOr<GivenNames> parsed =
        ru.ok() && en.ok() ? GivenNames::Parse(*ru, *en) : StatusOr<GivenNames>(ru.ok() ? en.status() : ru.status());
    if (!parsed.ok()) {
      std::fprintf(stderr, "replylint: broken built-in name dictionary: %s\n", parsed.status().message().c_str());
      std::abort();
    }
    return new GivenNames(std::move(*parsed));
  }();
  return *instance;
}

const std::vector<const NameEntry*>& GivenNames::Lookup(std::string_view folded) const {
  static const std::vector<const NameEntry*> kNone;
  auto it = index_.find(std::string(folded));
  return it == index_.end() ? kNone : it->second;
}

}  // namespace replylint
