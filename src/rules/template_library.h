// A team's reply-template library (contract §2): YAML files holding one
// template or a list under `templates:`, and Markdown files with YAML front
// matter whose body is the text after the front matter.
//
// Pipeline position: input, like ingest, but YAML-based (so it lives with
// the other yaml-cpp code). Every template keeps where its body sits in its
// file, so findings can point at file:line:col.
// Thread-safety: plain values.
#ifndef REPLYLINT_RULES_TEMPLATE_LIBRARY_H_
#define REPLYLINT_RULES_TEMPLATE_LIBRARY_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "replylint/model.h"
#include "replylint/status.h"

namespace replylint {

struct ReplyTemplate {
  std::string file;
  std::string id;
  std::optional<Lang> lang;
  Channel channel = Channel::kEmail;
  std::string from;
  std::string subject;
  std::string body;
  // Where body line k starts in the file: body_lines[k] is the 1-based file
  // line, body_columns[k] the 1-based column (in code points) of its first
  // character. Folded or quoted YAML scalars map every line to the scalar's
  // start (the best the file allows).
  std::vector<size_t> body_lines;
  std::vector<size_t> body_columns;
  size_t line = 1;       // where the template starts, for findings about it as a whole
  size_t from_line = 0;  // where its `from` value is (0: no `from`)
  size_t from_column = 0;
};

// A template file larger than this is refused (a library holds hundreds of
// templates in a fraction of it).
inline constexpr size_t kMaxTemplateFileBytes = size_t{16} << 20;

// Reads one template file (.yaml, .yml, .md, .markdown). Errors name
// file:line:col: a file that is not UTF-8 text, not YAML (or Markdown with
// YAML front matter), or not templates.
StatusOr<std::vector<ReplyTemplate>> ReadTemplateFile(const std::string& path);
// The same for a file's contents in memory; `path` names it and its
// extension picks YAML or Markdown.
StatusOr<std::vector<ReplyTemplate>> ParseTemplateText(std::string text, const std::string& path);

// A second template with an id already used in `templates` (ids name
// templates in reports and in messages' `template` key, so they must be
// unique in a library): "file:line: duplicate template id ..." for each.
std::vector<std::string> DuplicateTemplateIds(const std::vector<ReplyTemplate>& templates);

// Expands files and directories (recursively, sorted) into template files.
// A subdirectory that cannot be listed fails the call, unless `problems` is
// given: then it is named there ("path: why") and the rest is still walked.
StatusOr<std::vector<std::string>> FindTemplateFiles(const std::vector<std::string>& paths,
                                                     std::vector<std::string>* problems = nullptr);

// Which files of an ordinary repository (a README, CI workflows, hidden
// folders next to the templates) lint-templates reads. With no `include`
// globs, a YAML or Markdown file is a template when it sits under a folder
// named `templates` or its content says so (YAML with `templates:` or `body:`
// at the top level, Markdown whose front matter has an `id:`); `include`
// globs replace that test. `exclude` globs (a file or a folder it is in) win
// over both. Hidden folders are never walked, files named explicitly always
// looked at.
struct TemplateSelection {
  std::vector<std::string> include;
  std::vector<std::string> exclude;
};

struct TemplateFileSet {
  std::vector<std::string> files;     // to lint, in the order given (folders sorted)
  std::vector<std::string> skipped;   // YAML or Markdown that is not a template
  std::vector<std::string> problems;  // folders that could not be listed ("path: why")
};

StatusOr<TemplateFileSet> SelectTemplateFiles(const std::vector<std::string>& paths, const TemplateSelection& sel);

// Whether a YAML or Markdown file's text is a template (see TemplateSelection).
bool LooksLikeTemplate(std::string_view text, const std::string& path);

}  // namespace replylint

#endif  // REPLYLINT_RULES_TEMPLATE_LIBRARY_H_
